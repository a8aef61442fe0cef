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
	mustContain(t, "search index", index, `"u":"/glossaire/"`, "gaz à effet de serre")
}
