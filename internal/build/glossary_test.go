package build

import (
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// TestGlossary builds the fixture with a glossary: the glossary page lists
// the terms, the plan du site and the search index reach it, and each page
// marks the first use of a term, once.
func TestGlossary(t *testing.T) {
	src := sitetest.New(t, with(fixture, map[string]string{
		"data/glossaire.toml": "[[terms]]\nterm = \"GES\"\nexpansion = \"gaz à effet de serre\"\n",
		"content/page.md":     "+++\ntitle = \"Page GES\"\n+++\nLes GES, puis les GES encore ; [les GES](/page.md) ; `GES`.\n",
	}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/"); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	mustContain(t, "glossary", files["glossaire/index.html"], "<dt>GES</dt>", "Gaz à effet de serre")
	mustContain(t, "plan", files["plan-du-site/index.html"], `href="/glossaire/"`)
	page := files["page/index.html"]
	if n := strings.Count(page, `<abbr title="gaz à effet de serre">GES</abbr>`); n != 1 {
		t.Errorf("page marks GES %d times, want once:\n%s", n, page)
	}
	if !strings.Contains(page, `<title>Page GES`) || !strings.Contains(page, "<code>GES</code>") {
		t.Errorf("the title or the code changed:\n%s", page)
	}
	var index string
	for name, body := range files {
		if strings.HasPrefix(name, "assets/recherche.") && strings.HasSuffix(name, ".json") {
			index = body
		}
	}
	mustContain(t, "search index", index, `"u":"/glossaire/"`, "gaz à effet de serre",
		"Service pilote\u00a0: DA (Direction des achats).") // a fact reads with its label
}

// TestChartNotes: the note under a chart explains the glossary's terms the
// chart writes, and a deprecated label_meaning still explains its label
// (adopted by the glossary, with a warning at its line), so that an
// explanation an editor wrote never disappears.
func TestChartNotes(t *testing.T) {
	catalogue := strings.Replace(fixture["data/indicateurs.toml"], "value = 60000\n", "value = 60000\nlabel = \"HI\"\nlabel_meaning = \"heures d'insertion\"\n", 1)
	src := sitetest.New(t, with(fixture, map[string]string{
		"data/indicateurs.toml": strings.Replace(catalogue, `label = "Nombre et pourcentage de marchés avec une clause"`, `label = "Nombre et pourcentage de marchés avec une clause SIAE"`, 1),
		"data/glossaire.toml":   "[[terms]]\nterm = \"SIAE\"\nexpansion = \"structures d'insertion par l'activité économique\"\n",
	}))
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, src, out, "/")
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, d := range res.Diags {
		warned = warned || d.File == "data/indicateurs.toml" && d.Line == 11 && strings.Contains(d.Msg, "label_meaning est remplacé par le glossaire") && strings.Contains(d.Hint, "term = \"HI\"\nexpansion = \"heures d'insertion\"")
	}
	if !warned {
		t.Errorf("no warning at data/indicateurs.toml:11 for label_meaning: %v", res.Diags)
	}
	files := readTree(t, out)
	mustContain(t, "heures", files["indicateurs/heures/index.html"], "<p class=\"chart-notes\">HI\u00a0: heures d’insertion.</p>")
	mustContain(t, "clauses", files["indicateurs/clauses/index.html"], "<p class=\"chart-notes\">SIAE\u00a0: structures d’insertion par l’activité économique.</p>")
	mustContain(t, "glossary", files["glossaire/index.html"], "<dt>HI</dt>", "<dt>SIAE</dt>")
}
