package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
)

// A SYNTHETIC buyer's DECP: in 2025, three contracts of the buyer (one
// without any social information) and one of another buyer; in 2024, one.
const decpFile = `{"marches":{"marche":[
{"id":"A","acheteur":{"id":"21940028800010"},"dateNotification":"2025-03-01","montant":100000,"considerationsSociales":{"considerationSociale":["Clause sociale"]}},
{"id":"B","acheteur":{"id":"21940028800010"},"dateNotification":"2025-04-01","montant":50000,"considerationsSociales":{"considerationSociale":["Pas de considération sociale"]}},
{"id":"C","acheteur":{"id":"21940028800028"},"dateNotification":"2025-05-01","montant":30000},
{"id":"D","acheteur":{"id":"21750001600019"},"dateNotification":"2025-05-01","montant":30000},
{"id":"E","acheteur":{"id":"21940028800010"},"dateNotification":"2024-05-01","montant":1}
]}}`

const decpCatalogue = `[[indicator]]
id = "clauses-sociales"
label = "Part des marchés comportant une considération sociale"
kind = "share"
unit = "marches"
decp = "sociales"

[[indicator]]
id = "marches"
label = "Marchés notifiés"
kind = "count"
unit = "marches"
decp = "marches"

[[indicator]]
id = "montant"
label = "Montant notifié"
kind = "value"
unit = "euros_ht"
decp = "montant"
`

func loadDECPCat(t *testing.T, buyers []string, files map[string]string) (*Catalogue, []diag.Diagnostic) {
	t.Helper()
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(decpCatalogue)}, "data/decp/synthetique.json": {Data: []byte(decpFile)}}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	c := *cfg
	c.Decp = config.Decp{Acheteurs: buyers}
	var l diag.List
	cat := Load(fsys, &c, &l)
	return cat, l.Items()
}

func TestDECPValues(t *testing.T) {
	c, items := loadDECPCat(t, []string{"219400288"}, nil)
	for _, d := range items {
		if d.Severity == diag.Error {
			t.Fatalf("error: %v", d)
		}
	}
	soc := c.ByID["clauses-sociales"]
	m := soc.ValueAt(2025)
	if m == nil || *m.Count != 1 || *m.Total != 2 || m.Source != DECPSource {
		t.Fatalf("2025 = %+v", m)
	}
	if want := "calculé à partir des données essentielles de la commande publique : 3\u00a0marchés notifiés en 2025, dont 1 sans information sur les considérations sociales"; m.Origin != want {
		t.Errorf("origin %q", m.Origin)
	}
	if soc.ValueAt(2024) != nil {
		t.Errorf("2024: the only contract has no social information, no share")
	}
	if v := c.ByID["marches"].ValueAt(2024); v == nil || *v.Value != 1 {
		t.Errorf("2024 count: %+v", v)
	}
	if v := c.ByID["montant"].ValueAt(2025); v == nil || *v.Value != 180000 {
		t.Errorf("2025 amount: %+v", v)
	}
	if len(c.Years) != 2 || c.DECP == nil {
		t.Errorf("years %v", c.Years)
	}
	// A contract of 1 € counts, its amount does not: said as a warning.
	if !strings.Contains(diagText(items), "data/decp/synthetique.json:6: avertissement\u00a0: marché \"E\" : montant 1 € non retenu") {
		t.Errorf("warnings:\n%s", diagText(items))
	}
}

func diagText(items []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range items {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func TestDECPErrors(t *testing.T) {
	_, items := loadDECPCat(t, []string{"21940028800010"}, map[string]string{"data/valeurs/2025.toml": "[marches]\nvalue = 12\n"})
	text := diagText(items)
	for _, want := range []string{"data/valeurs/2025.toml:1:1: erreur\u00a0: valeur de marches pour 2025 saisie alors que les DECP (data/decp/) la calculent",
		`decp = "marches" dans data/indicateurs.toml, ligne 8`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	_, items = loadDECPCat(t, nil, nil)
	if text := diagText(items); !strings.Contains(text, "aucun acheteur n’est déclaré") {
		t.Errorf("no buyer: %s", text)
	}
	_, items = loadDECPCat(t, []string{"219400288"}, map[string]string{"data/decp/casse.json": "{\"marches\":[\n{\"id\":}]}"})
	if text := diagText(items); !strings.Contains(text, "data/decp/casse.json:2:7: erreur\u00a0: JSON mal formé") {
		t.Errorf("broken file: %s", text)
	}
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(strings.Replace(decpCatalogue, `decp = "montant"`, `decp = "montants"`, 1))}}
	var l diag.List
	Load(fsys, cfg, &l)
	if text := diagText(l.Items()); !strings.Contains(text, `mesure DECP inconnue "montants"`) {
		t.Errorf("unknown measure: %s", text)
	}
}
