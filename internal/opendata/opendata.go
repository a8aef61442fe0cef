// Package opendata writes the indicators as open data: indicateurs.csv and
// indicateurs.json (every indicator, every year of the follow-up), and one
// CSV per indicator, under the Licence Ouverte / Open Licence 2.0. The
// columns are described on the site's « Données ouvertes » page
// (layouts/donnees.html) from Columns.
package opendata

import (
	"bytes"
	"encoding/json"
	"math"
	"path"
	"strconv"
	"strings"

	"spaser/internal/indicator"
	"spaser/internal/site"
	"spaser/internal/status"
	"spaser/internal/typo"
)

// Licence is the licence of the data.
const (
	Licence    = "Licence Ouverte / Open Licence version 2.0"
	LicenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
)

// Row is one line: an indicator, a year, a part (the whole or a
// breakdown) and a target series. The JSON keys are the CSV columns.
type Row struct {
	ID           string   `json:"id"`
	Label        string   `json:"label"`
	Unit         string   `json:"unit"`
	Kind         string   `json:"kind"`
	Year         int      `json:"year"`
	Breakdown    string   `json:"breakdown"`
	Value        *float64 `json:"value"`
	Count        *float64 `json:"count"`
	Total        *float64 `json:"total"`
	TargetSeries string   `json:"target_series"`
	Target       *float64 `json:"target"`
	Status       string   `json:"status"`
	Source       string   `json:"source"`
	ValueStatus  string   `json:"value_status"`
}

// Column describes a column for the « Données ouvertes » page.
type Column struct{ Name, Meaning string }

// Columns are the columns, in file order, with their meaning in French.
var Columns = []Column{
	{"id", "Identifiant de l’indicateur (celui de son adresse sur le site)."},
	{"label", "Libellé de l’indicateur, tel que le schéma le formule."},
	{"unit", "Ce qui est compté : marchés, véhicules, heures, € HT…"},
	{"kind", "Type : « nombre », « valeur » (un montant) ou « part » (un nombre sur un total, en pourcentage)."},
	{"year", "Année."},
	{"breakdown", "Partie concernée quand la source détaille les chiffres (un site, une catégorie) ou quand un objectif ne vise qu’une partie ; vide pour l’ensemble."},
	{"value", "La valeur de l’année : pour une part, le pourcentage (arrondi au dixième), sinon le nombre ou le montant. Vide si elle n’est pas publiée."},
	{"count", "Pour une part : le nombre (par exemple 40 véhicules)."},
	{"total", "Pour une part : le total (par exemple sur 92 véhicules renouvelés)."},
	{"target_series", "Nom de la série d’objectifs quand l’indicateur en a plusieurs (par exemple VFE et VTFE)."},
	{"target", "Objectif qui s’applique cette année-là (un pourcentage pour une part) ; vide s’il n’y en a pas encore."},
	{"status", "État par rapport à l’objectif : atteint, en bonne voie, en retard, non renseigné ou sans objectif (règle expliquée sur cette page)."},
	{"source", "Source de la valeur."},
	{"value_status", "Statut de la valeur : définitive, provisoire ou non renseignée."},
}

// File is a file of the built site.
type File struct {
	Path string
	Data []byte
}

// Files returns indicateurs.csv, indicateurs.json, one CSV per indicator
// and the RGAA audit grid (rgaa.go), in site.DataDir.
func Files(s *site.Site) []File {
	var all []Row
	var files []File
	for _, ind := range s.Catalogue.List {
		rows := Rows(ind, s.Years())
		all = append(all, rows...)
		files = append(files, File{path.Join(site.DataDir, site.IndicatorCSV(ind)), CSV(rows)})
	}
	return append([]File{
		{path.Join(site.DataDir, "indicateurs.csv"), CSV(all)},
		{path.Join(site.DataDir, "indicateurs.json"), JSON(s, all)},
	}, append(files, gridFile(s)...)...)
}

// Rows are the lines of one indicator: for each year, the whole, then each
// part the values detail or a target concerns; for each of them, one line
// per target series that applies (one line when none does).
func Rows(ind *indicator.Indicator, years []int) []Row {
	var out []Row
	parts := partsOf(ind)
	for _, y := range years {
		m := ind.ValueAt(y)
		st := status.Of(ind, y)
		for _, part := range parts {
			fig := m
			if m != nil && part != "" {
				fig = m.Detail(part)
			}
			base := Row{ID: ind.ID, Label: ind.Label, Unit: ind.Unit.Many, Kind: kindName(ind.Kind), Year: y, Breakdown: part}
			base.ValueStatus = "non renseignée"
			if fig != nil {
				if v, ok := fig.Number(ind.Kind); ok {
					if ind.Kind == indicator.Share {
						v = math.Round(v*10) / 10
					}
					base.Value = &v
					if ind.Kind == indicator.Share {
						base.Count, base.Total = fig.Count, fig.Total
					}
				}
				if base.Value != nil || fig.Missing {
					base.ValueStatus = "définitive"
					if fig.Provisional {
						base.ValueStatus = "provisoire"
					}
				}
			}
			if m != nil {
				base.Source = m.Source
			}
			targets := targetsFor(ind, y, part)
			if len(targets) == 0 {
				if part != "" && base.Value == nil && !hasDetail(ind, part) {
					continue // a target's part with no target in force and no figure ever
				}
				r := base
				r.Status = partStatus(st, part, nil, base.Value != nil)
				out = append(out, r)
				continue
			}
			for _, t := range targets {
				r := base
				r.TargetSeries = t.Label
				v := t.Value
				r.Target = &v
				r.Status = partStatus(st, part, &t, base.Value != nil)
				out = append(out, r)
			}
		}
	}
	return out
}

