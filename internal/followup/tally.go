package followup

// Tally counts the indicators of each state in a year.
type Tally struct {
	Year    int
	Total   int     // indicators
	Known   int     // with a figure that year
	None    int     // without
	Counts  []Count // each state given that year, the best first
	Missing []*Entry
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
	t := &Tally{Year: year, Total: len(r.List)}
	n := map[State]int{}
	for _, e := range r.List {
		st := None
		if y := e.At(year); y != nil {
			st = y.State
		}
		n[st]++
		if st == None {
			t.Missing = append(t.Missing, e)
		}
	}
	t.None = n[None]
	t.Known = t.Total - t.None
	for _, s := range States() {
		if s != None && n[s] > 0 {
			t.Counts = append(t.Counts, Count{s, n[s]})
		}
	}
	return t
}
