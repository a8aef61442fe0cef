// Package indicator reads the indicator catalogue (data/indicateurs.toml) and
// the yearly values (data/valeurs/AAAA.toml), checks them, and derives what
// is never typed twice: the share of a count out of its total.
package indicator

import (
	"spaser/internal/diag"
	"spaser/internal/typo"
)

// Kind says what an indicator measures.
type Kind string

const (
	Count Kind = "count" // a number of things: contracts, hours, vehicles
	Value Kind = "value" // an amount, in euros
	Share Kind = "share" // a count out of a total; the percentage is derived
	// Milestone and Qualitative carry no figure: a yes/no milestone (a label
	// to obtain, a charter to adopt), a commitment followed each year by a
	// short reported text.
	Milestone   Kind = "milestone"
	Qualitative Kind = "qualitative"
)

// Kinds lists the kinds and their French names.
var Kinds = map[Kind]string{Count: "nombre", Value: "valeur", Share: "part (nombre et pourcentage)",
	Milestone: "jalon (fait ou non, avec sa date)", Qualitative: "engagement qualitatif (un compte rendu par an)"}

// Unit is what an indicator counts.
type Unit struct {
	ID        string
	One, Many string // "marché", "marchés"
	Contracts bool   // counts contracts (L2111-3: "en nombre de contrats")
	Money     bool   // an amount (L2111-3: "en valeur")
}

// Legal reports whether the unit expresses an indicator as article L2111-3
// asks: in number of contracts or in value.
func (u Unit) Legal() bool { return u.Contracts || u.Money }

// Units are the units an indicator may use.
var Units = map[string]Unit{
	"marches":       {ID: "marches", One: "marché", Many: "marchés", Contracts: true},
	"consultations": {ID: "consultations", One: "consultation", Many: "consultations", Contracts: true},
	"vehicules":     {ID: "vehicules", One: "véhicule", Many: "véhicules"},
	"heures":        {ID: "heures", One: "heure", Many: "heures"},
	"personnes":     {ID: "personnes", One: "personne", Many: "personnes"},
	"acheteurs":     {ID: "acheteurs", One: "acheteur", Many: "acheteurs"},
	"formations":    {ID: "formations", One: "formation", Many: "formations"},
	"actions":       {ID: "actions", One: "action", Many: "actions"},
	"produits":      {ID: "produits", One: "produit", Many: "produits"},
	"euros_ht":      {ID: "euros_ht", One: "€ HT", Many: "€ HT", Money: true},
	"pourcent":      {ID: "pourcent", One: "%", Many: "%"},
}

// Indicator is one entry of the catalogue with its values.
type Indicator struct {
	ID         string
	Label      string
	ShortLabel string
	Definition string
	Kind       Kind
	Unit       Unit
	Direction  string // "up" or "down"
	Facts      []Fact // the site's facts it fills (facts.go)
	Targets    []Target
	Baselines  []*Measure
	Values     []*Measure // yearly values, by year
	Decp       string     // the DECP measure its values are computed from, if any
	Pos        diag.Pos
}

// Name is the short label when there is one.
func (ind *Indicator) Name() string {
	if ind.ShortLabel != "" {
		return ind.ShortLabel
	}
	return ind.Label
}

// Measure is a figure: a yearly value or a baseline.
type Measure struct {
	Year        int    // 0 for a baseline given as a period
	Period      string // the source's wording when it gives no precise year
	Breakdown   string // the part of the whole it concerns, if any
	Value       *float64
	Count       *float64
	Total       *float64
	Share       *float64 // a stated percentage (when the total is unknown)
	Approx      bool     // the source says « environ »
	Missing     bool     // the source had it but it is lost: "à publier"
	Provisional bool
	Source      string
	Origin      string // how a computed value was computed (DECP); empty when typed
	Comment     string
	Details     []*Measure // the figure split into parts (by site, by category)
	Subsets     []*Measure // parts of the figure: « dont 19,7 % de bio »
	Done        *bool      // a milestone: reached or not
	Date        string     // a milestone: the day it was reached, "2025-03-14"
	Text        string     // a qualitative commitment: what was done
	Published   string     // the day the figure was published, "2025-03-14"
	// UnstatedYear: the source does not say which year the figure
	// measures; it is filed under the year it was published.
	UnstatedYear bool
	Pos          diag.Pos
}

