package followup

import (
	"math"

	"spaser/internal/indicator"
)

// Row is one line of the open data: an indicator, a year, a part (the
// whole or a breakdown) and a target series. The JSON keys are the CSV
// columns (internal/opendata describes them).
type Row struct {
	ID           string   `json:"id"`
	Label        string   `json:"label"`
	Unit         string   `json:"unit"`
	Kind         string   `json:"kind"`
	Year         int      `json:"year"`
	Breakdown    string   `json:"breakdown"`
	Value        *float64 `json:"value"`
	Count        *float64 `json:"count"`
	Total        *float64 `json:"total"`
	TargetSeries string   `json:"target_series"`
	Target       *float64 `json:"target"`
	Status       string   `json:"status"`
	Source       string   `json:"source"`
	ValueStatus  string   `json:"value_status"`
	TargetText   string   `json:"target_text"`
	Text         string   `json:"text"`
}

// KindName is the kind of an indicator in the open data.
func KindName(k indicator.Kind) string {
	switch k {
	case indicator.Share:
		return "part"
	case indicator.Value:
		return "valeur"
	case indicator.Milestone:
		return "jalon"
	case indicator.Qualitative:
		return "engagement"
	}
	return "nombre"
}

// rows are the lines of one indicator: for each year, the whole, then each
// part the values detail or a target concerns; for each of them, one line
// per target that applies (one line when none does).
func rows(ind *indicator.Indicator, e *Entry) []Row {
	var out []Row
	parts := partsOf(ind)
	for _, yr := range e.Years {
		m := yr.M
		for _, part := range parts {
			fig := m
			if m != nil && part != "" {
				fig = m.Detail(part)
			}
			base := Row{ID: ind.ID, Label: ind.Label, Unit: ind.Unit.Many, Kind: KindName(ind.Kind), Year: yr.Year, Breakdown: part}
			base.ValueStatus = "non renseignée"
			if fig != nil {
				fillValue(ind, fig, &base)
			}
			if m != nil {
				base.Source = m.Source
			}
			goals := goalsFor(ind, yr, part)
			if len(goals) == 0 {
				if part != "" && base.Value == nil && !hasDetail(ind, part) {
					continue // a target's part with no target that year and no figure ever
				}
				r := base
				r.Status = partState(yr, part, nil, base.ValueStatus != "non renseignée").Label()
				out = append(out, r)
				continue
			}
			for _, g := range goals {
				r := base
				r.TargetSeries = g.T.Label
				if g.Resolved && g.T.Figured() {
					v := g.Aim
					r.Target = &v
				}
				r.TargetText = g.Text + " " + g.When
				r.Status = partState(yr, part, g, base.ValueStatus != "non renseignée").Label()
				out = append(out, r)
			}
		}
	}
	return out
}

func fillValue(ind *indicator.Indicator, fig *indicator.Measure, r *Row) {
	if v, ok := fig.Number(ind.Kind); ok {
		if ind.Kind == indicator.Share {
			v = math.Round(v*10) / 10
			r.Count, r.Total = fig.Count, fig.Total
		}
		r.Value = &v
	}
	if fig.Done != nil {
		r.Text = ind.Format(fig)
	} else if fig.Text != "" {
		r.Text = fig.Text
	}
	if r.Value != nil || r.Text != "" || fig.Missing {
		r.ValueStatus = "définitive"
		if fig.Provisional {
			r.ValueStatus = "provisoire"
		}
	}
}

// partsOf: "" (the whole), the details' labels, the targets' breakdowns.
func partsOf(ind *indicator.Indicator) []string {
	parts := []string{""}
	seen := map[string]bool{"": true}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	for _, m := range ind.Values {
		for _, d := range m.Details {
			add(d.Breakdown)
		}
	}
	for _, t := range ind.Targets {
		add(t.Breakdown)
	}
	return parts
}

func hasDetail(ind *indicator.Indicator, part string) bool {
	for _, m := range ind.Values {
		if m.Detail(part) != nil {
			return true
		}
	}
	return false
}

// goalsFor: the targets of the year for this part, but a step not yet in
// force; the whole's targets also apply to a detail that has no target of
// its own.
func goalsFor(ind *indicator.Indicator, yr *Year, part string) []*Goal {
	var own, whole []*Goal
	for _, g := range yr.Goals {
		if g.T.Stepped() && g.T.Year > yr.Year {
			continue
		}
		switch g.T.Breakdown {
		case part:
			own = append(own, g)
		case "":
			whole = append(whole, g)
		}
	}
	if len(own) == 0 && part != "" {
		for _, t := range ind.Targets {
			if t.Breakdown == part {
				return nil
			}
		}
		return whole
	}
	return own
}

// partState is the state of one part against one target; the whole's
// line without a target carries the year's state.
func partState(yr *Year, part string, g *Goal, known bool) State {
	if part == "" && g == nil {
		return yr.State
	}
	for _, j := range yr.Judged {
		if j.Part == part && (g == nil || j.Goal == g) {
			return j.State
		}
	}
	switch {
	case part == "": // the whole: the year's state, from its parts when it has only parts
		return yr.State
	case !known:
		return None
	}
	return NoTarget
}
