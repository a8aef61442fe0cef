package build

import (
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// A unit the site declares is written like the built-in ones, on the
// indicator's page and in the open data.
func TestSiteDeclaredUnit(t *testing.T) {
	cfg := fixture["data/site.toml"] + "\n[[units]]\nid = \"repas\"\nsingular = \"repas\"\nplural = \"repas\"\n"
	files := with(fixture, map[string]string{
		"data/site.toml":        cfg,
		"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "unit = \"heures\"", "unit = \"repas\"", 1),
	})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, sitetest.New(t, files), out, ""); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	mustContain(t, "indicator", got["indicateurs/heures/index.html"], "61\u202f234\u00a0repas", "au moins 60\u202f000\u00a0repas", "nombre, en repas</dd>")
	mustContain(t, "csv", got["donnees/heures.csv"], ";repas;")
}
