package render

import (
	"html/template"
	"strings"

	"spaser/internal/chart"
	"spaser/internal/typo"

	"spaser/internal/indicator"
	"spaser/internal/opendata"
	"spaser/internal/status"
)

// followUpFuncs are the template functions of the follow-up pages: the
// status of an indicator, the tallies of the home page and the reports,
// the open data columns.
func followUpFuncs() template.FuncMap {
	return template.FuncMap{
		// status returns the standing of an indicator in a year.
		"status": status.Of,
		// latestStatus returns the standing in the last year with a value
		// (State is « non renseigné » when there is none).
		"latestStatus": func(ind *indicator.Indicator) status.Result {
			r, _ := status.Latest(ind)
			return r
		},
		// tally counts the indicators of each state in a year.
		"tally":       status.TallyOf,
		"dataColumns": func() []opendata.Column { return opendata.Columns },
		"decpColumns": func() []opendata.Column { return opendata.DECPColumns },
		"licence":     func() string { return opendata.Licence },
		"licenceURL":  func() string { return opendata.LicenceURL },
		// goalsFor: the targets that the latest figure is compared with, or
		// the first targets when there is no figure yet.
		"goalsFor": func(ind *indicator.Indicator) []indicator.Target {
			if m := ind.Latest(); m != nil {
				return status.Goals(ind, m.Year)
			}
			return status.Goals(ind, 0)
		},
		"goalsAt":  status.Goals,
		"hasChart": chart.Has,
		// compact writes a figure briefly: the share alone for a share
		// indicator, each part for details.
		"compact": compact,
		// states lists the states, best first, for the legends.
		"states": func() []status.State {
			return []status.State{status.Met, status.OnTrack, status.Late, status.NoTarget, status.None}
		},
	}
}

func compact(ind *indicator.Indicator, m *indicator.Measure) string {
	if m == nil {
		return "non renseignée"
	}
	if m.Missing {
		return "à publier"
	}
	if v, ok := m.Number(ind.Kind); ok {
		return ind.FormatNumber(v)
	}
	var parts []string
	for _, d := range m.Details {
		if v, ok := d.Number(ind.Kind); ok {
			parts = append(parts, typo.Text(d.Breakdown)+"\u00a0: "+ind.FormatNumber(v))
		}
	}
	if len(parts) == 0 {
		return "non renseignée"
	}
	return strings.Join(parts, "\u202f; ")
}
