package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// TestTrust builds the fixture with an adopted document hosted by the site,
// a deliberation elsewhere, an adoption date and a contact form: the home
// and schema pages link them with the file's format and size, sentences
// use the names' articles, and a source that cites the schema links the
// document.
func TestTrust(t *testing.T) {
	cfg := strings.Replace(fixture["data/site.toml"], `contact = "Service des achats"`, `contact = "Service des achats"
contact_url = "https://exemple.fr/contact"
adoption_date = "2023-12-11"`, 1) + `
[adoption]
document = "/documents/schema.pdf"
deliberation = "https://exemple.fr/deliberation-2023.pdf"
deliberation_title = "Délibération n° 2023-1 du 11 décembre 2023"
`
	src := sitetest.New(t, with(fixture, map[string]string{
		"data/site.toml":               cfg,
		"content/documents/schema.pdf": strings.Repeat("%PDF", 800),
		"data/valeurs/2024.toml":       strings.Replace(fixture["data/valeurs/2024.toml"], `source = "Données d'essai"`, `source = "Schéma d'essai, axe 1"`, 1),
	}))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, "/"); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	adoption := []string{
		"Le Schéma d’essai de la Collectivité d’essai couvre les années 2023 à 2026. Il a été adopté le 11\u00a0décembre\u00a02023.",
		`<a href="/documents/schema.pdf">Le document adopté <span class="doc-info">(PDF, 3` + "\u00a0" + `Ko)</span></a>`,
		`<a href="https://exemple.fr/deliberation-2023.pdf">Délibération n°`,
		`<a href="https://exemple.fr/contact">Écrire au Service des achats</a>`,
	}
	mustContain(t, "home", files["index.html"], adoption...)
	mustContain(t, "schema", files["axes/index.html"], adoption...)
	mustContain(t, "footer", files["page/index.html"], `<li><a href="https://exemple.fr/contact">Contact</a></li>`)
	mustContain(t, "indicator", files["indicateurs/heures/index.html"],
		`Source&nbsp;: Schéma d’essai, axe 1 (<a href="/documents/schema.pdf">lire le document adopté, PDF, 3`+"\u00a0"+`Ko</a>)`)
	if _, ok := files["documents/schema.pdf"]; !ok {
		t.Error("the document is not copied")
	}
}

// TestTrustMissingFile: a document that content/ does not hold is an
// error at its line of data/site.toml.
func TestTrustMissingFile(t *testing.T) {
	src := sitetest.New(t, with(fixture, map[string]string{
		"data/site.toml": fixture["data/site.toml"] + "\n[adoption]\ndocument = \"/documents/absent.pdf\"\n",
	}))
	_, err := buildSite(t, src, filepath.Join(t.TempDir(), "public"), "/")
	if err == nil || !strings.Contains(err.Error(), "fichier introuvable : /documents/absent.pdf") || !strings.Contains(err.Error(), fmt.Sprintf("data/site.toml:%d", strings.Count(fixture["data/site.toml"], "\n")+3)) {
		t.Errorf("err = %v", err)
	}
}
