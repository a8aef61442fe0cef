package search

import (
	"strings"

	"spaser/internal/followup"
)

// Card is an indicator's standing in a search result: what the indicator
// card of the pages shows (layouts/partials/results.html), read from the
// follow-up, for recherche.js to display the same way.
type Card struct {
	State     string   `json:"e"`           // « atteint »
	Slug      string   `json:"c"`           // the state's class: is-atteint
	Icon      string   `json:"i"`           // the state's icon path
	Value     string   `json:"v,omitempty"` // « 43,5 % », "" without a figure
	When      string   `json:"w,omitempty"` // the value's year or period
	Goals     []string `json:"g,omitempty"` // « au moins 30 % à partir de 2022 »
	Departure string   `json:"d,omitempty"` // the starting situation, without a figure
}

// card is e's standing at its latest figure (followup.Entry.Current), as
// the pages' cards show it; nil without an entry.
func card(e *followup.Entry) *Card {
	if e == nil {
		return nil
	}
	y := e.Current()
	c := &Card{State: y.State.Label(), Slug: y.State.Slug(), Icon: y.State.Icon()}
	if y.Known() {
		c.Value, c.When = y.Short, y.M.When()
	} else if len(e.Departures) > 0 {
		c.Departure = e.Departures[0]
	}
	for _, g := range e.Goals {
		c.Goals = append(c.Goals, strings.TrimSpace(g.Text+" "+g.When))
	}
	return c
}
