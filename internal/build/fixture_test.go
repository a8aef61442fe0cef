package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"spaser"
	"spaser/internal/picture"
)

// fixture is a small site with two levels of schema plus actions, two
// indicators, one values file and a plain page. Its figures are synthetic
// test data, not the SPASER's.
var fixture = map[string]string{
	"data/site.toml": `title = "Schéma d'essai"
collectivite = "Collectivité d'essai"
base_url = "https://exemple.fr/schema/"
period_start = 2023
period_end = 2026
data_from = 2022
contact = "Service des achats"
headline = ["heures"]
contact_email = "achats@exemple.fr"

[schema]
root = "axes"
[[schema.levels]]
singular = "Axe"
plural = "Axes"
demonstrative = "cet axe"
[[schema.levels]]
singular = "Enjeu"
plural = "Enjeux"
demonstrative = "cet enjeu"
[[schema.levels]]
singular = "Action"
plural = "Actions"
demonstrative = "cette action"

[publication]
publisher = "Collectivité d'essai"
director = "Le président"
host = "Collectivité d'essai"

[[facts]]
key = "pilot"
label = "Service pilote"
list = true
[facts.values]
DA = "DA (Direction des achats)"

[[facts]]
key = "origin"
label = "Origine"
`,
	"data/indicateurs.toml": `[[indicator]]
id = "heures"
label = "Nombre d'heures d'insertion"
kind = "count"
unit = "heures"
pilot = "DA"
[[indicator.target]]
year = 2024
value = 60000
source = "Objectif d'essai"

[[indicator]]
id = "clauses"
label = "Nombre et pourcentage de marchés avec une clause"
kind = "share"
unit = "marches"
origin = "cité dans le texte du schéma d'essai"
[[indicator.baseline]]
period = "au terme du précédent schéma"
share = 41
`,
	"data/valeurs/2024.toml": `[heures]
value = 61234
source = "Données d'essai"

[clauses]
count = 40
total = 92
`,
	"content/_index.md":                             "+++\ntitle = \"Accueil d'essai\"\n+++\nBienvenue : voir [la page](page.md).\n",
	"content/page.md":                               "+++\ntitle = \"Une page\"\nmenu = true\n+++\n## Première partie\n\nTexte « cité » ; 90 000 heures, soit 43,5 %.[^1]\n\n[^1]: Une note.\n",
	"content/axes/_index.md":                        "+++\ntitle = \"Les axes\"\n+++\n",
	"content/axes/1-vert/_index.md":                 "+++\ntitle = \"Axe vert\"\nodd = [13]\nweight = 1\n+++\nIntroduction de l'axe.\n",
	"content/axes/1-vert/1-climat/_index.md":        "+++\ntitle = \"Enjeu climat\"\nweight = 1\n+++\n",
	"content/axes/1-vert/1-climat/1-bas.md":         "+++\ntitle = \"Action bas carbone\"\nweight = 1\nindicators = [\"clauses\"]\nodd = [13]\n+++\n## Objectifs\n\nVoir [l'action 1.2](2-haut.md#objectifs).\n",
	"content/axes/1-vert/1-climat/2-haut.md":        "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\nTexte.\n",
	"content/axes/2-social/_index.md":               "+++\ntitle = \"Axe social\"\nweight = 2\nindicators = [\"heures\"]\n+++\n",
	"content/axes/2-social/1-emploi/_index.md":      "+++\ntitle = \"Enjeu emploi\"\n+++\n",
	"content/axes/2-social/1-emploi/1-insertion.md": "+++\ntitle = \"Action insertion\"\nindicators = [\"heures\"]\n+++\nTexte.\n",
}

// with returns a copy of files with some files changed (an empty body
// removes the file).
func with(files map[string]string, changes map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func buildSite(t testing.TB, src, dest, base string) (*Result, error) {
	t.Helper()
	return Run(Options{Source: src, Dest: dest, BaseURL: base, Defaults: spaser.Layouts, Images: &picture.Cache{}})
}

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func mustContain(t *testing.T, name, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", name, w)
		}
	}
}

func defaultsFS() fs.FS { return spaser.Layouts }
