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
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"spaser/internal/build"
	"spaser/internal/diag"
	"spaser/internal/echarts"
	"spaser/internal/publish"
	"spaser/internal/render"
)

// Options say what to preview.
type Options struct {
	Source   string            // the site's folder
	BaseURL  string            // the base path of the preview; default the path of data/site.toml's base_url, as published
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

	state   atomic.Pointer[state] // stored by Rebuild only
	trigger chan struct{}         // a rebuild is wanted; capacity 1, so never lost

	mu     sync.Mutex
	subs   map[chan struct{}]struct{} // open pages waiting for the next build
	opened uint64                     // event streams opened so far
	joined chan struct{}              // an event stream opened; capacity 1
	done   chan struct{}              // closed when the server stops

	changes  atomic.Uint64 // changes seen by the watcher so far
	changed  chan struct{} // a change was seen; capacity 1
	deferred int           // failed builds not shown in a row, the files still changing (midSave)

	building sync.Mutex   // one Rebuild at a time
	layouts  render.Cache // parsed once, until a layout or a colour changes

	beforeBuild    func(gen uint64) // test hooks
	beforeComplete func()
}

// state is what the preview shows.
type state struct {
	gen   uint64    // counts the states shown: the pages reload when it changes
	out   *output   // the last good build (kept when a build fails); nil before the first
	errs  []problem // the latest build's errors; nil when it succeeded
	shown time.Time // when the open pages were told to reload
}

// problem is an error with the lines of its file around it.
type problem struct {
	diag.Diagnostic
	Excerpt []excerptLine
}