// partsOf: "" (the whole), the details' labels, the targets' breakdowns.
func partsOf(ind *indicator.Indicator) []string {
	parts := []string{""}
	seen := map[string]bool{"": true}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	for _, m := range ind.Values {
		for _, d := range m.Details {
			add(d.Breakdown)
		}
	}
	for _, t := range ind.Targets {
		add(t.Breakdown)
	}
	return parts
}

func hasDetail(ind *indicator.Indicator, part string) bool {
	for _, m := range ind.Values {
		if m.Detail(part) != nil {
			return true
		}
	}
	return false
}

// targetsFor: the targets in force in year for this part; the whole's
// targets also apply to a detail that has no target of its own.
func targetsFor(ind *indicator.Indicator, year int, part string) []indicator.Target {
	var own, whole []indicator.Target
	for _, t := range ind.TargetsAt(year) {
		switch t.Breakdown {
		case part:
			own = append(own, t)
		case "":
			whole = append(whole, t)
		}
	}
	if len(own) == 0 && part != "" {
		for _, t := range ind.Targets {
			if t.Breakdown == part {
				return nil // the part has targets, none in force yet
			}
		}
		return whole
	}
	return own
}

// partStatus is the standing of one part against one target, from the
// year's result; the whole's line carries the year's state.
func partStatus(r status.Result, part string, t *indicator.Target, known bool) string {
	if part == "" && t == nil {
		return r.State.Label()
	}
	for _, se := range r.Series {
		if se.Part == part && (t == nil || se.Target == *t) {
			return se.State.Label()
		}
	}
	if part == "" {
		return r.State.Label()
	}
	if !known {
		return status.None.Label()
	}
	return status.NoTarget.Label()
}

func kindName(k indicator.Kind) string {
	switch k {
	case indicator.Share:
		return "part"
	case indicator.Value:
		return "valeur"
	}
	return "nombre"
}

// CSV writes rows for a French spreadsheet: UTF-8 with a byte order mark
// (without it, Excel reads the accents as Latin-1), « ; » between fields
// and a decimal comma (the French settings read 43,5 as a number and 43.5
// as text or a date), no thousands separator, CRLF line ends (RFC 4180).
// A text that starts with = + - @ gets a leading apostrophe, so that a
// spreadsheet never takes it for a formula.
func CSV(rows []Row) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	for i, c := range Columns {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(c.Name)
	}
	b.WriteString("\r\n")
	for _, r := range rows {
		fields := []string{r.ID, text(r.Label), text(r.Unit), r.Kind, strconv.Itoa(r.Year), text(r.Breakdown),
			num(r.Value), num(r.Count), num(r.Total), text(r.TargetSeries), num(r.Target), r.Status, text(r.Source), r.ValueStatus}
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(quote(f))
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', -1, 64), ".", ",", 1)
}

func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func quote(f string) string {
	if !strings.ContainsAny(f, ";\"\r\n") {
		return f
	}
	return `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
}

// document is indicateurs.json: a description, then the rows. Struct
// fields keep the key order; encoding/json escapes the rest.
type document struct {
	Title       string `json:"title"`
	Publisher   string `json:"publisher"`
	Licence     string `json:"licence"`
	LicenceURL  string `json:"licence_url"`
	Period      string `json:"period"`
	Description string `json:"description"`
	Rows        []Row  `json:"rows"`
}

// JSON writes indicateurs.json, indented, deterministic.
func JSON(s *site.Site, rows []Row) []byte {
	if rows == nil {
		rows = []Row{}
	}
	d := document{
		Title:       "Indicateurs de suivi — " + s.Cfg.Title,
		Publisher:   s.Cfg.Collectivite,
		Licence:     Licence,
		LicenceURL:  LicenceURL,
		Period:      strconv.Itoa(s.Cfg.PeriodStart) + "-" + strconv.Itoa(s.Cfg.PeriodEnd),
		Description: typo.Text("Une ligne par indicateur, année, partie (breakdown) et série d’objectifs ; colonnes décrites sur la page « Données ouvertes » du site."),
		Rows:        rows,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(d); err != nil {
		panic(err) // only strings, numbers and pointers to them
	}
	return b.Bytes()
}
