package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
		"[L'action](1-bas.md#objectif), [les indicateurs](/indicateurs/#groupe), [l'accueil](/_index.md#nulle-part).\n\n" +
		"[Vide](/vide.md#rien), [les enjeux](/axes/1-vert/_index.md#sous-partie) et [plus bas](#objec).\n"
	all := failedBuild(t, sitetest.New(t, withFiles(map[string]string{page: bad, "content/vide.md": "+++\ntitle = \"Vide\"\n+++\nTexte.\n"})), "")
	sitetest.ContainsAll(t, all,
		page+":9:6: erreur\u00a0: lien vers une ancre inexistante : #objectifs-3\n    → Vouliez-vous dire « #objectifs-2 » ? L'ancre (après #)",
		"Ancres de la page : #objectifs-2, #objectifs, #indicateurs-suivis.",
		page+":9:35: erreur\u00a0: lien vers une ancre inexistante : /page.md#Première-partie\n    → Vouliez-vous dire « /page.md#premiere-partie » ?",
		page+":11:1: erreur\u00a0: lien vers une ancre inexistante : 1-bas.md#objectif\n    → Vouliez-vous dire « 1-bas.md#objectifs » ?",
		page+":11:32: erreur\u00a0: lien vers une ancre inexistante : /indicateurs/#groupe\n    → Les ancres d'une page produite par spaser sont celles de sa mise en page : ouvrez la page dans l'aperçu (spaser serve) pour les voir.\n",
		page+":11:73: erreur\u00a0: lien vers une ancre inexistante : /_index.md#nulle-part\n",
		"Ancres de la page : #axes, #resultats, #suivi.", // its layout's own
		page+":13:1: erreur\u00a0: lien vers une ancre inexistante : /vide.md#rien\n    → La page visée n'a aucune ancre : retirez « #rien »",
		page+":13:24: erreur\u00a0: lien vers une ancre inexistante : /axes/1-vert/_index.md#sous-partie\n    → Vouliez-vous dire « /axes/1-vert/_index.md#sous-parties » ?",
		page+":13:76: erreur\u00a0: lien vers une ancre inexistante : #objec\n    → Vouliez-vous dire « #objectifs » ?",
	)
	if n := strings.Count(all, "ancre inexistante"); n != 8 {
		t.Errorf("%d anchor errors, want 8:\n%s", n, all)
	}
}

// An empty fragment and #top go to the top of a page in every browser
// (HTML's « indicated part of the document », top matched in any case,
// when no element has that id): a link « haut de page » is no error.
func TestAnchorsTop(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	body := "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n" +
		"[Haut de page](#), [en haut](#top), [en haut](#TOP), [l'autre page](/page.md#top).\n"
	src := sitetest.New(t, withFiles(map[string]string{page: body}))
	if _, err := buildSite(t, src, filepath.Join(t.TempDir(), "public"), "/spaser/"); err != nil {
		t.Fatal(err)
	}
}

// hostileAnchors is a page of many headings whose links go to long or
// numerous unknown fragments: the did-you-mean compares each fragment
// with each id, which must stay bounded.
func hostileAnchors(long bool) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Action haut\"\nweight = 2\n+++\n")
	b.WriteString(strings.Repeat("## Objectifs de la politique\n\n", 3000))
	if long {
		b.WriteString("[x](#" + strings.Repeat("a", 100000) + ")\n")
	} else {
		for i := range 4000 {
			fmt.Fprintf(&b, "[x](#o%d)\n", i)
		}
	}
	return b.String()
}

// A hostile fragment is an error like any other, given in bounded time
// (before the bounds: 48 s for the long fragment, 2,9 s for 4 000 links).
func TestAnchorsHostile(t *testing.T) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	for _, long := range []bool{true, false} {
		src := sitetest.New(t, withFiles(map[string]string{page: hostileAnchors(long)}))
		done := make(chan string, 1)
		out := filepath.Join(t.TempDir(), "public")
		go func() {
			_, err := buildSite(t, src, out, "")
			done <- fmt.Sprint(err)
		}()
		select {
		case all := <-done:
			sitetest.ContainsAll(t, all, "lien vers une ancre inexistante", "Ancres de la page : #objectifs-de-la-politique")
		case <-time.After(30 * time.Second):
			t.Fatalf("long %v: the unknown anchors' hints took more than 30 s", long)
		}
	}
}

func BenchmarkAnchorsHostile(b *testing.B) {
	const page = "content/axes/1-vert/1-climat/2-haut.md"
	for _, long := range []bool{true, false} {
		b.Run(fmt.Sprint("long=", long), func(b *testing.B) {
			src := sitetest.New(b, withFiles(map[string]string{page: hostileAnchors(long)}))
			out := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				if _, err := buildSite(b, src, out, ""); err == nil {
					b.Fatal("built")
				}
			}
		})
	}
}
