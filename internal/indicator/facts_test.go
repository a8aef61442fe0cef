package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

func factsSite() *config.Config {
	site := *cfg
	site.Facts = []config.Fact{
		{Key: "pilot", Label: "Service pilote", List: true, Values: map[string]string{"SA": "SA (Service des achats)", "SJ": ""}},
		{Key: "origine", Label: "Origine", Empty: "non précisée"},
		{Key: "annexe", Label: "Annexe", Values: map[string]string{"true": "dans l'annexe"}},
	}
	return &site
}

func loadFacts(t *testing.T, site *config.Config, src string) (*Catalogue, string) {
	t.Helper()
	var l diag.List
	c := Load(fstest.MapFS{"data/indicateurs.toml": {Data: []byte(src)}}, site, &l)
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String() + "\n")
	}
	return c, b.String()
}

func TestFacts(t *testing.T) {
	c, diags := loadFacts(t, factsSite(), `[[indicator]]
id = "a"
label = "A"
kind = "count"
unit = "heures"
pilot = "SA"
annexe = true

[[indicator]]
id = "b"
label = "B"
kind = "count"
unit = "heures"
pilot = "SJ"
origine = "texte du schéma"
`)
	if diags != "" {
		t.Fatal(diags)
	}
	got := func(id string) string {
		var out []string
		for _, f := range c.ByID[id].Facts {
			out = append(out, f.Label+"="+f.Text+"|"+f.Short)
		}
		return strings.Join(out, "; ")
	}
	if g := got("a"); g != "Service pilote=SA (Service des achats)|SA; Origine=non précisée|non précisée; Annexe=dans l'annexe|true" {
		t.Errorf("a: %s", g)
	}
	if g := got("b"); g != "Service pilote=SJ|SJ; Origine=texte du schéma|texte du schéma" {
		t.Errorf("b: %s", g)
	}
}

func TestFactErrors(t *testing.T) {
	_, diags := loadFacts(t, factsSite(), `[[indicator]]
id = "a"
label = "A"
kind = "count"
unit = "heures"
pilot = "AS"
origine = ["x"]
pilto = "SA"
pilote = "SA"
`)
	sitetest.ContainsAll(t, diags,
		"data/indicateurs.toml:6:1: erreur\u00a0: indicateur a : valeur inconnue \"AS\" pour « Service pilote » (pilot)\n    → Vouliez-vous dire « SA » ? Valeurs possibles : SA, SJ ; ou déclarez celle-ci dans data/site.toml ([facts.values] de l'information pilot).",
		"data/indicateurs.toml:7:1: erreur\u00a0: la valeur de « origine » n'a pas le bon type",
		"data/indicateurs.toml:8:1: erreur\u00a0: « pilto » : clé inconnue\n    → Vouliez-vous dire « pilot » ?",
		"data/indicateurs.toml:9:1: erreur\u00a0: « pilote » : clé inconnue\n    → Vouliez-vous dire « pilot » ?",
	)
	// Without a resemblance, every key is offered, the site's facts too.
	_, diags = loadFacts(t, factsSite(), "[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"count\"\nunit = \"heures\"\nzzzzzz = 1\n")
	sitetest.ContainsAll(t, diags, "Clés possibles ici : id, label, short_label, definition, kind, unit, direction, target, baseline, decp, pilot, origine, annexe.")
	// A fact cannot take one of an indicator's own keys.
	site := factsSite()
	site.Facts = append(site.Facts, config.Fact{Key: "unit", Label: "Unité"})
	_, diags = loadFacts(t, site, "")
	sitetest.ContainsAll(t, diags, "information unit : clé réservée")
}
