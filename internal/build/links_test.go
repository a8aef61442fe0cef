package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

func TestRelativePath(t *testing.T) {
	for _, c := range [][3]string{
		{".", "page.md", "page.md"},
		{"axes/1-a", "axes/1-a/2-b.md", "2-b.md"},
		{"axes/1-a", "axes/2-c/x.md", "../2-c/x.md"},
		{"axes/1-a", "page.md", "../../page.md"},
	} {
		if got := relativePath(c[0], c[1]); got != c[2] {
			t.Errorf("relativePath(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func withFiles(extra map[string]string) map[string]string {
	files := map[string]string{}
	for k, v := range fixture {
		files[k] = v
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

// An image next to the page is published at its place and linked under
// the base path; a missing file and a missing text alternative are errors
// at their line; a decorative image has an empty alt on purpose.
func TestImagesNextToThePage(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	body := "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n![Le nouveau parc de véhicules](parc.png)\n\n![](frise.png \"décorative\")\n"
	src := sitetest.New(t, withFiles(map[string]string{
		page:                                     body,
		"content/axes/1-vert/1-climat/parc.png":  string(sitetest.PNG(sitetest.Photo(30, 20))),
		"content/axes/1-vert/1-climat/frise.png": string(sitetest.PNG(sitetest.Photo(300, 10))),
	}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/spaser/"); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "axes/1-vert/1-climat/2-haut/index.html"))
	sitetest.ContainsAll(t, string(html), `<img src="/spaser/axes/1-vert/1-climat/parc.png" alt="Le nouveau parc de véhicules" width="30" height="20">`, `<img src="/spaser/axes/1-vert/1-climat/frise.png" alt="" width="300" height="10">`)
	if _, err := os.Stat(filepath.Join(out, "axes/1-vert/1-climat/parc.png")); err != nil {
		t.Error(err)
	}

	src = sitetest.New(t, withFiles(map[string]string{
		page:                                    "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nTexte ![Graphique](absent.png).\n\n![](parc.png)\n",
		"content/axes/1-vert/1-climat/parc.png": string(sitetest.PNG(sitetest.Photo(30, 20))),
	}))
	sitetest.ContainsAll(t, failedBuild(t, src, ""),
		page+":7:7: erreur\u00a0: image introuvable : absent.png\n    → Placez le fichier à côté de la page",
		page+":9: erreur\u00a0: image sans texte de remplacement : parc.png\n    → Décrivez l'image entre les crochets")
}

// A content page linked by its address is an error that gives its .md
// path; a generated page linked by its address is put under the base path.
func TestLinksWrittenAsAddresses(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	src := sitetest.New(t, withFiles(map[string]string{
		page: "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nVoir [l'action](/axes/1-vert/1-climat/1-bas/), [les indicateurs](/indicateurs/) et [rien](/nulle-part/).\n",
	}))
	all := failedBuild(t, src, "/spaser/")
	sitetest.ContainsAll(t, all,
		page+":7:6: erreur\u00a0: lien écrit comme une adresse du site : /axes/1-vert/1-climat/1-bas/\n    → Écrivez le chemin de son fichier depuis content/ : /axes/1-vert/1-climat/1-bas.md",
		page+":7:84: erreur\u00a0: lien écrit comme une adresse du site : /nulle-part/\n    → Aucune page n'a cette adresse.")
	if strings.Contains(all, "/indicateurs/") {
		t.Errorf("a generated page's address is an error: %s", all)
	}
	src = sitetest.New(t, withFiles(map[string]string{
		page: "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nVoir [les indicateurs](/indicateurs/).\n",
	}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/spaser/"); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "axes/1-vert/1-climat/2-haut/index.html"))
	sitetest.ContainsAll(t, string(html), `<a href="/spaser/indicateurs/">les indicateurs</a>`)
}

// A document next to the page is linked at its published place; a missing
// one is an error.
func TestDocumentsNextToThePage(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	src := sitetest.New(t, withFiles(map[string]string{
		page: "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nLire [la délibération](deliberation.pdf).\n",
		"content/axes/1-vert/1-climat/deliberation.pdf": "%PDF-1.4 fixture",
	}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/spaser/"); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "axes/1-vert/1-climat/2-haut/index.html"))
	sitetest.ContainsAll(t, string(html), "<a href=\"/spaser/axes/1-vert/1-climat/deliberation.pdf\">la délibération (PDF, 16\u00a0octets)</a>")
	src = sitetest.New(t, withFiles(map[string]string{
		page: "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nLire [la délibération](deliberation.pdf).\n",
	}))
	_, err := buildSite(t, src, filepath.Join(t.TempDir(), "public"), "")
	if err == nil || !strings.Contains(err.Error(), page+":7:6: erreur\u00a0: lien vers un fichier introuvable : deliberation.pdf") {
		t.Errorf("err = %v", err)
	}
}

// failedBuild builds src, which must fail, and returns its diagnostics.
func failedBuild(t *testing.T, src, base string) string {
	t.Helper()
	_, err := buildSite(t, src, filepath.Join(t.TempDir(), "public"), base)
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, d := range le.Items {
		got = append(got, d.String())
	}
	return strings.Join(got, "\n")
}
