package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// A link to a #fragment is checked, once every page is converted, against
// the ids of the page it goes to: its headings (with their duplicate
// suffixes) and footnotes, its layout's ids, a generated page's ids.
func TestAnchors(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	good := "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n## Objectifs\n\n" +
		"Voir [plus haut](#objectifs-2), [la note](#note-fn:1)[^1], [le contenu](#contenu), [la page](/page.md#premiere-partie), " +
		"[l'action](1-bas.md#objectifs), [les indicateurs](/indicateurs/#groupe-1), [les valeurs](/indicateurs/heures/#valeurs), [un PDF](doc.pdf#page=2).\n\n[^1]: Note.\n"
	src := sitetest.New(t, withFiles(map[string]string{page: good, "content/axes/1-vert/1-climat/doc.pdf": "%PDF"}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/spaser/"); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(out, "axes/1-vert/1-climat/2-haut/index.html"))
	sitetest.ContainsAll(t, string(html), `href="#objectifs-2"`, `href="/spaser/page/#premiere-partie"`, `href="/spaser/indicateurs/#groupe-1"`)

	bad := "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n## Objectifs\n\n" +
		"Voir [plus haut](#objectifs-3) et [la page](/page.md#Première-partie).\n\n" +
		"[L'action](1-bas.md#objectif), [les indicateurs](/indicateurs/#groupe), [l'accueil](/_index.md#nulle-part).\n"
	all := failedBuild(t, sitetest.New(t, withFiles(map[string]string{page: bad})), "")
	sitetest.ContainsAll(t, all,
		page+":9:6: erreur\u00a0: lien vers une ancre inexistante : #objectifs-3\n    → Vouliez-vous dire « #objectifs-2 » ? L'ancre (après #)",
		"Ancres de la page : #objectifs-2, #objectifs.",
		page+":9:35: erreur\u00a0: lien vers une ancre inexistante : /page.md#Première-partie\n    → Vouliez-vous dire « /page.md#premiere-partie » ?",
		page+":11:1: erreur\u00a0: lien vers une ancre inexistante : 1-bas.md#objectif\n    → Vouliez-vous dire « 1-bas.md#objectifs » ?",
		page+":11:32: erreur\u00a0: lien vers une ancre inexistante : /indicateurs/#groupe\n",
		page+":11:73: erreur\u00a0: lien vers une ancre inexistante : /_index.md#nulle-part\n    → La page visée n'a aucun intertitre",
	)
	if n := strings.Count(all, "ancre inexistante"); n != 5 {
		t.Errorf("%d anchor errors, want 5:\n%s", n, all)
	}
}
