package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/rgaa"
	"spaser/internal/sitetest"
)

// knownWarning is a warning the default site shows on purpose: the
// Val-de-Marne has published no e-mail address or form for its
// accessibility declaration, and none is invented.
func knownWarning(d diag.Diagnostic) bool {
	return strings.Contains(d.String(), "contact_email")
}

// checkMarkup runs the RGAA checks of the built HTML that need no browser
// on every page and stylesheet of the site built in dir.
func checkMarkup(t *testing.T, dir string) {
	t.Helper()
	found, err := rgaa.CheckSite(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Error(f)
	}
}

// TestAuditDeclaration builds the fixture site with a synthetic audit grid
// (testdata/audit, labelled as such) where three criteria fail: the
// declaration computes 62 conformes of 65 applicables, 95,4 %,
// « partiellement conforme », and says so in every footer.
func TestAuditDeclaration(t *testing.T) {
	files := with(fixture, nil)
	for _, name := range []string{"grille.toml", "automatique.toml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "audit", name))
		if err != nil {
			t.Fatal(err)
		}
		files["data/rgaa/"+name] = string(b)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, sitetest.New(t, files), out, "/")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if !strings.HasPrefix(d.Msg, "chiffre sans source") { // the fixture's synthetic figures have none
			t.Errorf("warning: %s", d)
		}
	}
	built := readTree(t, out)
	decl := built["accessibilite/index.html"]
	sitetest.ContainsAll(t, decl,
		"est <strong>partiellement conforme</strong> avec le référentiel",
		"révèle que <strong>95,4&#x202F;% des critères du RGAA version 4.1.2 sont respectés</strong>&nbsp;: 62 critères conformes et 3 non conformes, sur 65 critères applicables au site (41 ne s’appliquent pas)",
		"Critère 7.1 (",
		"Le nombre de résultats n’est pas annoncé par le lecteur d’écran (donnée de test).",
		"Critère 10.11 (",
	)
	if !strings.Contains(built["index.html"], "Accessibilité&nbsp;: partiellement conforme") {
		t.Error("the footer does not take the computed status")
	}
	checkGolden(t, "accessibilite/index.html", decl, "audit_accessibilite_index.html")
	checkGolden(t, "accessibilite/grille-rgaa/index.html", built["accessibilite/grille-rgaa/index.html"], "audit_grille-rgaa_index.html")
	checkGolden(t, "donnees/grille-rgaa.csv", built["donnees/grille-rgaa.csv"], "audit_grille-rgaa.csv")
}
