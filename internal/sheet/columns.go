// Package sheet turns a year's values file (data/valeurs/AAAA.toml) into a
// spreadsheet the purchasing department can fill, and reads it back. The
// spreadsheet is only another way of typing the values file: an import
// writes the TOML text and has the indicator package load it, so every cell
// passes the same rules as the file typed by hand, and each problem is
// reported at its cell (« Valeurs!D12 »).
package sheet

import (
	"strings"

	"spaser/internal/followup"
	"spaser/internal/indicator"
)

// SheetName is the sheet of the values; the sheet before it explains them.
const (
	SheetName = "Valeurs"
	HelpSheet = "Mode d’emploi"
)

type cellType int

const (
	textCell cellType = iota
	numberCell
	boolCell
)

// column is one column of the Valeurs sheet. A column with a Key is a key
// of the values file; the others identify the row or are read-only help.
// A new key of the values file is one more line in columns.
type column struct {
	Header string
	Key    string // the TOML key; "" for a read-only column
	Type   cellType
	Block  bool             // applies to the indicator's own row
	Detail bool             // applies to a breakdown row ([[id.detail]])
	Kinds  []indicator.Kind // the kinds it applies to; nil for every kind
	Help   string
	get    func(m *indicator.Measure) any // the figure of an exported value
	info   func(ind *indicator.Indicator, year int) string
}

// The identifying columns come first: the import finds every column by its
// header, so the editors may reorder or hide the others.
const (
	idHeader   = "Identifiant"
	partHeader = "Partie (détail)"
)

var columns = []column{
	{Header: idHeader, Help: "L’identifiant de l’indicateur dans data/indicateurs.toml : ne le modifiez pas."},
	{Header: partHeader, Key: "label", Type: textCell, Detail: true, Help: "Vide sur la ligne de l’indicateur. Sur une ligne de détail (même identifiant, ligne en dessous), la partie concernée : un site, une catégorie… (blocs « .detail » du fichier de valeurs)."},
	{Header: "Intitulé", Help: "Lecture seule.", info: func(ind *indicator.Indicator, _ int) string { return ind.Name() }},
	{Header: "Type", Help: "Lecture seule : nombre, valeur (montant) ou part (un nombre sur un total, dont le pourcentage est calculé).", info: func(ind *indicator.Indicator, _ int) string { return indicator.Kinds[ind.Kind] }},
	{Header: "Unité", Help: "Lecture seule.", info: func(ind *indicator.Indicator, _ int) string { return ind.Unit.Many }},
	{Header: "Valeur (value)", Key: "value", Type: numberCell, Block: true, Detail: true, Kinds: []indicator.Kind{indicator.Count, indicator.Value}, Help: "Pour un indicateur de type nombre ou valeur : le chiffre de l’année.", get: func(m *indicator.Measure) any { return num(m.Value) }},
	{Header: "Nombre (count)", Key: "count", Type: numberCell, Block: true, Detail: true, Kinds: []indicator.Kind{indicator.Share}, Help: "Pour un indicateur de type part : le nombre (par exemple 40 véhicules).", get: func(m *indicator.Measure) any { return num(m.Count) }},
	{Header: "Total (total)", Key: "total", Type: numberCell, Block: true, Detail: true, Kinds: []indicator.Kind{indicator.Share}, Help: "Pour un indicateur de type part : le total (sur 92 véhicules) ; le pourcentage est calculé.", get: func(m *indicator.Measure) any { return num(m.Total) }},
	{Header: "Pourcentage (share)", Key: "share", Type: numberCell, Block: true, Detail: true, Kinds: []indicator.Kind{indicator.Share}, Help: "Pour un indicateur de type part, seulement quand le total n’est pas connu : le pourcentage publié, de 0 à 100 (31,5 pour 31,5 %).", get: func(m *indicator.Measure) any { return num(m.Share) }},
	{Header: "Provisoire (provisional)", Key: "provisional", Type: boolCell, Block: true, Help: "« oui » quand le chiffre est provisoire ; vide sinon.", get: func(m *indicator.Measure) any { return flag(m.Provisional) }},
	{Header: "Source (source)", Key: "source", Type: textCell, Block: true, Help: "Le document qui publie le chiffre (obligatoire pour le publier).", get: func(m *indicator.Measure) any { return text(m.Source) }},
	{Header: "Commentaire (comment)", Key: "comment", Type: textCell, Block: true, Detail: true, Help: "Une précision affichée avec le chiffre.", get: func(m *indicator.Measure) any { return text(m.Comment) }},
	{Header: "Objectifs", Help: "Lecture seule : les objectifs du schéma.", info: targets},
	{Header: "Dernière valeur publiée", Help: "Lecture seule : le dernier chiffre des années précédentes.", info: lastPublished},
}

