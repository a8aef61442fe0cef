package sheet

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/sitetest"
)

// Synthetic fixture (not Val-de-Marne figures): a share with breakdowns,
// a provisional count, a value, two years.
const fixtureCatalogue = `[[indicator]]
id = "repas-bio"
label = "Part des produits biologiques"
kind = "share"
unit = "produits"
[[indicator.target]]
year = 2025
value = 20

[[indicator]]
id = "heures"
label = "Heures d'insertion"
kind = "count"
unit = "heures"

[[indicator]]
id = "montant"
label = "Montant des marchés réservés"
kind = "value"
unit = "euros_ht"
`

const fixture2023 = `# Valeurs 2023 (fixture synthétique).

# Par site.
[repas-bio]
source = "Rapport 2023"

[[repas-bio.detail]]
label = "Restaurant « Nord »"
count = 12
total = 40

[[repas-bio.detail]]
label = "Crèches"
share = 28.8
comment = "estimation"

[heures]
value = 1250000.5
provisional = true
source = "Tableau de bord \"DASIPE\""
comment = "deux lignes\nici"
`

const fixture2024 = `[montant]
value = 0.25
source = "Compte administratif"
`

func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	site, err := os.ReadFile("../../data/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		config.File:                  {Data: site},
		indicator.CatalogueFile:      {Data: []byte(fixtureCatalogue)},
		"data/valeurs/2023.toml":     {Data: []byte(fixture2023)},
		"data/valeurs/2024.toml":     {Data: []byte(fixture2024)},
		"content/_index.md":          {Data: []byte("# x\n")},
		"data/valeurs/.2025.toml.sw": {Data: []byte("ignored")},
	}
}

func load(t *testing.T, fsys fs.FS) *indicator.Catalogue {
	t.Helper()
	l := &diag.List{}
	cfg := config.Load(fsys, l)
	cat := indicator.Load(fsys, cfg, l)
	if l.HasErrors() {
		t.Fatalf("site does not load: %v", l.Items())
	}
	return cat
}

// roundTrip exports year in each format, reads the file back and imports
// it: nothing may change, and the text that would be written is the file.
func roundTrip(t *testing.T, fsys fs.FS, year int) {
	cat := load(t, fsys)
	orig, _ := fs.ReadFile(fsys, indicator.ValuesFile(year))
	for _, format := range []string{"xlsx", "csv"} {
		var b bytes.Buffer
		var g Grid
		var err error
		if format == "xlsx" {
			if err = WriteXLSX(&b, cat, year); err == nil {
				g, err = ReadXLSX(b.Bytes())
			}
		} else {
			if err = WriteCSV(&b, cat, year); err == nil {
				g, err = ReadCSV(b.Bytes(), "valeurs.csv")
			}
		}
		if err != nil {
			t.Fatalf("%d %s: %v", year, format, err)
		}
		l := &diag.List{}
		p := Import(fsys, year, g, l)
		if p == nil || l.HasErrors() {
			t.Fatalf("%d %s: import failed: %v", year, format, l.Items())
		}
		if len(p.Changes) != 0 {
			t.Errorf("%d %s: round trip changes %q", year, format, p.Changes)
		}
		if p.Text != string(orig) {
			t.Errorf("%d %s: the file would be rewritten:\n%s\n--- was ---\n%s", year, format, p.Text, orig)
		}
	}
}

func TestRoundTripValDeMarne(t *testing.T) {
	site := os.DirFS("../..")
	for _, year := range []int{2021, 2022} {
		roundTrip(t, site, year)
	}
}

func TestRoundTripFixture(t *testing.T) {
	fsys := fixture(t)
	roundTrip(t, fsys, 2023)
	roundTrip(t, fsys, 2024)
}

// A new year offers the breakdowns of the latest year that had some, and
// an untouched sheet imports as an empty file.
func TestNewYearOffersParts(t *testing.T) {
	fsys := fixture(t)
	var b bytes.Buffer
	if err := WriteCSV(&b, load(t, fsys), 2025); err != nil {
		t.Fatal(err)
	}
	sitetest.ContainsAll(t, b.String(), "repas-bio;Restaurant « Nord »;", "repas-bio;Crèches;",
		"au moins 20\u202f% à partir de 2025", "000,5\u00a0heures", "2023 : Restaurant « Nord » : 12\u00a0produits sur 40")
	g, err := ReadCSV(b.Bytes(), "v.csv")
	if err != nil {
		t.Fatal(err)
	}
	l := &diag.List{}
	p := Import(fsys, 2025, g, l)
	if p == nil || p.Exists || len(p.Changes) != 0 || strings.Contains(p.Text, "[") {
		t.Fatalf("untouched sheet: %+v %v", p, l.Items())
	}
}

