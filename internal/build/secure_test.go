package build

import (
	"html"
	"spaser/internal/render"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

// TestContentNeverReplacesGeneratedFiles: content/ publishes images and
// documents only; a page, a script, a stylesheet, a host's rule file or an
// SVG is refused at its own place, and an allowed file at the address of a
// generated one is an error naming both, so nothing is written.
func TestContentNeverReplacesGeneratedFiles(t *testing.T) {
	refused := []string{
		"content/index.html", "content/404.html", "content/robots.txt", "content/_headers",
		"content/_redirects", "content/presentation/index.html", "content/x.js", "content/evil.html",
		"content/style.css", "content/logo.svg", "content/axes/carte.SVG", "content/sitemap.xml",
		"content/donnees/indicateurs.json",
	}
	for _, name := range refused {
		t.Run(name, func(t *testing.T) {
			src := sitetest.New(t, with(fixture, map[string]string{name: "<script>alert(1)</script>"}))
			_, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
			if err != nil {
				t.Fatal(err)
			}
			checkOne(t, l.Items(), name, "type de fichier non publié", "Seuls les images et les documents", false)
		})
	}
	t.Run("well-known", func(t *testing.T) {
		src := sitetest.New(t, with(fixture, map[string]string{"content/.well-known/security.txt": "x", "content/.well-known/x.pdf": "%PDF"}))
		dest := t.TempDir() + "/out"
		if _, err := buildSite(t, src, dest, ""); err != nil {
			t.Fatal(err)
		}
		for name := range readTree(t, dest) {
			if strings.Contains(name, "well-known") {
				t.Errorf("%s published", name)
			}
		}
	})
	t.Run("collision", func(t *testing.T) {
		src := sitetest.New(t, with(fixture, map[string]string{"content/donnees/Indicateurs.csv": "id;valeur\n"}))
		ld, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
		if err != nil || l.HasErrors() {
			t.Fatal(err, l.Items())
		}
		if _, err := ld.Write(Discard, 0, l); err != nil {
			t.Fatal(err)
		}
		checkOne(t, l.Items(), "content/donnees/Indicateurs.csv", "ce fichier prendrait la place de donnees/indicateurs.csv, produit par spaser", "Renommez", false)
		dest := t.TempDir() + "/out"
		if _, err := buildSite(t, src, dest, ""); !isContentError(err) {
			t.Errorf("build: %v, want a content error", err)
		}
	})
}

func isContentError(err error) bool {
	_, ok := err.(*diag.ListError)
	return ok
}

// TestBaseURLInjection: base_url and --base-url cannot write header lines,
// climb out of the site or use another scheme (issue 15, point 8).
func TestBaseURLInjection(t *testing.T) {
	bad := strings.Replace(fixture["data/site.toml"], `base_url = "https://exemple.fr/schema/"`, `base_url = "https://exemple.fr/a%0a/*%0a  Access-Control-Allow-Origin: *"`, 1)
	src := sitetest.New(t, with(fixture, map[string]string{"data/site.toml": bad}))
	_, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOne(t, l.Items(), "data/site.toml:3", "adresse du site (base_url) invalide", "https://www.exemple.fr/spaser/", false)
	src = sitetest.New(t, fixture)
	for _, base := range []string{"/../../", "file:///etc/", "/a%0aX:%20y/", "javascript:alert(1)"} {
		if _, err := buildSite(t, src, t.TempDir()+"/out", base); !IsUsage(err) {
			t.Errorf("--base-url %q: %v, want a usage error", base, err)
		}
	}
}

// TestCSPInEveryPage: hosts that ignore _headers still get the policy, in
// a <meta> of every page; Apache and nginx get theirs beside _headers.
func TestCSPInEveryPage(t *testing.T) {
	src := sitetest.New(t, fixture)
	dest := t.TempDir() + "/out"
	if _, err := buildSite(t, src, dest, ""); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	meta := `<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(render.MetaCSP) + `">`
	pages := 0
	for name, body := range got {
		if strings.HasSuffix(name, ".html") {
			pages++
			if !strings.Contains(body, meta) {
				t.Errorf("%s: no %s", name, meta)
			}
		}
	}
	if pages < 5 {
		t.Errorf("%d pages", pages)
	}
	for _, name := range []string{"_headers", ".htaccess", "_nginx.conf"} {
		if !strings.Contains(got[name], "/schema/assets/") || !strings.Contains(got[name], "base-uri 'none'") {
			t.Errorf("%s:\n%s", name, got[name])
		}
	}
}

// TestLimitsAtFileLine: a page or a front matter beyond the limits is an
// error at its file and line, as any other (issue 15, points 1, 5, 6).
func TestLimitsAtFileLine(t *testing.T) {
	for name, c := range map[string]struct{ file, body, where, msg string }{
		"quotes": {"content/page.md", "+++\ntitle = \"Une page\"\n+++\nTexte.\n\n" + strings.Repeat(">", 250000) + " x\n",
			"content/page.md:6", "trop de citations ou de listes imbriquées"},
		"front matter": {"content/page.md", "+++\ntitle = \"Une page\"\nodd = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n+++\n",
			"content/page.md:3", "trop de tables ou de listes imbriquées"},
		"values": {"data/valeurs/2024.toml", "[heures]\nvalue = 1\nsource = " + strings.Repeat("{a = ", 100000) + "1" + strings.Repeat("}", 100000) + "\n",
			"data/valeurs/2024.toml:3", "trop de tables ou de listes imbriquées"},
	} {
		src := sitetest.New(t, with(fixture, map[string]string{c.file: c.body}))
		_, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range l.Items() {
			found = found || d.Where() == c.where && strings.HasPrefix(d.Msg, c.msg)
		}
		if !found {
			t.Errorf("%s: want %s %s, got %v", name, c.where, c.msg, l.Items())
		}
	}
}

// TestUnsafeLinkIsAnError: a javascript: link of a page is an error at its
// place, not an empty href.
func TestUnsafeLinkIsAnError(t *testing.T) {
	src := sitetest.New(t, with(fixture, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nTexte.\n\nVoir [ici](javascript:alert(1)).\n"}))
	_, l, err := Prepare(Options{Source: src, Defaults: defaultsFS(), NoCharts: true})
	if err != nil {
		t.Fatal(err)
	}
	checkOne(t, l.Items(), "content/page.md:6:6", "adresse « javascript: » refusée", "Un lien mène à une page", false)
}
