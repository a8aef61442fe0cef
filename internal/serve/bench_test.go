package serve

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"spaser"
	"spaser/internal/echarts"
)

// BenchmarkPreviewRebuild is the preview's rebuild after an edit, without
// the file watcher and the browser: the default site again, in a server
// that already built it once (chart cache warm). ns/op is the whole
// rebuild; ready-ms/op the part before the open pages may reload. Profile
// with:
//
//	go test ./internal/serve -run '^$' -bench PreviewRebuild -cpuprofile cpu.prof
func BenchmarkPreviewRebuild(b *testing.B) {
	s, err := New(Options{Source: "../..", Defaults: spaser.Layouts})
	if err != nil {
		b.Fatal(err)
	}
	s.Rebuild()
	var ready time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		s.Rebuild()
		st := s.state.Load()
		if st.errs != nil {
			b.Fatal(st.errs)
		}
		ready += st.shown.Sub(start)
	}
	b.ReportMetric(float64(ready.Microseconds())/1000/float64(b.N), "ready-ms/op")
}

// BenchmarkPreviewRebuildOneChart is the preview's rebuild after an edit
// of data/valeurs that changes one chart (a copy of the default site; each
// edit writes a figure never drawn before): the warm engines draw its two
// drawings. ready-ms/op is the reload the issue budgets (150 ms).
func BenchmarkPreviewRebuildOneChart(b *testing.B) {
	src := b.TempDir()
	for _, d := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			b.Fatal(err)
		}
	}
	values := filepath.Join(src, "data", "valeurs", "2022.toml")
	orig, err := os.ReadFile(values)
	if err != nil || !bytes.Contains(orig, []byte("\ncount = 40\n")) {
		b.Fatal("data/valeurs/2022.toml changed: ", err)
	}
	s, err := New(Options{Source: src, Defaults: spaser.Layouts, Charts: &echarts.Renderer{Cache: b.TempDir()}})
	if err != nil {
		b.Fatal(err)
	}
	s.Rebuild()
	var ready time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := bytes.Replace(orig, []byte("\ncount = 40\n"), fmt.Appendf(nil, "\ncount = %d\n", 41+i%50), 1)
		if err := os.WriteFile(values, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		s.Rebuild()
		st := s.state.Load()
		if st.errs != nil {
			b.Fatal(st.errs)
		}
		ready += st.shown.Sub(start)
	}
	b.ReportMetric(float64(ready.Microseconds())/1000/float64(b.N), "ready-ms/op")
}
