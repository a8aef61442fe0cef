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
[[directions]]
acronym = "DAPM"
[[directions]]
acronym = "DAPM"
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
		"data/site.toml:12 direction DAPM déclarée deux fois",
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
	for _, bad := range []string{"spaser/", "ftp://x/", "/a/?q=1", "https://www.exemple.fr:port/"} {
		if _, err := ParseBaseURL(bad); err == nil {
			t.Errorf("ParseBaseURL(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "parse") {
			t.Errorf("ParseBaseURL(%q): %v, not in French", bad, err)
		}
	}
}

func TestContact(t *testing.T) {
	base := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n"
	for head, want := range map[string]string{
		"":                                      "ni adresse électronique (contact_email) ni formulaire de contact (contact_form)",
		"contact_email = \"pas une adresse\"\n": "adresse électronique illisible",
		"contact_form = \"javascript:x\"\n":     "adresse du formulaire de contact illisible",
		"contact_email = \"achats@exemple.fr\"\n":         "",
		"contact_form = \"https://exemple.fr/contact\"\n": "",
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
