package site

import (
	"fmt"
	"strings"

	"spaser/internal/decp"
	"spaser/internal/indicator"
)

// KindDECP is the page of one year's counts from the données essentielles
// de la commande publique: what each computed figure rests on.
const KindDECP = "decp"

// DECPContractsCSV is the open data file of the contracts counted.
const DECPContractsCSV = "decp-contrats.csv"

// generateDECP adds, under the open data page, a page per year of the
// follow-up that the DECP files cover.
func (s *Site) generateDECP() {
	r := s.Catalogue.DECP
	if r == nil || s.Data == nil {
		return
	}
	for _, y := range r.Years {
		if y.Year < s.Cfg.DataFrom || y.Year > s.Cfg.PeriodEnd {
			continue
		}
		p := s.generated(KindDECP, strings.TrimPrefix(s.DECPURL(y.Year), s.Base.Path), fmt.Sprintf("Commande publique %d : les comptes", y.Year),
			fmt.Sprintf("Les marchés de %d comptés à partir des données essentielles de la commande publique : contrats lus, retenus, écartés et pourquoi, et le détail de chaque chiffre calculé.", y.Year), s.Data)
		p.Year = y.Year
		s.DECPPages = append(s.DECPPages, p)
	}
}

// DECPYear is the DECP count of year y, or nil.
func (s *Site) DECPYear(y int) *decp.Year {
	if s.Catalogue.DECP == nil {
		return nil
	}
	return s.Catalogue.DECP.Year(y)
}

// DECPIndicators are the indicators whose values are computed from the
// DECP, in catalogue order.
func (s *Site) DECPIndicators() []*indicator.Indicator {
	var out []*indicator.Indicator
	for _, ind := range s.Catalogue.List {
		if ind.Decp != "" {
			out = append(out, ind)
		}
	}
	return out
}

// DECPURL is the address of the counts of year y.
func (s *Site) DECPURL(y int) string { return s.Base.Path + fmt.Sprintf("donnees/decp/%d/", y) }
