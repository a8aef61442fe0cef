// Package status tells, for an indicator and a year, where the figure
// stands against its targets: atteint, en bonne voie, en retard, non
// renseigné, or sans objectif. It computes; it renders nothing. The rule is
// written for editors in the README (« L’état d’un indicateur »).
package status

import (
	"math"

	"spaser/internal/indicator"
)

// State is the standing of an indicator in a year.
type State int

// The states, from the worst to the best; None and NoTarget stand apart.
const (
	None     State = iota // non renseigné: no figure that year
	NoTarget              // sans objectif: a figure, but no target to compare with
	Late                  // en retard
	OnTrack               // en bonne voie
	Met                   // atteint
)

// Label is the state in French, as shown on the site and in the open data.
func (s State) Label() string {
	switch s {
	case Met:
		return "atteint"
	case OnTrack:
		return "en bonne voie"
	case Late:
		return "en retard"
	case NoTarget:
		return "sans objectif"
	}
	return "non renseigné"
}

// Slug names the state in class names and file names.
func (s State) Slug() string {
	switch s {
	case Met:
		return "atteint"
	case OnTrack:
		return "en-bonne-voie"
	case Late:
		return "en-retard"
	case NoTarget:
		return "sans-objectif"
	}
	return "non-renseigne"
}

// Judged reports whether the state compares a figure with a target.
func (s State) Judged() bool { return s == Met || s == OnTrack || s == Late }

// Series is the standing against one target series (a label, a breakdown).
type Series struct {
	Target   indicator.Target // the target in force, or the next one
	Due      bool             // the target applies this year (false: it comes later)
	Figure   float64          // the figure compared
	Part     string           // the detail compared, when the figure is one part of several
	Previous *Point           // the earlier figure the pace was taken from
	State    State
}

// Point is a figure of a year.
type Point struct {
	Year  int
	Value float64
}

// Result is the standing of an indicator in a year.
type Result struct {
	Year   int
	State  State
	Series []Series // one per target series, in catalogue order; several per series when only parts are known
}

// Of returns the standing of ind in year.
//
// The rule, for each target series (same label and breakdown):
//   - the targets compared are those in force that year (for each series,
//     its last step whose year is at most the year); when no target is in
//     force yet, the first step of each series is the goal;
//   - the figure compared is the indicator's figure (the share for a share
//     indicator); for a series with a breakdown, the detail of that name;
//     when the year gives only details and the series has no breakdown,
//     each detail is compared;
//   - a target that applies is « atteint » when the figure reaches it (at
//     least the target, or at most for direction = "down", to the tenth
//     shown), « en retard » otherwise;
//   - a target still to come is « atteint » when already reached; otherwise
//     « en bonne voie » when, at the pace since the previous published
//     figure, it would be reached by its year (or when there is no previous
//     figure to measure a pace), « en retard » when not.
//
// The state of the year is the worst among the series compared. Without a
// figure that year, it is « non renseigné »; with a figure but no target
// at all, « sans objectif ».
func Of(ind *indicator.Indicator, year int) Result {
	r := Result{Year: year}
	m := ind.ValueAt(year)
	if m == nil || !m.Known() {
		return r
	}
	r.State = NoTarget
	for _, goal := range Goals(ind, year) {
		for _, c := range figures(ind, m, goal.Breakdown) {
			s := Series{Target: goal, Due: goal.Year <= year, Figure: c.value, Part: c.part}
			s.State, s.Previous = judge(ind, year, s, c.part)
			r.Series = append(r.Series, s)
		}
	}
	first := true
	for _, s := range r.Series {
		if first || s.State < r.State {
			r.State, first = s.State, false
		}
	}
	return r
}

// Latest is the standing in the last year with a published figure, and
// whether there is one.
func Latest(ind *indicator.Indicator) (Result, bool) {
	m := ind.Latest()
	if m == nil {
		return Result{}, false
	}
	return Of(ind, m.Year), true
}

// Goals are the targets an indicator's figure of year is compared with:
// those in force (for each series, its last step whose year is at most
// year); when none is in force yet, the first step of each series. Year 0
// gives the first steps.
func Goals(ind *indicator.Indicator, year int) []indicator.Target {
	if due := ind.TargetsAt(year); len(due) > 0 {
		return due
	}
	var first []indicator.Target
	seen := map[string]bool{}
	for _, t := range ind.Targets { // sorted by year
		if k := t.SeriesKey(); !seen[k] {
			seen[k] = true
			first = append(first, t)
		}
	}
	return first
}

type candidate struct {
	part  string
	value float64
}

// figures are the figures of m to compare with a target of breakdown b.
func figures(ind *indicator.Indicator, m *indicator.Measure, b string) []candidate {
	if b != "" {
		if d := m.Detail(b); d != nil {
			if v, ok := d.Number(ind.Kind); ok {
				return []candidate{{part: b, value: v}}
			}
		}
		return nil
	}
	if v, ok := m.Number(ind.Kind); ok {
		return []candidate{{value: v}}
	}
	var out []candidate
	for _, d := range m.Details {
		if v, ok := d.Number(ind.Kind); ok {
			out = append(out, candidate{part: d.Breakdown, value: v})
		}
	}
	return out
}

func judge(ind *indicator.Indicator, year int, s Series, part string) (State, *Point) {
	if reaches(ind, s.Figure, s.Target.Value) {
		return Met, nil
	}
	if s.Due {
		return Late, nil
	}
	prev := previous(ind, year, part)
	if prev == nil {
		return OnTrack, nil
	}
	pace := (s.Figure - prev.Value) / float64(year-prev.Year)
	projected := s.Figure + pace*float64(s.Target.Year-year)
	if reaches(ind, projected, s.Target.Value) {
		return OnTrack, prev
	}
	return Late, prev
}

// previous is the last figure published before year, for the same part.
func previous(ind *indicator.Indicator, year int, part string) *Point {
	for i := len(ind.Values) - 1; i >= 0; i-- {
		m := ind.Values[i]
		if m.Year >= year {
			continue
		}
		fig := m
		if part != "" {
			if fig = m.Detail(part); fig == nil {
				continue
			}
		}
		if v, ok := fig.Number(ind.Kind); ok {
			return &Point{m.Year, v}
		}
	}
	return nil
}

// reaches reports whether v reaches target in the indicator's direction, to
// the precision shown on the site (a tenth).
func reaches(ind *indicator.Indicator, v, target float64) bool {
	if Same(v, target) {
		return true
	}
	if ind.Direction == "down" {
		return v < target
	}
	return v > target
}

// Same reports whether a and b are equal to the precision shown on the site
// (a tenth): a figure at its target's level has reached it.
func Same(a, b float64) bool { return math.Abs(a-b) < 0.05 }

// Tally counts the indicators of each state in a year.
type Tally struct {
	Year                               int
	Total                              int // indicators
	Met, OnTrack, Late, NoTarget, None int
	Known                              int                    // with a figure that year
	Missing                            []*indicator.Indicator // without a figure that year
}

// TallyOf counts the states of list in year.
func TallyOf(list []*indicator.Indicator, year int) Tally {
	t := Tally{Year: year, Total: len(list)}
	for _, ind := range list {
		switch Of(ind, year).State {
		case Met:
			t.Met++
		case OnTrack:
			t.OnTrack++
		case Late:
			t.Late++
		case NoTarget:
			t.NoTarget++
		default:
			t.None++
			t.Missing = append(t.Missing, ind)
		}
	}
	t.Known = t.Total - t.None
	return t
}
