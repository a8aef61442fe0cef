package build

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/opendata"
	"spaser/internal/site"
	"spaser/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func TestBuildFixture(t *testing.T) {
	src := sitetest.New(t, fixture)
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, src, out, "")
	if err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	want := []string{
		"index.html", "404.html", "robots.txt", "sitemap.xml",
		"page/index.html", "axes/index.html", "axes/1-vert/index.html",
		"axes/1-vert/1-climat/index.html", "axes/1-vert/1-climat/1-bas/index.html",
		"axes/2-social/1-emploi/1-insertion/index.html",
		"indicateurs/index.html", "indicateurs/heures/index.html", "indicateurs/clauses/index.html",
		"odd/index.html", "odd/13/index.html", "plan-du-site/index.html",
		"accessibilite/index.html", "mentions-legales/index.html",
	}
	for _, w := range want {
		if _, ok := files[w]; !ok {
			t.Errorf("missing output file %s; have %v", w, keys(files))
		}
	}
	html := 0
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			html++
		}
	}
	if res.Pages != html {
		t.Errorf("Pages = %d, but %d HTML files were written", res.Pages, html)
	}
	action := files["axes/1-vert/1-climat/1-bas/index.html"]
	mustContain(t, "action", action,
		`<html lang="fr">`, `<a class="skip" href="#contenu">`, `<main id="contenu"`,
		"Action\u00a01.1", `href="/schema/axes/1-vert/1-climat/2-haut/#objectifs"`, // .md link resolved
		`href="/schema/indicateurs/clauses/"`, `rel="next"`, `ODD 13`,
		`<link rel="canonical" href="https://exemple.fr/schema/axes/1-vert/1-climat/1-bas/">`)
	if n := strings.Count(action, "<h1"); n != 1 {
		t.Errorf("action page has %d h1", n)
	}
	mustContain(t, "page", files["page/index.html"],
		"Texte «\u00a0cité\u00a0»\u202f; 90\u202f000 heures, soit 43,5\u202f%", `id="premiere-partie"`, `id="note-fn:1"`)
	mustContain(t, "indicator", files["indicateurs/clauses/index.html"],
		"40\u00a0marchés sur 92 (43,5\u202f%)", "au terme du précédent schéma", "41\u202f%", "non renseigné")
	mustContain(t, "indicator heures", files["indicateurs/heures/index.html"],
		"61\u202f234\u00a0heures", "au moins 60\u202f000\u00a0heures", "DA (Direction des achats)")
	// The site's facts: shown when filled, the closed list's text on the
	// page, the value in the list of indicators.
	mustContain(t, "facts", files["indicateurs/heures/index.html"], "<dt>Service pilote</dt>\n<dd>DA (Direction des achats)</dd>\n</dl>")
	mustContain(t, "facts", files["indicateurs/clauses/index.html"], "<dt>Origine</dt>\n<dd>cité dans le texte du schéma d’essai</dd>\n</dl>")
	mustContain(t, "facts", files["indicateurs/index.html"], "<dt>Service pilote</dt>\n<dd>DA</dd>")
	for _, f := range []string{"indicateurs/clauses/index.html", "indicateurs/heures/index.html", "indicateurs/index.html"} {
		for _, word := range []string{"Service pilote</dt>\n<dd></dd>", "Direction", "annexe"} {
			if f != "indicateurs/heures/index.html" && strings.Contains(files[f], word) || f == "indicateurs/heures/index.html" && word == "annexe" && strings.Contains(files[f], word) {
				t.Errorf("%s: %q shown", f, word)
			}
		}
	}
	// The dashboard: a section per state, its indicators grouped by the
	// site's level names.
	mustContain(t, "dashboard", files["tableau-de-bord/index.html"], "regroupés par axe et par enjeu", `<h2 id="etat-atteint">`,
		"<span class=\"dt-where\">Axe\u00a01, enjeu\u00a01&nbsp;: Enjeu climat</span>", `<a href="#etat-sans-objectif">`)
	mustContain(t, "sitemap", files["sitemap.xml"], "<loc>https://exemple.fr/schema/axes/1-vert/</loc>")
	if strings.Contains(files["sitemap.xml"], "404") {
		t.Error("sitemap lists the 404 page")
	}
}

