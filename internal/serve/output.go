package serve

import (
	"bytes"
	"io"
	"sync"

	"spaser/internal/build"
	"spaser/internal/diag"
	"spaser/internal/site"
)

// output is a good build as the preview serves it. As soon as the site is
// prepared, its pages can be rendered one at a time on request, so that the
// page an editor looks at reloads without waiting for the rest of the site;
// meanwhile the server writes the whole site into memory (complete), and
// from then on the files answer every request.
type output struct {
	ld     *build.Loaded
	pages  map[string]*site.Page // by file name in the site ("axes/index.html")
	assets map[string][]byte     // the layouts' assets, ready from the start
	done   chan struct{}         // closed once complete has run
	wanted chan struct{}         // closed when a request waits for complete
	want   sync.Once
	files  map[string][]byte // the whole site, set before done is closed; nil if complete failed

	mu       sync.Mutex
	rendered map[string][]byte // pages rendered on request before done
}

func newOutput(ld *build.Loaded) *output {
	o := &output{
		ld: ld, pages: make(map[string]*site.Page, len(ld.Site.Pages)), assets: map[string][]byte{},
		done: make(chan struct{}), wanted: make(chan struct{}), rendered: map[string][]byte{},
	}
	for _, p := range ld.Site.Pages {
		o.pages[build.PageFile(p)] = p
	}
	for _, a := range ld.Templates.Assets {
		o.assets[a.Out] = a.Data
	}
	return o
}

// complete writes the whole site into memory. Problems of the content go
// to l; the error is any other failure.
func (o *output) complete(l *diag.List) error {
	mem := &memSink{files: map[string][]byte{}}
	if _, err := o.ld.Write(mem, 0, l); err != nil {
		return err
	}
	if !l.HasErrors() {
		o.files = mem.files
	}
	return nil
}

// lookup returns the file name of the site. pending means that only the
// complete site can tell: wait for done, then ask the latest state, which
// holds the complete site or, if writing it failed, the errors.
func (o *output) lookup(name string) (data []byte, ok, pending bool) {
	select {
	case <-o.done:
		data, ok = o.files[name]
		return data, ok, o.files == nil
	default:
	}
	if b, found := o.assets[name]; found {
		return b, true, false
	}
	if p := o.pages[name]; p != nil {
		if b, err := o.page(name, p); err == nil {
			return b, true, false
		}
		// A layout failed: writing the whole site meets the error too and
		// shows it.
	}
	// Not a page (the search index, open data, a copied file…), or a page
	// that failed: the whole site is needed now.
	o.want.Do(func() { close(o.wanted) })
	return nil, false, true
}

// page renders p once.
func (o *output) page(name string, p *site.Page) ([]byte, error) {
	o.mu.Lock()
	b, ok := o.rendered[name]
	o.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := o.ld.Templates.Page(o.ld.Site, o.ld.Built, p)
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	o.rendered[name] = b
	o.mu.Unlock()
	return b, nil
}

// memSink keeps a build in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) WriteFile(name string, data []byte) error {
	data = bytes.Clone(data) // the build reuses it
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

func (m *memSink) Copy(name string, r io.Reader) error {
	b, err := io.ReadAll(r) // already a copy of its own
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = b
	m.mu.Unlock()
	return nil
}
