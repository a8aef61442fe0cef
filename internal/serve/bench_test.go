package serve

import (
	"testing"
	"time"

	"spaser"
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