// TestGolden compares a few built pages with testdata/golden; run
// "go test ./internal/build -update" after an intended change of layout.
func TestGolden(t *testing.T) {
	src := sitetest.New(t, fixture)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/"); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	for _, name := range []string{"index.html", "axes/1-vert/1-climat/1-bas/index.html", "indicateurs/clauses/index.html", "page/index.html"} {
		checkGolden(t, name, files[name], strings.ReplaceAll(name, "/", "_"))
	}
}

// checkGolden compares the built file name with testdata/golden/golden,
// or writes it there with -update.
func checkGolden(t *testing.T, name, got, golden string) {
	t.Helper()
	golden = filepath.Join("testdata", "golden", golden)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test ./internal/build -update if the change is intended)", name, golden)
	}
}

func TestDeterministic(t *testing.T) {
	src := sitetest.New(t, fixture)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	if _, err := Run(Options{Source: src, Dest: a, Defaults: defaultsFS(), Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Options{Source: src, Dest: b, Defaults: defaultsFS(), Workers: 8}); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for name, body := range fa {
		if fb[name] != body {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

var attrRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

func TestBaseURL(t *testing.T) {
	src := sitetest.New(t, fixture)
	for _, base := range []string{"/spaser/", "https://www.exemple.fr/spaser/", "/"} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := buildSite(t, src, out, base); err != nil {
			t.Fatal(err)
		}
		prefix := "/spaser/"
		if base == "/" {
			prefix = "/"
		}
		for name, body := range readTree(t, out) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			for _, m := range attrRe.FindAllStringSubmatch(body, -1) {
				u := m[1]
				if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "mailto:") || u == "https://www.exemple.fr/spaser/" && strings.HasPrefix(base, "https") {
					continue
				}
				if strings.HasPrefix(u, "https://www.exemple.fr/spaser/") && name != "404.html" {
					continue // canonical link
				}
				if u == opendata.LicenceURL {
					continue // the open data licence, on the Données page
				}
				if strings.HasPrefix(u, "https://www.defenseurdesdroits.fr/") && name == "accessibilite/index.html" {
					continue // the voies de recours of the accessibility declaration
				}
				if !strings.HasPrefix(u, prefix) {
					t.Errorf("base %s: %s links to %q, outside %s", base, name, u, prefix)
				}
			}
		}
	}
	// No host: no canonical link and no sitemap, whose addresses must be absolute.
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/spaser/"); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	if _, ok := files["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without a host")
	}
	if strings.Contains(files["index.html"], `rel="canonical"`) {
		t.Error("canonical link without a host")
	}
}

