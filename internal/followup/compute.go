package followup

import "spaser/internal/indicator"

// Compute follows every indicator of cat over years (ascending). It reads
// the catalogue and writes nothing into it.
func Compute(cat *indicator.Catalogue, years []int) *Result {
	r := &Result{Years: years, byID: map[string]*Entry{}, tallies: map[int]*Tally{}}
	if cat == nil {
		r.Calendar = calendar(nil, 0)
		return r
	}
	for _, ind := range cat.List {
		e := entry(ind, years)
		r.List = append(r.List, e)
		r.byID[ind.ID] = e
	}
	for _, y := range years {
		r.tallies[y] = r.tally(y)
	}
	r.latest = count(r.LatestYear(), r.List, func(e *Entry) State { return e.Current().State })
	r.Calendar = calendar(cat, r.LatestYear())
	return r
}

func entry(ind *indicator.Indicator, years []int) *Entry {
	e := &Entry{Ind: ind}
	var goals map[*indicator.Target]*Goal
	e.Goals, goals = goalsOf(ind)
	for _, b := range ind.Baselines {
		e.Departures = append(e.Departures, departure(ind, b))
	}
	for _, y := range years {
		yr := e.year(ind, y, goals)
		e.Years = append(e.Years, yr)
		if yr.Known() {
			e.Latest = yr
		}
	}
	for _, yr := range e.Years {
		yr.Change = change(ind, e, yr)
		yr.Since = since(ind, yr)
		yr.Sentence = sentence(ind, yr)
	}
	e.Series = series(ind, e, years)
	e.Summary = summary(ind, e)
	e.Rows = rows(ind, e)
	e.Trend = trend(ind, e)
	return e
}

// resolve words a target and, for a relative one, computes its figure from
// the starting figure when it is published.
func resolve(ind *indicator.Indicator, t indicator.Target) *Goal {
	g := &Goal{T: t, Aim: t.Value, Resolved: true}
	if t.Form == indicator.Relative {
		g.Resolved = false
		if v, ok := figureOf(ind, t.BaseYear, t.Breakdown); ok {
			g.Base = &Point{t.BaseYear, v}
			g.Aim, g.Resolved = t.Absolute(v), true
		}
	}
	g.Text = goalText(ind, g)
	g.When = when(t)
	return g
}

// figureOf is the figure of year for part: the year's value, else a
// baseline of that year.
func figureOf(ind *indicator.Indicator, year int, part string) (float64, bool) {
	if m := ind.ValueAt(year); m != nil {
		if v, ok := partNumber(ind, m, part); ok {
			return v, true
		}
	}
	for _, b := range ind.Baselines {
		if b.Year == year && b.Breakdown == part {
			if v, ok := b.Number(ind.Kind); ok {
				return v, true
			}
		}
	}
	return 0, false
}

func partNumber(ind *indicator.Indicator, m *indicator.Measure, part string) (float64, bool) {
	if part == "" {
		return m.Number(ind.Kind)
	}
	if d := m.Detail(part); d != nil {
		return d.Number(ind.Kind)
	}
	return 0, false
}

// Applicable are the targets of ind that apply in year, worded, one per
// series (spaser new annee quotes them).
func Applicable(ind *indicator.Indicator, year int) []*Goal {
	_, goals := goalsOf(ind)
	return applicable(ind, year, goals)
}

// goalsOf words every target of ind, in the catalogue's order, and finds
// each by its target.
func goalsOf(ind *indicator.Indicator) ([]*Goal, map[*indicator.Target]*Goal) {
	var list []*Goal
	by := make(map[*indicator.Target]*Goal, len(ind.Targets))
	for i := range ind.Targets {
		g := resolve(ind, ind.Targets[i])
		list = append(list, g)
		by[&ind.Targets[i]] = g
	}
	return list, by
}

