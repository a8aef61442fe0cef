package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watch starts watching content/, data/ and layouts/ (and the source folder,
// to see them appear). After each change it waits for opts.Debounce of quiet
// (an editor's save is often several writes), then asks for a rebuild.
func (s *Server) watch(ctx context.Context) error {
	root, err := filepath.Abs(s.opts.Source)
	if err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("surveillance des fichiers impossible : %w", err)
	}
	if err := w.Add(root); err != nil {
		w.Close()
		return fmt.Errorf("surveillance de %s impossible : %w", s.opts.Source, err)
	}
	for _, d := range watchedDirs {
		s.addTree(w, filepath.Join(root, d))
	}
	go func() {
		defer w.Close()
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !s.relevant(root, ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
						s.addTree(w, ev.Name) // a new folder: watch it and what it holds
					}
				}
				s.noteChange()
				timer.Reset(s.opts.Debounce)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				fmt.Fprintf(s.opts.Log, "surveillance des fichiers : %v ; en cas de doute, relancez spaser serve.\n", err)
				timer.Reset(s.opts.Debounce) // events may have been lost: rebuild to be safe
			case <-timer.C:
				s.requestBuild()
			}
		}
	}()
	return nil
}

// addTree watches dir and every folder below it (fsnotify watches one
// folder at a time). A folder that does not exist is skipped.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && ignored(p) {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			fmt.Fprintf(s.opts.Log, "surveillance de %s impossible : %v ; ses modifications ne seront pas vues.\n", p, err)
		}
		return nil
	})
}