func num(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func flag(b bool) any {
	if !b {
		return nil
	}
	return true
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// applies reports whether c may hold a figure for ind on a row (detail or
// not): the export greys the other cells. The import does not use it: the
// indicator package says what is wrong with a figure that does not apply.
func (c column) applies(ind *indicator.Indicator, detail bool) bool {
	if c.Key == "" || (detail && !c.Detail) || (!detail && !c.Block) {
		return false
	}
	if c.Key == "label" {
		return detail
	}
	if c.Kinds == nil || ind == nil {
		return true
	}
	for _, k := range c.Kinds {
		if k == ind.Kind {
			return true
		}
	}
	return false
}

// targets are the targets that apply in year, worded by the follow-up as
// the site words them.
func targets(ind *indicator.Indicator, year int) string {
	var parts []string
	for _, g := range followup.Applicable(ind, year) {
		parts = append(parts, strings.TrimSpace(g.Text+" "+g.When))
	}
	return strings.Join(parts, " ; ")
}

func lastPublished(ind *indicator.Indicator, year int) string {
	m := ind.LatestBefore(year)
	if m == nil {
		return ""
	}
	if _, ok := m.Number(ind.Kind); ok || len(m.Details) == 0 {
		return m.When() + " : " + ind.Format(m)
	}
	var parts []string
	for _, d := range m.Details {
		if d.Known() {
			parts = append(parts, d.Breakdown+" : "+ind.Format(d))
		}
	}
	return m.When() + " : " + strings.Join(parts, " ; ")
}

// Row is one row of the Valeurs sheet: an indicator's value of the year, or
// one of its breakdowns when Part is set.
type Row struct {
	ID     string
	Part   string
	Values map[string]any // by TOML key: float64, bool or string
	Cells  map[string]string
	Sheet  int // 1-based row of the sheet; 0 when the row was not read
}

func (r *Row) empty() bool {
	for k := range r.Values {
		if k != "label" {
			return false
		}
	}
	return true
}

// Rows are the rows of year for cat, in catalogue order: the indicator's
// row, then one per breakdown. A year without breakdowns yet offers the
// parts of the latest year that had some, empty, so that they are filled
// rather than typed.
func Rows(cat *indicator.Catalogue, year int) []*Row {
	var out []*Row
	for _, ind := range cat.List {
		m := ind.ValueAt(year)
		out = append(out, measureRow(ind.ID, "", m, false))
		var parts []*indicator.Measure
		if m != nil {
			parts = m.Details
		}
		if len(parts) == 0 {
			for _, part := range ind.PartsBefore(year) {
				out = append(out, measureRow(ind.ID, part, nil, true))
			}
			continue
		}
		for _, d := range parts {
			out = append(out, measureRow(ind.ID, d.Breakdown, d, true))
		}
	}
	return out
}

func measureRow(id, part string, m *indicator.Measure, detail bool) *Row {
	r := &Row{ID: id, Part: part, Values: map[string]any{}}
	if detail {
		r.Values["label"] = part
	}
	if m == nil {
		return r
	}
	for _, c := range columns {
		if c.get == nil || (detail && !c.Detail) || (!detail && !c.Block) {
			continue
		}
		if v := c.get(m); v != nil {
			r.Values[c.Key] = v
		}
	}
	return r
}

// filled drops the rows that carry nothing: an untouched row publishes
// nothing, and an indicator row is kept when one of its details is filled.
func filled(rows []*Row) []*Row {
	keep := map[string]bool{}
	for _, r := range rows {
		if !r.empty() {
			keep[r.ID] = true
		}
	}
	var out []*Row
	for _, r := range rows {
		if !r.empty() || (r.Part == "" && keep[r.ID]) {
			out = append(out, r)
		}
	}
	return out
}
