package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// decpFixture is the fixture site with SYNTHETIC procurement data (DECP)
// for a fictitious buyer (SIREN 219400288), in the three formats, with the
// defects of real files. Known answers for 2025: 5 contracts (one a
// concession), 2 of 4 with a social consideration (1 « non renseigné »),
// 700 000 € HT (the amounts of 1 € and « NC » left out).
var decpFixture = with(fixture, map[string]string{
	"data/site.toml": fixture["data/site.toml"] + "\n[decp]\nacheteurs = [\"219400288\"]\n",
	"data/indicateurs.toml": fixture["data/indicateurs.toml"] + `
[[indicator]]
id = "decp-marches"
label = "Nombre de marchés notifiés"
kind = "count"
unit = "marches"
decp = "marches"

[[indicator]]
id = "decp-sociales"
label = "Part des marchés notifiés comportant une considération sociale"
kind = "share"
unit = "marches"
decp = "sociales"
[[indicator.target]]
year = 2024
value = 30
source = "PNAD 2022-2025"

[[indicator]]
id = "decp-environnement-valeur"
label = "Part du montant des marchés comportant une considération environnementale"
kind = "share"
unit = "euros_ht"
decp = "environnementales-montant"
`,
	"content/axes/1-vert/1-climat/2-haut.md": "+++\ntitle = \"Action haut\"\nweight = 2\nindicators = [\"decp-sociales\", \"decp-environnement-valeur\", \"decp-marches\"]\n+++\n## Objectifs\n\nTexte.\n",
	"data/decp/SYNTHETIQUE-2025.json": `{"marches":{"marche":[
{"id":"M1","acheteur":{"id":"21940028800010"},"nature":"Marché","dateNotification":"2025-02-10","montant":120000,"marcheInnovant":false,"titulaires":[{"titulaire":{"typeIdentifiant":"SIRET","id":"11111111100011"}}],"considerationsSociales":{"considerationSociale":["Clause sociale"]},"considerationsEnvironnementales":{"considerationEnvironnementale":["Clause environnementale"]}},
{"id":"M2","acheteur":{"id":"21940028800010"},"nature":"Marché","dateNotification":"2025-03-12","montant":80000,"marcheInnovant":"oui","considerationsSociales":{"considerationSociale":["Pas de considération sociale"]},"considerationsEnvironnementales":{"considerationEnvironnementale":["Critère environnemental"]}},
{"id":"M3","acheteur":{"id":"21940028800028"},"nature":"Marché","dateNotification":"2025-04-02","montant":1,"considerationsSociales":{"considerationSociale":["Marché réservé"]},"considerationsEnvironnementales":{"considerationEnvironnementale":["Pas de considération environnementale"]}},
{"id":"M4","acheteur":{"id":"21940028800010"},"nature":"Marché","dateNotification":"2025-05-20","montant":"NC","considerationsSociales":{"considerationSociale":[]},"considerationsEnvironnementales":{"considerationEnvironnementale":["Pas de considération environnementale"]}},
{"id":"M5","acheteur":{"id":"2194002880"},"nature":"Marché","dateNotification":"2025-05-21","montant":50000},
{"id":"M6","acheteur":{"id":"21940028800010"},"nature":"Marché","dateNotification":"2099-01-01","montant":50000},
{"id":"M7","acheteur":{"id":"21750001600019"},"nature":"Marché","dateNotification":"2025-05-21","montant":50000}
],"contrat-concession":[
{"id":"C1","autoriteConcedante":{"id":"21940028800010"},"nature":"Concession de service","dateSignature":"2025-06-01","valeurGlobale":500000,"considerationsSociales":{"considerationSociale":["Pas de considération sociale"]},"considerationsEnvironnementales":{"considerationEnvironnementale":["Clause environnementale"]}}
]}}
`,
	"data/decp/SYNTHETIQUE-2024-v2.0.0.json": `{"marches":[
{"id":"M8","acheteur":{"id":"21940028800010"},"dateNotification":"2024-06-01","montant":60000,"titulaires":[{"typeIdentifiant":"SIRET","id":"11111111100011"}],"considerationsSociales":["Critère social"],"considerationsEnvironnementales":[]},
{"id":"M9","acheteur":{"id":"21940028800010"},"dateNotification":"2024-09-01","montant":40000,"considerationsSociales":["Pas de considération sociale"],"considerationsEnvironnementales":["Pas de considération environnementale"]},
{"id":"M1","acheteur":{"id":"21940028800010"},"dateNotification":"2025-02-10","montant":120000,"considerationsSociales":["Clause sociale"],"considerationsEnvironnementales":["Clause environnementale"]}
]}
`,
	"data/decp/SYNTHETIQUE-2023.csv": `uid,id,acheteur_id,titulaire_id,montant,dateNotification,considerationsSociales,considerationsEnvironnementales,marcheInnovant
21940028800010M10,M10,21940028800010,11111111100011,90000,2023-05-05,Sans objet,Sans objet,false
21940028800010M10,M10,21940028800010,22222222200022,90000,2023-05-05,Sans objet,Sans objet,false
21940028800010M2,M2,21940028800010,33333333300033,80000,2025-03-12,Sans objet,Critère environnemental,true
`,
})

