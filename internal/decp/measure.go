package decp

import (
	"sort"

	"spaser/internal/typo"
)

// The measures an indicator may take from the DECP (decp = "…").
const (
	Marches              = "marches"
	Montant              = "montant"
	Sociales             = "sociales"
	Environnementales    = "environnementales"
	SocialesMontant      = "sociales-montant"
	EnvironnementMontant = "environnementales-montant"
	Reserves             = "reserves"
	Innovants            = "innovants"
)

// MeasureInfo describes a measure: whether it is a share (count out of a
// total), an amount, or a number of contracts.
type MeasureInfo struct {
	Share, Money bool
	Label        string // French, for the report page
}

// Measures lists every measure.
var Measures = map[string]MeasureInfo{
	Marches:              {Label: "marchés notifiés"},
	Montant:              {Money: true, Label: "montant initial total (€ HT)"},
	Sociales:             {Share: true, Label: "part des marchés avec une considération sociale"},
	Environnementales:    {Share: true, Label: "part des marchés avec une considération environnementale"},
	SocialesMontant:      {Share: true, Money: true, Label: "part du montant avec une considération sociale"},
	EnvironnementMontant: {Share: true, Money: true, Label: "part du montant avec une considération environnementale"},
	Reserves:             {Label: "marchés réservés"},
	Innovants:            {Label: "marchés innovants"},
}

// MeasureNames lists the measures in a stable order.
func MeasureNames() []string {
	out := make([]string, 0, len(Measures))
	for n := range Measures {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Figure is a computed value: Value alone for counts and amounts, Count
// out of Total for shares.
type Figure struct {
	Value, Count, Total float64
	Share               bool
}

// Measure is the figure of a measure for a year; ok is false when the
// year has no contract, or for a share before SharesFrom or without any
// contract whose list is filled in.
func (y *Year) Measure(name string) (f Figure, ok bool) {
	if y == nil || y.Year == 0 || y.Kept == 0 {
		return f, false
	}
	share := func(yes, known float64) (Figure, bool) {
		return Figure{Count: yes, Total: known, Share: true}, y.Year >= SharesFrom && known > 0
	}
	switch name {
	case Marches:
		return Figure{Value: float64(y.Kept)}, true
	case Montant:
		return Figure{Value: y.Amount}, true
	case Sociales:
		return share(float64(y.Social.Yes), float64(y.Social.Known))
	case Environnementales:
		return share(float64(y.Env.Yes), float64(y.Env.Known))
	case SocialesMontant:
		return share(y.Social.YesAmnt, y.Social.KnownAmount)
	case EnvironnementMontant:
		return share(y.Env.YesAmnt, y.Env.KnownAmount)
	case Reserves:
		return Figure{Value: float64(y.Reserved)}, true
	case Innovants:
		return Figure{Value: float64(y.Innovative)}, true
	}
	return f, false
}

// Provenance says in French where a computed figure comes from: « calculé
// à partir des données essentielles de la commande publique : 121 marchés
// notifiés en 2025, dont 13 sans information sur les considérations
// sociales ».
func (y *Year) Provenance(name string) string {
	s := "calculé à partir des données essentielles de la commande publique : "
	if y.Concessions > 0 {
		s += typo.Count(float64(y.Kept), "contrat notifié", "contrats notifiés") + " en " + typo.Number(float64(y.Year), 0) +
			" (dont " + typo.Count(float64(y.Concessions), "concession", "concessions") + ")"
	} else {
		s += typo.Count(float64(y.Kept), "marché notifié", "marchés notifiés") + " en " + typo.Number(float64(y.Year), 0)
	}
	var parts []string
	switch name {
	case Sociales, SocialesMontant:
		if n := y.Social.Unknown(y); n > 0 {
			parts = append(parts, typo.Number(float64(n), 0)+" sans information sur les considérations sociales")
		}
	case Environnementales, EnvironnementMontant:
		if n := y.Env.Unknown(y); n > 0 {
			parts = append(parts, typo.Number(float64(n), 0)+" sans information sur les considérations environnementales")
		}
	}
	if Measures[name].Money && y.Doubtful > 0 {
		parts = append(parts, typo.Number(float64(y.Doubtful), 0)+" sans montant retenu")
	}
	for i, p := range parts {
		if i == 0 {
			s += ", dont " + p
		} else {
			s += " et " + p
		}
	}
	return s
}

// Line is one row of a year's report page: what was counted, in French.
type Line struct{ Label, Value string }

// Lines are the counts behind each figure of the year, in French: the
// records read and what was left out and why, then each measure with its
// denominator.
func (y *Year) Lines() []Line {
	n := func(v int) string { return typo.Number(float64(v), 0) }
	out := []Line{
		{"Enregistrements lus pour cette année (tous acheteurs, republications comprises)", n(y.Read)},
		{"Enregistrements d’autres acheteurs, ignorés", n(y.OtherBuyers)},
		{"Doublons (même acheteur et même identifiant), comptés une fois", n(y.Duplicates)},
	}
	reasons := make([]string, 0, len(y.Excluded))
	for r := range y.Excluded {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		out = append(out, Line{"Écartés : " + r, n(y.Excluded[r])})
	}
	out = append(out, Line{"Contrats comptés", n(y.Kept)})
	if y.Concessions > 0 {
		out = append(out, Line{"dont contrats de concession", n(y.Concessions)})
	}
	out = append(out,
		Line{"Montant initial total des contrats comptés", typo.Count(y.Amount, "€ HT", "€ HT")},
		Line{"Contrats dont le montant n’est pas retenu (absent, nul, de 1 € ou d’au moins 100 milliards)", n(y.Doubtful)})
	for _, s := range []struct {
		what string
		sh   Share
	}{{"sociale", y.Social}, {"environnementale", y.Env}} {
		out = append(out,
			Line{"Contrats avec au moins une considération " + s.what, n(s.sh.Yes) + " sur " + n(s.sh.Known) + " renseignés"},
			Line{"Contrats sans information sur la considération " + s.what + " (« non renseigné », hors du calcul de la part)", n(s.sh.Unknown(y))},
			Line{"Montant des contrats avec une considération " + s.what, typo.Count(s.sh.YesAmnt, "€ HT", "€ HT") + " sur " + typo.Count(s.sh.KnownAmount, "€ HT", "€ HT")})
	}
	out = append(out, Line{"Marchés réservés", n(y.Reserved)}, Line{"Marchés innovants", n(y.Innovative)})
	if y.Year < SharesFrom {
		out = append(out, Line{"Parts (considérations sociales et environnementales)", "non calculées avant " + typo.Number(SharesFrom, 0) + " : les contrats plus anciens portent « Pas de considération » par défaut"})
	}
	return out
}
