package build

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/publish"
	"spaser/internal/site"
	"spaser/internal/sitetest"
)

// TestChartFailsAfterPagesWritten: the pages without a chart are written
// while the charts are drawn; when a drawing then fails (here: no time to
// draw), the previous site stays as it was and the temporary folder is
// gone.
func TestChartFailsAfterPagesWritten(t *testing.T) {
	src := sitetest.New(t, fixture)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Charts: coldCharts(t)}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	failing := coldCharts(t)
	failing.Timeout = 1 // nanosecond
	if _, err := Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Charts: failing}); err == nil {
		t.Fatal("a chart that cannot be drawn built the site")
	}
	if !maps.Equal(readTree(t, out), before) {
		t.Error("the previous site changed")
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("left beside public/: %v", entries)
	}
}

// TestPagesWithoutChartFirst: a build writes the same site as Prepare
// followed by Write (the preview's path), which renders every page with
// the charts drawn.
func TestPagesWithoutChartFirst(t *testing.T) {
	src := sitetest.New(t, fixture)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Charts: coldCharts(t)}); err != nil {
		t.Fatal(err)
	}
	ld, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), Charts: coldCharts(t)})
	if err != nil || l.HasErrors() {
		t.Fatal(err, l.Items())
	}
	out2 := filepath.Join(t.TempDir(), "public")
	dir, err := publish.Begin(out2, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ld.Write(dir, 0, l); err != nil {
		t.Fatal(err)
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(readTree(t, out), readTree(t, out2)) {
		t.Error("the sites differ")
	}
}

// TestPendingChartPages: with the charts pending, exactly the pages of the
// indicators that have a chart are put aside; every other page is written.
func TestPendingChartPages(t *testing.T) {
	src := sitetest.New(t, fixture)
	ld, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
	if err != nil || l.HasErrors() {
		t.Fatal(err, l.Items())
	}
	pending := *ld.Built
	pending.ChartsPending = true
	mem := &memory{files: map[string]int{}}
	later, err := ld.writePages(mem, &pending, ld.Site.Pages, 0, l)
	if err != nil || l.HasErrors() {
		t.Fatal(err, l.Items())
	}
	want := map[*site.Page]bool{}
	for _, e := range ld.Built.Follow.List {
		if e.HasChart() {
			want[ld.Site.IndPages[e.Ind.ID]] = true
		}
	}
	if len(want) == 0 {
		t.Fatal("the fixture has no chart")
	}
	got := map[*site.Page]bool{}
	for _, p := range later {
		got[p] = true
		if _, ok := mem.files[PageFile(p)]; ok {
			t.Errorf("%s written before its chart", PageFile(p))
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("put aside %d pages, want %d", len(got), len(want))
	}
	if len(mem.files)+len(later) != len(ld.Site.Pages) {
		t.Errorf("%d written + %d put aside, %d pages", len(mem.files), len(later), len(ld.Site.Pages))
	}
}

// TestChartFailureNamesIndicator: a chart that cannot be drawn is a
// problem of the content told in French at its indicator's line of the
// catalogue (the editor has to find which indicator), not a bare error.
func TestChartFailureNamesIndicator(t *testing.T) {
	src := sitetest.New(t, fixture)
	failing := coldCharts(t)
	failing.Timeout = 1 // nanosecond
	_, err := Run(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Defaults: defaultsFS(), Charts: failing})
	var le *diag.ListError
	if !errors.As(err, &le) || len(le.Items) == 0 {
		t.Fatalf("want the problem in the list of the content's, got %v", err)
	}
	if !slices.ContainsFunc(le.Items, func(d diag.Diagnostic) bool {
		return d.Severity == diag.Error && d.File == indicator.CatalogueFile && d.Line > 0 &&
			strings.Contains(d.Msg, "graphique de l'indicateur") && strings.Contains(d.Msg, "délai")
	}) {
		t.Errorf("got %v", err)
	}
}

// TestLayoutReadsChartsOnlyByChart: a site's own layout that reads the
// charts another way than .Chart (here the computed result's map) would
// get none while they are drawn, so a cold build would write its page
// without the chart and a warm one with it. The layouts reach the
// computed result only through the view's methods.
func TestLayoutReadsChartsOnlyByChart(t *testing.T) {
	files := maps.Clone(fixture)
	b, err := fs.ReadFile(defaultsFS(), "layouts/indicator.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(b), "($.Chart $ind)", "(index $.Built.Charts $ind.ID)", 1)
	if own == string(b) {
		t.Fatal("the default layout no longer shows the chart with .Chart")
	}
	files["layouts/indicator.html"] = own
	src := sitetest.New(t, files)
	out := filepath.Join(t.TempDir(), "public")
	_, err = Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Charts: coldCharts(t)})
	if err == nil {
		for name, body := range readTree(t, out) {
			if strings.HasPrefix(name, "indicateurs/") && strings.Contains(body, `id="graphique"`) && !strings.Contains(body, "chart-svg") {
				t.Errorf("%s written without its chart", name)
			}
		}
		return
	}
	var le *diag.ListError
	if !errors.As(err, &le) || !slices.ContainsFunc(le.Items, func(d diag.Diagnostic) bool {
		return d.File == "layouts/indicator.html" && d.Severity == diag.Error
	}) {
		t.Errorf("want an error of the layout, got %v", err)
	}
}
