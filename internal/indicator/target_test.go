package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

// Synthetic test data.

const kindsCatalogue = `[[indicator]]
id = "label"
label = "Obtenir un label"
kind = "milestone"
[[indicator.target]]
by = 2025
text = "obtenir le label"

[[indicator]]
id = "sourcing"
label = "Sourcing"
kind = "qualitative"

[[indicator]]
id = "reserves"
label = "Marchés réservés"
kind = "count"
unit = "marches"
[[indicator.target]]
factor = 2
baseline_year = 2022
[[indicator.target]]
year = 2024
value = 150
floor = 80
label = "plancher"
[[indicator.target]]
min = 10
max = 20
label = "fourchette"
`

func loadKinds(t *testing.T, catalogue string, values map[string]string) (*Catalogue, []diag.Diagnostic) {
	t.Helper()
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(catalogue)}}
	for k, v := range values {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	var l diag.List
	c := Load(fsys, cfg, &l)
	return c, l.Items()
}

// withoutSourceWarning drops the warning for a figure without source: the
// synthetic figures here have none, and that warning is tested elsewhere.
func withoutSourceWarning(items []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range items {
		if !strings.HasPrefix(d.Msg, "chiffre sans source") {
			out = append(out, d)
		}
	}
	return out
}

func TestTargetForms(t *testing.T) {
	c, items := loadKinds(t, kindsCatalogue, map[string]string{
		"data/valeurs/2024.toml": "[label]\ndone = true\ndate = 2024-06-12\n[sourcing]\ntext = \"Deux rencontres.\"\n[reserves]\nvalue = 20\napprox = true\npublished = 2025-01-10\nunstated_year = true\n[[reserves.subset]]\nlabel = \"avec des ESAT\"\nvalue = 5\n",
	})
	if items = withoutSourceWarning(items); len(items) != 0 {
		t.Fatalf("diagnostics: %v", items)
	}
	l := c.ByID["label"]
	if len(l.Targets) != 1 || l.Targets[0].Form != Done || l.Targets[0].By != 2025 || l.Targets[0].Text != "obtenir le label" {
		t.Errorf("milestone target: %+v", l.Targets)
	}
	if m := l.ValueAt(2024); m == nil || m.Done == nil || !*m.Done || m.Date != "2024-06-12" || l.Format(m) != "fait le 12\u00a0juin\u00a02024" {
		t.Errorf("milestone value: %+v", m)
	}
	r := c.ByID["reserves"].Targets
	if len(r) != 3 || r[0].Form != FloorAim || r[0].Low != 80 || r[1].Form != Relative || r[1].Factor != 2 || r[1].BaseYear != 2022 || !r[1].NoYear || r[1].By != 2028 || r[2].Form != Range || r[2].Low != 10 || r[2].Value != 20 {
		t.Errorf("count targets: %+v", r)
	}
	m := c.ByID["reserves"].ValueAt(2024)
	if !m.Approx || m.Published != "2025-01-10" || !m.UnstatedYear || len(m.Subsets) != 1 || c.ByID["reserves"].Format(m) != "environ 20\u00a0marchés" {
		t.Errorf("value qualifiers: %+v", m)
	}
	if s := c.ByID["sourcing"].ValueAt(2024); s == nil || s.Text != "Deux rencontres." || !s.Known() {
		t.Errorf("report: %+v", s)
	}
	if ts := c.ByID["sourcing"].Targets; len(ts) != 1 || ts[0].Form != Commitment || ts[0].By != 2028 || !ts[0].NoYear {
		t.Errorf("a commitment without a target block is its own target by the end of the schéma: %+v", ts)
	}
}

func TestTargetErrors(t *testing.T) {
	head := "[[indicator]]\nid = \"x\"\nlabel = \"X\"\nkind = \"count\"\nunit = \"marches\"\n[[indicator.target]]\n"
	cases := map[string]string{
		"year = 2024\nby = 2025\nvalue = 3\n":   "objectif de l'indicateur x avec year et by",
		"year = 2024\n":                         "objectif sans valeur pour l'indicateur x",
		"min = 20\nmax = 10\n":                  "fourchette inversée",
		"value = 10\nfloor = 20\n":              "plancher incorrect",
		"factor = 2\n":                          "objectif relatif sans année de départ",
		"factor = 0\nbaseline_year = 2022\n":    "facteur impossible",
		"change = -100\nbaseline_year = 2022\n": "évolution impossible",
		"value = 3\nat_most = 4\n":              "clés incompatibles (value, at_most)",
		"text = \"faire\"\n":                    "« text » ne s'applique pas",
		"value = 3\nbaseline_year = 2022\n":     "« baseline_year » sans objectif relatif",
		"by = 2040\nvalue = 3\n":                "hors de la période du schéma",
		"flor = 3\nvalue = 5\n":                 "« flor » : clé inconnue",
		"factor = 2\nbaseline_year = 2100\n":    "année de départ impossible",
		"value = -3\n":                          "objectif 2028 impossible : -3",
		"echeance = 2025\nvalue = 3\n":          "« echeance » : clé inconnue",
		"by = \"2025\"\nvalue = 3\n":            "n'a pas le bon type",
	}
	for src, want := range cases {
		_, items := loadKinds(t, head+src, nil)
		if len(items) == 0 || !strings.Contains(items[0].Msg, want) || items[0].Line < 6 {
			t.Errorf("%q: got %v, want %q", src, items, want)
		}
	}
	for src, key := range map[string]string{"flor = 3\nvalue = 5\n": "floor", "echeance = 2025\nvalue = 3\n": "by", "plancher = 3\nvalue = 5\n": "floor"} {
		_, items := loadKinds(t, head+src, nil)
		if len(items) == 0 || !strings.Contains(items[0].Hint, "« "+key+" »") {
			t.Errorf("did you mean %s: %v", key, items)
		}
	}
}

