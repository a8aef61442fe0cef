package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

func TestNameForms(t *testing.T) {
	for _, tc := range []struct {
		text, article          string
		the, of, to, by, title string
	}{
		{"Département du Val-de-Marne", "", "le Département du Val-de-Marne", "du Département du Val-de-Marne", "au Département du Val-de-Marne", "par le Département du Val-de-Marne", "Le Département du Val-de-Marne"},
		{"Direction de l'achat public", "", "la Direction de l’achat public", "de la Direction de l’achat public", "à la Direction de l’achat public", "par la Direction de l’achat public", "La Direction de l’achat public"},
		{"Établissement public territorial", "", "l’Établissement public territorial", "de l’Établissement public territorial", "à l’Établissement public territorial", "par l’Établissement public territorial", "L’Établissement public territorial"},
		{"Hôpitaux de Paris", "les", "les Hôpitaux de Paris", "des Hôpitaux de Paris", "aux Hôpitaux de Paris", "par les Hôpitaux de Paris", "Les Hôpitaux de Paris"},
		{"Ivry-sur-Seine", "", "Ivry-sur-Seine", "d’Ivry-sur-Seine", "à Ivry-sur-Seine", "par Ivry-sur-Seine", "Ivry-sur-Seine"},
		{"Ville de Paris", "aucun", "Ville de Paris", "de Ville de Paris", "à Ville de Paris", "par Ville de Paris", "Ville de Paris"},
		{"Haute-Garonne", "la", "la Haute-Garonne", "de la Haute-Garonne", "à la Haute-Garonne", "par la Haute-Garonne", "La Haute-Garonne"},
		{"Hôtel de ville", "l'", "l’Hôtel de ville", "de l’Hôtel de ville", "à l’Hôtel de ville", "par l’Hôtel de ville", "L’Hôtel de ville"},
		{"SPASER 2023-2028", "", "le SPASER 2023-2028", "du SPASER 2023-2028", "au SPASER 2023-2028", "par le SPASER 2023-2028", "Le SPASER 2023-2028"},
	} {
		n := name(tc.text, tc.article)
		got := []string{n.The(), n.Of(), n.To(), n.By(), Capital(n.The())}
		want := []string{tc.the, tc.of, tc.to, tc.by, tc.title}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q (%q):\n got %q\nwant %q", tc.text, tc.article, got, want)
		}
	}
}

func TestContactName(t *testing.T) {
	c := &Config{Contact: "Service des achats"}
	if got := c.ContactName().The(); got != "le Service des achats" {
		t.Errorf("ContactName() = %q", got)
	}
}

func TestArticleError(t *testing.T) {
	src := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\n[articles]\ncollectivite = \"du\"\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n"
	var l diag.List
	Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Where()+" "+d.Msg)
	}
	if s := strings.Join(got, "\n"); s != `data/site.toml:6 article inconnu dans [articles] collectivite : "du"` {
		t.Errorf("diagnostics:\n%s", s)
	}
}

func TestTrust(t *testing.T) {
	base := "title = \"T\"\ncollectivite = \"C\"\nperiod_start = 2023\nperiod_end = 2028\nadoption_date = \"%d\"\n%s\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n%s"
	load := func(date, top, tables string) (*Config, string) {
		var l diag.List
		src := strings.Replace(strings.Replace(strings.Replace(base, "%d", date, 1), "%s", top, 1), "%s", tables, 1)
		c := Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
		if c != nil {
			c.WarnPublication(&l)
		}
		var got []string
		for _, d := range l.Items() {
			got = append(got, d.Where()+" "+d.Msg)
		}
		return c, strings.Join(got, "\n")
	}
	_, got := load("", `contact_email = "achats at exemple"`+"\n"+`contact_url = "/contact"`, "[adoption]\ndocument = \"javascript:alert(1)\"\ndeliberation = \"//autre.fr/x.pdf\"\n")
	for _, want := range []string{
		`data/site.toml:6 adresse électronique de contact illisible : "achats at exemple"`,
		`data/site.toml:7 adresse incorrecte pour contact_url : "/contact"`,
		`data/site.toml:14 adresse incorrecte pour adoption.document : "javascript:alert(1)"`,
		`data/site.toml:15 adresse incorrecte pour adoption.deliberation : "//autre.fr/x.pdf"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "aucune adresse de contact") || strings.Contains(got, "n'est pas en ligne") {
		t.Errorf("warned about what is given:\n%s", got)
	}
	_, got = load("", "", "")
	for _, want := range []string{"aucune adresse de contact"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	c, got := load("2023-12-11", `contact_url = "https://exemple.fr/contact"`, "[adoption]\ndocument = \"/documents/spaser.pdf\"\ndeliberation = \"https://exemple.fr/deliberation.pdf\"\n")
	if got != "" || !c.HasContactAddress() {
		t.Errorf("a complete configuration gave:\n%s", got)
	}
}
