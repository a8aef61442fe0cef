package indicator

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
)

var cfg = &config.Config{PeriodStart: 2023, PeriodEnd: 2028, DataFrom: 2021,
	Facts: []config.Fact{{Key: "pilot", Label: "Direction pilote", Values: map[string]string{"DAPM": ""}}}}

const catalogue = `[[indicator]]
id = "vfe"
label = "Véhicules à faibles émissions"
kind = "share"
unit = "vehicules"
pilot = "DAPM"
[[indicator.target]]
year = 2022
value = 30
label = "VFE"
[[indicator.target]]
year = 2025
value = 40
label = "VFE"
[[indicator.target]]
year = 2026
value = 37.4
label = "VTFE"

[[indicator]]
id = "heures"
label = "Heures d'insertion"
kind = "count"
unit = "heures"
[[indicator.baseline]]
year = 2022
missing = true
`

func loadCat(t *testing.T, files map[string]string) (*Catalogue, []diag.Diagnostic) {
	t.Helper()
	return loadKinds(t, catalogue, files)
}

func TestSharesAndTargets(t *testing.T) {
	c, items := loadCat(t, map[string]string{"data/valeurs/2022.toml": "[vfe]\ncount = 40\ntotal = 92\nsource = \"Rapport\"\n"})
	if len(items) != 0 {
		t.Fatalf("diagnostics: %v", items)
	}
	v := c.ByID["vfe"]
	m := v.Latest()
	if m == nil || v.Format(m) != "40\u00a0véhicules sur 92 (43,5\u202f%)" {
		t.Fatalf("latest = %+v", m)
	}
	if got := v.Targets; len(got) != 3 || got[1].Value != 40 || got[2].Value != 37.4 || got[2].Year != 2026 || !got[2].Stepped() {
		t.Errorf("targets = %+v", got)
	}
	h := c.ByID["heures"]
	if h.Latest() != nil || h.Format(h.Baselines[0]) != "à publier" {
		t.Errorf("heures: %+v", h.Baselines[0])
	}
}

func TestValueErrors(t *testing.T) {
	cases := map[string]string{
		"[vfe]\ncount = 93\ntotal = 92\n":           "nombre supérieur au total",
		"[vfe]\nshare = 140\n":                      "pourcentage supérieur à 100",
		"[vfe]\ncount = 3\ntotal = 9\nshare = 33\n": "share et total donnés ensemble",
		"[vfe]\nvalue = 3\n":                        "« value » ne s'applique pas",
		"[heures]\nvalue = -5\n":                    "nombre négatif pour l'indicateur heures : value = -5",
		"[heures]\ntotal = 5\n":                     "n'est pas de type share",
		"[heurs]\nvalue = 5\n":                      "indicateur inconnu : \"heurs\"",
		"[vfe]\ncount = 3\ntotl = 9\n":              "« totl » : clé inconnue",
		"[vfe]\n[[vfe.detail]]\nlabel = \"A\"\ncount = 1\n[[vfe.detail]]\nlabel = \"A\"\ncount = 2\n": "détail en double pour l'indicateur vfe : \"A\"",
	}
	for src, want := range cases {
		_, items := loadCat(t, map[string]string{"data/valeurs/2024.toml": src})
		if i := slices.IndexFunc(items, func(d diag.Diagnostic) bool { return strings.Contains(d.Msg, want) }); i < 0 || items[i].File != "data/valeurs/2024.toml" || items[i].Line < 1 {
			t.Errorf("%q: got %v, want %q", src, items, want)
		}
	}
	_, items := loadCat(t, map[string]string{"data/valeurs/2019.toml": "[vfe]\nshare = 3\n", "data/valeurs/note.toml": ""})
	if len(items) != 2 || !strings.Contains(items[0].Msg, "hors de la période") || !strings.Contains(items[1].Msg, "nom de fichier de valeurs incorrect") {
		t.Errorf("year files: %v", items)
	}
}

