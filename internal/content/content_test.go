package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

func load(t *testing.T, files map[string]string) (*Tree, []diag.Diagnostic) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	var l diag.List
	tree := Load(fsys, &l)
	return tree, l.Items()
}

func TestTreeAndOrder(t *testing.T) {
	tree, items := load(t, map[string]string{
		"content/_index.md":       "+++\ntitle = \"Accueil\"\n+++\n",
		"content/axes/_index.md":  "+++\ntitle = \"Axes\"\n+++\n",
		"content/axes/b.md":       "+++\ntitle = \"B\"\nweight = 1\n+++\n",
		"content/axes/a.md":       "+++\ntitle = \"A\"\nweight = 2\n+++\n",
		"content/axes/c.md":       "+++\ntitle = \"C\"\nweight = 1\n+++\n",
		"content/brouillon.md":    "+++\ntitle = \"Pas prêt\"\ndraft = true\n+++\n",
		"content/axes/.DS_Store":  "x",
		"content/axes/schema.pdf": "%PDF",
		"content/axes/notes.md~":  "sauvegarde",
	})
	if len(items) != 0 {
		t.Fatalf("unexpected diagnostics: %v", items)
	}
	axes := tree.ByRel["axes/_index.md"]
	var got []string
	for _, c := range axes.Children {
		got = append(got, c.FM.Title)
	}
	if strings.Join(got, ",") != "B,C,A" {
		t.Errorf("order = %v, want B,C,A (weight, then title)", got)
	}
	if tree.ByRel["brouillon.md"] != nil {
		t.Error("draft published")
	}
	if len(tree.Files) != 1 || tree.Files[0] != "axes/schema.pdf" {
		t.Errorf("files = %v", tree.Files)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	cases := []struct {
		name, body string
		line       int
		msg        string
	}{
		{"unclosed", "+++\ntitle = \"X\"\nTexte\n", 1, "en-tête non fermé"},
		{"missing", "Texte sans en-tête\n", 1, "en-tête manquant"},
		{"unknown key", "+++\ntitle = \"X\"\npoids = 3\n+++\n", 3, "« poids » : clé inconnue"},
		{"empty title", "+++\ntitle = \"\"\n+++\n", 2, "titre vide"},
		{"titre for title: one error", "+++\ntitre = \"X\"\n+++\n", 2, "« titre » : clé inconnue"},
		{"bad odd", "+++\ntitle = \"X\"\nodd = [18]\n+++\n", 3, "numéro d'ODD inconnu : 18"},
		{"curly quotes", "+++\ntitle = “X”\n+++\n", 2, "guillemets typographiques"},
		{"wrong type", "+++\ntitle = \"X\"\nweight = \"un\"\n+++\n", 3, "n'a pas le bon type"},
	}
	for _, c := range cases {
		_, items := load(t, map[string]string{"content/_index.md": c.body})
		if len(items) != 1 || items[0].File != "content/_index.md" || items[0].Line != c.line || !strings.Contains(items[0].Msg, c.msg) {
			t.Errorf("%s: got %v, want line %d %q", c.name, items, c.line, c.msg)
		}
	}
}

func TestBOMAndCRLF(t *testing.T) {
	tree, items := load(t, map[string]string{
		"content/_index.md": "\xEF\xBB\xBF+++\r\ntitle = \"Accueil\"\r\n+++\r\nTexte\r\n",
	})
	if len(items) != 0 || tree.Home == nil || tree.Home.FM.Title != "Accueil" || string(tree.Home.Body) != "Texte\n" || tree.Home.BodyLine != 4 {
		t.Fatalf("items %v, home %+v", items, tree.Home)
	}
}

func TestStructureErrors(t *testing.T) {
	_, items := load(t, map[string]string{
		"content/_index.md":          "+++\ntitle = \"Accueil\"\n+++\n",
		"content/axes/Axe 1.md":      "+++\ntitle = \"X\"\n+++\n",
		"content/sans-index/page.md": "+++\ntitle = \"Y\"\n+++\n",
		"content/binaire.md":         "+++\ntitle = \"Z\"\n+++\n\x00\x01",
		"content/latin1.md":          "+++\ntitle = \"caf\xe9\"\n+++\n",
	})
	var got []string
	for _, d := range items {
		got = append(got, d.Where()+": "+d.Msg)
	}
	sitetest.ContainsAll(t, strings.Join(got, "\n"),
		"content/axes/Axe 1.md: nom de fichier ou de dossier incorrect",
		"content/axes/_index.md: fichier _index.md manquant",
		"content/binaire.md:4: fichier binaire",
		"content/latin1.md:2:13: caractère illisible",
		"content/sans-index/_index.md: fichier _index.md manquant",
	)
}

func FuzzSplit(f *testing.F) {
	f.Add("+++\ntitle = \"X\"\n+++\nTexte")
	f.Add("+++\n+++")
	f.Add("+++")
	f.Add("+++\ntitle = \"X\"\n+++   \n")
	f.Fuzz(func(t *testing.T, src string) {
		var l diag.List
		fm, body, line, ok := split([]byte(src), "f.md", &l)
		if ok == l.HasErrors() {
			t.Fatalf("ok = %v with diagnostics %v", ok, l.Items())
		}
		if ok && (len(fm)+len(body) > len(src) || line < 3) {
			t.Fatalf("bad split: %q %q %d", fm, body, line)
		}
	})
}

// TestPublishable: images and documents only, whatever the case of their
// extension; never under a folder starting with ".".
func TestPublishable(t *testing.T) {
	for rel, want := range map[string]bool{
		"axes/plan.PDF": true, "photo.jpeg": true, "budget.xlsx": true, "a/b/c.csv": true,
		"index.html": false, "x.js": false, "style.css": false, "logo.svg": false, "_headers": false,
		"_redirects": false, "robots.txt": false, "sitemap.xml": false, "d.json": false, "page.htm": false,
		".well-known/x.pdf": false, "a/.cache/b.png": false, "sans-extension": false,
	} {
		if got := Publishable(rel); got != want {
			t.Errorf("Publishable(%q) = %v, want %v", rel, got, want)
		}
	}
}
