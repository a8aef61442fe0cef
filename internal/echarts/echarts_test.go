package echarts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spaser/internal/chart"
)

// requests are the chart requests of the default site, narrow and wide
// (testdata, kept current by internal/build's TestChartRequestsTestdata).
func requests(t testing.TB) [][]byte {
	t.Helper()
	b, err := os.ReadFile("testdata/requests.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSpace(b), []byte("\n"))
}

var update = flag.Bool("update", false, "write dist/echarts.spaser.qjs (make echarts-bytecode)")

// TestBytecode compiles the vendored ECharts file again and finds the
// embedded bytecode, byte for byte: it was made from this file, by this
// version of QuickJS (whose bytecode format changes between versions).
// -update writes it.
func TestBytecode(t *testing.T) {
	b, err := compileLibrary()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("dist", "echarts.spaser.qjs"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		t.Logf("dist/echarts.spaser.qjs: %d bytes, SHA-256 %x (set bytecodeSHA256)", len(b), h)
		return
	}
	if !bytes.Equal(b, libraryBytecode) {
		t.Errorf("dist/echarts.spaser.qjs is not the bytecode of dist/echarts.spaser.min.js (%d bytes, embedded %d): run make echarts-bytecode", len(b), len(libraryBytecode))
	}
	h := sha256.Sum256(libraryBytecode)
	if got := hex.EncodeToString(h[:]); got != bytecodeSHA256 {
		t.Errorf("dist/echarts.spaser.qjs: SHA-256 %s, want %s", got, bytecodeSHA256)
	}
}

// TestVendored: the ECharts file is the one recorded (its SHA-256), built
// from the pinned version of the npm packages, and the licences of what it
// bundles travel with it.
func TestVendored(t *testing.T) {
	h := sha256.Sum256([]byte(library))
	if got := hex.EncodeToString(h[:]); got != librarySHA256 {
		t.Errorf("dist/echarts.spaser.min.js: SHA-256 %s, want %s (ECharts %s; make echarts rebuilds it)", got, librarySHA256, Version)
	}
	if !strings.Contains(library, `"`+Version+`"`) {
		t.Errorf("dist/echarts.spaser.min.js does not say it is version %s", Version)
	}
	var lock struct {
		Packages map[string]struct{ Version, Integrity string }
	}
	b, err := os.ReadFile("bundle/package-lock.json")
	if err == nil {
		err = json.Unmarshal(b, &lock)
	}
	for _, pkg := range []string{"echarts", "zrender"} {
		if p := lock.Packages["node_modules/"+pkg]; err != nil || p.Version != Version || p.Integrity == "" {
			t.Errorf("bundle/package-lock.json: %s %q, want %s with its integrity (%v)", pkg, p.Version, Version, err)
		}
	}
	for name, want := range map[string]string{"LICENSE": "Apache License", "NOTICE": "The Apache Software Foundation",
		"LICENSE-d3": "Mike Bostock", "LICENSE-zrender": "Baidu", "LICENSE-tslib": "Microsoft"} {
		b, err := os.ReadFile(filepath.Join("dist", name))
		if err != nil || !bytes.Contains(b, []byte(want)) {
			t.Errorf("dist/%s: %v, or %q missing", name, err, want)
		}
	}
}

// TestBundleReproducible builds the ECharts file again from bundle/ and
// finds the vendored one, byte for byte. It needs the bundler, a
// development tool: make echarts installs it.
func TestBundleReproducible(t *testing.T) {
	if _, err := os.Stat("bundle/node_modules/.bin/esbuild"); err != nil {
		t.Skip("bundler not installed (make echarts installs it): the vendored file is checked by its SHA-256 only")
	}
	cmd := exec.Command("npm", "run", "--silent", "build")
	cmd.Dir = "bundle"
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("npm run build: %v", err)
	}
	if !bytes.Equal(out, []byte(library)) {
		t.Errorf("bundle/ builds a file other than dist/echarts.spaser.min.js (%d bytes, vendored %d): run make echarts and update librarySHA256", len(out), len(library))
	}
}

