package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"spaser/internal/csvfile"
	"spaser/internal/diag"
)

// Grid is a sheet as read: its name (for the messages) and its rows of
// cells, the headers first.
type Grid struct {
	Name string
	Rows [][]string
}

func (g Grid) cell(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return g.Name
	}
	return g.Name + "!" + ref
}

// at is the position of a cell for diag: the sheet and cell in place of the
// file, no line.
func at(cell string) diag.Pos { return diag.Pos{File: cell} }

// MaxRows bounds what an import reads: a year has one row per indicator and
// breakdown, a few hundred at most.
const MaxRows = 5000

// rows reads the rows of g, each cell parsed for its column. The headers are
// matched by name (the French header or the key), so columns may be moved.
func (g Grid) rows(l *diag.List) []*Row {
	head := -1
	for i, r := range g.Rows {
		if !blank(r) {
			head = i
			break
		}
	}
	if head < 0 {
		l.Errorf(at(g.Name), "Exportez d’abord la feuille avec « spaser export annee AAAA », remplissez-la, puis importez-la.", "feuille vide")
		return nil
	}
	if len(g.Rows) > MaxRows {
		l.Errorf(at(g.Name), "Une année compte une ligne par indicateur et par détail : vérifiez que c’est la bonne feuille.", "trop de lignes (%d, au plus %d)", len(g.Rows), MaxRows)
		return nil
	}
	cols := g.headers(head, l)
	if cols == nil {
		return nil
	}
	var out []*Row
	seen := map[[2]string]string{}
	for i := head + 1; i < len(g.Rows); i++ {
		cells := g.Rows[i]
		if blank(cells) {
			continue
		}
		r := g.row(i, cells, cols, l)
		if r == nil {
			continue
		}
		k := [2]string{r.ID, r.Part}
		if first, ok := seen[k]; ok {
			what := "l’indicateur"
			if r.Part != "" {
				what = "ce détail"
			}
			l.Errorf(at(r.Cells[idHeader]), "Chaque indicateur n’a qu’une ligne par année, et chaque partie une ligne de détail : regroupez les chiffres ou supprimez l’une des lignes (l’autre est "+first+").", "%s %s est sur deux lignes", what, r.ID)
			continue
		}
		seen[k] = r.Cells[idHeader]
		out = append(out, r)
	}
	return group(out)
}

// headers maps each column of the catalogue to its index in the sheet.
func (g Grid) headers(head int, l *diag.List) map[int]column {
	cols := map[int]column{}
	found := map[string]bool{}
	for i, h := range g.Rows[head] {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		c, ok := findColumn(h)
		if !ok {
			var names []string
			for _, c := range columns {
				names = append(names, c.Header)
			}
			l.Warnf(at(g.cell(i, head)), diag.DidYouMean(h, names, "Cette colonne est ignorée ; les colonnes reconnues sont celles de l’export."), "colonne inconnue « %s »", h)
			continue
		}
		if found[c.Header] {
			l.Errorf(at(g.cell(i, head)), "Gardez une seule colonne de ce nom.", "colonne « %s » en double", c.Header)
			return nil
		}
		found[c.Header] = true
		cols[i] = c
	}
	if !found[idHeader] {
		l.Errorf(at(g.cell(0, head)), "La première ligne de la feuille porte les titres des colonnes de l’export : rétablissez la colonne « "+idHeader+" ».", "colonne « %s » introuvable", idHeader)
		return nil
	}
	return cols
}

func findColumn(h string) (column, bool) {
	for _, c := range columns {
		short, _, _ := strings.Cut(c.Header, " (")
		if strings.EqualFold(h, c.Header) || strings.EqualFold(h, short) || (c.Key != "" && c.Key != "label" && strings.EqualFold(h, c.Key)) {
			return c, true
		}
	}
	return column{}, false
}