func TestCatalogueErrors(t *testing.T) {
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(`[[indicator]]
id = "a"
label = "A"
kind = "share"
unit = "marchés"
pilot = "DAMP"

[[indicator]]
id = "a"
label = "B"
kind = "count"
unit = "marches"
[[indicator.target]]
value = 3

[[indicator]]
id = "c"
label = "C"
`)}}
	var l diag.List
	Load(fsys, cfg, &l)
	got := ""
	for _, d := range l.Items() {
		got += d.String() + "\n"
	}
	for _, w := range []string{
		"data/indicateurs.toml:5:1: erreur\u00a0: indicateur a : unité (unit) inconnue \"marchés\"",
		"Vouliez-vous dire « marches » ?",
		"data/indicateurs.toml:6:1: erreur\u00a0: indicateur a : valeur inconnue \"DAMP\" pour « Direction pilote » (pilot)\n    → Vouliez-vous dire « DAPM » ?",
		"data/indicateurs.toml:9:1: erreur\u00a0: identifiant d'indicateur en double",
		"data/indicateurs.toml:16: erreur\u00a0: indicateur c sans type (kind)\n    → Ajoutez kind = \"count\"",
		"data/indicateurs.toml:16: erreur\u00a0: indicateur c sans unité (unit)\n    → Ajoutez unit = \"…\" avec l'une de ces unités : acheteurs,",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

// FuzzValues feeds arbitrary text to the loader as a values file: whatever
// an editor types, the result is diagnostics on lines of that file, never a
// panic.
func FuzzValues(f *testing.F) {
	f.Add("[vfe]\ncount = 40\ntotal = 92\nsource = \"x\"\n")
	f.Add("[vfe]\nshare = 143.5\n[[vfe.detail]]\nlabel = \"A\"\ncount = 5\ntotal = 4\n")
	f.Add("[heures]\nvalue = -5\n\n[heures]\nvalue = 3\n")
	f.Add("[vfe]\nshare = 43,5\n")
	f.Add("[heurs]\nvalue = 61 234\nsource = ”x”\n")
	f.Add("vfe = 3\n[vfe.detail]\n")
	f.Add("[vfe]\nshare = 30\napprox = true\n[[vfe.subset]]\nlabel = \"de bio\"\nshare = 19.7\n")
	f.Add("[vfe]\nshare = 30\npublished = 2025-03-14\nunstated_year = true\n")
	f.Add("[vfe]\ndone = true\ndate = 0001-01-01\ntext = \"x\"\n")
	f.Add("[heures]\nunstated_year = true\npublished = 1979-05-27T07:32:00Z\n")
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{
			"data/indicateurs.toml":  {Data: []byte(catalogue)},
			"data/valeurs/2024.toml": {Data: []byte(src)},
		}
		var l diag.List
		c := Load(fsys, cfg, &l)
		lines := strings.Count(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(src), "\n") + 1 // as srcfile reads it
		for _, d := range l.Items() {
			if d.File != "data/valeurs/2024.toml" || d.Line < 0 || d.Line > lines || d.Col < 0 || d.Msg == "" {
				t.Fatalf("bad diagnostic for %q: %+v", src, d)
			}
		}
		for _, ind := range c.List {
			for _, m := range ind.Values {
				ind.Format(m) // must not panic either
				m.Percent()
			}
		}
	})
}

func TestNumberOfLostFigure(t *testing.T) {
	n := 40.0
	m := &Measure{Count: &n, Missing: true}
	if v, ok := m.Number(Count); ok {
		t.Errorf("a lost figure has no number, got %v", v)
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		ind  Indicator
		v    float64
		want string
	}{
		{Indicator{Kind: Value, Unit: Units["euros_ht"]}, 1, "1\u00a0€ HT"},
		{Indicator{Kind: Value, Unit: Units["euros_ht"]}, 1250000.5, "1\u202f250\u202f000,5\u00a0€ HT"},
		{Indicator{Kind: Count, Unit: Units["heures"]}, 1, "1\u00a0heure"},
		{Indicator{Kind: Count, Unit: Units["pourcent"]}, 43.48, "43,5\u202f%"},
		{Indicator{Kind: Share, Unit: Units["marches"]}, 30, "30\u202f%"},
	}
	for _, c := range cases {
		if got := c.ind.FormatNumber(c.v); got != c.want {
			t.Errorf("FormatNumber(%v) in %s = %q, want %q", c.v, c.ind.Unit.ID, got, c.want)
		}
	}
}

func TestFormatOutOfZero(t *testing.T) {
	zero := 0.0
	ind := &Indicator{Kind: Share, Unit: Units["vehicules"]}
	if got := ind.Format(&Measure{Count: &zero, Total: &zero}); got != "0\u00a0véhicule sur 0" {
		t.Errorf("0 out of 0 = %q, want no percentage (there is none)", got)
	}
}
