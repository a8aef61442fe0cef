package followup

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"spaser/internal/indicator"
	"spaser/internal/typo"
)

// goalText words a target without its year: « au moins 30 % (VFE) »,
// « entre 10 % et 20 % », « 150 000 heures, jamais moins de 80 000 heures »,
// « doubler : de 12 à 24 marchés », « doubler par rapport à 2022 ».
func goalText(ind *indicator.Indicator, g *Goal) string {
	t := g.T
	f := ind.FormatNumber
	var s string
	switch t.Form {
	case indicator.Done, indicator.Commitment:
		s = typo.Text(t.Text)
		if s == "" {
			s = "jalon à franchir"
			if t.Form == indicator.Commitment {
				s = "engagement sans objectif chiffré"
			}
		}
	case indicator.Range:
		s = "entre " + f(t.Low) + " et " + f(t.Value)
	case indicator.FloorAim:
		s = f(t.Value) + ", jamais moins de " + f(t.Low)
	case indicator.Relative:
		s = relativeWord(t)
		if g.Resolved {
			s += "\u00a0: de " + f(g.Base.Value) + " en " + fmt.Sprint(t.BaseYear) + " à " + f(g.Aim)
		} else {
			s += " par rapport à " + fmt.Sprint(t.BaseYear)
		}
	default:
		s = "au moins " + f(t.Value)
		if t.AtMost {
			s = "au plus " + f(t.Value)
		}
	}
	return s + qualifiers(t)
}

// relativeWord: « doubler », « tripler », « diviser par deux », « ×1,5 »,
// « +50 % », « −30 % ».
func relativeWord(t indicator.Target) string {
	if t.Change {
		c := (t.Factor - 1) * 100
		if c < 0 {
			return "\u2212" + typo.Percent(-c)
		}
		return "+" + typo.Percent(c)
	}
	switch t.Factor {
	case 2:
		return "doubler"
	case 3:
		return "tripler"
	case 0.5:
		return "diviser par deux"
	}
	return "multiplier par " + typo.Number(t.Factor, 2)
}

func qualifiers(t indicator.Target) string {
	q := ""
	if t.Label != "" {
		q += " (" + typo.Text(t.Label) + ")"
	}
	if t.Breakdown != "" {
		q += " (" + lowerFirst(typo.Text(t.Breakdown)) + ")"
	}
	return q
}

// when: « à partir de 2022 », « d'ici fin 2025 », « d'ici la fin du
// schéma (2028) ».
func when(t indicator.Target) string {
	switch {
	case t.NoYear:
		return fmt.Sprintf("d’ici la fin du schéma (%d)", t.By)
	case t.By != 0:
		return fmt.Sprintf("d’ici fin %d", t.By)
	}
	return fmt.Sprintf("à partir de %d", t.Year)
}

// figureText writes a value in full: « 40 véhicules sur 92 (43,5 %) »,
// each part when the source gives only parts, « publié le … » for a figure
// whose year is not stated.
func figureText(ind *indicator.Indicator, m *indicator.Measure) string {
	s := ind.Format(m)
	if _, ok := m.Number(ind.Kind); !ok && ind.Figured() && len(m.Details) > 0 {
		var parts []string
		for _, d := range m.Details {
			if _, ok := d.Number(ind.Kind); ok {
				parts = append(parts, typo.Text(d.Breakdown)+"\u00a0: "+ind.Format(d))
			}
		}
		s = strings.Join(parts, "\u202f; ")
	}
	return s + dated(m)
}

// shortText writes a value briefly: the share alone, each part.
func shortText(ind *indicator.Indicator, m *indicator.Measure) string {
	if !ind.Figured() {
		return ind.Format(m)
	}
	if v, ok := m.Number(ind.Kind); ok {
		s := ind.FormatNumber(v)
		if m.Approx {
			s = "environ " + s
		}
		return s + dated(m)
	}
	var parts []string
	for _, d := range m.Details {
		if v, ok := d.Number(ind.Kind); ok {
			parts = append(parts, typo.Text(d.Breakdown)+"\u00a0: "+ind.FormatNumber(v))
		}
	}
	return strings.Join(parts, "\u202f; ") + dated(m)
}

// dated: « (publié le 14 mars 2025, année mesurée non précisée) ».
func dated(m *indicator.Measure) string {
	switch {
	case m.UnstatedYear:
		return " (publié le " + typo.Date(m.Published) + ", année mesurée non précisée)"
	case m.Published != "":
		return " (publié le " + typo.Date(m.Published) + ")"
	}
	return ""
}