func TestDECPFixture(t *testing.T) {
	src := sitetest.New(t, decpFixture)
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, src, out, "/")
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, d := range res.Diags {
		warnings = append(warnings, d.String())
	}
	sitetest.ContainsAll(t, strings.Join(warnings, "\n"),
		`data/decp/SYNTHETIQUE-2025.json:3: avertissement`+"\u00a0"+`: marché "M2" : marcheInnovant vaut "oui"`,
		`marché "M4" : montant écrit en texte ("NC")`,
		`marché "M5" : identifiant d’acheteur "2194002880" de 10 caractères`,
		`marché "M6" : non compté : date de notification 2099-01-01 après la fin du schéma (31/12/2026)`,
		`marché "M3" : montant 1 € non retenu`)
	files := readTree(t, out)
	sitetest.ContainsAll(t, files["indicateurs/decp-sociales/index.html"],
		"2\u00a0marchés sur 4 (50\u202f%)",
		"calculé à partir des données essentielles de la commande publique\u00a0: 5\u00a0contrats notifiés en 2025 (dont 1\u00a0concession), dont 1 sans information sur les considérations sociales",
		`href="/donnees/decp/2025/"`)
	sitetest.ContainsAll(t, files["indicateurs/decp-environnement-valeur/index.html"], "700\u202f000\u00a0€ HT sur 700\u202f000 (100\u202f%)")
	sitetest.ContainsAll(t, files["donnees/decp/2025/index.html"], "Contrats comptés</th><td>5</td>", "Doublons (même acheteur et même identifiant), comptés une fois</th><td>2</td>",
		"Écartés\u00a0: identifiant d’acheteur mal formé</th><td>1</td>", "dont contrats de concession</th><td>1</td>")
	sitetest.ContainsAll(t, files["donnees/index.html"], `id="decp"`, "Les comptes de chaque année", `href="/donnees/decp/2024/"`)
	sitetest.ContainsAll(t, files["donnees/decp-contrats.csv"], "\r\n21940028800010;C1;concession;2025-06-01;2025;500000;oui;non;oui;non;non;data/decp/SYNTHETIQUE-2025.json\r\n")
	sitetest.ContainsAll(t, files["donnees/indicateurs.csv"], "decp-marches;Nombre de marchés notifiés;marchés;nombre;2023;;1;;;;;sans objectif chiffré;données essentielles de la commande publique (DECP);définitive")
	for _, name := range []string{"donnees/decp/2025/index.html", "indicateurs/decp-sociales/index.html", "donnees/decp-contrats.csv"} {
		compareGolden(t, "golden-decp", name, files[name])
	}
}

// The default site ships no DECP file and no [decp] table: no figure of
// Val-de-Marne is computed.
func TestDefaultSiteHasNoDECP(t *testing.T) {
	if _, err := os.Stat("../../data/decp"); err == nil {
		t.Error("the default site ships data/decp/")
	}
	b, err := os.ReadFile("../../data/site.toml")
	if err != nil || strings.Contains(string(b), "[decp]") {
		t.Errorf("the default site declares [decp] (%v)", err)
	}
}

func compareGolden(t *testing.T, dir, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", dir, strings.ReplaceAll(name, "/", "_"))
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test ./internal/build -update if the change is intended)", name, golden)
	}
}
