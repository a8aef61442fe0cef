package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

func messages(items []diag.Diagnostic) string {
	var out []string
	for _, d := range items {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

func TestShareTypedAsFraction(t *testing.T) {
	_, items := loadCat(t, map[string]string{
		"data/valeurs/2022.toml": "[vfe]\nshare = 43.5\nsource = \"R\"\n",
		"data/valeurs/2023.toml": "[vfe]\nshare = 0.315\nsource = \"R\"\n",
	})
	got := messages(items)
	if !strings.Contains(got, "data/valeurs/2023.toml:1:1: avertissement\u00a0: share = 0.315 pour l'indicateur vfe en 2023 : un pourcentage inférieur à 1 %, alors que les autres chiffres dépassent 1 %\n    → Un pourcentage s'écrit de 0 à 100 : pour 31,5\u202f%, écrivez share = 31.5 (43,5\u202f% en 2022).") {
		t.Errorf("got %s", got)
	}
	// Below 1 everywhere, or a count and total: nothing to question.
	_, items = loadCat(t, map[string]string{"data/valeurs/2023.toml": "[heures]\nvalue = 0.5\nsource = \"R\"\n[vfe]\ncount = 1\ntotal = 400\nsource = \"R\"\n"})
	if len(items) != 0 {
		t.Errorf("got %s", messages(items))
	}
}

func TestStrayValuesFile(t *testing.T) {
	fsys := fstest.MapFS{
		"data/indicateurs.toml":  {Data: []byte(catalogue)},
		"data/2024.toml":         {Data: []byte("[vfe]\nshare = 3\n")},
		"data/valeur/2023.toml":  {Data: []byte("")},
		"data/valeurs/2022.toml": {Data: []byte("")},
	}
	var l diag.List
	Load(fsys, cfg, &l)
	got := messages(l.Items())
	for _, want := range []string{
		"data/2024.toml: avertissement\u00a0: fichier de valeurs ignoré : il n'est pas dans data/valeurs/\n    → Les valeurs d'une année se lisent dans data/valeurs/ : déplacez ce fichier en data/valeurs/2024.toml.",
		"data/valeur/2023.toml: avertissement\u00a0: fichier de valeurs ignoré",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
	if strings.Contains(got, "valeurs/2022") {
		t.Errorf("the right place warned: %s", got)
	}
}

func TestYearNotOver(t *testing.T) {
	c, _ := loadCat(t, map[string]string{
		"data/valeurs/2025.toml": "[vfe]\ncount = 1\ntotal = 2\nsource = \"R\"\n",
		"data/valeurs/2026.toml": "[vfe]\ncount = 1\ntotal = 2\nprovisional = true\nsource = \"R\"\n",
	})
	var l diag.List
	c.CheckYearsOver(&l, 2025)
	got := messages(l.Items())
	if len(l.Items()) != 1 || !strings.Contains(got, "data/valeurs/2025.toml:1:1: avertissement\u00a0: valeur de 2025 pour l'indicateur vfe, alors que l'année n'est pas terminée\n    → L'année 2025 n'est pas terminée : si ce chiffre est partiel, ajoutez provisional = true dans son bloc ; sinon vérifiez l'année du fichier.") {
		t.Errorf("got %s", got)
	}
	l = diag.List{}
	c.CheckYearsOver(&l, 2026)
	if len(l.Items()) != 0 {
		t.Errorf("2025 is over in 2026: %s", messages(l.Items()))
	}
}
