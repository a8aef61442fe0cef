// Package compliance sums up a site against article L2111-3 of the Code de
// la commande publique: the SPASER is published with indicators expressed
// in number of contracts or in value, their targets, a figure for each
// elapsed year, and figures no older than two years. It is computed by
// `spaser check` only, for a year given by the caller: builds never depend
// on the clock.
package compliance

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"spaser/internal/config"
	"spaser/internal/followup"
	"spaser/internal/indicator"
)

// MaxAge is the largest age, in years, of the latest published figures:
// the law asks for a publication at least every two years.
const MaxAge = 2

// Report is the summary for one reference year.
type Report struct {
	Year       int // the reference year (the current one by default)
	Indicators int
	Legal      int      // in number of contracts (marchés, consultations) or in value (euros)
	LegalUnits []string // the units that count as such, sorted
	Targets    int      // indicators with at least one target
	LegalTgt   int      // of which in number of contracts or value
	NoTarget   []string // ids of contract or value indicators without a target

	Elapsed  []int       // the schema's years already over: period_start .. Year-1
	PerYear  map[int]int // indicators with a figure, by elapsed year
	Complete int         // indicators with a figure for each elapsed year

	Latest  int          // latest year with a published figure, 0 when none
	HasFile map[int]bool // years that have a values file
	DECP    int          // yearly values computed from the DECP (data/decp/)
}

// Compute sums up the follow-up f of cat for the reference year.
func Compute(cfg *config.Config, cat *indicator.Catalogue, f *followup.Result, year int) *Report {
	r := &Report{Year: year, PerYear: map[int]int{}, HasFile: map[int]bool{}}
	for _, y := range cat.Years {
		r.HasFile[y] = true
	}
	for id, u := range cat.Units {
		if u.Legal() {
			r.LegalUnits = append(r.LegalUnits, id)
		}
	}
	sort.Strings(r.LegalUnits)
	for y := cfg.PeriodStart; y < year && y <= cfg.PeriodEnd; y++ {
		r.Elapsed = append(r.Elapsed, y)
	}
	for _, e := range f.List {
		ind := e.Ind
		r.Indicators++
		legal := ind.Unit.Legal()
		if legal {
			r.Legal++
		}
		if figured(e) {
			r.Targets++
			if legal {
				r.LegalTgt++
			}
		} else if legal {
			r.NoTarget = append(r.NoTarget, ind.ID)
		}
		complete := true
		for _, y := range r.Elapsed {
			if e.At(y).Known() {
				r.PerYear[y]++
			} else {
				complete = false
			}
		}
		if complete {
			r.Complete++
		}
		for _, y := range e.Years {
			if y.Known() && y.Year > r.Latest && y.Year <= year {
				r.Latest = y.Year
			}
			if y.M != nil && y.M.Origin != "" {
				r.DECP++
			}
		}
	}
	return r
}

// figured reports whether the indicator has a target stated as a figure
// (a milestone or a commitment has none).
func figured(e *followup.Entry) bool {
	for _, g := range e.Goals {
		if g.T.Figured() {
			return true
		}
	}
	return false
}

// Stale reports whether the latest figures are older than the law allows,
// once a year of the schema is over.
func (r *Report) Stale() bool {
	if len(r.Elapsed) == 0 {
		return false
	}
	return r.Latest == 0 || r.Year-r.Latest > MaxAge
}

// Write prints the summary in French.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "Bilan au regard de l'article L2111-3 du Code de la commande publique (année de référence %d) :\n", r.Year)
	fmt.Fprintf(w, "  - Indicateurs : %d, dont %d exprimé%s en nombre de contrats ou en valeur (unités %s).\n",
		r.Indicators, r.Legal, s(r.Legal), strings.Join(r.LegalUnits, ", "))
	if r.Legal == 0 {
		fmt.Fprintf(w, "    → La loi demande des indicateurs « en nombre de contrats ou en valeur » : ajoutez-en (unit = \"marches\" ou \"euros_ht\" dans data/indicateurs.toml).\n")
	}
	verb := "en a un"
	if r.Targets > 1 {
		verb = "en ont un"
	}
	fmt.Fprintf(w, "  - Objectifs chiffrés : %d indicateur%s sur %d %s (%d sur %d parmi ceux en nombre de contrats ou en valeur).\n",
		r.Targets, s(r.Targets), r.Indicators, verb, r.LegalTgt, r.Legal)
	if len(r.NoTarget) > 0 {
		fmt.Fprintf(w, "    Sans objectif : %s.\n", strings.Join(r.NoTarget, ", "))
	}
	switch len(r.Elapsed) {
	case 0:
		fmt.Fprintf(w, "  - Années écoulées du schéma : aucune pour l'instant.\n")
	default:
		var parts []string
		for _, y := range r.Elapsed {
			parts = append(parts, fmt.Sprintf("%d : %d sur %d", y, r.PerYear[y], r.Indicators))
		}
		fmt.Fprintf(w, "  - Années écoulées du schéma : %s. Indicateurs renseignés par année : %s.\n", span(r.Elapsed), strings.Join(parts, " ; "))
		fmt.Fprintf(w, "    Une valeur pour chaque année écoulée : %d indicateur%s sur %d.\n", r.Complete, s(r.Complete), r.Indicators)
	}
	if r.DECP > 0 {
		fmt.Fprintf(w, "  - Valeurs calculées à partir des données essentielles de la commande publique (data/decp/) : %d.\n", r.DECP)
	}
	switch {
	case r.Latest == 0:
		fmt.Fprintf(w, "  - Derniers chiffres publiés : aucun.\n")
	default:
		age := r.Year - r.Latest
		fmt.Fprintf(w, "  - Derniers chiffres publiés : %d (%s).\n", r.Latest, ago(age))
	}
	if r.Stale() {
		next := r.Year - 1
		if r.Latest == 0 {
			fmt.Fprintf(w, "  avertissement : aucun chiffre n'est publié alors que le schéma a commencé ; la loi demande une publication au moins tous les deux ans.\n")
		} else {
			fmt.Fprintf(w, "  avertissement : les derniers chiffres ont plus de %d ans ; la loi demande une publication au moins tous les deux ans.\n", MaxAge)
		}
		if r.HasFile[next] {
			fmt.Fprintf(w, "    → Publiez les chiffres de %d : remplissez data/valeurs/%d.toml, puis spaser check.\n", next, next)
		} else {
			fmt.Fprintf(w, "    → Publiez les chiffres de %d : spaser new annee %d, remplissez le fichier, puis spaser check.\n", next, next)
		}
	}
}

func span(years []int) string {
	if len(years) == 1 {
		return fmt.Sprint(years[0])
	}
	return fmt.Sprintf("%d à %d", years[0], years[len(years)-1])
}

func ago(n int) string {
	switch {
	case n <= 0:
		return "cette année"
	case n == 1:
		return "il y a 1 an"
	}
	return fmt.Sprintf("il y a %d ans", n)
}

func s(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
