package followup

import (
	"math"
	"slices"

	"spaser/internal/indicator"
)

// Result is the follow-up of every indicator.
type Result struct {
	Years []int // the years followed, ascending
	// Calendar dates the figures: each year's publication, the next one due.
	Calendar *Calendar
	List     []*Entry // in catalogue order
	byID     map[string]*Entry
	tallies  map[int]*Tally
	latest   *Tally // each indicator at its latest figure
}

// Entry is the follow-up of one indicator.
type Entry struct {
	Ind    *indicator.Indicator
	Years  []*Year // one per year of Result.Years
	Latest *Year   // the last year with a published figure, or nil
	// Goals are every target of the indicator, worded, in the order of
	// their years, with the absolute figure of a relative target once its
	// starting figure is known.
	Goals []*Goal
	// Departures are the baselines, worded: « situation de départ ».
	Departures []string
	Series     []Series // what the chart draws; nil: no chart
	Summary    string   // the chart's written summary
	Rows       []Row    // the open-data lines
	Trend      *Trend   // the whole's figures over the years
}

// Year is the standing of an indicator in a year.
type Year struct {
	Year     int
	M        *indicator.Measure // the year's value; nil when none
	Figure   string             // the value in words, « non renseigné » when none
	Short    string             // the value briefly (a share alone), for lists
	Subsets  []string           // « dont 19,7 % de produits bio »
	Goals    []*Goal            // the targets that apply that year, one per series
	Judged   []Judged           // each target compared with each figure
	State    State
	Sentence string // the figure, the target and the status in one sentence
	Change   string // since the previous published figure; "" without one
	Since    string // since the starting situation (startOf); "" without one
}

// Known reports whether the year has a published figure.
func (y *Year) Known() bool { return y != nil && y.State != None }

// Goal is a target worded, with its figure once it is known.
type Goal struct {
	T        indicator.Target
	Aim      float64 // the figure to reach (a relative target's absolute figure)
	Resolved bool    // Aim is known: false for a relative target without its starting figure
	Base     *Point  // a relative target's starting figure
	Text     string  // « au moins 30 % (VFE) », « doubler : de 12 à 24 marchés »
	When     string  // « à partir de 2022 », « d'ici fin 2025 »
}

// Judged is a target compared with a figure: the whole's, or a part's.
type Judged struct {
	Goal     *Goal
	Part     string  // the detail compared, "" for the whole
	Figure   float64 // the figure compared
	Expected *Point  // before the deadline: where the path stands that year
	Start    *Point  // the starting figure of the path
	State    State
}

// Point is a figure of a year.
type Point struct {
	Year  int
	Value float64
}

// Of is the entry of ind, or nil.
func (r *Result) Of(ind *indicator.Indicator) *Entry {
	if r == nil || ind == nil {
		return nil
	}
	return r.byID[ind.ID]
}

// At is the standing of the entry in year, or nil for a year not followed.
func (e *Entry) At(year int) *Year {
	for _, y := range e.Years {
		if y.Year == year {
			return y
		}
	}
	return nil
}

// Current is the latest year with a figure, or the last year followed when
// there is none: what a card shows.
func (e *Entry) Current() *Year {
	if e.Latest != nil {
		return e.Latest
	}
	if len(e.Years) == 0 {
		return &Year{State: None, Figure: "non renseigné"}
	}
	return e.Years[len(e.Years)-1]
}

// Later are the targets whose year comes after y's, but those y is
// already compared with.
func (e *Entry) Later(y *Year) []*Goal {
	var out []*Goal
	for _, g := range e.Goals {
		if g.T.Due() > y.Year && !slices.Contains(y.Goals, g) {
			out = append(out, g)
		}
	}
	return out
}

// HasChart reports whether the indicator has something to chart.
func (e *Entry) HasChart() bool { return len(e.Series) > 0 }

// Same reports whether a and b are equal to the precision shown on the site
// (a tenth): a figure at its target's level has reached it.
func Same(a, b float64) bool { return math.Abs(a-b) < 0.05 }