func TestReportErrors(t *testing.T) {
	cases := map[string]string{
		"[label]\nvalue = 3\n":                                    "chiffre donné pour le jalon label",
		"[label]\nsource = \"x\"\n":                               "jalon label sans état (done)",
		"[label]\ndone = false\ndate = 2024-01-02\n":              "date donnée pour le jalon label",
		"[sourcing]\nsource = \"x\"\n":                            "engagement qualitatif sourcing sans compte rendu",
		"[sourcing]\ntext = \"x\"\ncount = 3\n":                   "chiffre donné pour l'engagement qualitatif",
		"[reserves]\nvalue = 3\ndone = true\n":                    "« done » ne s'applique pas",
		"[reserves]\nvalue = 3\nunstated_year = true\n":           "unstated_year sans date de publication",
		"[reserves]\nvalue = 3\npublished = \"10/01/2025\"\n":     "date illisible ou impossible pour l'indicateur reserves : 10/01/2025",
		"[reserves]\nvalue = 3\npublished = 0222-01-10\n":         "date illisible ou impossible pour l'indicateur reserves : 0222-01-10",
		"[reserves]\nvalue = 3\n[[reserves.subset]]\nvalue = 1\n": "sous-ensemble sans intitulé",
		"[reserves]\nvalue = 3\naprox = true\n":                   "« aprox » : clé inconnue",
		"[label]\ndone = true\n[[label.subset]]\nlabel = \"a\"\n": "sous-ensemble donné pour l'indicateur label",
	}
	for src, want := range cases {
		_, items := loadKinds(t, kindsCatalogue, map[string]string{"data/valeurs/2024.toml": src})
		if items = withoutSourceWarning(items); len(items) == 0 || !strings.Contains(items[0].Msg, want) || items[0].File != "data/valeurs/2024.toml" || items[0].Line < 1 {
			t.Errorf("%q: got %v, want %q", src, items, want)
		}
	}
}

// FuzzTargetBlock feeds arbitrary text to the loader as a target block:
// diagnostics on lines of the catalogue, never a panic.
func FuzzTargetBlock(f *testing.F) {
	for _, s := range []string{"by = 2025\nvalue = 3\n", "min = 1\nmax = 0\n", "factor = 2\nbaseline_year = 2022\n", "change = -30\nbaseline_year = 1\n",
		"value = 150\nfloor = 80\n", "at_most = 5\nat_least = 4\n", "text = \"x\"\n", "year = 2024\nby = 2024\n", "value = nan\n", "value = inf\nfloor = -inf\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		cat := kindsCatalogue + "[[indicator.target]]\n" + src
		fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(cat)}}
		var l diag.List
		c := Load(fsys, cfg, &l)
		lines := strings.Count(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(cat), "\n") + 1
		for _, d := range l.Items() {
			if d.File != "data/indicateurs.toml" || d.Line < 0 || d.Line > lines || d.Msg == "" {
				t.Fatalf("bad diagnostic for %q: %+v", src, d)
			}
		}
		for _, ind := range c.List {
			for _, tg := range ind.Targets {
				tg.Absolute(1)
			}
		}
	})
}

func TestPublishedDate(t *testing.T) {
	for _, c := range []struct {
		src, date, err string
		line           int
	}{
		{"published = 2024-06-20\n[a]\nvalue = 1\n", "2024-06-20", "", 0},
		{"# note\n  published = \"2024-06-20\"  # le bilan\n[a]\n", "2024-06-20", "", 0},
		{"[a]\npublished = 2024-06-20\n", "", "", 0}, // a figure's own date: not the file's
		{"published = \"20/06/2024\"\n[a]\n", "", "date de publication illisible ou impossible : 20/06/2024", 1},
		{"\npublished = 0024-06-20\n", "", "date de publication illisible ou impossible : 0024-06-20", 2},
	} {
		var l diag.List
		date, rest := splitPublished(&l, "data/valeurs/2024.toml", []byte(c.src))
		if date != c.date {
			t.Errorf("%q: date %q, want %q", c.src, date, c.date)
		}
		if strings.Count(string(rest), "\n") != strings.Count(c.src, "\n") {
			t.Errorf("%q: lines changed: %q", c.src, rest)
		}
		items := l.Items()
		switch {
		case c.err == "" && len(items) > 0:
			t.Errorf("%q: %v", c.src, items)
		case c.err != "" && (len(items) != 1 || !strings.Contains(items[0].String(), c.err) || items[0].Line != c.line):
			t.Errorf("%q: got %v, want %q at line %d", c.src, items, c.err, c.line)
		}
	}
}