// row parses one row; nil when it has no identifier.
func (g Grid) row(i int, cells []string, cols map[int]column, l *diag.List) *Row {
	r := &Row{Values: map[string]any{}, Cells: map[string]string{}, Sheet: i + 1}
	idCol := 0
	for j, c := range cols {
		if c.Header == idHeader {
			idCol = j
			r.ID = strings.TrimSpace(get(cells, j))
		}
	}
	r.Cells[idHeader] = g.cell(idCol, i)
	if r.ID == "" {
		l.Errorf(at(r.Cells[idHeader]), "Recopiez l’identifiant de l’indicateur (colonne « "+idHeader+" ») : sur une ligne de détail aussi.", "ligne sans identifiant")
		return nil
	}
	for j, c := range cols {
		if c.Key == "" {
			continue
		}
		ref := g.cell(j, i)
		r.Cells[c.Key] = ref
		v, ok := parseCell(c, get(cells, j), ref, l)
		if !ok || v == nil {
			continue
		}
		r.Values[c.Key] = v
		if c.Key == "label" {
			r.Part = v.(string)
		}
	}
	return r
}

// group puts the detail rows of an indicator under its row, which is added
// empty when the sheet has only its details.
func group(rows []*Row) []*Row {
	var order []string
	byID := map[string][]*Row{}
	for _, r := range rows {
		if _, ok := byID[r.ID]; !ok {
			order = append(order, r.ID)
		}
		byID[r.ID] = append(byID[r.ID], r)
	}
	var out []*Row
	for _, id := range order {
		rs := byID[id]
		var main *Row
		for _, r := range rs {
			if r.Part == "" {
				main = r
			}
		}
		if main == nil {
			main = &Row{ID: id, Values: map[string]any{}, Cells: map[string]string{idHeader: rs[0].Cells[idHeader]}}
		}
		out = append(out, main)
		for _, r := range rs {
			if r != main {
				out = append(out, r)
			}
		}
	}
	return out
}

func get(cells []string, j int) string {
	if j < len(cells) {
		return cells[j]
	}
	return ""
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseCell reads a cell as its column's type: nil for an empty cell.
func parseCell(c column, s, ref string, l *diag.List) (any, bool) {
	s = strings.TrimSpace(strings.Trim(s, "\u00a0\u202f"))
	if s == "" {
		return nil, true
	}
	switch c.Type {
	case numberCell:
		v, err := parseNumber(s, c.Key == "share")
		if err != "" {
			l.Errorf(at(ref), err, "nombre illisible dans la colonne « %s » : « %s »", c.Header, s)
			return nil, false
		}
		return v, true
	case boolCell:
		switch strings.ToLower(s) {
		case "oui", "o", "x", "vrai", "true", "1":
			return true, true
		case "non", "n", "faux", "false", "0":
			return nil, true
		}
		l.Errorf(at(ref), "Écrivez « oui », ou laissez la cellule vide.", "valeur inattendue dans la colonne « %s » : « %s »", c.Header, s)
		return nil, false
	}
	return csvfile.Unguard(s), true // the export guards texts against formulas
}

// parseNumber reads a number as a French spreadsheet writes it: a decimal
// comma or point, spaces between thousands, and for a percentage an optional
// « % ». It returns the hint of the error, or "".
func parseNumber(s string, percent bool) (float64, string) {
	if percent {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		s = strings.TrimRight(s, " \u00a0\u202f")
	}
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	if strings.Contains(s, ",") && strings.Contains(s, ".") {
		return 0, "Écrivez le nombre sans séparateur de milliers, avec une virgule décimale : 1250000,5."
	}
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !numberRe.MatchString(s) {
		hint := "Écrivez un nombre seul, par exemple 40 ou 31,5, sans unité."
		if !percent {
			hint = "Écrivez un nombre seul, par exemple 40 ou 31,5, sans unité ni « % »."
		}
		return 0, hint
	}
	return v, ""
}

// numberRe is a decimal number as a spreadsheet stores it; ParseFloat alone
// would also take "NaN", "Inf" and hexadecimal.
var numberRe = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)

// formatNumber writes a number as parseNumber reads it, with a decimal
// comma (the CSV and the list of changes).
func formatNumber(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

func describe(v any) string {
	switch v := v.(type) {
	case float64:
		return formatNumber(v)
	case bool:
		if v {
			return "oui"
		}
		return "non"
	case string:
		return "« " + v + " »"
	case nil:
		return "(vide)"
	}
	return fmt.Sprint(v)
}
