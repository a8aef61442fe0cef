// Package echarts draws charts as SVG with Apache ECharts' server-side
// renderer, run inside the spaser process by QuickJS (modernc.org/quickjs:
// the C engine translated to Go, no cgo): no Node.js, no npm, no network. The part of ECharts that spaser
// draws with is vendored in dist/ at a pinned version, with its licences:
// bundle/ builds it from the npm packages (make echarts), a development
// step only.
//
// Every SVG is kept in a cache folder under a hash of what made it: the
// request (options, size, labels), the ECharts file and our renderer
// script. A build draws only the charts whose hash is new. The cache is
// not trusted: its SVGs go through chart.Clean like fresh ones, and the
// caller can have a refused one drawn again (Redraw).
package echarts

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"spaser/internal/cachefile"
	"sync"
	"sync/atomic"
	"time"
)

// Env is the environment variable that moves the cache folder.
const Env = "SPASER_CACHE_DIR"

// Version is the vendored Apache ECharts; librarySHA256 the SHA-256 of
// dist/echarts.spaser.min.js, as bundle/ builds it from the npm packages
// pinned by bundle/package-lock.json (checked by a test, and part of every
// cache key).
const (
	Version       = "6.1.0"
	librarySHA256 = "5546dcb7f1f8d8d174bd5fb401a82e0d1c65e590f6209df6be8833e70e127151"
	// bytecodeSHA256 is that of dist/echarts.spaser.qjs, the same file
	// compiled to QuickJS bytecode (TestBytecode).
	bytecodeSHA256 = "1af643e043c3d8df9dfbadde5326295d8183b2a61f6914481dc412694b04ed53"
)

var (
	//go:embed dist/echarts.spaser.min.js
	library string
	//go:embed render.js
	script string
)

// codeVersion is the part of the cache key that says which drawing code
// made an SVG: the ECharts file, our script and the engine (the bytecode
// changes with the QuickJS version: TestBytecode).
var codeVersion = func() string {
	h := sha256.Sum256([]byte(script + "\x00" + bytecodeSHA256))
	return librarySHA256 + "-" + hex.EncodeToString(h[:8])
}()

// Renderer renders charts, with its SVG cache and one warm JavaScript
// engine kept between calls (the preview draws again on every edit).
type Renderer struct {
	Cache   string        // the SVG cache; default <cache>/charts
	Workers int           // engines drawing at once; default 1 (see workers)
	Timeout time.Duration // per chart; default 30 s

	mu      sync.Mutex
	idle    []*engine     // warm engines, at most one per worker
	warming chan struct{} // closed when the engine Warm started is ready
}

// Stats say what a Render call did.
type Stats struct {
	Charts   int           // requested
	Rendered int           // drawn now (the others came from the cache)
	Cached   []bool        // by request: read from the cache
	Drawing  time.Duration // wall time spent drawing (engines started included)
}

// CacheRoot is SPASER_CACHE_DIR, or spaser/ in the user's cache folder.
func CacheRoot() string {
	if d := os.Getenv(Env); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "spaser")
	}
	return filepath.Join(os.TempDir(), "spaser-cache")
}

// New returns a renderer using the default cache folder.
func New() *Renderer {
	return &Renderer{Cache: filepath.Join(CacheRoot(), "charts")}
}

// Key is the cache key of a request: it changes with the request, the
// ECharts file and the renderer script.
func Key(req []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "spaser-chart\x00%s\x00", codeVersion)
	h.Write(req)
	return hex.EncodeToString(h.Sum(nil))
}

// dir is the cache folder of this drawing code: an SVG cache left by
// another version of spaser is not this one's, and an empty dir says that
// every chart will be drawn (see Prewarm).
func (r *Renderer) dir() string {
	return filepath.Join(r.Cache, "v-"+codeVersion[:12]+codeVersion[len(librarySHA256):])
}

func (r *Renderer) path(req []byte) string { return filepath.Join(r.dir(), Key(req)+".svg") }

// maxSVG bounds what is read from the cache: the largest drawing the
// engine's memory limit lets through is about 1,5 MB.
const maxSVG = 16 << 20

// Cached returns the SVG of req from the cache, if it is there (what it
// holds is cleaned like any drawing before it reaches a page).
func (r *Renderer) Cached(req []byte) ([]byte, bool) {
	b := cachefile.Read(r.path(req), maxSVG)
	return b, len(b) > 0
}

// Render returns the SVG of each request (JSON: width, height, option,
// yLabels), in order: from the cache, or drawn now.
func (r *Renderer) Render(ctx context.Context, reqs [][]byte) ([][]byte, Stats, error) {
	return r.render(ctx, reqs, true)
}

// Redraw draws every request again, whatever the cache holds, and replaces
// the cached SVGs: for those the caller refused.
func (r *Renderer) Redraw(ctx context.Context, reqs [][]byte) ([][]byte, Stats, error) {
	return r.render(ctx, reqs, false)
}

// RequestError is a request that could not be drawn (a script error, the
// timeout, the memory limit): Index says which, so that the caller can
// name the chart to the editor.
type RequestError struct {
	Index int
	Err   error
}

func (e *RequestError) Error() string { return e.Err.Error() }
func (e *RequestError) Unwrap() error { return e.Err }

