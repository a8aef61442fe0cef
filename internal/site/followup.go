package site

import (
	"fmt"
	"path"

	"spaser/internal/indicator"
)

// Pages of the follow-up, generated from the indicators' data.
const (
	KindDashboard = "tableau-de-bord" // every indicator, its latest value, target and status
	KindReport    = "suivi"           // one yearly follow-up report per year that has values
	KindData      = "donnees"         // the open data files and their columns
)

// DataDir is the folder of the open data files in the built site.
const DataDir = "donnees/"

// generateFollowUp adds the dashboard, the yearly reports and the open
// data page, when there are indicators.
func (s *Site) generateFollowUp() {
	if s.Indicators == nil {
		return
	}
	s.Dashboard = s.generated(KindDashboard, "tableau-de-bord/", "Tableau de bord",
		"Tous les indicateurs du schéma, regroupés "+s.GroupedBy()+" : dernière valeur publiée, objectif et état d'avancement.", s.Home)
	for _, y := range s.Catalogue.Years {
		p := s.generated(KindReport, fmt.Sprintf("suivi/%d/", y), fmt.Sprintf("Suivi %d", y),
			fmt.Sprintf("Le suivi annuel du schéma pour l'année %d : la valeur de chaque indicateur, son état par rapport aux objectifs, et ce qui reste à publier.", y), s.Home)
		p.Year = y
		s.Reports = append(s.Reports, p)
	}
	s.Data = s.generated(KindData, "donnees/", "Données ouvertes",
		"Les indicateurs de suivi du schéma en fichiers CSV et JSON, sous Licence Ouverte, et la description de leurs colonnes.", s.Home)
	s.Data.ShortTitle = "Données"
	s.generateDECP()
}

// DataURL is the address of an open data file: "/spaser/donnees/indicateurs.csv".
func (s *Site) DataURL(name string) string { return s.Base.Path + path.Join(DataDir, name) }

// IndicatorCSV is the name of an indicator's CSV file in DataDir.
func IndicatorCSV(ind *indicator.Indicator) string { return ind.ID + ".csv" }

// AxisGroup is an axe with the indicators that it and its enjeux follow.
type AxisGroup struct {
	Page       *Page // nil for indicators followed by no schema page
	Indicators []*indicator.Indicator
	Enjeux     []IndicatorGroup // by enjeu (a level-2 schema page)
}

// DashboardGroups groups every indicator by the axe and the enjeu of the
// first page that follows it, in schema order. An indicator followed by an
// axe page itself comes before the enjeux of the axe.
func (s *Site) DashboardGroups() []AxisGroup {
	var out []AxisGroup
	for _, a := range s.groupIndicators(s.Catalogue.List, 1) {
		g := AxisGroup{Page: a.Page}
		for _, e := range s.groupIndicators(a.Indicators, 2) {
			if e.Page == nil {
				g.Indicators = e.Indicators // sorted last, shown first
			} else {
				g.Enjeux = append(g.Enjeux, e)
			}
		}
		out = append(out, g)
	}
	return out
}

// CSVURL is the address of the CSV file of ind.
func (s *Site) CSVURL(ind *indicator.Indicator) string { return s.DataURL(IndicatorCSV(ind)) }