// New prepares a preview; nothing is built until Rebuild or Serve.
func New(opts Options) (*Server, error) {
	var u *url.URL
	if opts.BaseURL == "" {
		u = siteBase(opts.Source)
	} else {
		var err error
		if u, err = build.ParseBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
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
	opts.Charts.Warm() // the first edit that changes a chart need not start the engine
	s := &Server{
		opts: opts, base: u.Path, session: fmt.Sprintf("%x", time.Now().UnixNano()),
		trigger: make(chan struct{}, 1), changed: make(chan struct{}, 1), subs: map[chan struct{}]struct{}{}, joined: make(chan struct{}, 1), done: make(chan struct{}),
	}
	s.state.Store(&state{})
	return s, nil
}

// BasePath is the path under which the site is served ("/" by default).
func (s *Server) BasePath() string { return s.base }

// Rebuild builds the site now. The open pages reload as soon as the site
// is prepared, their page rendered on request, while the rest of the site
// is written into memory; a problem found then reloads them again, with
// the errors.
func (s *Server) Rebuild() {
	s.building.Lock()
	defer s.building.Unlock()
	last := s.state.Load()
	gen := last.gen + 1
	if s.beforeBuild != nil {
		s.beforeBuild(gen)
	}
	start, seen := time.Now(), s.changes.Load()
	out, l, err := s.prepare()
	if out == nil && s.midSave(seen) {
		return // the next build, already asked for, reads the saved file
	}
	s.deferred = 0
	if out != nil {
		open, opened := s.streams()
		shown := &state{gen: gen, out: out}
		s.show(shown)
		s.awaitReloads(out, open, opened)
		if s.beforeComplete != nil {
			s.beforeComplete()
		}
		err = s.complete(out, l)
		if err == nil && !l.HasErrors() {
			close(out.done)
			s.report(nil, l.Items(), len(out.pages), shown.shown.Sub(start)) // what the editor waited for
			return
		}
		gen++
		// Closed once the errors are shown: a request waiting for the whole
		// site then finds them, over the last good build.
		defer close(out.done)
	}
	var items []diag.Diagnostic
	st := &state{gen: gen, out: last.out}
	if err != nil {
		st.errs = []problem{{Diagnostic: diag.Diagnostic{File: "", Msg: err.Error(), Hint: "Une fois la cause corrigée, enregistrez un fichier du site pour relancer la construction, ou relancez spaser serve."}}}
	} else {
		items = l.Items()
		st.errs = s.problems(items)
	}
	s.show(st)
	s.report(st.errs, items, 0, time.Since(start))
}

// saveGrace is how long a failed build waits for another change before
// showing its errors: an editor that saves by truncating then writing the
// file makes a build read it empty, half a moment before it is whole.
const saveGrace = 150 * time.Millisecond

// midSave reports whether the files changed since the build started
// (seen), or change within saveGrace: its errors may come from a file
// caught mid-save, and the next build will tell. At most three failed
// builds in a row are not shown, so that a file changing all the time
// cannot hide the errors.
func (s *Server) midSave(seen uint64) bool {
	if s.deferred >= 3 {
		return false
	}
	timer := time.NewTimer(saveGrace)
	defer timer.Stop()
	for s.changes.Load() == seen {
		select {
		case <-s.changed:
		case <-timer.C:
			return false
		case <-s.done:
			return false
		}
	}
	s.deferred++
	s.requestBuild()
	return true
}

// noteChange records a change seen by the watcher.
func (s *Server) noteChange() {
	s.changes.Add(1)
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

// show makes st the state served and tells the open pages to reload.
func (s *Server) show(st *state) {
	st.shown = time.Now()
	s.state.Store(st)
	s.notify()
}

// settle bounds the wait for the open pages' reload.
const settle = 500 * time.Millisecond

// awaitReloads waits until the open pages have reloaded: each opens its
// event stream again. Writing the rest of the site meanwhile would slow
// their reload down, on a small machine. It stops waiting when a request
// needs more than a page, when another change comes, or after settle (a
// page closed meanwhile never comes back).
func (s *Server) awaitReloads(out *output, open int, since uint64) {
	timeout := time.NewTimer(settle)
	defer timeout.Stop()
	for {
		if _, opened := s.streams(); opened-since >= uint64(open) {
			return
		}
		select {
		case <-s.joined:
		case <-out.wanted:
			return
		case <-s.trigger:
			s.requestBuild() // for the builder, once this build is done
			return
		case <-timeout.C:
			return
		case <-s.done:
			return
		}
	}
}

// streams returns how many event streams are open, and how many were ever.
func (s *Server) streams() (open int, opened uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs), s.opened
}

// prepare reads, checks and assembles the site and draws its charts (the
// shared pipeline, build.Prepare). out is nil when the content has errors,
// listed in l, or when err is set.
func (s *Server) prepare() (out *output, l *diag.List, err error) {
	defer func() {
		// The preview outlives any build: a bug shows in the page, and the
		// next save tries again.
		if r := recover(); r != nil {
			out, l, err = nil, nil, diag.Internal(r)
		}
	}()
	ld, l, err := build.Prepare(build.Options{Source: s.opts.Source, BaseURL: s.base, Defaults: s.opts.Defaults, Charts: s.opts.Charts, Layouts: &s.layouts})
	if err != nil || l.HasErrors() {
		return nil, l, err
	}
	return newOutput(ld), l, nil
}

// complete writes the whole site of out into memory, then into opts.Dest
// when set. Problems of the content go to l.
func (s *Server) complete(out *output, l *diag.List) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = diag.Internal(r)
		}
	}()
	if err := out.complete(l); err != nil || out.files == nil || s.opts.Dest == "" {
		return err
	}
	return s.publish(out.files)
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
	return dir.Commit()
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

// report prints the outcome of a build in the terminal: its diagnostics,
// each error with the lines around it (errs), and a summary.
func (s *Server) report(errs []problem, items []diag.Diagnostic, pages int, took time.Duration) {
	w := s.opts.Log
	stamp := time.Now().Format("15:04:05")
	for _, d := range items {
		fmt.Fprintln(w, d.String())
		if d.Severity == diag.Error {
			for _, p := range errs {
				if p.Diagnostic == d {
					writeExcerpt(w, p.Excerpt)
					break
				}
			}
		}
	}
	ms := float64(took.Microseconds()) / 1000
	switch {
	case errs != nil && len(items) == 0:
		fmt.Fprintf(w, "%s Échec de la construction : %s\n", stamp, errs[0].Msg)
	case errs != nil:
		fmt.Fprintf(w, "%s Échec de la construction (%s) : les erreurs s'affichent aussi dans le navigateur. Corrigez et enregistrez, l'aperçu se mettra à jour.\n", stamp, diag.Summary(items))
	default:
		fmt.Fprintf(w, "%s Site reconstruit : %d pages en %.0f ms", stamp, pages, ms)
		if len(items) > 0 {
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
	s.opened++
	s.mu.Unlock()
	select {
	case s.joined <- struct{}{}:
	default:
	}
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
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: idleTimeout}
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
