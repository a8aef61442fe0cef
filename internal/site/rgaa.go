package site

import (
	"slices"

	"spaser/internal/diag"
	"spaser/internal/rgaa"
)

// KindGrid is the page of the RGAA audit grid, under the declaration.
const KindGrid = "grille-rgaa"

// KindNames name the page kinds for an editor (the audit sample's
// warnings).
var KindNames = map[string]string{
	KindHome: "accueil", KindSchema: "sommaire du schéma", KindSection: "rubrique du schéma",
	KindAction: "dernier niveau du schéma", KindPage: "page de contenu", KindIndicators: "liste des indicateurs",
	KindIndicator: "indicateur", KindODDIndex: "liste des ODD", KindODD: "ODD", KindPlan: "plan du site",
	KindAccess: "déclaration d'accessibilité", KindLegal: "mentions légales", KindNotFound: "page introuvable (404)",
	KindDashboard: "tableau de bord", KindReport: "bilan annuel", KindData: "données ouvertes",
	KindSearch: "recherche", KindPrint: "version imprimable", KindGrid: "grille d'audit RGAA",
	KindGlossary: "glossaire des sigles", KindDECP: "comptes des données essentielles (DECP)",
}

// SetAudit gives the site its accessibility declaration, computed from the
// audit grid g and the tests' results a (nil: no audit), publishes the
// grid's page, and checks the audit's sample against the site's pages.
func (s *Site) SetAudit(g *rgaa.Grid, a *rgaa.Auto, l *diag.List) {
	if s.Access != nil {
		s.Grid = s.generated(KindGrid, s.Access.URLPath+"grille-rgaa/", "Grille d'audit RGAA",
			"Résultat de chaque critère du RGAA 4.1.2 sur chaque page de l'échantillon de l'audit, et comment il a été vérifié.", s.Access)
	}
	at := map[string]string{}
	var kinds []string
	for _, p := range s.Pages {
		at[p.URLPath] = p.Kind
		if !slices.Contains(kinds, p.Kind) {
			kinds = append(kinds, p.Kind)
		}
	}
	// With errors in the content, a page of the sample may be missing
	// because of them: they come first.
	if !s.tree.HasUnreadable() && !l.HasErrors() {
		g.CheckSample(at, kinds, KindNames, l)
	}
	s.Audit = rgaa.Declare(g, a)
}

// PageAt is the page at this address under the base URL ("" for the home
// page), or nil.
func (s *Site) PageAt(urlPath string) *Page { return s.byURL[urlPath] }
