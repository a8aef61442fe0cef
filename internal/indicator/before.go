package indicator

// LatestBefore is the latest value with a figure before year, or nil: what
// an editor filling year compares with.
func (ind *Indicator) LatestBefore(year int) *Measure {
	for i := len(ind.Values) - 1; i >= 0; i-- {
		if m := ind.Values[i]; m.Year < year && m.Known() {
			return m
		}
	}
	return nil
}

// PartsBefore are the breakdowns of the latest year before year that had
// some: the parts a new year is likely to give again.
func (ind *Indicator) PartsBefore(year int) []string {
	for i := len(ind.Values) - 1; i >= 0; i-- {
		if v := ind.Values[i]; v.Year < year && len(v.Details) > 0 {
			out := make([]string, len(v.Details))
			for j, d := range v.Details {
				out[j] = d.Breakdown
			}
			return out
		}
	}
	return nil
}
