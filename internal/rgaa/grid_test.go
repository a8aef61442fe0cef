package rgaa

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"spaser/internal/diag"
)

func pages(ids ...string) []SamplePage {
	var out []SamplePage
	for _, id := range ids {
		out = append(out, SamplePage{ID: id, Path: id + "/"})
	}
	return out
}

func TestDeclare(t *testing.T) {
	sample := pages("a", "b")
	done := Manual{Date: "2026-01-01", By: "X"}
	auto := &Auto{Date: "2026-02-01", Criteria: []AutoCrit{
		{Number: "1", Method: MethodAuto, Results: map[string]string{"a": C, "b": NA}},
		{Number: "2", Method: MethodScript, Results: map[string]string{"a": C, "b": NC}, Defects: []Defect{{"b", "cassé"}}},
	}}
	for _, tc := range []struct {
		name     string
		criteria []Criterion
		status   string
		complete bool
		rate     float64
		nt       int
	}{
		{"a check by hand not done is never conforme", []Criterion{
			{Number: "1", Applicable: true},
			{Number: "3", Applicable: true, ByHand: "lire"},
			{Number: "4", Applicable: false, Reason: "absent"},
		}, None, false, 100, 1},
		{"everything checked and conforme", []Criterion{
			{Number: "1", Applicable: true},
			{Number: "3", Applicable: true, ByHand: "lire", Checks: []Manual{done}},
		}, Total, true, 100, 0},
		{"one failure on one page fails the criterion", []Criterion{
			{Number: "1", Applicable: true},
			{Number: "2", Applicable: true},
			{Number: "3", Applicable: true, ByHand: "lire", Checks: []Manual{done}},
		}, Partial, true, 200.0 / 3, 0},
		{"below half: non conforme", []Criterion{
			{Number: "2", Applicable: true},
			{Number: "3", Applicable: true, ByHand: "lire", Checks: []Manual{{Date: "2025-01-01", By: "Y"}, {Date: "2026-03-01", By: "Z", Failed: []string{"a"}, Comment: "non"}}},
			{Number: "1", Applicable: true},
		}, None, true, 100.0 / 3, 0},
		{"applicable but checked by nothing", []Criterion{
			{Number: "1", Applicable: true},
			{Number: "9", Applicable: true},
		}, None, false, 100, 1},
	} {
		d := Declare(&Grid{Pages: sample, Criteria: tc.criteria}, auto)
		if d.Status != tc.status || d.Complete != tc.complete || d.ToCheck != tc.nt || d.Rate < tc.rate-0.01 || d.Rate > tc.rate+0.01 {
			t.Errorf("%s: status %q complete %v rate %.2f to check %d; want %q %v %.2f %d", tc.name, d.Status, d.Complete, d.Rate, d.ToCheck, tc.status, tc.complete, tc.rate, tc.nt)
		}
	}
	if d := Declare(nil, nil); d.Status != None || d.Audited {
		t.Errorf("no grid: %+v", d)
	}
	// The latest check by hand counts; its failure names the page.
	d := Declare(&Grid{Pages: sample, Criteria: []Criterion{{Number: "3", Applicable: true, ByHand: "lire", Checks: []Manual{{Date: "2026-03-01", By: "Z", Failed: []string{"b"}, Comment: "illisible"}, {Date: "2025-01-01", By: "Y"}}}}}, auto)
	r := d.Results[0]
	if r.Site != NC || r.Pages["a"] != C || r.Pages["b"] != NC || len(r.Defects) != 1 || r.Defects[0].Message != "illisible" || d.Date != "2026-03-01" {
		t.Errorf("latest check: %+v, date %s", r, d.Date)
	}
}

// TestDefaultGrid: the default site's grid reads without a problem and
// lists the 106 criteria.
func TestDefaultGrid(t *testing.T) {
	var l diag.List
	g, a := Load(os.DirFS("../.."), &l)
	if l.HasErrors() || g == nil || a == nil {
		t.Fatalf("grid: %v", l.Err())
	}
	if len(g.Criteria) != Count {
		t.Errorf("%d criteria", len(g.Criteria))
	}
}

func TestGridErrors(t *testing.T) {
	src := `[declaration]
etablie = "2026-13-01"
[[page]]
id = "a"
adresse = ""
[[page]]
id = "a"
adresse = "x/"
[[critere]]
numero = "1.1"
titre = "T"
applicable = false
[[critere]]
numero = "1.3"
titre = "T"
applicable = true
a_verifier = "lire"
[[critere.verification]]
date = "hier"
non_conforme = ["z"]
`
	var l diag.List
	Load(fstest.MapFS{GridFile: {Data: []byte(src)}}, &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Where()+" "+d.Msg)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"data/rgaa/grille.toml:2 date illisible dans [declaration] etablie",
		"data/rgaa/grille.toml:6 page a déclarée deux fois",
		"data/rgaa/grille.toml:9 critère 1.1 non applicable sans raison",
		`data/rgaa/grille.toml:13 critère "1.3" inattendu`,
		`vérification du critère 1.3 sans date valide : "hier"`,
		"vérification du critère 1.3 sans auteur",
		`vérification du critère 1.3 : page "z" absente de l'échantillon`,
		"critère 1.3 non conforme sans remarque",
		"la grille a 2 critères, le RGAA 4.1.2 en a 106",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in:\n%s", want, joined)
		}
	}
}

func TestSampleAndAge(t *testing.T) {
	g := &Grid{Pages: []SamplePage{{ID: "a", Path: ""}, {ID: "b", Path: "absente/"}},
		Criteria: []Criterion{{Number: "1.1", Applicable: true, ByHand: "lire", Checks: []Manual{{Date: "2024-05-01", By: "X"}}}}}
	var l diag.List
	g.CheckSample(map[string]string{"": "home", "plan/": "plan"}, []string{"home", "plan"}, map[string]string{"plan": "plan du site"}, &l)
	Declare(g, &Auto{Date: "2025-01-01"}).CheckAge(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Msg)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		`page b de l'échantillon : adresse "absente/" inconnue`,
		"aucune page de type « plan du site » dans l'échantillon de l'audit",
		"résultats automatiques de l'audit RGAA datés du 2025-01-01 : plus d'un an",
		"vérification du critère 1.1 datée du 2024-05-01 : plus d'un an",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in:\n%s", want, joined)
		}
	}
}
