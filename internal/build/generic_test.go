package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// genericSite is a site without schema pages and without indicators, shaped
// like the benchmark corpus (../shared/tools/bench/gen-corpus.go).
var genericSite = map[string]string{
	"content/_index.md":      "+++\ntitle = \"Corpus de test\"\ndescription = \"Corpus synthétique de 3 pages.\"\n+++\n\nIntroduction.\n",
	"content/s001/_index.md": "+++\ntitle = \"Rubrique 1\"\nweight = 1\n+++\n\nTexte de la rubrique.\n",
	"content/s001/p00002.md": "+++\ntitle = \"Page B\"\nweight = 2\ndescription = \"Description de B.\"\n+++\n\n## Titre\n\nVoir [A](/s001/p00001.md).\n",
	"content/s001/p00001.md": "+++\ntitle = \"Page A\"\nweight = 1\nsummary = \"Résumé de A.\"\n+++\n\nTexte.\n",
	"content/s002/_index.md": "+++\ntitle = \"Rubrique 2\"\nweight = 2\n+++\n",
	"content/s002/p00003.md": "+++\ntitle = \"Page C\"\nweight = 1\nsummary = \"Résumé de C.\"\ndescription = \"Description de C.\"\n+++\n\nTexte.\n",
	"content/s002/image.png": "copied as is",
}

// TestBenchSite builds a tiny corpus with bench/site/ copied over it, as
// bench/run.sh does: the same pages as Hugo with the same markup.
func TestBenchSite(t *testing.T) {
	files := with(genericSite, nil)
	err := fs.WalkDir(os.DirFS("../../bench/site"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("../../bench/site", p))
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, sitetest.New(t, files), out, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		t.Errorf("unexpected warning: %s", d)
	}
	got := readTree(t, out)
	for _, name := range []string{"index.html", "s001/index.html", "s001/p00001/index.html", "s001/p00002/index.html", "s002/index.html", "s002/p00003/index.html", "s002/image.png"} {
		if _, ok := got[name]; !ok {
			t.Errorf("missing %s; have %v", name, keys(got))
		}
	}
	mustContain(t, "home", got["index.html"],
		"<title>Corpus de test – Corpus de test</title>",
		`<meta name="description" content="Corpus synthétique de 3 pages.">`,
		`<header><a href="/">Corpus de test</a></header>`,
		"<h1>Corpus de test</h1>",
		"<ul>\n<li><a href=\"/s001/\">Rubrique 1</a></li>\n<li><a href=\"/s002/\">Rubrique 2</a></li>\n\n</ul>")
	mustContain(t, "section", got["s001/index.html"],
		`<header><a href="/">Corpus de test</a> › <a href="/">Corpus de test</a></header>`,
		"<h1>Rubrique 1</h1>\n<p>Texte de la rubrique.</p>",
		"<li><a href=\"/s001/p00001/\">Page A</a></li>\n<li><a href=\"/s001/p00002/\">Page B</a></li>")
	mustContain(t, "page", got["s001/p00002/index.html"],
		`<meta name="description" content="Description de B.">`,
		` › <a href="/s001/">Rubrique 1</a></header>`,
		"<article>\n<h1>Page B</h1>\n<h2 id=\"titre\">Titre</h2>", `<a href="/s001/">`, `<a href="/s001/p00001/">A</a>`)
	if strings.Contains(got["s001/index.html"], `name="description"`) {
		t.Error("a page without summary or description has a meta description")
	}
}

// TestDescription: the description key is the meta description; without it
// the summary is.
func TestDescription(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := with(fixture, map[string]string{
		"content/page.md":  "+++\ntitle = \"Une page\"\nsummary = \"Résumé : court.\"\n+++\nTexte.\n",
		"content/autre.md": "+++\ntitle = \"Autre\"\nsummary = \"Résumé autre.\"\ndescription = \"Pour les moteurs : autre.\"\n+++\nTexte.\n",
	})
	if _, err := buildSite(t, sitetest.New(t, files), out, ""); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	mustContain(t, "page", got["page/index.html"], "<meta name=\"description\" content=\"Résumé\u00a0: court.\">")
	mustContain(t, "autre", got["autre/index.html"], "<meta name=\"description\" content=\"Pour les moteurs\u00a0: autre.\">")
}
