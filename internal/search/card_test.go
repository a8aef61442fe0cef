package search

import (
	"encoding/json"
	"strings"
	"testing"

	"spaser/internal/followup"
	"spaser/internal/indicator"
)

func ptr(v float64) *float64 { return &v }

// TestCard: an indicator's entry carries what its card shows, read from
// the follow-up: the state at the latest figure, that figure and the
// targets; without a figure, the starting situation instead.
func TestCard(t *testing.T) {
	synthetic := &indicator.Indicator{ID: "vfe", Kind: indicator.Share, Unit: indicator.Units["vehicules"], Direction: "up",
		Targets: []indicator.Target{{Year: 2022, Value: 30}},
		Values:  []*indicator.Measure{{Year: 2021, Count: ptr(30), Total: ptr(100)}, {Year: 2022, Count: ptr(35), Total: ptr(100)}}}
	empty := &indicator.Indicator{ID: "parc", Kind: indicator.Share, Unit: indicator.Units["vehicules"], Direction: "up",
		Baselines: []*indicator.Measure{{Year: 2023, Count: ptr(93), Total: ptr(929)}}}
	r := followup.Compute(&indicator.Catalogue{List: []*indicator.Indicator{synthetic, empty}}, []int{2021, 2022})

	got := card(r.Of(synthetic))
	y := r.Of(synthetic).Current()
	if got.State != y.State.Label() || got.Slug != y.State.Slug() || got.Value != y.Short || got.When != "2022" || got.Departure != "" {
		t.Errorf("card of a figure: %+v (follow-up: %s, %s)", got, y.State.Label(), y.Short)
	}
	if len(got.Goals) != 1 || !strings.Contains(got.Goals[0], "30") || !strings.Contains(got.Goals[0], "2022") {
		t.Errorf("goals: %q", got.Goals)
	}
	got = card(r.Of(empty))
	if got.State != followup.None.Label() || got.Value != "" || got.Goals != nil || got.Departure != r.Of(empty).Departures[0] {
		t.Errorf("card without a figure: %+v", got)
	}
	if card(nil) != nil {
		t.Error("card(nil) is not nil")
	}
	b, err := json.Marshal(Entry{URL: "/x/", Title: "x", Card: got})
	if err != nil || !strings.Contains(string(b), `"k":{"e":"non renseigné"`) {
		t.Errorf("entry: %s, %v", b, err)
	}
}
