package followup

import (
	"strings"

	"spaser/internal/indicator"
	"spaser/internal/typo"
)

// Series is one series of a chart (internal/chart draws them).
type Series struct {
	Name   string
	Kind   string     // "value", "target", "baseline"
	Values []*float64 // by year; a baseline: one value
	// Provisional marks, by year, the values that are provisional or
	// approximate: only those are drawn with a pattern, as statistical
	// offices do, and the legend says so.
	Provisional []bool
	// Subset marks a value series that is part of the whole (« dont »):
	// drawn over the whole's bar, not beside it like a breakdown (sites).
	Subset bool
	// Breakdown is the part a series concerns (a detail, a subset, or the
	// breakdown of a target or baseline); "" for the whole.
	Breakdown string
}

// series are what the chart of an indicator draws: the values (the whole,
// then each detail), each target series (a step from its year on, a
// deadline at its year; a range and a floor as two lines), the dated or
// undated baselines. Milestones and commitments have no chart.
func series(ind *indicator.Indicator, e *Entry, years []int) []Series {
	if !ind.Figured() {
		return nil
	}
	var out []Series
	main := newValues("Valeur publiée", len(years))
	var parts, subsets partSeries
	hasMain := false
	for i, yr := range e.Years { // one per year, as years
		m := yr.M // a figured indicator's year holds its value as published
		if m == nil {
			continue
		}
		uncertain := m.Provisional || m.Approx
		if v, ok := m.Number(ind.Kind); ok {
			main.Values[i], main.Provisional[i], hasMain = ptr(v), uncertain, true
		}
		parts.add(ind, m.Details, i, len(years), uncertain, false)
		subsets.add(ind, m.Subsets, i, len(years), uncertain, true)
	}
	if hasMain {
		out = append(out, main)
	}
	for _, p := range parts.list {
		out = append(out, *p)
	}
	for _, p := range subsets.list {
		p.Subset = true
		out = append(out, *p)
	}
	out = append(out, targetSeries(e, years)...)
	for _, b := range ind.Baselines {
		v, ok := b.Number(ind.Kind)
		if !ok {
			continue
		}
		name := "Situation de départ"
		if b.Breakdown != "" {
			name += " (" + typo.Text(b.Breakdown) + ")"
		}
		out = append(out, Series{Name: name, Kind: "baseline", Values: []*float64{ptr(v)}, Breakdown: b.Breakdown})
	}
	return out
}

func newValues(name string, n int) Series {
	return Series{Name: name, Kind: "value", Values: make([]*float64, n), Provisional: make([]bool, n)}
}

// partSeries gathers the value series of parts (details or subsets), one
// per label, in the order they first appear.
type partSeries struct {
	list  []*Series
	index map[string]int
}

func (p *partSeries) add(ind *indicator.Indicator, ms []*indicator.Measure, i, n int, uncertain, subset bool) {
	for _, d := range ms {
		v, ok := d.Number(ind.Kind)
		if !ok {
			continue
		}
		if p.index == nil {
			p.index = map[string]int{}
		}
		j, seen := p.index[d.Breakdown]
		if !seen {
			j = len(p.list)
			p.index[d.Breakdown] = j
			name := d.Breakdown
			if subset { // its label reads after « dont 19,7 % »
				name = "Sous-ensemble « " + name + " »"
			}
			name = typo.Text(name)
			s := newValues(name, n)
			s.Breakdown = d.Breakdown
			p.list = append(p.list, &s)
		}
		p.list[j].Values[i], p.list[j].Provisional[i] = ptr(v), uncertain || d.Provisional || d.Approx
	}
}

// targetSeries: one line per target series, two for a range or a floor.
func targetSeries(e *Entry, years []int) []Series {
	var keys []string
	byKey := map[string][]*Goal{}
	for _, g := range e.Goals {
		k := g.T.SeriesKey()
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], g)
	}
	var out []Series
	for _, k := range keys {
		gs := byKey[k]
		name := targetName(gs[0].T)
		lines := []struct {
			name string
			v    func(*Goal) (float64, bool)
		}{{name, func(g *Goal) (float64, bool) { return g.Aim, g.Resolved }}}
		if f := gs[0].T.Form; f == indicator.Range || f == indicator.FloorAim {
			low := "Plancher"
			if f == indicator.Range {
				lines[0].name += " (haut de la fourchette)"
				low = name + " (bas de la fourchette)"
			} else if gs[0].T.Label != "" {
				low += " " + typo.Text(gs[0].T.Label)
			}
			lines = append(lines, struct {
				name string
				v    func(*Goal) (float64, bool)
			}{low, func(g *Goal) (float64, bool) { return g.T.Low, g.T.Form == f }})
		}
		for _, ln := range lines {
			se := Series{Name: ln.name, Kind: "target", Values: make([]*float64, len(years)), Breakdown: gs[0].T.Breakdown}
			any := false
			for i, y := range years {
				for _, g := range gs {
					v, ok := ln.v(g)
					if !ok {
						continue
					}
					if (g.T.Stepped() && g.T.Year <= y) || (!g.T.Stepped() && g.T.By == y) {
						se.Values[i], any = ptr(v), true
					}
				}
			}
			if any {
				out = append(out, se)
			}
		}
	}
	return out
}

func targetName(t indicator.Target) string {
	n := "Objectif"
	if t.Label != "" {
		n += " " + typo.Text(t.Label)
	}
	if t.Breakdown != "" {
		n += " (" + typo.Text(t.Breakdown) + ")"
	}
	return n
}

func ptr(v float64) *float64 { return &v }

// summary writes, in French and from the data only, what the chart shows:
// the last published figure and its standing, its change, the targets to
// come, the starting situation.
func summary(ind *indicator.Indicator, e *Entry) string {
	var out []string
	if e.Latest == nil {
		out = append(out, "Aucune valeur annuelle n’est encore publiée pour cet indicateur.")
	} else {
		out = append(out, e.Latest.Sentence)
		if c := e.Latest.Change; c != "" {
			out = append(out, "Valeur "+c+".")
		}
	}
	var next []string
	later := e.Goals
	if e.Latest != nil {
		later = e.Later(e.Latest)
	}
	for _, g := range later {
		next = append(next, g.Text+" "+g.When)
	}
	switch {
	case len(next) > 0:
		lead := "Objectifs à venir"
		if e.Latest == nil {
			lead = "Objectifs"
		}
		if len(next) == 1 {
			lead = strings.Replace(lead, "Objectifs", "Objectif", 1)
		}
		out = append(out, lead+"\u00a0: "+strings.Join(next, "\u202f; ")+".")
	case len(e.Goals) == 0 && e.Latest == nil: // else said by the latest sentence
		out = append(out, "Sans objectif chiffré.")
	}
	for _, d := range e.Departures {
		out = append(out, d+".")
	}
	return typo.Text(strings.Join(out, " "))
}
