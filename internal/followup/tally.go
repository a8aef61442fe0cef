package followup

// Tally counts the indicators of each state in a year.
type Tally struct {
	Year   int
	Total  int     // indicators
	Known  int     // with a figure that year
	None   int     // without
	Counts []Count // each state given that year, the best first
	// Published and Missing are the indicators with and without a figure
	// that year, in catalogue order.
	Published, Missing []*Entry
	// Compared are the indicators with a figure that year and an earlier
	// one to compare it with (Year.Change).
	Compared []*Entry
	// Bar is Counts then the indicators without a figure, each with its
	// place on a bar of 100: what the tally bar draws.
	Bar []Segment
}

// Segment is a state's part of the tally bar, in percent of the whole.
type Segment struct {
	Count
	From, Width float64
	Mid         float64 // the middle, where the state's icon goes
	Wide        bool    // wide enough (6 %) to hold the icon
}

// Count is the number of indicators in a state.
type Count struct {
	State State
	N     int
}

// Tally is the tally of year (an empty one for a year not followed).
func (r *Result) Tally(year int) *Tally {
	if t := r.tallies[year]; t != nil {
		return t
	}
	return &Tally{Year: year, Total: len(r.List), None: len(r.List)}
}

func (r *Result) tally(year int) *Tally {
	t := count(year, r.List, func(e *Entry) State {
		if y := e.At(year); y != nil {
			return y.State
		}
		return None
	})
	for _, e := range t.Published { // a change needs a figure that year
		if e.At(year).Change != "" {
			t.Compared = append(t.Compared, e)
		}
	}
	return t
}

// Latest counts each indicator at its latest published figure (the state
// the dashboard shows): Year is the latest year with a figure.
func (r *Result) Latest() *Tally {
	if r.latest == nil {
		return &Tally{}
	}
	return r.latest
}

func count(year int, list []*Entry, state func(*Entry) State) *Tally {
	t := &Tally{Year: year, Total: len(list)}
	n := map[State]int{}
	for _, e := range list {
		st := state(e)
		n[st]++
		if st == None {
			t.Missing = append(t.Missing, e)
		} else {
			t.Published = append(t.Published, e)
		}
	}
	t.None = n[None]
	t.Known = t.Total - t.None
	for _, s := range States() {
		if s != None && n[s] > 0 {
			t.Counts = append(t.Counts, Count{s, n[s]})
		}
	}
	t.Bar = bar(t)
	return t
}

// LatestYear is the last year with a published figure for some indicator,
// or 0.
func (r *Result) LatestYear() int {
	last := 0
	for _, e := range r.List {
		if e.Latest != nil && e.Latest.Year > last {
			last = e.Latest.Year
		}
	}
	return last
}

func bar(t *Tally) []Segment {
	if t.Total == 0 {
		return nil
	}
	counts := t.Counts
	if t.None > 0 {
		counts = append(counts[:len(counts):len(counts)], Count{None, t.None})
	}
	var out []Segment
	from := 0.0
	for _, c := range counts {
		w := 100 * float64(c.N) / float64(t.Total)
		out = append(out, Segment{Count: c, From: from, Width: w, Mid: from + w/2, Wide: w >= 6})
		from += w
	}
	return out
}