func csvImport(t *testing.T, year int, text string) (*Plan, string) {
	t.Helper()
	g, err := ReadCSV([]byte(text), "v.csv")
	if err != nil {
		t.Fatal(err)
	}
	l := &diag.List{}
	p := Import(fixture(t), year, g, l)
	var out []string
	for _, d := range l.Items() {
		out = append(out, d.String())
	}
	return p, strings.Join(out, "\n")
}

// Each cell is checked by the rules of the values file, and its problem is
// reported at its cell.
func TestCellErrors(t *testing.T) {
	for _, tc := range []struct{ name, csv, want string }{
		{"not a number", "Identifiant;Nombre (count)\nrepas-bio;douze\n",
			"v.csv!B2: erreur\u00a0: nombre illisible dans la colonne « Nombre (count) » : « douze »"},
		{"negative", "Identifiant;Valeur (value)\nheures;-3\n",
			"v.csv!B2: erreur\u00a0: nombre négatif pour l'indicateur heures : value = -3"},
		{"unknown id", "Identifiant;Valeur (value)\nheure;3\n",
			"v.csv!A2: erreur\u00a0: indicateur inconnu : \"heure\"\n    → Vouliez-vous dire « heures » ?"},
		{"count over total", "Identifiant;Partie (détail);Nombre (count);Total (total)\nrepas-bio;Nord;50;40\n",
			"v.csv!C2: erreur\u00a0: nombre supérieur au total (50 sur 40) pour l'indicateur repas-bio"},
		{"value of a share", "Identifiant;Valeur (value)\nrepas-bio;3\n",
			"v.csv!B2: erreur\u00a0: « value » ne s'applique pas à l'indicateur repas-bio (type share)"},
		{"source on a detail", "Identifiant;Partie (détail);Pourcentage (share);Source (source)\nrepas-bio;Nord;3;Rapport\n",
			"v.csv!D2: erreur"},
		{"no id", "Identifiant;Valeur (value)\n;3\n",
			"v.csv!A2: erreur\u00a0: ligne sans identifiant"},
		{"twice", "Identifiant;Valeur (value)\nheures;3\nheures;4\n",
			"v.csv!A3: erreur\u00a0: l’indicateur heures est sur deux lignes"},
		{"no id column", "Indicateur;Valeur (value)\nheures;3\n",
			"v.csv!A1: erreur\u00a0: colonne « Identifiant » introuvable"},
		{"bad flag", "Identifiant;Valeur (value);Provisoire\nheures;3;peut-être\n",
			"v.csv!C2: erreur\u00a0: valeur inattendue dans la colonne « Provisoire (provisional) » : « peut-être »"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, msgs := csvImport(t, 2025, tc.csv)
			if p != nil {
				t.Errorf("imported despite the error")
			}
			sitetest.ContainsAll(t, msgs, tc.want)
		})
	}
}

// French spreadsheets: « , » between cells with quoted decimal commas,
// thousands separated by spaces, a « % » after a percentage, Windows-1252.
func TestCSVDialects(t *testing.T) {
	text := "Identifiant,Partie (détail),Pourcentage (share),Valeur (value),Source (source)\n" +
		"repas-bio,Crèches,\"28,8 %\",,\n" +
		"heures,,,\"1 250 000,5\",Rapport é\n"
	p, msgs := csvImport(t, 2025, text)
	if p == nil {
		t.Fatal(msgs)
	}
	sitetest.ContainsAll(t, p.Text, "[[repas-bio.detail]]\nlabel = \"Crèches\"\nshare = 28.8\n", "[heures]\nvalue = 1250000.5\nsource = \"Rapport é\"\n")
	latin := bytes.ReplaceAll([]byte(strings.ReplaceAll(text, ",", ";")), []byte("é"), []byte{0xe9})
	latin = bytes.ReplaceAll(latin, []byte("è"), []byte{0xe8})
	g, err := ReadCSV(latin, "v.csv")
	if err != nil {
		t.Fatal(err)
	}
	if g.Rows[1][1] != "Crèches" || g.Rows[2][4] != "Rapport é" {
		t.Errorf("Windows-1252 read as %q", g.Rows)
	}
}

// A change is listed before anything is written, and the comments of the
// file it replaces are kept.
func TestChangesListed(t *testing.T) {
	fsys := fixture(t)
	var b bytes.Buffer
	if err := WriteCSV(&b, load(t, fsys), 2023); err != nil {
		t.Fatal(err)
	}
	g, err := ReadCSV([]byte(strings.Replace(b.String(), ";12;40;", ";13;40;", 1)), "v.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range g.Rows {
		if r[0] == "montant" {
			r[5], r[10] = "7", "Budget"
		}
	}
	l := &diag.List{}
	p := Import(fsys, 2023, g, l)
	if p == nil {
		t.Fatal(l.Items())
	}
	want := []string{
		"repas-bio, détail « Restaurant « Nord » » : count : 12 → 13",
		"montant : ajouté (value 7, source « Budget »)",
	}
	if strings.Join(p.Changes, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(p.Changes, "\n"), strings.Join(want, "\n"))
	}
	sitetest.ContainsAll(t, p.Text, "# Valeurs 2023 (fixture synthétique).\n\n# Par site.\n[repas-bio]\n")
}

