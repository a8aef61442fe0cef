// Package serve is the editors' preview: `spaser serve` builds the site in
// memory, serves it on 127.0.0.1, rebuilds it when a file under content/,
// data/ or layouts/ changes, and makes the open page reload itself. When the
// content has errors, every page shows them (message, file:line, the lines
// around) over the last good version, until the file is fixed.
//
// The preview adds to each HTML page, as it is served, a stylesheet and an
// external script under /__spaser/; the built site itself never contains
// them, so it stays valid under a strict Content-Security-Policy.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"spaser/internal/build"
	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/echarts"
	"spaser/internal/publish"
)

// Options say what to preview.
type Options struct {
	Source   string            // the site's folder
	BaseURL  string            // the base path of the preview; default "/"
	Dest     string            // if set, each good build is also published there
	Defaults fs.FS             // the default layouts (spaser.Layouts)
	Debounce time.Duration     // quiet time after a change before rebuilding; default 10 ms
	Log      io.Writer         // the terminal; default io.Discard
	Charts   *echarts.Renderer // draws the charts, for every build; default echarts.New()
}

// Server is a running preview.
type Server struct {
	opts    Options
	base    string // base path, with a trailing slash
	session string // tells this run's builds apart from a previous run's

	state   atomic.Pointer[state]
	trigger chan struct{} // a rebuild is wanted; capacity 1, so never lost
	gen     atomic.Uint64

	mu   sync.Mutex
	subs map[chan struct{}]struct{} // open pages waiting for the next build
	done chan struct{}              // closed when the server stops

	beforeBuild func(gen uint64) // test hook
}

// state is the result of the latest build.
type state struct {
	gen      uint64
	files    map[string][]byte // the last good site (kept when a build fails)
	errs     []problem         // the latest build's errors; nil when it succeeded
	warnings int
	pages    int
	took     time.Duration
}

// problem is an error with the lines of its file around it.
type problem struct {
	diag.Diagnostic
	Excerpt []excerptLine
}

// New prepares a preview; nothing is built until Rebuild or Serve.
func New(opts Options) (*Server, error) {
	if opts.BaseURL == "" {
		opts.BaseURL = "/"
	}
	u, err := config.ParseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("--base-url %q invalide : %v", opts.BaseURL, err)
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 10 * time.Millisecond // an editor's save is a burst of events within a few ms
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Charts == nil {
		opts.Charts = echarts.New() // one for every build: its cache spares redrawing
	}
	s := &Server{
		opts: opts, base: u.Path, session: fmt.Sprintf("%x", time.Now().UnixNano()),
		trigger: make(chan struct{}, 1), subs: map[chan struct{}]struct{}{}, done: make(chan struct{}),
	}
	s.state.Store(&state{})
	return s, nil
}

// BasePath is the path under which the site is served ("/" by default).
func (s *Server) BasePath() string { return s.base }

// Rebuild builds the site now and tells the open pages to reload.
func (s *Server) Rebuild() {
	gen := s.gen.Add(1)
	if s.beforeBuild != nil {
		s.beforeBuild(gen)
	}
	start := time.Now()
	prev := s.state.Load()
	next := &state{gen: gen, files: prev.files}
	files, res, items, err := s.build()
	next.took = time.Since(start)
	switch {
	case err != nil:
		next.errs = []problem{{Diagnostic: diag.Diagnostic{File: "", Msg: err.Error(), Hint: "Vérifiez le dossier du site (--source) et relancez spaser serve."}}}
	case files == nil:
		next.errs = s.problems(items)
	default:
		next.files, next.pages = files, res.Pages
	}
	for _, d := range items {
		if d.Severity == diag.Warning {
			next.warnings++
		}
	}
	s.state.Store(next)
	s.report(next, items)
	s.notify()
}

// build runs the shared pipeline into memory. files is nil when the content
// has errors, listed in items.
func (s *Server) build() (files map[string][]byte, res *build.Result, items []diag.Diagnostic, err error) {
	defer func() {
		// The preview outlives any build: a bug shows in the page, and the
		// next save tries again.
		if r := recover(); r != nil {
			files, res, items, err = nil, nil, nil, fmt.Errorf("erreur interne du générateur (%v) : signalez-la à l'équipe technique", r)
		}
	}()
	ld, l, err := build.Prepare(build.Options{Source: s.opts.Source, BaseURL: s.base, Defaults: s.opts.Defaults, Charts: s.opts.Charts})
	if err != nil {
		return nil, nil, nil, err
	}
	if l.HasErrors() {
		return nil, nil, l.Items(), nil
	}
	mem := &memSink{files: map[string][]byte{}}
	res, err = ld.Write(mem, 0, l)
	if err != nil {
		return nil, nil, nil, err
	}
	if l.HasErrors() {
		return nil, nil, l.Items(), nil
	}
	if s.opts.Dest != "" {
		if err := s.publish(mem.files); err != nil {
			return nil, nil, nil, err
		}
	}
	return mem.files, res, l.Items(), nil
}

