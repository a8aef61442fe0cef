package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"spaser/internal/csvfile"
	"spaser/internal/indicator"
)

// MaxFileSize bounds the spreadsheet an import reads, and the size of its
// uncompressed XML: a year's values weigh a few dozen kilobytes.
const MaxFileSize = 10 << 20

// table is the Valeurs sheet of year: the headers, then a row per
// indicator and breakdown with its cells, and whether each cell is to fill.
// Every text cell is guarded against formula injection (csvfile.Guard),
// in both formats: labels, sources and comments come from content, and a
// spreadsheet runs a text that starts with « = ». Numbers stay numbers.
func table(cat *indicator.Catalogue, year int) (cells [][]any, editable [][]bool) {
	head := make([]any, len(columns))
	for i, c := range columns {
		head[i] = c.Header
	}
	cells = append(cells, head)
	editable = append(editable, make([]bool, len(columns)))
	for _, r := range Rows(cat, year) {
		ind := cat.ByID[r.ID]
		row := make([]any, len(columns))
		ed := make([]bool, len(columns))
		for i, c := range columns {
			switch {
			case c.Header == idHeader:
				row[i] = r.ID
			case c.info != nil:
				if r.Part == "" {
					row[i] = c.info(ind, year)
				}
			default:
				row[i] = r.Values[c.Key]
				ed[i] = c.applies(ind, r.Part != "")
			}
			if t, ok := row[i].(string); ok {
				row[i] = csvfile.Guard(t)
			}
		}
		cells = append(cells, row)
		editable = append(editable, ed)
	}
	return cells, editable
}

// WriteCSV writes the Valeurs sheet of year as CSV the way a French
// spreadsheet opens it (csvfile.Write).
func WriteCSV(w io.Writer, cat *indicator.Catalogue, year int) error {
	cells, _ := table(cat, year)
	recs := make([][]string, len(cells))
	for i, row := range cells {
		recs[i] = make([]string, len(row))
		for j, v := range row {
			recs[i][j] = cellText(v)
		}
	}
	_, err := w.Write(csvfile.Write(recs[0], recs[1:]))
	return err
}

// cellText is the CSV text of a cell: a number with a decimal comma,
// « oui » for true.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return formatNumber(v)
	case bool:
		if v {
			return "oui"
		}
		return ""
	}
	return fmt.Sprint(v)
}

// ReadCSV reads a CSV written by WriteCSV or saved by a spreadsheet: « ; »
// or « , » between cells, UTF-8 or Windows-1252 (what Excel writes on
// Windows).
func ReadCSV(data []byte, name string) (Grid, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var g Grid
	g.Name = name
	for len(g.Rows) <= MaxRows {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return g, err
		}
		g.Rows = append(g.Rows, rec)
	}
	return g, nil
}

// separator is « ; » when the first line has one outside quotes, « , »
// otherwise.
func separator(data []byte) rune {
	quoted := false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			return ','
		case c == ';' && !quoted:
			return ';'
		}
	}
	return ','
}

// windows1252 is the part of Windows-1252 that differs from Latin-1.
var windows1252 = map[byte]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘',
	0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜',
	0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
}

func fromWindows1252(data []byte) []byte {
	var b strings.Builder
	for _, c := range data {
		if r, ok := windows1252[c]; ok {
			b.WriteRune(r)
		} else {
			b.WriteRune(rune(c))
		}
	}
	return []byte(b.String())
}

// WriteXLSX writes the workbook of year: a sheet that explains each column,
// then the Valeurs sheet, its cells to fill white and the others grey.
func WriteXLSX(w io.Writer, cat *indicator.Catalogue, year int) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", HelpSheet); err != nil {
		return err
	}
	if err := writeHelp(f, year); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetName); err != nil {
		return err
	}
	cells, editable := table(cat, year)
	grey, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4E4E4"}}})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C9DAF8"}}})
	if err != nil {
		return err
	}
	for i, row := range cells {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if v != nil {
				if err := f.SetCellValue(SheetName, ref, v); err != nil {
					return err
				}
			}
			style := grey
			switch {
			case i == 0:
				style = bold
			case editable[i][j]:
				continue
			}
			if err := f.SetCellStyle(SheetName, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for j, c := range columns {
		name, _ := excelize.ColumnNumberToName(j + 1)
		width := 14.0
		if c.info != nil || c.Type == textCell {
			width = 40
		}
		if err := f.SetColWidth(SheetName, name, name, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(SheetName, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeHelp(f *excelize.File, year int) error {
	lines := []string{
		fmt.Sprintf("Valeurs des indicateurs pour l’année %d", year),
		"",
		"Remplissez la feuille « " + SheetName + " » : une ligne par indicateur, et en dessous une ligne par partie (détail) quand le schéma détaille le chiffre. Les cellules grises sont en lecture seule ou ne s’appliquent pas à l’indicateur.",
		"Une ligne laissée vide ne publie rien : l’indicateur reste « non renseigné ». N’inscrivez que des chiffres publiés, avec leur source.",
		"Les nombres s’écrivent sans unité : 40, 31,5 ou 1 250 000. Un pourcentage s’écrit de 0 à 100 (31,5 pour 31,5 %).",
		fmt.Sprintf("Ensuite : spaser import annee %d FICHIER (montre ce qui change, puis écrit avec --force).", year),
		"",
		"Colonnes :",
	}
	for _, c := range columns {
		lines = append(lines, c.Header+" : "+c.Help)
	}
	for i, s := range lines {
		if err := f.SetCellValue(HelpSheet, fmt.Sprintf("A%d", i+1), s); err != nil {
			return err
		}
	}
	return f.SetColWidth(HelpSheet, "A", "A", 120)
}

// ReadXLSX reads the Valeurs sheet of a workbook, each cell's value as
// typed (not as its number format shows it).
func ReadXLSX(data []byte) (Grid, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 4 * MaxFileSize, UnzipXMLSizeLimit: MaxFileSize})
	if err != nil {
		return Grid{}, err
	}
	defer f.Close()
	g := Grid{Name: SheetName}
	if idx, _ := f.GetSheetIndex(SheetName); idx < 0 {
		return g, fmt.Errorf("le classeur n’a pas de feuille « %s » (feuilles : %s)", SheetName, strings.Join(f.GetSheetList(), ", "))
	}
	rows, err := f.Rows(SheetName)
	if err != nil {
		return g, err
	}
	defer rows.Close()
	for rows.Next() && len(g.Rows) <= MaxRows {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return g, err
		}
		g.Rows = append(g.Rows, cols)
	}
	return g, rows.Error()
}