// departure words a baseline: « Situation de départ en 2019 : 12 marchés ».
func departure(ind *indicator.Indicator, b *indicator.Measure) string {
	w := "Situation de départ"
	switch {
	case b.Period != "":
		w += " " + typo.Text(b.Period)
	case b.Year != 0:
		w += fmt.Sprintf(" en %d", b.Year)
	}
	if b.Breakdown != "" {
		w += ", pour les " + lowerFirst(typo.Text(b.Breakdown))
	}
	return w + "\u00a0: " + ind.Format(b)
}

// sentence: the year's figure, each target and its state. « En 2022 :
// 40 véhicules sur 92 (43,5 %). Objectif au moins 30 % (VFE) à partir de
// 2022 : atteint. »
func sentence(ind *indicator.Indicator, yr *Year) string {
	if !yr.Known() {
		s := fmt.Sprintf("En %d, aucune valeur n’est publiée", yr.Year)
		if yr.M != nil && yr.M.Missing {
			s = fmt.Sprintf("En %d, la valeur est à publier", yr.Year)
		}
		return s + "."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "En %d\u00a0: %s", yr.Year, yr.Figure)
	if yr.M.Provisional {
		b.WriteString(" (provisoire)")
	}
	for _, s := range yr.Subsets {
		b.WriteString(", " + s)
	}
	if !strings.HasSuffix(b.String(), ".") { // a reported text ends its own sentence
		b.WriteString(".")
	}
	if len(yr.Judged) == 0 {
		if len(yr.Goals) == 0 {
			b.WriteString(" Sans objectif chiffré.")
		}
		return b.String()
	}
	for _, j := range yr.Judged {
		b.WriteString(" Objectif " + j.Goal.Text + " " + j.Goal.When)
		if j.Part != "" && j.Part != j.Goal.T.Breakdown {
			b.WriteString(", pour " + lowerFirst(typo.Text(j.Part)))
		}
		b.WriteString("\u00a0: " + j.State.Label())
		if j.Expected != nil {
			fmt.Fprintf(&b, " (trajectoire depuis %d\u00a0: %s en %d)", j.Start.Year, ind.FormatNumber(j.Expected.Value), j.Expected.Year)
		}
		b.WriteString(".")
	}
	return b.String()
}

// change compares the year's figure of the whole with the previous
// published one: « en hausse de 3,2 points par rapport à 2021 (40,3 %) ».
func change(ind *indicator.Indicator, e *Entry, yr *Year) string {
	if !yr.Known() || !ind.Figured() {
		return ""
	}
	v, ok := yr.M.Number(ind.Kind)
	if !ok {
		return ""
	}
	for i := len(e.Years) - 1; i >= 0; i-- {
		p := e.Years[i]
		if p.Year >= yr.Year || !p.Known() {
			continue
		}
		pv, ok := p.M.Number(ind.Kind)
		if !ok {
			continue
		}
		return compare(ind, v, pv, fmt.Sprintf("%d (%s)", p.Year, ind.FormatNumber(pv)))
	}
	return ""
}

// since words the figure of yr against its starting situation (startOf,
// the one the trajectory starts from when it is dated): « en hausse de
// 2,5 points par rapport à la situation de départ (2021, 40 %) »; ""
// without a figure or a starting situation.
func since(ind *indicator.Indicator, yr *Year) string {
	if !yr.Known() || !ind.Figured() {
		return ""
	}
	v, ok := yr.M.Number(ind.Kind)
	if !ok {
		return ""
	}
	base := startOf(ind, "", yr.Year)
	if base == nil {
		return ""
	}
	bv, _ := base.Number(ind.Kind)
	than := "la situation de départ (" + ind.FormatNumber(bv) + ")"
	if w := base.When(); w != "" {
		than = "la situation de départ (" + typo.Text(w) + ", " + ind.FormatNumber(bv) + ")"
	}
	return compare(ind, v, bv, than)
}

// compare words v against before: « stable », « en hausse de … », « en
// baisse de … par rapport à … ».
func compare(ind *indicator.Indicator, v, before float64, than string) string {
	d := v - before
	if Same(d, 0) {
		return "stable par rapport à " + than
	}
	amount := ind.FormatNumber(math.Abs(d))
	if ind.InPercent() {
		amount = typo.Number(math.Abs(d), 1) + "\u00a0point"
		if math.Abs(d) >= 2 {
			amount += "s"
		}
	}
	dir := "en hausse"
	if d < 0 {
		dir = "en baisse"
	}
	return dir + " de " + amount + " par rapport à " + than
}

// lowerFirst lowers the first letter of a name used inside a sentence
// ("Viandes et poissons" → "viandes et poissons"), but not of an acronym
// ("UCP Echat").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	return typo.LowerFirst(s)
}
