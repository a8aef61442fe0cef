package rgaa

import (
	"cmp"
	"slices"
)

// Result is a criterion's status on each page of the sample and for the
// site, and how it was decided.
type Result struct {
	Criterion
	Pages   map[string]string // page id → C, NC, NA, NT
	Site    string            // C, NC, NA, NT
	Method  string            // how the status was decided, in French
	Defects []Defect          // what fails, from the tests and the checks by hand
	Checked *Manual           // the latest check by hand, if any
}

// Declaration is the accessibility declaration computed from the grid.
type Declaration struct {
	Audited  bool // a grid exists
	Complete bool // every applicable criterion decided: the rate is the audit's
	Status   string
	Rate     float64 // conformes ÷ applicables decided, in %

	Conform, Failed, ToCheck, NotApplicable int

	Results []Result
	Info    DeclarationInfo
	Sample  []SamplePage
	Date    string // of the latest result (AAAA-MM-JJ)

	Environment []string // browsers and assistive technologies
	Tools       []string

	grid *Grid
	auto *Auto
}

// Status of the declaration (RGAA, « état de conformité »).
const (
	Total   = "totalement conforme"
	Partial = "partiellement conforme"
	None    = "non conforme"
)

// Applicable is the number of applicable criteria.
func (d *Declaration) Applicable() int { return d.Conform + d.Failed + d.ToCheck }

// Decided is the number of applicable criteria decided (C or NC).
func (d *Declaration) Decided() int { return d.Conform + d.Failed }

// ByStatus lists the results of the criteria with this site status.
func (d *Declaration) ByStatus(status string) []Result {
	var out []Result
	for _, r := range d.Results {
		if r.Site == status {
			out = append(out, r)
		}
	}
	return out
}

// Derogations lists the criteria under a dérogation pour charge
// disproportionnée.
func (d *Declaration) Derogations() []Result {
	var out []Result
	for _, r := range d.Results {
		if r.Derogation != "" {
			out = append(out, r)
		}
	}
	return out
}

// Declare computes the declaration from the grid and the automatic
// results. Without a grid (g nil) the site has no audit: « non conforme ».
//
// A criterion is conforme only when everything it asks was checked on
// every page of the sample: by the tests for the criteria they decide
// alone, by a person (a_verifier) for the others. A check by hand not done
// leaves it « à vérifier » (NT): never counted as conforme. While any NT
// remains the audit is not complete: the rate and the status « totalement
// » or « partiellement conforme » cannot be established, and the status is
// « non conforme » (RGAA: no valid audit result); the declaration says
// which criteria the tests verified and what remains for a person.
func Declare(g *Grid, a *Auto) *Declaration {
	d := &Declaration{Status: None}
	if g == nil {
		return d
	}
	if a == nil {
		a = &Auto{}
	}
	d.grid, d.auto = g, a
	d.Audited, d.Info, d.Sample, d.Date = true, g.Declaration, g.Pages, a.Date
	d.Environment, d.Tools = slices.Clone(a.Environment), slices.Clone(a.Tools)
	for _, c := range g.Criteria {
		r := result(c, g.Pages, a)
		if r.Checked != nil {
			d.Date = max(d.Date, r.Checked.Date)
			for _, t := range r.Checked.Tools {
				if !slices.Contains(d.Environment, t) {
					d.Environment = append(d.Environment, t)
				}
			}
		}
		switch r.Site {
		case C:
			d.Conform++
		case NC:
			d.Failed++
		case NT:
			d.ToCheck++
		default:
			d.NotApplicable++
		}
		d.Results = append(d.Results, r)
	}
	if d.Decided() > 0 {
		d.Rate = 100 * float64(d.Conform) / float64(d.Decided())
	}
	d.Complete = d.ToCheck == 0 && d.Decided() > 0
	switch {
	case !d.Complete:
	case d.Failed == 0:
		d.Status = Total
	case d.Rate >= 50:
		d.Status = Partial
	}
	return d
}