func (r *Renderer) render(ctx context.Context, reqs [][]byte, useCache bool) ([][]byte, Stats, error) {
	st := Stats{Charts: len(reqs), Cached: make([]bool, len(reqs))}
	out := make([][]byte, len(reqs))
	var missing []int
	for i, req := range reqs {
		if b, ok := r.Cached(req); ok && useCache {
			out[i], st.Cached[i] = b, true
		} else {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, st, nil
	}
	start := time.Now()
	errs := r.drawAll(ctx, reqs, missing, out)
	st.Drawing = time.Since(start)
	for _, i := range missing {
		if err := errs[i]; err != nil {
			if ctx.Err() == nil { // a cancelled build is no chart's fault
				err = &RequestError{Index: i, Err: err}
			}
			return nil, st, err
		}
	}
	if err := os.MkdirAll(r.dir(), 0o755); err != nil {
		return nil, st, fmt.Errorf("graphiques : dossier de cache %s impossible à créer : %w", r.dir(), err)
	}
	for _, i := range missing {
		st.Rendered++
		if err := cachefile.Write(r.path(reqs[i]), out[i]); err != nil {
			return nil, st, fmt.Errorf("graphiques : écriture du cache impossible : %w", err)
		}
	}
	return out, st, nil
}

// drawAll draws reqs[i] for each i of todo into out, on up to Workers
// engines; it returns the errors by index, and draws nothing more after
// an error (a timeout per chart would otherwise add up before the build
// fails). The longest requests (more series, more labels) are drawn
// first, so that the engines finish together rather than one drawing a
// large chart alone at the end.
func (r *Renderer) drawAll(ctx context.Context, reqs [][]byte, todo []int, out [][]byte) []error {
	errs := make([]error, len(reqs))
	todo = slices.Clone(todo)
	slices.SortStableFunc(todo, func(a, b int) int { return len(reqs[b]) - len(reqs[a]) })
	workers := r.workers()
	next := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Bool // Render fails: the rest need not be drawn
	for range min(workers, len(todo)) {
		wg.Go(func() {
			var e *engine
			for i := range next {
				if failed.Load() {
					continue
				}
				if err := cancelled(ctx); err != nil {
					// No engine started, nor closed, for a chart no
					// longer wanted.
					errs[i] = err
					continue
				}
				if e == nil {
					var err error
					if e, err = r.get(); err != nil {
						errs[i] = err
						failed.Store(true)
						continue
					}
				}
				svg, err := e.draw(ctx, reqs[i], r.timeout())
				if err != nil {
					errs[i] = err
					failed.Store(true)
					e.close() // an engine stopped midway is not reused
					e = nil
					continue
				}
				out[i] = []byte(svg)
			}
			if e != nil {
				r.put(e)
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

func (r *Renderer) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return 30 * time.Second
}

// get takes the warm engine (waiting for the one Warm is starting), or
// starts one.
func (r *Renderer) get() (*engine, error) {
	r.mu.Lock()
	w := r.warming
	r.mu.Unlock()
	if w != nil {
		<-w
	}
	r.mu.Lock()
	var e *engine
	if n := len(r.idle); n > 0 {
		e, r.idle = r.idle[n-1], r.idle[:n-1]
	}
	r.mu.Unlock()
	if e != nil {
		return e, nil
	}
	return newEngine()
}

// put keeps e warm, one engine per worker at most: the preview's next
// edit (a chart's two drawings) starts none.
func (r *Renderer) put(e *engine) {
	r.mu.Lock()
	keep := len(r.idle) < r.workers()
	if keep {
		r.idle = append(r.idle, e)
	}
	r.mu.Unlock()
	if !keep {
		e.close()
	}
}

// close frees the warm engines (tests; otherwise they go with the
// Renderer, see engine).
func (r *Renderer) close() {
	r.mu.Lock()
	idle := r.idle
	r.idle = nil
	r.mu.Unlock()
	for _, e := range idle {
		e.close()
	}
}

// workers is 1 unless set: QuickJS's C memory allocator (modernc.org/libc)
// is one lock for the whole process, and two engines drawing at once spend
// more time waiting for it than they gain (14 drawings: 0,33-0,35 s on one
// engine, 0,41-0,44 s on two, BenchmarkCold); one engine also leaves the
// other core to the rest of the build.
func (r *Renderer) workers() int {
	if r.Workers > 0 {
		return r.Workers
	}
	return 1
}

// Warm starts the engines in the background, one per worker, so that the
// first charts drawn later (a cold build, the preview's first edit) do not
// wait for them. A failure is left for the drawing to report.
func (r *Renderer) Warm() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.idle) > 0 || r.warming != nil {
		return
	}
	done := make(chan struct{})
	r.warming = done
	go func() {
		var wg sync.WaitGroup
		for range r.workers() { // the engines load ECharts together
			wg.Go(func() {
				if e, err := newEngine(); err == nil {
					r.put(e)
				}
			})
		}
		wg.Wait()
		r.mu.Lock()
		r.warming = nil
		r.mu.Unlock()
		close(done)
	}()
}

// Prewarm starts the engine (Warm) when the cache holds no SVG drawn by
// this code, that is when every chart will be drawn: the 0,03-0,1 s of
// loading ECharts into each engine then overlap the loading of the content, which they
// do not depend on. With a cache already filled it does nothing, so that
// a build whose charts are all cached does not pay for the compile.
func (r *Renderer) Prewarm() {
	f, err := os.Open(r.dir())
	if err == nil {
		names, _ := f.Readdirnames(1)
		f.Close()
		if len(names) > 0 {
			return
		}
	}
	r.Warm()
}
