package scaffold

import (
	"fmt"
	"strings"

	"spaser/internal/followup"
	"spaser/internal/indicator"
	"spaser/internal/tomlfile"
)

// Year writes data/valeurs/YEAR.toml in the site at dir: every indicator
// of the catalogue as a commented, empty block with its label, unit, target
// and last value, so that the yearly update is filling blanks. It returns
// the file's path and the number of indicators listed.
func Year(dir string, year int) (string, int, error) {
	s, err := open(dir, true)
	if err != nil {
		return "", 0, err
	}
	rel := indicator.ValuesFile(year)
	if year < s.cfg.DataFrom || year > s.cfg.PeriodEnd {
		return "", 0, &Error{
			Msg:  fmt.Sprintf("l'année %d est hors de la période du schéma", year),
			Hint: fmt.Sprintf("Les années possibles vont de %d (data_from dans data/site.toml) à %d (fin du schéma).", s.cfg.DataFrom, s.cfg.PeriodEnd),
		}
	}
	text := YearText(s.cat, year)
	if err := create(dir, rel, []byte(text)); err != nil {
		return "", 0, err
	}
	return rel, len(s.cat.List), nil
}

// YearText is the values file of year for cat.
func YearText(cat *indicator.Catalogue, year int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# ---------------------------------------------------------------------------
# Valeurs des indicateurs pour l'année %[1]d (le nom du fichier est l'année).
# Fichier créé par « spaser new annee %[1]d » : il reste à remplir les blancs.
#
# Chaque indicateur a son bloc, prêt à remplir. Pour un chiffre publié :
#   1. remplacez "" par le chiffre, sans guillemets, sans espace entre les
#      milliers, avec un point décimal : count = 40, share = 43.5 ;
#   2. écrivez la source entre les guillemets droits : source = "Rapport…" ;
#   3. provisional = true si le chiffre est provisoire.
# Un bloc laissé tel quel ne publie rien : le site affiche « non renseignée ».
# Un bloc commencé mais incomplet est signalé par spaser check.
# Les blocs [[identifiant.detail]] donnent les chiffres par partie (un site,
# une catégorie…) : un par partie, avec son intitulé (label). Supprimez ceux
# qui ne servent pas, ou copiez-en un pour une nouvelle partie.
# N'inscrivez que des chiffres publiés. Les lignes qui commencent par « # »
# sont des explications.
#
# Ensuite : spaser check (vérifie tout), spaser serve (aperçu dans le
# navigateur). Le guide : docs/guide-mise-a-jour.md.
# ---------------------------------------------------------------------------
`, year)
	for _, ind := range cat.List {
		b.WriteString("\n")
		b.WriteString(wrap(ind.ID+" — "+ind.Name(), "# ", 78))
		if ind.Decp != "" { // a typed value would be an error
			b.WriteString(wrap("Calculé à partir des données essentielles de la commande publique (data/decp/) : rien à saisir ici.", "# ", 78))
			continue
		}
		if ind.ShortLabel != "" && ind.ShortLabel != ind.Label {
			b.WriteString(wrap("« "+ind.Label+" »", "#   ", 78))
		}
		b.WriteString(wrap(describe(ind), "# ", 78))
		var tgts []string
		for _, g := range followup.Applicable(ind, year) {
			tgts = append(tgts, plain(g.Text+" "+g.When))
		}
		if len(tgts) > 0 {
			b.WriteString(wrap(fmt.Sprintf("Objectif en %d : %s.", year, strings.Join(tgts, " ; ")), "# ", 78))
		}
		if m := ind.LatestBefore(year); m != nil {
			b.WriteString(wrap(fmt.Sprintf("Dernière valeur publiée, pour %d : %s.", m.Year, plain(ind.Format(m))), "# ", 78))
		}
		fmt.Fprintf(&b, "[%s]\n", ind.ID)
		writeFields(&b, ind)
		b.WriteString("provisional = false\nsource = \"\"\ncomment = \"\"\n")
		for _, part := range ind.PartsBefore(year) {
			fmt.Fprintf(&b, "\n[[%s.detail]]\nlabel = %s\n", ind.ID, tomlfile.Quote(part))
			writeFields(&b, ind)
		}
	}
	return b.String()
}

// describe says what to enter for ind, in words.
func describe(ind *indicator.Indicator) string {
	unit := ind.Unit.Many
	if unit == "" {
		unit = ind.Unit.ID
	}
	switch ind.Kind {
	case indicator.Share:
		return fmt.Sprintf("Type : part (un nombre sur un total, le pourcentage est calculé) ; unité : %s.", unit)
	case indicator.Value:
		return fmt.Sprintf("Type : montant ; unité : %s.", unit)
	}
	return fmt.Sprintf("Type : nombre ; unité : %s.", unit)
}

// fields are the lines to fill for ind: the key with its = sign, and what
// to write there.
func fields(ind *indicator.Indicator) [][2]string {
	unit := ind.Unit.Many
	number := "le nombre " + of(unit)
	if unit == "" || unit == "%" {
		number = "le nombre"
	}
	switch ind.Kind {
	case indicator.Share:
		return [][2]string{
			{"count = ", number},
			{"total = ", "sur combien au total"},
			{"share = ", "seulement si le total n'est pas connu : le pourcentage publié (alors sans total)"},
		}
	case indicator.Value:
		return [][2]string{{"value = ", "le montant, en " + unit}}
	}
	return [][2]string{{"value = ", number}}
}

// of is "de marchés", "d'heures": French elision before a vowel or an h.
func of(word string) string {
	if r := []rune(word); len(r) > 0 && strings.ContainsRune("aâàeéèêiîoôuhAEIOUH", r[0]) {
		return "d'" + word
	}
	return "de " + word
}

// writeFields writes the figure lines of ind, each blank ("") with what to
// write there.
func writeFields(b *strings.Builder, ind *indicator.Indicator) {
	for _, f := range fields(ind) {
		fmt.Fprintf(b, "%-18s# %s\n", f[0]+`""`, f[1])
	}
}
