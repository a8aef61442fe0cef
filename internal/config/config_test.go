package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

func TestLoadErrors(t *testing.T) {
	src := `title = ""
collectivite = "C"
base_url = "www.exemple.fr"
period_start = 2028
period_end = 2023
[schema]
root = "Axes"
[accessibility]
status = "conforme"
[[facts]]
key = "pilote"
label = "Service pilote"
[[facts]]
key = "pilote"
label = ""
`
	var l diag.List
	Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Where()+" "+d.Msg)
	}
	joined := strings.Join(got, "\n")
	sitetest.ContainsAll(t, joined,
		"data/site.toml:1 le titre du site (title) est vide",
		"data/site.toml:3 adresse du site (base_url) invalide",
		"data/site.toml:4 période du schéma incorrecte (2028-2023)",
		"data/site.toml:7 [schema] root incorrect",
		"data/site.toml:6 aucun niveau de schéma déclaré",
		"data/site.toml:8 section [accessibility] remplacée par la grille d'audit RGAA (data/rgaa/grille.toml)",
		"data/site.toml:14:1 information pilote déclarée deux fois",
		"data/site.toml:14:1 information pilote sans intitulé (label)",
	)
}

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.exemple.fr/spaser": "https://www.exemple.fr/spaser/",
		"/spaser":                       "/spaser/",
		"https://exemple.fr":            "https://exemple.fr/",
	} {
		u, err := ParseBaseURL(in)
		if err != nil || u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
	for _, bad := range []string{"spaser/", "ftp://x/", "/a/?q=1", "https://www.exemple.fr:port/",
		// Issue 15, point 8: header injection, escapes, other schemes.
		"https://exemple.fr/a%0a/*%0a  Access-Control-Allow-Origin: *", "/a%0d%0aX: y/", "/a\nb/", "/a%00/",
		"/../../", "/a/../b/", "/%2e%2e/", "/a/./", "file:///etc/", "javascript:alert(1)", "//evil.example/",
		"https://user:pw@exemple.fr/", "https://exemple.fr/a b/", "https://exemple.fr/a;b/", "https://ex\u0085.fr/",
		"http:/x", "https:///x/", "https://exemple.fr/a//b/", "/a#b",
	} {
		if _, err := ParseBaseURL(bad); err == nil {
			t.Errorf("ParseBaseURL(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "parse") {
			t.Errorf("ParseBaseURL(%q): %v, not in French", bad, err)
		}
	}
}

func TestUnitErrors(t *testing.T) {
	src := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n" + "\n[[units]]\nid = \"repas\"\nsingular = \"repas\"\nplural = \"repas\"\nlegal = \"contrats\"\n\n[[units]]\nid = \"repas\"\nsingular = \"repas\"\npluriel = \"repas\"\n\n[[facts]]\ncle = \"pilote\"\nlabel = \"Pilote\"\nlsit = true\n"
	var l diag.List
	Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
	got := ""
	for _, d := range l.Items() {
		got += d.String() + "\n"
	}
	for _, w := range []string{"unité repas : legal inconnu \"contrats\"\n    → Vouliez-vous dire « contracts » ?", "unité repas déclarée deux fois", "unité repas sans nom au singulier ou au pluriel",
		"« pluriel » : clé inconnue\n    → Vouliez-vous dire « plural » ?", "« cle » : clé inconnue\n    → Vouliez-vous dire « key » ?",
		"« lsit » : clé inconnue\n    → Vouliez-vous dire « list » ?", "information (facts) sans clé correcte"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

// FuzzConfig feeds arbitrary text to the loader as data/site.toml (with
// its units and facts): diagnostics on lines of that file, never a panic.
func FuzzConfig(f *testing.F) {
	head := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n"
	f.Add(head)
	f.Add(head + "[[units]]\nid = \"repas\"\nsingular = \"repas\"\nplural = \"repas\"\nlegal = \"contrats\"\n[[units]]\nid = \"\"\n")
	f.Add(head + "[[facts]]\nkey = \"pilote\"\nlabel = \"Service pilote\"\nlist = true\nempty = \"non précisé\"\n[facts.values]\nSA = \"SA (Service des achats)\"\ntrue = \"oui\"\n[[facts]]\nkey = \"Pilote\"\n")
	f.Add(head + "[[facts]]\nclé = 1\nvaleurs = [1]\n[[units]]\nsingulier = 2\n")
	f.Fuzz(func(t *testing.T, src string) {
		var l diag.List
		Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
		lines := strings.Count(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(src), "\n") + 1
		for _, d := range l.Items() {
			if d.File != File || d.Line < 0 || d.Line > lines || d.Msg == "" {
				t.Fatalf("bad diagnostic for %q: %+v", src, d)
			}
		}
	})
}

func TestContact(t *testing.T) {
	base := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n"
	for head, want := range map[string]string{
		"":                                      "", // no address: spaser check warns (WarnPublication), not the loading
		"contact_email = \"pas une adresse\"\n": "adresse électronique de contact illisible",
		"contact_url = \"javascript:x\"\n":      "adresse incorrecte pour contact_url",
		"contact_email = \"achats@exemple.fr\"\n":        "",
		"contact_url = \"https://exemple.fr/contact\"\n": "",
	} {
		var l diag.List
		Load(fstest.MapFS{File: {Data: []byte(head + base)}}, &l)
		var got []string
		for _, d := range l.Items() {
			got = append(got, d.Msg)
		}
		joined := strings.Join(got, "\n")
		if want == "" && strings.Contains(joined, "contact_") || want != "" && !strings.Contains(joined, want) {
			t.Errorf("%q: got\n%s\nwant %q", head, joined, want)
		}
	}
}