// applicable are the targets that a figure of year is compared with, one
// per series (label and breakdown), in the order of the catalogue: the next
// deadline (by ≥ year); else the step in force (year ≤ year); else the
// last deadline passed; else, when no series has any of these, the first
// step to come.
func applicable(ind *indicator.Indicator, year int, goals map[*indicator.Target]*Goal) []*Goal {
	type pick struct{ next, inForce, passed, first *Goal }
	var keys []string
	picks := map[string]*pick{}
	for i := range ind.Targets { // sorted by Due
		t := &ind.Targets[i]
		k := t.SeriesKey()
		p := picks[k]
		if p == nil {
			p = &pick{}
			picks[k] = p
			keys = append(keys, k)
		}
		g := goals[t]
		switch {
		case !t.Stepped() && t.By >= year:
			if p.next == nil {
				p.next = g
			}
		case !t.Stepped():
			p.passed = g
		case t.Year <= year:
			p.inForce = g
		case p.first == nil:
			p.first = g
		}
	}
	// A step to come counts only when no other target applies yet: a year
	// with a step in force is judged on what applies that year.
	current := false
	for _, p := range picks {
		current = current || p.next != nil || p.inForce != nil || p.passed != nil
	}
	var out []*Goal
	for _, k := range keys {
		p := picks[k]
		for _, g := range []*Goal{p.next, p.inForce, p.passed, p.first} {
			if g != nil && (g != p.first || !current) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

func (e *Entry) year(ind *indicator.Indicator, y int, goals map[*indicator.Target]*Goal) *Year {
	yr := &Year{Year: y, M: ind.ValueAt(y), Goals: applicable(ind, y, goals)}
	if ind.Kind == indicator.Milestone && (yr.M == nil || yr.M.Done == nil) {
		if done := doneBefore(ind, y); done != nil {
			yr.M = done // a milestone reached stays reached
		}
	}
	yr.Figure, yr.Short = "non renseigné", "non renseigné"
	if yr.M == nil || !yr.M.Known() {
		if yr.M != nil && yr.M.Missing {
			yr.Figure, yr.Short = "à publier", "à publier"
		}
		yr.State = None
		return yr
	}
	yr.Figure, yr.Short = figureText(ind, yr.M), shortText(ind, yr.M)
	for _, s := range yr.M.Subsets {
		yr.Subsets = append(yr.Subsets, ind.FormatSubset(s))
	}
	yr.State = NoTarget
	for _, g := range yr.Goals {
		for _, c := range candidates(ind, yr.M, g.T) {
			j := judge(ind, y, g, c, yr.M)
			yr.Judged = append(yr.Judged, j)
		}
	}
	for i, j := range yr.Judged {
		if i == 0 || worse(j.State, yr.State) {
			yr.State = j.State
		}
	}
	return yr
}

// doneBefore is the latest earlier value saying the milestone is reached.
func doneBefore(ind *indicator.Indicator, y int) *indicator.Measure {
	for i := len(ind.Values) - 1; i >= 0; i-- {
		m := ind.Values[i]
		if m.Year < y && m.Done != nil && *m.Done {
			return m
		}
	}
	return nil
}

type candidate struct {
	part  string
	value float64
}

// candidates are the figures of m compared with t: for a target of a part,
// the detail of that name; otherwise the whole, or each detail when the
// year gives only details. A milestone or a commitment has none: its state
// is read from the measure itself.
func candidates(ind *indicator.Indicator, m *indicator.Measure, t indicator.Target) []candidate {
	if !ind.Figured() {
		return []candidate{{}}
	}
	if t.Breakdown != "" {
		if v, ok := partNumber(ind, m, t.Breakdown); ok {
			return []candidate{{part: t.Breakdown, value: v}}
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

// judge applies the rule of the README's table to one target and one
// figure of year y.
func judge(ind *indicator.Indicator, y int, g *Goal, c candidate, m *indicator.Measure) Judged {
	j := Judged{Goal: g, Part: c.part, Figure: c.value}
	t := g.T
	due := y >= t.Due()
	switch {
	case t.Form == indicator.Done:
		j.State = NotYet
		if m.Done != nil && *m.Done {
			j.State = Met
		} else if due {
			j.State = Missed
		}
		return j
	case t.Form == indicator.Commitment:
		j.State = Reported
		return j
	case !g.Resolved:
		j.State = RelativePending
		return j
	}
	if due {
		j.State = reached(ind, g, c.value)
		return j
	}
	// Before the deadline: the path from the starting figure.
	aim := g.Aim
	if t.Form == indicator.Range {
		if within(c.value, t.Low, t.Value) {
			j.State = OnTrack
			return j
		}
		if c.value < t.Low {
			aim = t.Low
		}
	}
	if st := reached(ind, g, c.value); st == Met || st == AimMet {
		j.State = OnTrack // already there, ahead of any path
		return j
	}
	j.Start = start(ind, g, c.part, y)
	if j.Start == nil || j.Start.Year >= t.Due() {
		j.State = InProgress
		return j
	}
	exp := j.Start.Value + (aim-j.Start.Value)*float64(y-j.Start.Year)/float64(t.Due()-j.Start.Year)
	j.Expected = &Point{y, exp}
	up := aim >= j.Start.Value
	if Same(c.value, exp) || (up && c.value > exp) || (!up && c.value < exp) {
		j.State = OnTrack
	} else {
		j.State = Late
	}
	return j
}

// reached is the state of a target whose year has come.
func reached(ind *indicator.Indicator, g *Goal, v float64) State {
	t := g.T
	switch t.Form {
	case indicator.Range:
		if within(v, t.Low, t.Value) {
			return Met
		}
		return Missed
	case indicator.FloorAim:
		switch {
		case atLeast(v, g.Aim):
			return AimMet
		case atLeast(v, t.Low):
			return FloorMet
		}
		return BelowFloor
	}
	if (t.AtMost && atMost(v, g.Aim)) || (!t.AtMost && atLeast(v, g.Aim)) {
		return Met
	}
	return Missed
}

func atLeast(v, t float64) bool     { return Same(v, t) || v > t }
func atMost(v, t float64) bool      { return Same(v, t) || v < t }
func within(v, lo, hi float64) bool { return atLeast(v, lo) && atMost(v, hi) }

// start is the starting figure of the path to g for part, before year: a
// relative target's own; otherwise the starting situation of the part
// (startOf), when it is dated: a path needs a year to start from.
func start(ind *indicator.Indicator, g *Goal, part string, year int) *Point {
	if g.Base != nil {
		return g.Base
	}
	b := startOf(ind, part, year)
	if b == nil || b.Year == 0 {
		return nil
	}
	v, _ := b.Number(ind.Kind)
	return &Point{b.Year, v}
}

// startOf is the starting situation that a figure of part in year is
// compared with: among the baselines of that part with a figure, the
// latest one before year. A baseline given as a period (« à l'élaboration
// du schéma ») counts as earlier than any dated one, and a dated one of
// year itself is that year's own figure, not its start. Of two equally
// late, the one written last counts (baselines are written in time
// order). nil when there is none.
func startOf(ind *indicator.Indicator, part string, year int) *indicator.Measure {
	var best *indicator.Measure
	for _, b := range ind.Baselines {
		if b.Breakdown != part || b.Year >= year {
			continue
		}
		if _, ok := b.Number(ind.Kind); ok && (best == nil || b.Year >= best.Year) {
			best = b
		}
	}
	return best
}