// The XLSX import reads the value of a cell, not its display: a share
// formatted as a percentage is its fraction, which the plausibility check
// of the indicator package is there to question.
func TestXLSXRawValuesAndGaps(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", SheetName)
	f.SetSheetRow(SheetName, "A1", &[]any{idHeader, "Valeur (value)", "Source (source)"})
	f.SetSheetRow(SheetName, "A4", &[]any{"heures", 1234.5, "Rapport"})
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	f.SetCellStyle(SheetName, "B4", "B4", style)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	g, err := ReadXLSX(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	l := &diag.List{}
	p := Import(fixture(t), 2025, g, l)
	if p == nil {
		t.Fatal(l.Items())
	}
	sitetest.ContainsAll(t, p.Text, "[heures]\nvalue = 1234.5\n")
	f.SetCellValue(SheetName, "B4", "x")
	b.Reset()
	f.WriteTo(&b)
	g, _ = ReadXLSX(b.Bytes())
	l = &diag.List{}
	Import(fixture(t), 2025, g, l)
	sitetest.ContainsAll(t, l.Items()[0].String(), "Valeurs!B4: erreur")
}

func TestReadXLSXWithoutValuesSheet(t *testing.T) {
	f := excelize.NewFile()
	var b bytes.Buffer
	f.WriteTo(&b)
	if _, err := ReadXLSX(b.Bytes()); err == nil || !strings.Contains(err.Error(), "pas de feuille « Valeurs »") {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadXLSX([]byte("not a zip")); err == nil {
		t.Error("garbage read as a workbook")
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"40": 40, "31,5": 31.5, "31.5": 31.5, "1 250 000": 1250000, "1\u202f250,5": 1250.5, "-2": -2, "1E-3": 0.001} {
		if got, err := parseNumber(in, false); err != "" || got != want {
			t.Errorf("parseNumber(%q) = %v, %q", in, got, err)
		}
	}
	for _, in := range []string{"NaN", "Inf", "0x10", "1,250.5", "12 €", "31,5 %", "abc"} {
		if _, err := parseNumber(in, false); err == "" {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
	if v, err := parseNumber("31,5 %", true); err != "" || v != 31.5 {
		t.Errorf("percentage: %v %q", v, err)
	}
}

func FuzzImportCSV(f *testing.F) {
	f.Add("Identifiant;Nombre (count);Total (total)\nrepas-bio;1;2\n")
	f.Add("Identifiant,Partie (détail),Pourcentage (share)\nrepas-bio,\"a\"\"b\",\"3,5\"\n")
	f.Add("\ufeffIdentifiant;Valeur (value)\n\"[x]\";\"1e400\"\n")
	site, err := os.ReadFile("../../data/site.toml")
	if err != nil {
		f.Fatal(err)
	}
	fsys := fstest.MapFS{config.File: {Data: site}, indicator.CatalogueFile: {Data: []byte(fixtureCatalogue)}}
	f.Fuzz(func(t *testing.T, text string) {
		g, err := ReadCSV([]byte(text), "v.csv")
		if err != nil {
			return
		}
		l := &diag.List{}
		p := Import(fsys, 2025, g, l)
		if p == nil {
			if !l.HasErrors() {
				t.Fatal("refused without an error")
			}
			return
		}
		// What the import accepts, the loader reads back unchanged.
		back := overlay{FS: fsys, name: p.File, file: fstest.MapFS{p.File: {Data: []byte(p.Text)}}}
		ll := &diag.List{}
		cat := indicator.Load(back, config.Load(back, ll), ll)
		if ll.HasErrors() {
			t.Fatalf("accepted text does not load: %v\n%s", ll.Items(), p.Text)
		}
		again := changes(filled(Rows(cat, 2025)), filled(g.rows(&diag.List{})))
		if len(again) != 0 {
			t.Fatalf("text does not hold the sheet: %q\n%s", again, p.Text)
		}
	})
}

// BenchmarkRoundTripXLSX exports the Val-de-Marne 2022 values and imports
// them back: what an editor waits for.
func BenchmarkRoundTripXLSX(b *testing.B) {
	site := os.DirFS("../..")
	l := &diag.List{}
	cat := indicator.Load(site, config.Load(site, l), l)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, cat, 2022); err != nil {
			b.Fatal(err)
		}
		g, err := ReadXLSX(buf.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		if p := Import(site, 2022, g, &diag.List{}); p == nil || len(p.Changes) != 0 {
			b.Fatal("round trip changed the file")
		}
	}
}
