package opendata

import (
	"path"
	"strconv"

	"spaser/internal/decp"
	"spaser/internal/site"
)

// DECPColumns are the columns of the list of contracts counted from the
// DECP, with their meaning in French.
var DECPColumns = []Column{
	{"acheteur_id", "SIRET de l’acheteur (ou de l’autorité concédante)."},
	{"id", "Identifiant du contrat donné par l’acheteur."},
	{"nature", "« marché » ou « concession »."},
	{"date", "Date de notification (de signature pour une concession), telle que publiée."},
	{"annee", "Année où le contrat est compté."},
	{"montant", "Montant initial en € HT (valeur globale pour une concession), vide s’il n’est pas publié."},
	{"montant_retenu", "« oui » si le montant entre dans les totaux et les parts en valeur, « non » s’il est absent, nul, de 1 € ou d’au moins 100 milliards."},
	{"considerations_sociales", "« oui » (clause, critère ou marché réservé), « non » ou « non renseigné »."},
	{"considerations_environnementales", "« oui » (clause ou critère), « non » ou « non renseigné »."},
	{"marche_reserve", "« oui » pour un marché réservé."},
	{"marche_innovant", "« oui » pour un marché innovant."},
	{"fichier", "Fichier DECP d’où vient l’enregistrement retenu."},
}

// decpFiles is the list of contracts counted, when the site has DECP.
func decpFiles(s *site.Site) []File {
	if s.Catalogue.DECP == nil {
		return nil
	}
	return []File{{path.Join(site.DataDir, site.DECPContractsCSV), DECPCSV(s.Catalogue.DECP.Contracts)}}
}

// DECPCSV writes the contracts as CSV writes the indicators.
func DECPCSV(contracts []*decp.Contract) []byte {
	yes := func(v bool) string {
		if v {
			return "oui"
		}
		return "non"
	}
	cons := func(c decp.Consideration) string {
		switch c {
		case decp.Present:
			return "oui"
		case decp.None:
			return "non"
		}
		return "non renseigné"
	}
	lines := make([][]string, len(contracts))
	for i, c := range contracts {
		nature := "marché"
		if c.Concession {
			nature = "concession"
		}
		amount := ""
		if c.HasAmount {
			amount = num(&c.Amount)
		}
		lines[i] = []string{text(c.Buyer), text(c.ID), nature, text(c.DateRaw), strconv.Itoa(c.Date.Year()), amount, yes(decp.Reliable(c)),
			cons(c.Social), cons(c.Env), yes(c.Reserved), yes(c.Innovative), text(c.File)}
	}
	return table(DECPColumns, lines)
}
