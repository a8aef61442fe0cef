package build

import (
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// kindsCatalogue has one indicator per target kind that a page cannot
// show as a plain figure against a step. Synthetic test data.
const kindsCatalogue = `
[[indicator]]
id = "label"
label = "Obtenir le label Relations fournisseurs et achats responsables"
kind = "milestone"
[[indicator.target]]
by = 2025
text = "obtenir le label RFAR"

[[indicator]]
id = "sourcing"
label = "Rencontrer les structures de l'ESS"
kind = "qualitative"
[[indicator.target]]
text = "une rencontre avant chaque consultation importante"

[[indicator]]
id = "plancher"
label = "Heures d'insertion par an"
kind = "count"
unit = "heures"
[[indicator.target]]
year = 2024
value = 150000
floor = 80000

[[indicator]]
id = "doubler"
label = "Marchés réservés"
kind = "count"
unit = "marches"
[[indicator.target]]
by = 2026
factor = 2
baseline_year = 2023

[[indicator]]
id = "fourchette"
label = "Pondération du critère environnemental"
kind = "count"
unit = "pourcent"
[[indicator.target]]
min = 10
max = 20
`

// TestTargetKindsSite builds a site with every kind of target and checks
// what its pages and open data say.
func TestTargetKindsSite(t *testing.T) {
	files := with(fixture, map[string]string{
		"data/indicateurs.toml": fixture["data/indicateurs.toml"] + kindsCatalogue,
		"data/valeurs/2024.toml": fixture["data/valeurs/2024.toml"] + `
[label]
done = false
[sourcing]
text = "Deux rencontres avec les structures d'insertion."
[plancher]
value = 90000
approx = true
[doubler]
value = 20
[fourchette]
value = 15
[[fourchette.subset]]
label = "pour les marchés de travaux"
value = 12
`,
		"content/axes/1-vert/1-climat/2-haut.md": "+++\ntitle = \"Action haut\"\nweight = 2\nindicators = [\"label\", \"sourcing\", \"plancher\", \"doubler\", \"fourchette\"]\n+++\n## Objectifs\n\nTexte.\n",
	})
	src := sitetest.New(t, files)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, src, out, ""); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	nb := func(s string) string {
		return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "&nbsp;", " ", "&#x202F;", " ").Replace(s)
	}
	page := func(id string) string { return nb(got["indicateurs/"+id+"/index.html"]) }
	sitetest.ContainsAll(t, page("label"), "obtenir le label RFAR d’ici fin 2025", ">pas encore</span>", "Cet indicateur se suit sans chiffre")
	sitetest.ContainsAll(t, page("sourcing"), "Deux rencontres avec les structures d’insertion.", ">compte rendu publié</span>", "d’ici la fin du schéma (2026)")
	sitetest.ContainsAll(t, page("plancher"), "environ 90 000 heures", "150 000 heures, jamais moins de 80 000 heures à partir de 2024", ">plancher atteint, objectif non atteint</span>")
	sitetest.ContainsAll(t, page("doubler"), "doubler par rapport à 2023 d’ici fin 2026", ">objectif relatif, situation de départ à publier</span>")
	sitetest.ContainsAll(t, page("fourchette"), "entre 10 % et 20 %", "15 %, dont 12 % pour les marchés de travaux", ">en bonne voie</span>")
	if strings.Contains(page("label"), `id="graphique-label"`) {
		t.Error("a milestone has no chart")
	}
	csv := nb(got["donnees/indicateurs.csv"])
	sitetest.ContainsAll(t, csv,
		"label;Obtenir le label Relations fournisseurs et achats responsables;;jalon;2024;;;;;;;pas encore;;définitive;obtenir le label RFAR d’ici fin 2025;pas encore",
		"plancher;Heures d'insertion par an;heures;nombre;2024;;90000;;;;150000;plancher atteint, objectif non atteint;;définitive;150 000 heures, jamais moins de 80 000 heures à partir de 2024;",
		"doubler;Marchés réservés;marchés;nombre;2024;;20;;;;;objectif relatif, situation de départ à publier;",
	)
	dash := nb(got["tableau-de-bord/index.html"])
	sitetest.ContainsAll(t, dash, ">compte rendu publié</span>", ">pas encore</span>", ">objectif relatif, situation de départ à publier</span>")
}