// result decides one criterion on each page, then for the site.
func result(c Criterion, pages []SamplePage, a *Auto) Result {
	r := Result{Criterion: c, Pages: map[string]string{}, Site: NA}
	if !c.Applicable {
		for _, p := range pages {
			r.Pages[p.ID] = NA
		}
		r.Method = "non applicable"
		return r
	}
	var auto *AutoCrit
	for i := range a.Criteria {
		if a.Criteria[i].Number == c.Number {
			auto = &a.Criteria[i]
		}
	}
	for _, pc := range a.Partial {
		if pc.Number == c.Number {
			r.Defects = append(r.Defects, pc.Defects...)
		}
	}
	if len(c.Checks) > 0 {
		latest := slices.MaxFunc(c.Checks, func(x, y Manual) int { return cmp.Compare(x.Date, y.Date) })
		r.Checked = &latest
		for _, id := range latest.Failed {
			r.Defects = append(r.Defects, Defect{Page: id, Message: latest.Comment})
		}
	}
	if auto != nil {
		r.Defects = append(r.Defects, auto.Defects...)
	}
	r.Method = method(c, auto)
	for _, p := range pages {
		var st []string
		if auto != nil {
			st = append(st, cmp.Or(auto.Results[p.ID], NT))
		}
		switch {
		case c.ByHand != "" && r.Checked == nil:
			st = append(st, NT)
		case c.ByHand != "" || r.Checked != nil:
			st = append(st, manualStatus(*r.Checked, p.ID))
		}
		if slices.ContainsFunc(r.Defects, func(d Defect) bool { return d.Page == p.ID }) {
			st = append(st, NC)
		}
		if len(st) == 0 {
			st = append(st, NT) // applicable, and nothing checks it
		}
		r.Pages[p.ID] = combine(st)
	}
	r.Site = site(r.Pages)
	return r
}

func method(c Criterion, auto *AutoCrit) string {
	var m string
	switch {
	case auto != nil && auto.Method == MethodScript:
		m = "test scripté dans le navigateur"
	case auto != nil:
		m = "test automatique"
	}
	if c.ByHand != "" {
		if m != "" {
			m += " et "
		}
		m += "vérification à la main"
	}
	return m
}

func manualStatus(m Manual, page string) string {
	switch {
	case slices.Contains(m.Failed, page):
		return NC
	case slices.Contains(m.NA, page):
		return NA
	}
	return C
}

// combine is the status of a page from its checks: one failure fails it,
// one check not done leaves it to check, NA only when all are NA.
func combine(st []string) string {
	switch {
	case slices.Contains(st, NC):
		return NC
	case slices.Contains(st, NT):
		return NT
	case slices.Contains(st, C):
		return C
	}
	return NA
}

// site is a criterion's status for the site: NC on one page is NC for the
// site (official grid: IF(NC>0;"NC";IF(C>0;"C";…))), to check while a page
// is, C when conforme on one page at least, NA otherwise.
func site(pages map[string]string) string {
	st := make([]string, 0, len(pages))
	for _, s := range pages {
		st = append(st, s)
	}
	return combine(st)
}

// CSVFile is the grid's file in the open data (internal/opendata).
const CSVFile = "grille-rgaa.csv"

// CSVFile is the grid's file name, for the layouts.
func (d *Declaration) CSVFile() string { return CSVFile }

// StatusNames are the statuses in French.
var StatusNames = map[string]string{C: "conforme", NC: "non conforme", NA: "non applicable", NT: "à vérifier"}

// SiteName is the criterion's status for the site, in French.
func (r Result) SiteName() string { return StatusNames[r.Site] }

// PagesWith lists the sample pages where the criterion has this status.
func (r Result) PagesWith(status string, sample []SamplePage) []SamplePage {
	var out []SamplePage
	for _, p := range sample {
		if r.Pages[p.ID] == status {
			out = append(out, p)
		}
	}
	return out
}

// Theme is one of the 13 themes of the RGAA and its criteria's results.
type Theme struct {
	Number  int
	Name    string
	Results []Result
}

var themeNames = []string{"Images", "Cadres", "Couleurs", "Multimédia", "Tableaux", "Liens", "Scripts",
	"Éléments obligatoires", "Structuration de l’information", "Présentation de l’information",
	"Formulaires", "Navigation", "Consultation"}

// Themes groups the results by theme.
func (d *Declaration) Themes() []Theme {
	var out []Theme
	at := 0
	for i, n := range themes {
		t := Theme{Number: i + 1, Name: themeNames[i]}
		for ; at < len(d.Results) && len(t.Results) < n; at++ {
			t.Results = append(t.Results, d.Results[at])
		}
		out = append(out, t)
	}
	return out
}

// SamplePage returns the page of the sample with this id.
func (d *Declaration) SamplePage(id string) SamplePage {
	for _, p := range d.Sample {
		if p.ID == id {
			return p
		}
	}
	return SamplePage{ID: id}
}
