// Package opendata writes the indicators as open data: indicateurs.csv and
// indicateurs.json (every indicator, every year of the follow-up), and one
// CSV per indicator, under the Licence Ouverte / Open Licence 2.0. The
// columns are described on the site's « Données ouvertes » page
// (layouts/donnees.html) from Columns.
package opendata

import (
	"bytes"
	"encoding/json"
	"path"
	"strconv"
	"strings"

	"spaser/internal/csvfile"
	"spaser/internal/followup"
	"spaser/internal/site"
	"spaser/internal/typo"
)

// Licence is the licence of the data.
const (
	Licence    = "Licence Ouverte / Open Licence version 2.0"
	LicenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
)

// Row is one line: an indicator, a year, a part (the whole or a
// breakdown) and a target series, computed by internal/followup.
type Row = followup.Row

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
	{"target", "Objectif qui s’applique cette année-là, en chiffre (un pourcentage pour une part) : le palier en vigueur, ou le prochain objectif à échéance ; pour un objectif relatif, le chiffre calculé à partir de la situation de départ. Vide s’il n’y en a pas encore, s’il n’est pas chiffré ou si sa situation de départ n’est pas publiée."},
	{"status", "État par rapport à l’objectif, dans les mots du site (règle expliquée sur cette page) : " + stateList() + "."},
	{"source", "Source de la valeur."},
	{"value_status", "Statut de la valeur : définitive, provisoire ou non renseignée."},
	{"target_text", "L’objectif en toutes lettres, avec son année (« au moins 30 % à partir de 2022 », « doubler : de 12 en 2022 à 24 marchés d’ici fin 2026 »)."},
	{"text", "Pour un jalon : fait (avec sa date) ou pas encore ; pour un engagement qualitatif : le compte rendu de l’année."},
}

// stateList is every state's word, in the order of the rule.
func stateList() string {
	var out []string
	for _, s := range followup.States() {
		out = append(out, "« "+s.Label()+" »")
	}
	return strings.Join(out, ", ")
}

// File is a file of the built site.
type File struct {
	Path string
	Data []byte
}

// Files returns indicateurs.csv, indicateurs.json, one CSV per indicator
// (from the rows of the follow-up), the DECP contracts and the RGAA audit
// grid (rgaa.go), in site.DataDir.
func Files(s *site.Site, f *followup.Result) []File {
	var all []Row
	var files []File
	for _, e := range f.List {
		all = append(all, e.Rows...)
		files = append(files, File{path.Join(site.DataDir, site.IndicatorCSV(e.Ind)), CSV(e.Rows)})
	}
	files = append(files, decpFiles(s)...)
	return append([]File{
		{path.Join(site.DataDir, "indicateurs.csv"), CSV(all)},
		{path.Join(site.DataDir, "indicateurs.json"), JSON(s, all)},
	}, append(files, gridFile(s)...)...)
}

// CSV writes rows for a French spreadsheet (csvfile.Write).
//
// Its texts (labels, sources, target wordings, DECP fields) are guarded
// against formula injection like the editors' export (csvfile.Guard: an
// apostrophe before a text that starts with = + - @, a tab, a carriage
// return or an apostrophe). This file is made for spreadsheets (« ; »,
// decimal commas, byte order mark), where a citizen opens it with a
// double click, and the texts may come from outside (DECP records): the
// guard is what keeps a hostile text from running there. The changed
// datum is rare, marked and reversible by one documented rule (remove the
// apostrophe that starts a text field), and indicateurs.json carries
// every text exactly. Numbers are never guarded: -5 stays -5.
func CSV(rows []Row) []byte {
	lines := make([][]string, len(rows))
	for i, r := range rows {
		lines[i] = []string{r.ID, text(r.Label), text(r.Unit), r.Kind, strconv.Itoa(r.Year), text(r.Breakdown),
			num(r.Value), num(r.Count), num(r.Total), text(r.TargetSeries), num(r.Target), r.Status, text(r.Source), r.ValueStatus,
			text(r.TargetText), text(r.Text)}
	}
	return table(Columns, lines)
}

// table writes a CSV file with the names of columns as its first line.
func table(columns []Column, lines [][]string) []byte {
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = c.Name
	}
	return csvfile.Write(head, lines)
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', -1, 64), ".", ",", 1)
}

// text is a text field, guarded (see CSV).
func text(s string) string { return csvfile.Guard(s) }

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
