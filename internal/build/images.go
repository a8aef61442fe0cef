package build

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/echarts"
	"spaser/internal/picture"
)

// images are the image files of the content. Their headers are read as
// the site loads, so that the pages give each image its published size;
// the JPEG and PNG ones are then reduced and compressed (picture.Publish)
// while the bodies convert and the pages render, and written in their
// place.
type images struct {
	info     map[string]imageHeader // by path from content/
	out      map[string][]byte      // what to publish instead of the file, once done is closed
	done     chan struct{}          // nil when nothing is reduced (spaser check)
	problems diag.List
}

// start reduces the images in the background.
func (im *images) start(fsys fs.FS, cache picture.Cache, workers int) {
	im.done = make(chan struct{})
	go func() {
		defer close(im.done)
		im.publish(fsys, cache, workers, &im.problems)
	}()
}

// wait waits until the images are reduced, and reports their problems to
// l. Without start, it returns at once: the files are copied as they are.
// A nil im (no site loaded) has no images.
func (im *images) wait(l *diag.List) {
	if im == nil || im.done == nil {
		return
	}
	<-im.done
	l.Merge(&im.problems)
}

type imageHeader struct {
	picture.Info
	err error // the file cannot be published: said where a page shows it
}

// inspectImages reads the header of every image file of the content. A
// file that cannot be read is left to the copy, which reports it.
func inspectImages(fsys fs.FS, files []string) *images {
	im := &images{info: map[string]imageHeader{}}
	for _, rel := range files {
		if !picture.Is(rel) {
			continue
		}
		f, err := fsys.Open(path.Join(content.Dir, rel))
		if err != nil {
			continue
		}
		info, err := picture.Inspect(rel, f)
		f.Close()
		im.info[rel] = imageHeader{info, err}
	}
	return im
}

// size is the published size of the image rel, or why it cannot be
// published (site.Site.Image).
func (im *images) size(rel string) (w, h int, err error) {
	hd, ok := im.info[rel]
	if !ok || hd.err != nil {
		return 0, 0, hd.err
	}
	w, h = hd.Out()
	return w, h, nil
}

// publish makes the published bytes of every JPEG and PNG image with a
// readable header, on workers goroutines, through cache. A damaged image
// is reported at its file.
func (im *images) publish(fsys fs.FS, cache picture.Cache, workers int, l *diag.List) {
	var todo []string
	for rel, hd := range im.info {
		if hd.err == nil && (hd.Format == "jpeg" || hd.Format == "png") {
			todo = append(todo, rel)
		}
	}
	slices.Sort(todo)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	im.out = make(map[string][]byte, len(todo))
	var mu sync.Mutex
	var wg sync.WaitGroup
	jobs := make(chan string)
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rel := range jobs {
				b, err := publishImage(fsys, rel, cache)
				mu.Lock()
				if err != nil {
					reportImage(l, rel, err)
				} else if b != nil {
					im.out[rel] = b
				}
				mu.Unlock()
			}
		}()
	}
	for _, rel := range todo {
		jobs <- rel
	}
	close(jobs)
	wg.Wait()
}

// publishImage reads the image rel and returns its published bytes; nil
// when it cannot be read (the copy reports it) or a panic of a decoder.
func publishImage(fsys fs.FS, rel string, cache picture.Cache) (out []byte, err error) {
	data, err := fs.ReadFile(fsys, path.Join(content.Dir, rel))
	if err != nil {
		return nil, nil
	}
	err = safely(func() error {
		out, err = cache.Publish(rel, data)
		return err
	})
	return out, err
}

// reportImage reports the image rel that cannot be published.
func reportImage(l *diag.List, rel string, err error) {
	at := diag.Pos{File: path.Join(content.Dir, rel)}
	var pe *picture.Error
	if errors.As(err, &pe) {
		l.Errorf(at, pe.Hint, "%s", pe.Msg)
		return
	}
	l.Errorf(at, "Le fichier est peut-être en cause : signalez l'erreur avec ce fichier à l'équipe technique.", "image : %v", err)
}

// defaultImages is the cache of the builds that name none: images/ in the
// charts' cache folder (SPASER_CACHE_DIR, or spaser/ in the user's).
var defaultImages = &picture.Cache{Dir: filepath.Join(echarts.CacheRoot(), "images")}