// Percent is the share of a measure, derived from count and total when both
// are known.
func (m *Measure) Percent() (float64, bool) {
	if m.Count != nil && m.Total != nil && *m.Total > 0 {
		return *m.Count / *m.Total * 100, true
	}
	if m.Share != nil {
		return *m.Share, true
	}
	return 0, false
}

// Number is the figure compared with targets and charted: the share for
// share indicators, the value or count otherwise; none when the figure is
// lost (Missing), whatever else the source gives.
func (m *Measure) Number(k Kind) (float64, bool) {
	if m.Missing {
		return 0, false
	}
	if k == Share {
		return m.Percent()
	}
	if m.Value != nil {
		return *m.Value, true
	}
	if m.Count != nil {
		return *m.Count, true
	}
	return 0, false
}

// Detail is the detail of that breakdown, or nil.
func (m *Measure) Detail(breakdown string) *Measure {
	for _, d := range m.Details {
		if d.Breakdown == breakdown {
			return d
		}
	}
	return nil
}

// Known reports whether the measure or one of its details carries a figure
// (or, for a milestone or a commitment, its state or report).
func (m *Measure) Known() bool {
	if m.Value != nil || m.Count != nil || m.Share != nil || m.Done != nil || m.Text != "" {
		return true
	}
	for _, d := range m.Details {
		if d.Known() {
			return true
		}
	}
	return false
}

// When is the year, or the period as the source words it.
func (m *Measure) When() string {
	if m.Period != "" {
		return m.Period
	}
	if m.Year == 0 {
		return ""
	}
	return typo.Number(float64(m.Year), 0)
}

// Format writes a measure in French: "40 véhicules sur 92 (43,5 %)",
// "27 % (31 marchés)", "60 000 heures", "à publier".
func (ind *Indicator) Format(m *Measure) string {
	if m.Missing {
		return "à publier"
	}
	if s := ind.format(m); s != "" {
		return m.approximately(s)
	}
	return "non renseigné"
}

func (ind *Indicator) format(m *Measure) string {
	u := ind.Unit
	if m.Done != nil {
		if !*m.Done {
			return "pas encore"
		}
		if m.Date != "" {
			return "fait le " + typo.Date(m.Date)
		}
		return "fait"
	}
	if m.Text != "" {
		return typo.Text(m.Text)
	}
	switch {
	case m.Count != nil && m.Total != nil:
		s := typo.Count(*m.Count, u.One, u.Many) + " sur " + typo.Number(*m.Total, 2)
		if p, ok := m.Percent(); ok { // none out of 0
			s += " (" + typo.Percent(p) + ")"
		}
		return s
	case m.Share != nil && m.Count != nil:
		return typo.Percent(*m.Share) + " (" + typo.Count(*m.Count, u.One, u.Many) + ")"
	case m.Share != nil:
		return typo.Percent(*m.Share)
	case m.Value != nil:
		return ind.FormatNumber(*m.Value)
	case m.Count != nil:
		return typo.Count(*m.Count, u.One, u.Many)
	}
	return ""
}

// InPercent reports whether the indicator's figures and targets are
// percentages: a share, or a count in the "pourcent" unit.
func (ind *Indicator) InPercent() bool { return ind.Kind == Share || ind.Unit.ID == "pourcent" }

// FormatNumber writes a number in the indicator's unit ("90 000 heures",
// "1 250 000 € HT"), or as a percentage (targets of a share are).
func (ind *Indicator) FormatNumber(v float64) string {
	if ind.InPercent() {
		return typo.Percent(v)
	}
	return typo.Count(v, ind.Unit.One, ind.Unit.Many)
}