// clean is the SVG as a page gets it: ids no longer depend on the engine.
func clean(t testing.TB, svg []byte, i int) string {
	t.Helper()
	out, err := chart.Clean(svg, "c"+string(rune('a'+i)), nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRenderDeterministic draws the requests with one engine, then with
// four in reverse order: the cleaned SVGs are the same, and the second
// call reads them all from the cache.
func TestRenderDeterministic(t *testing.T) {
	reqs := requests(t)
	dir := t.TempDir()
	one := &Renderer{Cache: filepath.Join(dir, "a"), Workers: 1}
	a, st, err := one.Render(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if st.Rendered != len(reqs) {
		t.Errorf("rendered %d of %d", st.Rendered, len(reqs))
	}
	rev := make([][]byte, len(reqs))
	for i := range reqs {
		rev[len(reqs)-1-i] = reqs[i]
	}
	four := &Renderer{Cache: filepath.Join(dir, "b"), Workers: 4}
	b, _, err := four.Render(context.Background(), rev)
	if err != nil {
		t.Fatal(err)
	}
	for i := range reqs {
		if !bytes.HasPrefix(a[i], []byte("<svg")) {
			t.Fatalf("chart %d: %.80s", i, a[i])
		}
		if clean(t, a[i], i) != clean(t, b[len(reqs)-1-i], i) {
			t.Errorf("chart %d differs with the order of drawing", i)
		}
	}
	_, st, err = one.Render(context.Background(), reqs)
	if err != nil || st.Rendered != 0 {
		t.Errorf("second call: %d drawn, %v", st.Rendered, err)
	}
	for i, c := range st.Cached {
		if !c {
			t.Errorf("chart %d not read from the cache", i)
		}
	}
}

// TestRedraw replaces a tampered cache file.
func TestRedraw(t *testing.T) {
	reqs := requests(t)[:1]
	r := &Renderer{Cache: t.TempDir()}
	if err := os.MkdirAll(r.dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(r.path(reqs[0]), []byte("<svg><script>alert(1)</script></svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, st, err := r.Redraw(context.Background(), reqs)
	if err != nil || st.Rendered != 1 || bytes.Contains(got[0], []byte("script")) {
		t.Fatalf("%v %+v %.80s", err, st, got[0])
	}
	if b, _ := r.Cached(reqs[0]); !bytes.Equal(b, got[0]) {
		t.Error("the cache still holds the tampered SVG")
	}
}

func TestKey(t *testing.T) {
	if Key([]byte("a")) == Key([]byte("b")) || len(Key(nil)) != 64 {
		t.Error("keys")
	}
	if !strings.HasPrefix(codeVersion, librarySHA256) {
		t.Error("the ECharts file is not part of the key")
	}
}

// TestErrors: a script error, a bad request and a timeout are errors in
// French, never a panic, and the renderer still draws afterwards.
func TestErrors(t *testing.T) {
	r := &Renderer{Cache: t.TempDir(), Workers: 1}
	for _, req := range []string{`{`, `{"width":400,"height":300,"option":null}`} {
		if _, _, err := r.Render(context.Background(), [][]byte{[]byte(req)}); err == nil || !strings.Contains(err.Error(), "graphiques") {
			t.Errorf("%s: %v", req, err)
		}
	}
	slow := &Renderer{Cache: t.TempDir(), Timeout: time.Nanosecond}
	if _, _, err := slow.Render(context.Background(), requests(t)[:1]); err == nil {
		t.Error("no timeout")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := r.Render(ctx, requests(t)[:1]); err == nil || !strings.Contains(err.Error(), "annulée") {
		t.Error("a cancelled build draws")
	}
	if _, _, err := r.Render(context.Background(), requests(t)[:1]); err != nil {
		t.Error(err)
	}
}

// BenchmarkCompile is the cost of parsing and compiling the ECharts file
// (what each engine would pay without the embedded bytecode).
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		if _, err := compileLibrary(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCold is the charts of a cold build of the default site: the
// engines started (ECharts loaded from its bytecode), every chart drawn
// into an empty cache, on the default number of workers.
func BenchmarkCold(b *testing.B) {
	reqs := requests(b)
	for b.Loop() {
		b.StopTimer()
		r := &Renderer{Cache: b.TempDir()}
		b.StartTimer()
		r.Prewarm()
		if _, st, err := r.Render(context.Background(), reqs); err != nil || st.Rendered != len(reqs) {
			b.Fatal(st, err)
		}
		b.StopTimer()
		r.close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(reqs)), "drawings")
}

// BenchmarkEngine is the start of an engine: a VM, ECharts loaded from
// its bytecode, our script.
func BenchmarkEngine(b *testing.B) {
	for b.Loop() {
		e, err := newEngine()
		if err != nil {
			b.Fatal(err)
		}
		e.close()
	}
}

// BenchmarkDraw draws the default site's charts, one engine, warm.
func BenchmarkDraw(b *testing.B) {
	reqs := requests(b)
	e, err := newEngine()
	if err != nil {
		b.Fatal(err)
	}
	defer e.close()
	for _, req := range reqs { // warm
		if _, err := e.draw(context.Background(), req, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		for _, req := range reqs {
			if _, err := e.draw(context.Background(), req, time.Minute); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(reqs)), "charts")
}

// TestPrewarm: an empty cache starts the engine at once, and the first
// draw uses it; a cache holding this code's SVGs starts nothing.
func TestPrewarm(t *testing.T) {
	dir := t.TempDir()
	cold := &Renderer{Cache: dir, Workers: 1}
	cold.Prewarm()
	cold.mu.Lock()
	started := cold.warming != nil || len(cold.idle) > 0
	cold.mu.Unlock()
	if !started {
		t.Fatal("an empty cache does not start the engine")
	}
	if _, st, err := cold.Render(context.Background(), requests(t)[:1]); err != nil || st.Rendered != 1 {
		t.Fatal(st, err)
	}
	warm := &Renderer{Cache: dir}
	warm.Prewarm()
	if warm.warming != nil || len(warm.idle) > 0 {
		t.Error("a filled cache starts the engine")
	}
	other := &Renderer{Cache: filepath.Join(dir, "v-other")}
	if _, err := os.Stat(cold.dir()); err != nil || filepath.Dir(cold.dir()) != dir || other.dir() == cold.dir() {
		t.Error("the SVGs are not in a folder of this code version:", cold.dir(), err)
	}
}

// TestBytecodeEqualsSource: an engine that loaded the bytecode and one
// that parsed the source (the fallback) draw the same SVGs.
func TestBytecodeEqualsSource(t *testing.T) {
	reqs := requests(t)
	a, err := startEngine(true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	b, err := startEngine(false)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	for i, req := range []([]byte){reqs[0], reqs[len(reqs)-1]} {
		x, err := a.draw(context.Background(), req, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		y, err := b.draw(context.Background(), req, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if x != y {
			t.Errorf("request %d: the bytecode and the source draw differently", i)
		}
	}
}