func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	src := sitetest.New(t, fixture)
	out := filepath.Join(src, "public")
	if _, err := buildSite(t, src, "", ""); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	broken := filepath.Join(src, "content/page.md")
	if err := os.WriteFile(broken, []byte("+++\ntitle = \"Une page\"\n+++\nVoir [ceci](absente.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(t, src, "", "")
	var le *diag.ListError
	if errors.As(err, &le) { // the fixture's values without source warn
		le.Items = slices.DeleteFunc(le.Items, func(d diag.Diagnostic) bool { return d.Severity == diag.Warning })
	}
	if le == nil || len(le.Items) != 1 || le.Items[0].File != "content/page.md" || le.Items[0].Line != 4 {
		t.Fatalf("want one error at content/page.md:4, got %v", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("public/ changed: %d files, was %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("public/%s changed by a failed build", k)
		}
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.Contains(e.Name(), "construction") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestRemovedPageDisappears(t *testing.T) {
	src := sitetest.New(t, fixture)
	if _, err := buildSite(t, src, "", ""); err != nil {
		t.Fatal(err)
	}
	files := with(fixture, map[string]string{
		"content/axes/1-vert/1-climat/1-bas.md": "",
		"content/page.md":                       "+++\ntitle = \"Une page\"\n+++\n",
	})
	src2 := sitetest.New(t, files)
	if err := os.Rename(filepath.Join(src, "public"), filepath.Join(src2, "public")); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, src2, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src2, "public/axes/1-vert/1-climat/1-bas/index.html")); !os.IsNotExist(err) {
		t.Error("the page of a removed file is still published")
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	files := with(fixture, map[string]string{
		"content/page.md":                        "+++\ntitle = \"Une page\"\nwieght = 2\n+++\n[x](nulle-part.md)\n",
		"content/axes/1-vert/1-climat/2-haut.md": "+++\ntitle = \"Action haut\"\nindicators = [\"heurres\"]\n+++\n",
		"data/valeurs/2024.toml":                 "[clauses]\ncount = 93\ntotal = 92\n",
		"data/valeurs/2030.toml":                 "[heures]\nvalue = 1\n",
	})
	src := sitetest.New(t, files)
	_, err := buildSite(t, src, filepath.Join(t.TempDir(), "out"), "")
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("want content errors, got %v", err)
	}
	got := le.Error()
	for _, w := range []string{
		"content/axes/1-vert/1-climat/2-haut.md:3:15: erreur\u00a0: indicateur inconnu : \"heurres\"",
		"Vouliez-vous dire « heures » ?",
		"content/page.md:3:1: erreur\u00a0: « wieght » : clé inconnue",
		"content/page.md:5:1: erreur\u00a0: lien vers une page inexistante : nulle-part.md",
		"data/valeurs/2024.toml:2:1: erreur\u00a0: nombre supérieur au total (93 sur 92)",
		"data/valeurs/2030.toml: erreur\u00a0: valeurs pour l'année 2030, hors de la période du schéma",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func TestRefusesToReplaceSources(t *testing.T) {
	src := sitetest.New(t, fixture)
	for _, dest := range []string{src, filepath.Join(src, "content"), filepath.Dir(src)} {
		_, err := buildSite(t, src, dest, "")
		if err == nil || !IsUsage(err) {
			t.Errorf("dest %s: want a usage error, got %v", dest, err)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content/_index.md")); err != nil {
		t.Fatal("sources damaged")
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("à garder"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, src, other, ""); err == nil {
		t.Error("replaced a folder that does not hold a built site")
	}
}

// A bug that panics on a worker goroutine is an error of the build, not a
// crash of the program (the preview outlives any build).
func TestParallelPanicIsAnError(t *testing.T) {
	pages := []*site.Page{{URLPath: "a/"}, {URLPath: "b/"}, {URLPath: "c/"}}
	var l diag.List
	err := parallel(pages, 2, &l, func(i int, _ *site.Page, _ *diag.List) error {
		if i == 1 {
			var m map[string]int
			m["x"] = 1 // assignment to a nil map
		}
		return nil
	})
	items := l.Items()
	if err != nil || len(items) != 1 || items[0].File != "page /b/" || !strings.Contains(items[0].Msg, "erreur interne du générateur") {
		t.Errorf("err = %v, diagnostics %v: want one naming page /b/", err, items)
	}
}

// A heading of a page's text never takes an id its layout writes around it
// (the skip link's target, the header's search field, a section title).
func TestHeadingIDsAvoidTheLayouts(t *testing.T) {
	src := sitetest.New(t, with(fixture, map[string]string{
		"content/page.md": "+++\ntitle = \"Une page\"\n+++\n## Contenu\n\n## Recherche entête\n\nTexte.\n",
	}))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Dest: dest, Defaults: defaultsFS()}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "page", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`\bid="([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		if seen[m[1]] {
			t.Errorf("id %q twice in the page", m[1])
		}
		seen[m[1]] = true
	}
	for _, id := range []string{"contenu-2", "recherche-entete-2"} {
		if !seen[id] {
			t.Errorf("no heading id %q: %v", id, seen)
		}
	}
}
