package chart

import (
	"fmt"
	"strings"
	"unicode"

	"spaser/internal/indicator"
	"spaser/internal/status"
	"spaser/internal/typo"
)

// summary writes, in French and from the data only, what the chart shows:
// the last published figure, its standing against the target of that year,
// the trend, the targets to come, the baselines.
func summary(ind *indicator.Indicator, s *Spec) string {
	var out []string
	last := ind.Latest()
	if last == nil {
		out = append(out, "Aucune valeur annuelle n’est encore publiée pour cet indicateur.")
	} else {
		out = append(out, latestSentence(ind, last))
		if t := trend(ind); t != "" {
			out = append(out, t)
		}
	}
	lastYear := 0
	if last != nil {
		lastYear = last.Year
	}
	var next []string
	for _, t := range ind.Targets {
		if t.Year > lastYear {
			next = append(next, targetPhrase(ind, t)+" à partir de "+fmt.Sprint(t.Year))
		}
	}
	if len(next) > 0 {
		lead := "Objectifs à venir : "
		if last == nil {
			lead = "Objectifs : "
		}
		if len(next) == 1 {
			lead = strings.Replace(lead, "Objectifs", "Objectif", 1)
		}
		out = append(out, lead+strings.Join(next, " ; ")+".")
	} else if len(ind.Targets) == 0 {
		out = append(out, "Le schéma ne fixe pas d’objectif chiffré pour cet indicateur.")
	}
	for _, b := range ind.Baselines {
		if _, ok := b.Number(ind.Kind); !ok {
			continue
		}
		w := "Situation de référence"
		switch {
		case b.Period != "":
			w += " " + typo.Text(b.Period)
		case b.Year != 0:
			w += fmt.Sprintf(" en %d", b.Year)
		}
		if b.Breakdown != "" {
			w += ", pour les " + lowerFirst(typo.Text(b.Breakdown))
		}
		out = append(out, w+" : "+ind.Format(b)+".")
	}
	return typo.Text(strings.Join(out, " "))
}

// latestSentence: "En 2022, la valeur publiée est de 40 véhicules sur 92
// (43,5 %), au-dessus de l'objectif de 30 % (VFE) qui s'applique cette
// année-là : objectif atteint."
func latestSentence(ind *indicator.Indicator, m *indicator.Measure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "En %d, ", m.Year)
	if _, ok := m.Number(ind.Kind); ok {
		b.WriteString("la valeur publiée est de " + ind.Format(m))
	} else {
		var parts []string
		for _, d := range m.Details {
			if _, ok := d.Number(ind.Kind); ok {
				parts = append(parts, typo.Text(d.Breakdown)+" : "+ind.Format(d))
			}
		}
		b.WriteString("les valeurs publiées sont : " + strings.Join(parts, " ; "))
	}
	if m.Provisional {
		b.WriteString(" (provisoire)")
	}
	r := status.Of(ind, m.Year)
	if len(r.Series) == 1 && r.Series[0].Part == "" {
		b.WriteString(", " + standing(ind, r.Series[0]) + ".")
		return b.String()
	}
	b.WriteString(".")
	// Several targets, or parts compared one by one: one sentence per target.
	type group struct {
		t      indicator.Target
		due    bool
		states []status.State
		parts  map[status.State][]string
	}
	var groups []*group
	for _, se := range r.Series {
		var g *group
		for _, x := range groups {
			if x.t == se.Target {
				g = x
			}
		}
		if g == nil {
			g = &group{t: se.Target, due: se.Due, parts: map[status.State][]string{}}
			groups = append(groups, g)
		}
		if len(g.parts[se.State]) == 0 {
			g.states = append(g.states, se.State)
		}
		p := "l’ensemble"
		if se.Part != "" {
			p = typo.Text(se.Part)
		}
		g.parts[se.State] = append(g.parts[se.State], p)
	}
	for _, g := range groups {
		when := " qui s’applique cette année-là"
		if !g.due {
			when = fmt.Sprintf(" fixé pour %d", g.t.Year)
		}
		var sts []string
		for _, st := range g.states {
			sts = append(sts, st.Label()+" pour "+strings.Join(g.parts[st], " et pour "))
		}
		fmt.Fprintf(&b, " Objectif de %s%s%s : %s.", ind.FormatNumber(g.t.Value), qualifiers(g.t), when, strings.Join(sts, " ; "))
	}
	if len(groups) > 1 {
		fmt.Fprintf(&b, " État de l’année : %s.", r.State.Label())
	}
	return b.String()
}

// standing: "au-dessus de l'objectif de 30 % (VFE) qui s'applique cette
// année-là : objectif atteint".
func standing(ind *indicator.Indicator, se status.Series) string {
	t := se.Target
	goal := "de l’objectif de " + ind.FormatNumber(t.Value) + qualifiers(t)
	var pos string
	switch {
	case status.Same(se.Figure, t.Value):
		pos = "au niveau " + goal
	case se.Figure > t.Value:
		pos = "au-dessus " + goal
	default:
		pos = "en dessous " + goal
	}
	if se.Due {
		pos += " qui s’applique cette année-là"
	} else {
		pos += fmt.Sprintf(" fixé pour %d", t.Year)
	}
	switch se.State {
	case status.Met:
		return pos + " : objectif atteint"
	case status.OnTrack:
		if se.Previous == nil {
			return pos + " : en bonne voie (l’échéance n’est pas passée)"
		}
		return pos + fmt.Sprintf(" : en bonne voie au rythme observé depuis %d", se.Previous.Year)
	default:
		if se.Due {
			return pos + " : en retard"
		}
		return pos + fmt.Sprintf(" : en retard, au rythme observé depuis %d l’objectif ne serait pas atteint à temps", se.Previous.Year)
	}
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

func targetPhrase(ind *indicator.Indicator, t indicator.Target) string {
	return ind.FormatTarget(t) + qualifiers(t)
}

// trend compares the last two published figures of the whole.
func trend(ind *indicator.Indicator) string {
	var pts []status.Point
	for _, m := range ind.Values {
		if v, ok := m.Number(ind.Kind); ok {
			pts = append(pts, status.Point{Year: m.Year, Value: v})
		}
	}
	if len(pts) < 2 {
		return ""
	}
	a, b := pts[len(pts)-2], pts[len(pts)-1]
	f := ind.FormatNumber
	switch {
	case status.Same(a.Value, b.Value):
		return fmt.Sprintf("La valeur est stable depuis %d (%s).", a.Year, f(a.Value))
	case b.Value > a.Value:
		return fmt.Sprintf("Elle est en hausse par rapport à %d (%s).", a.Year, f(a.Value))
	}
	return fmt.Sprintf("Elle est en baisse par rapport à %d (%s).", a.Year, f(a.Value))
}

// lowerFirst lowers the first letter of a name used inside a sentence
// ("Viandes et poissons" → "viandes et poissons"), but not of an acronym
// ("UCP Echat").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