// publish writes a good build into opts.Dest, atomically, as build does.
func (s *Server) publish(files map[string][]byte) error {
	dir, err := publish.Begin(s.opts.Dest, s.opts.Source)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := dir.WriteFile(name, data); err != nil {
			dir.Abort()
			return err
		}
	}
	if err := dir.Commit(); err != nil {
		dir.Abort()
		return err
	}
	return nil
}

// problems keeps the errors, each with the lines of its file around it.
func (s *Server) problems(items []diag.Diagnostic) []problem {
	var fsys fs.FS
	if root, err := os.OpenRoot(s.opts.Source); err == nil {
		defer root.Close()
		fsys = root.FS()
	}
	var out []problem
	for _, d := range items {
		if d.Severity != diag.Error {
			continue
		}
		p := problem{Diagnostic: d}
		if fsys != nil {
			p.Excerpt = excerpt(fsys, d, 2)
		}
		out = append(out, p)
	}
	return out
}

// report prints the outcome of a build in the terminal.
func (s *Server) report(st *state, items []diag.Diagnostic) {
	w := s.opts.Log
	stamp := time.Now().Format("15:04:05")
	for _, d := range items {
		fmt.Fprintln(w, d.String())
		if d.Severity == diag.Error {
			for _, p := range st.errs {
				if p.Diagnostic == d {
					writeExcerpt(w, p.Excerpt)
					break
				}
			}
		}
	}
	ms := float64(st.took.Microseconds()) / 1000
	switch {
	case st.errs != nil && len(items) == 0:
		fmt.Fprintf(w, "%s Échec de la construction : %s\n", stamp, st.errs[0].Msg)
	case st.errs != nil:
		fmt.Fprintf(w, "%s Échec de la construction (%s) : les erreurs s'affichent aussi dans le navigateur. Corrigez et enregistrez, l'aperçu se mettra à jour.\n", stamp, diag.Summary(items))
	default:
		fmt.Fprintf(w, "%s Site reconstruit : %d pages en %.0f ms", stamp, st.pages, ms)
		if st.warnings > 0 {
			fmt.Fprintf(w, " (%s)", diag.Summary(items))
		}
		fmt.Fprintln(w, ".")
	}
}

// notify wakes every open page's event stream.
func (s *Server) notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func (s *Server) subscribe() (chan struct{}, func()) {
	c := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	return c, func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}
}

// buildID names a build for the pages: they reload when it changes.
func (s *Server) buildID(gen uint64) string { return fmt.Sprintf("%s-%d", s.session, gen) }

// Serve builds the site, then serves it on ln and rebuilds on every change
// until ctx is done.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := s.watch(ctx); err != nil { // first, so that no change is missed
		return err
	}
	s.Rebuild()
	go s.builder(ctx)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		close(s.done) // ends the event streams, which would keep Shutdown waiting
		sctx, c := context.WithTimeout(context.Background(), 2*time.Second)
		defer c()
		_ = srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	cancel()
	<-stopped
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// builder rebuilds each time a change was signalled. A change made during a
// build leaves a signal in the channel, so another build follows.
func (s *Server) builder(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.trigger:
			s.Rebuild()
		}
	}
}

// requestBuild signals a change; it never blocks and never loses one.
func (s *Server) requestBuild() {
	select {
	case s.trigger <- struct{}{}:
	default: // one is already pending: it will see this change too
	}
}

// memSink keeps a build in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

func (m *memSink) Copy(name string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return m.WriteFile(name, b)
}

// watchedDirs are the folders of the source whose changes rebuild the site.
var watchedDirs = []string{"content", "data", "layouts"}

// ignored reports whether a changed file is an editor's temporary file.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913"
}

// relevant reports whether a change at name (an absolute path) concerns the
// site: under content/, data/ or layouts/, or one of these folders itself.
func (s *Server) relevant(root, name string) bool {
	rel, err := filepath.Rel(root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	first := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	for _, d := range watchedDirs {
		if first == d {
			return !ignored(name)
		}
	}
	return false
}

// inject adds the preview's stylesheet and script to an HTML page, and the
// error panel at the top of its body when there is one.
func inject(page []byte, head, body string) []byte {
	var b bytes.Buffer
	b.Grow(len(page) + len(head) + len(body))
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		b.WriteString(head)
		b.WriteString(body)
		b.Write(page)
		return b.Bytes()
	}
	b.Write(page[:i])
	b.WriteString(head)
	rest := page[i:]
	j := bytes.Index(rest, []byte("<body"))
	k := -1
	if j >= 0 {
		k = bytes.IndexByte(rest[j:], '>')
	}
	if body == "" || j < 0 || k < 0 {
		b.Write(rest)
		return b.Bytes()
	}
	b.Write(rest[:j+k+1])
	b.WriteString(body)
	b.Write(rest[j+k+1:])
	return b.Bytes()
}
