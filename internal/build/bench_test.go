package build

import (
	"context"
	"os"
	"path/filepath"
	"spaser/internal/chart"
	"strconv"
	"testing"

	"spaser"
	"spaser/internal/echarts"
	"spaser/internal/figures"
)

// Benchmarks of the whole pipeline. Profile with, for example:
//
//	go test ./internal/build -run '^$' -bench BuildDefault -cpuprofile cpu.prof -memprofile mem.prof
//	go tool pprof -top cpu.prof
//
// SPASER_BENCH_CORPUS=DIR also benchmarks a corpus of
// ../shared/tools/bench/gen-corpus.go with bench/site/ copied over it (bench/run.sh
// prepares one in /tmp/ssg-bench/N). BenchmarkCharts and BenchmarkChartsDrawn
// are the charts' share of a build.

// BenchmarkBuildDefault is a full cold build of the default site (the repo
// root), into a new folder each time.
func BenchmarkBuildDefault(b *testing.B) {
	benchBuild(b, "../..")
}

// BenchmarkRebuildDefault is what a preview server does after an edit: the
// same build again, into the same destination, in a process that already
// built once (layouts parsed from the embedded defaults again, caches warm).
func BenchmarkRebuildDefault(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: "../..", Dest: out, Defaults: spaser.Layouts}
	if _, err := Run(opts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildCorpus builds $SPASER_BENCH_CORPUS.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := os.Getenv("SPASER_BENCH_CORPUS")
	if dir == "" {
		b.Skip("SPASER_BENCH_CORPUS not set (see bench/run.sh)")
	}
	benchBuild(b, dir)
}

// benchBuild builds src into a new folder each time. Outputs are deleted only
// at the end: on ext4 without a journal, as here, creating files soon after
// deleting many others is much slower (recently deleted inodes are skipped
// one by one), which would time the file system, not the build.
func benchBuild(b *testing.B, src string) {
	tmp := b.TempDir()
	var pages int
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(tmp, "public", "run"+strconv.Itoa(i))
		res, err := Run(Options{Source: src, Dest: out, Defaults: spaser.Layouts})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkTemplates executes the layouts of every page of the default site
// (bodies already rendered).
func BenchmarkTemplates(b *testing.B) {
	ld, l, err := Prepare(Options{Source: "../..", Defaults: spaser.Layouts, NoCharts: true})
	if err != nil || ld == nil || l.HasErrors() {
		b.Fatal(err, l.Items())
	}
	b.ResetTimer()
	for range b.N {
		for _, p := range ld.Site.Pages {
			if _, err := ld.Templates.Page(ld.Site, ld.Built, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(ld.Site.Pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkCharts is the charts of the default site as a rebuild makes
// them: options built, SVGs read from the cache, cleaned for the page.
func BenchmarkCharts(b *testing.B) {
	benchCharts(b, false)
}

// BenchmarkChartsDrawn is the same with an empty cache: every chart drawn
// by Apache ECharts inside the process. ECharts is compiled once per
// process, so this leaves the compile out: BenchmarkCold in
// internal/echarts times a first build's drawing, compile included.
func BenchmarkChartsDrawn(b *testing.B) {
	benchCharts(b, true)
}

func benchCharts(b *testing.B, empty bool) {
	ld, l, err := Load(Options{Source: "../..", Defaults: spaser.Layouts})
	if err != nil || ld == nil || l.HasErrors() {
		b.Fatal(err, l.Items())
	}
	r := echarts.New()
	if _, err := figures.Start(context.Background(), ld.Site, ld.Built.Follow, r).Wait(); err != nil { // installs the runtime, fills the cache
		b.Skip("charts cannot be drawn here:", err)
	}
	var charts map[string]*chart.Figure
	b.ResetTimer()
	for i := range b.N {
		if empty {
			b.StopTimer()
			r = echarts.New()
			r.Cache = filepath.Join(b.TempDir(), strconv.Itoa(i))
			b.StartTimer()
		}
		if charts, err = figures.Start(context.Background(), ld.Site, ld.Built.Follow, r).Wait(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(charts)), "charts")
}
