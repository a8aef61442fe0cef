package followup

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
	"spaser/internal/indicator"
)

// A synthetic site: 2021 is a reference year published on a given day,
// 2024 is dated a leap day, 2023 has no date.
func TestCalendar(t *testing.T) {
	fsys := fstest.MapFS{
		"data/indicateurs.toml":  {Data: []byte("[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"count\"\nunit = \"marches\"\n")},
		"data/valeurs/2021.toml": {Data: []byte("published = 2022-05-10\n\n[a]\nvalue = 3\n")},
		"data/valeurs/2023.toml": {Data: []byte("[a]\nvalue = 4\n")},
		"data/valeurs/2024.toml": {Data: []byte("# chiffres du bilan\npublished = \"2024-02-29\"\n[a]\nvalue = 5\n")},
	}
	var l diag.List
	cat := indicator.Load(fsys, cfg, &l)
	if l.HasErrors() {
		t.Fatalf("diagnostics: %v", l.Items())
	}
	c := Compute(cat, years()).Calendar
	if got := len(c.Editions); got != 3 {
		t.Fatalf("%d editions, want 3", got)
	}
	e := c.Edition(2021)
	if !e.Reference || e.Said != "données publiées le 10\u00a0mai\u00a02022" || e.Label != "2021 (année de référence, avant le schéma)" {
		t.Errorf("2021: %+v", e)
	}
	if e := c.Edition(2023); e.Reference || e.Said != "date de publication non indiquée" || e.Label != "2023" {
		t.Errorf("2023: %+v", e)
	}
	if c.Latest == nil || c.Latest.Year != 2024 {
		t.Errorf("latest: %+v", c.Latest)
	}
	if c.LastPublished != "2024-02-29" || c.NextDue != "2026-02-28" {
		t.Errorf("last %s, next %s", c.LastPublished, c.NextDue)
	}
	if !strings.Contains(c.Next, "au plus tard le 28\u00a0février\u00a02026") {
		t.Errorf("next: %s", c.Next)
	}
	if u := c.Undated(); len(u) != 1 || u[0] != 2023 {
		t.Errorf("undated: %v", u)
	}
}

func TestCalendarWithoutDates(t *testing.T) {
	cat := &indicator.Catalogue{Years: []int{2022}, PeriodStart: 2023}
	c := Compute(cat, []int{2022}).Calendar
	if c.NextDue != "" || !strings.Contains(c.Next, "au plus tard deux ans après la dernière publication") {
		t.Errorf("next: %q %q", c.NextDue, c.Next)
	}
	if c.Latest != nil {
		t.Errorf("latest without any figure: %+v", c.Latest)
	}
	if c := Compute(nil, nil).Calendar; !strings.Contains(c.Next, "Aucune donnée") {
		t.Errorf("no data: %q", c.Next)
	}
}

func TestTrend(t *testing.T) {
	fsys := fstest.MapFS{
		"data/indicateurs.toml":  {Data: []byte("[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"count\"\nunit = \"marches\"\n[[indicator]]\nid = \"b\"\nlabel = \"B\"\nkind = \"count\"\nunit = \"marches\"\n")},
		"data/valeurs/2021.toml": {Data: []byte("[a]\nvalue = 10\n[b]\nvalue = 5\n")},
		"data/valeurs/2023.toml": {Data: []byte("[a]\nvalue = 20\n")},
		"data/valeurs/2025.toml": {Data: []byte("[a]\nvalue = 15\n")},
	}
	var l diag.List
	r := Compute(indicator.Load(fsys, cfg, &l), years())
	a := r.List[0].Trend
	// 2021 low left, 2023 at the top in the middle, 2025 halfway right.
	if a.Points != "2.0,16.0 32.0,2.0 62.0,9.0" {
		t.Errorf("points: %q", a.Points)
	}
	if !strings.HasPrefix(a.Text, "2021\u00a0: 10") || strings.Count(a.Text, ";") != 2 {
		t.Errorf("text: %q", a.Text)
	}
	if b := r.List[1].Trend; b.Points != "" || !strings.HasPrefix(b.Text, "2021\u00a0: 5") {
		t.Errorf("one figure: %+v", b)
	}
}

func TestSinceStartAndCompared(t *testing.T) {
	fsys := fstest.MapFS{
		"data/indicateurs.toml":  {Data: []byte("[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"share\"\nunit = \"vehicules\"\n[[indicator.baseline]]\nyear = 2020\ncount = 93\ntotal = 929\n[[indicator]]\nid = \"b\"\nlabel = \"B\"\nkind = \"count\"\nunit = \"marches\"\n")},
		"data/valeurs/2021.toml": {Data: []byte("[a]\ncount = 20\ntotal = 100\n[b]\nvalue = 5\n")},
		"data/valeurs/2022.toml": {Data: []byte("[a]\ncount = 20\ntotal = 100\n")},
	}
	var l diag.List
	r := Compute(indicator.Load(fsys, cfg, &l), years())
	if l.HasErrors() {
		t.Fatalf("diagnostics: %v", l.Items())
	}
	a := r.List[0]
	if want := "en hausse de 10\u00a0points par rapport à la situation de départ (2020, 10\u202f%)"; a.Latest.Since != want {
		t.Errorf("since start: %q, want %q", a.Latest.Since, want)
	}
	if r.List[1].Latest.Since != "" {
		t.Errorf("no baseline: %q", r.List[1].Latest.Since)
	}
	if c := r.Tally(2022).Compared; len(c) != 1 || c[0] != a || !strings.HasPrefix(a.At(2022).Change, "stable par rapport à 2021") {
		t.Errorf("compared in 2022: %v, %q", c, a.At(2022).Change)
	}
	if c := r.Tally(2021).Compared; len(c) != 0 {
		t.Errorf("compared in 2021: %v", c)
	}
}
