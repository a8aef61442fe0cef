package render

import (
	"spaser/internal/followup"
	"spaser/internal/indicator"
	"spaser/internal/site"
)

// StateSection is the dashboard's section of one state: the indicators
// whose latest standing (followup.Entry.Current) is in it, grouped by the
// schema's levels as site.DashboardGroups groups them.
type StateSection struct {
	followup.Count
	Groups []DashGroup
}

// DashGroup is the indicators of one state that one schema page follows:
// an axe (Page.Level 1), an enjeu (Level 2), or nil for those no schema
// page follows.
type DashGroup struct {
	Page    *site.Page
	Entries []*followup.Entry
}

// Sections are the dashboard's sections, in the order of the tally bar
// (the states given, best first, then the indicators without a figure).
// The states are the follow-up's; this only sorts the entries.
func (v View) Sections() ([]StateSection, error) {
	bar := v.Standing().Bar
	out := make([]StateSection, len(bar))
	at := map[followup.State]int{}
	for i, seg := range bar {
		out[i].Count = seg.Count
		at[seg.State] = i
	}
	// add sorts the indicators of one group into their states' sections,
	// looking each up once.
	add := func(p *site.Page, inds []*indicator.Indicator) error {
		byState := make([][]*followup.Entry, len(out))
		for _, ind := range inds {
			e, err := v.Follow(ind)
			if err != nil {
				return err
			}
			if i, ok := at[e.Current().State]; ok {
				byState[i] = append(byState[i], e)
			}
		}
		for i, es := range byState {
			if len(es) > 0 {
				out[i].Groups = append(out[i].Groups, DashGroup{Page: p, Entries: es})
			}
		}
		return nil
	}
	for _, a := range v.Site.DashboardGroups() {
		if err := add(a.Page, a.Indicators); err != nil {
			return nil, err
		}
		for _, e := range a.Enjeux {
			if err := add(e.Page, e.Indicators); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Figured reports whether the section's indicators have a figure: every
// state but followup.None.
func (s StateSection) Figured() bool { return s.State != followup.None }
