package status

import (
	"testing"

	"spaser/internal/indicator"
)

// Synthetic test data, not the SPASER's figures.

func f(v float64) *float64 { return &v }

func share(year int, count, total float64) *indicator.Measure {
	return &indicator.Measure{Year: year, Count: f(count), Total: f(total)}
}

func value(year int, v float64) *indicator.Measure {
	return &indicator.Measure{Year: year, Value: f(v)}
}

func TestRule(t *testing.T) {
	vfe := func(values ...*indicator.Measure) *indicator.Indicator {
		return &indicator.Indicator{ID: "vfe", Kind: indicator.Share, Direction: "up", Values: values, Targets: []indicator.Target{
			{Year: 2022, Value: 30, Label: "VFE"}, {Year: 2025, Value: 40, Label: "VFE"}, {Year: 2026, Value: 37.4, Label: "VTFE"},
		}}
	}
	hours := func(values ...*indicator.Measure) *indicator.Indicator {
		return &indicator.Indicator{ID: "h", Kind: indicator.Count, Direction: "up", Values: values, Targets: []indicator.Target{
			{Year: 2024, Value: 60000}, {Year: 2026, Value: 90000},
		}}
	}
	down := func(values ...*indicator.Measure) *indicator.Indicator {
		return &indicator.Indicator{ID: "d", Kind: indicator.Count, Direction: "down", Values: values, Targets: []indicator.Target{{Year: 2025, Value: 100}}}
	}
	cases := []struct {
		name string
		ind  *indicator.Indicator
		year int
		want State
	}{
		{"no value that year", vfe(share(2022, 40, 92)), 2023, None},
		{"no value at all", vfe(), 2022, None},
		{"no target at all", &indicator.Indicator{Kind: indicator.Share, Values: []*indicator.Measure{share(2021, 31, 100)}}, 2021, NoTarget},
		{"step in force, met", vfe(share(2022, 40, 92)), 2022, Met},
		{"step in force, missed", vfe(share(2023, 20, 100)), 2023, Late},
		{"exactly the target", vfe(share(2023, 30, 100)), 2023, Met},
		{"a hair under, shown as the target", vfe(share(2023, 2999, 10000)), 2023, Met},
		{"35 % met the 30 % step but not the 40 % one", vfe(share(2025, 35, 100)), 2025, Late},
		{"2026: both series in force, VTFE missed", vfe(share(2026, 38, 100)), 2026, Late},
		{"2026: both series met", vfe(share(2026, 45, 100)), 2026, Met},
		{"2026: only VTFE met", vfe(share(2026, 39, 100)), 2026, Late},
		{"target to come, already met", hours(value(2023, 61000)), 2023, Met},
		{"target to come, first value", hours(value(2023, 20000)), 2023, OnTrack},
		{"target to come, good pace", hours(value(2022, 20000), value(2023, 45000)), 2023, OnTrack},
		{"target to come, slow pace", hours(value(2022, 20000), value(2023, 21000)), 2023, Late},
		{"target to come, going backwards", hours(value(2022, 50000), value(2023, 40000)), 2023, Late},
		{"target due, missed although close", hours(value(2024, 59000)), 2024, Late},
		{"later step applies", hours(value(2026, 70000)), 2026, Late},
		{"earlier step met", hours(value(2025, 70000)), 2025, Met},
		{"down: under the ceiling", down(value(2025, 80)), 2025, Met},
		{"down: over the ceiling", down(value(2025, 120)), 2025, Late},
		{"down: coming down fast enough", down(value(2022, 200), value(2023, 150)), 2023, OnTrack},
		{"down: not coming down", down(value(2022, 200), value(2023, 210)), 2023, Late},
		{"provisional values count", vfe(&indicator.Measure{Year: 2022, Count: f(40), Total: f(92), Provisional: true}), 2022, Met},
		{"missing figure: not a value", vfe(&indicator.Measure{Year: 2022, Missing: true}), 2022, None},
	}
	for _, c := range cases {
		if got := Of(c.ind, c.year).State; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got.Label(), c.want.Label())
		}
	}
}

func TestBreakdowns(t *testing.T) {
	// A general target, and one for a part from 2024; values by site only.
	ind := &indicator.Indicator{Kind: indicator.Share, Direction: "up", Targets: []indicator.Target{
		{Year: 2022, Value: 50}, {Year: 2024, Value: 60, Breakdown: "Viandes"},
	}}
	site := func(year int, a, b float64, extra ...*indicator.Measure) *indicator.Measure {
		m := &indicator.Measure{Year: year, Details: []*indicator.Measure{
			{Year: year, Breakdown: "Site A", Share: f(a)}, {Year: year, Breakdown: "Site B", Share: f(b)},
		}}
		m.Details = append(m.Details, extra...)
		return m
	}
	ind.Values = []*indicator.Measure{
		site(2022, 50, 50),
		site(2023, 55, 45),
		site(2024, 55, 52, &indicator.Measure{Breakdown: "Viandes", Share: f(58)}),
		site(2025, 55, 52, &indicator.Measure{Breakdown: "Viandes", Share: f(61)}),
		site(2026, 55, 52),
	}
	want := map[int]State{2022: Met, 2023: Late, 2024: Late, 2025: Met, 2026: Met}
	for y, w := range want {
		r := Of(ind, y)
		if r.State != w {
			t.Errorf("%d: %s, want %s (%+v)", y, r.State.Label(), w.Label(), r.Series)
		}
	}
	// Each part is compared: 2023 has one site under the target.
	r := Of(ind, 2023)
	if len(r.Series) != 2 || r.Series[0].State != Met || r.Series[1].State != Late || r.Series[1].Part != "Site B" {
		t.Errorf("2023 series: %+v", r.Series)
	}
	// 2026 has no figure for Viandes: that series is not judged.
	if r := Of(ind, 2026); len(r.Series) != 2 {
		t.Errorf("2026 series: %+v", r.Series)
	}
}

func TestLabelsAndTally(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range []State{None, NoTarget, Late, OnTrack, Met} {
		if s.Label() == "" || seen[s.Label()] || seen[s.Slug()] {
			t.Errorf("state %d: label %q slug %q", s, s.Label(), s.Slug())
		}
		seen[s.Label()], seen[s.Slug()] = true, true
	}
	list := []*indicator.Indicator{
		{Kind: indicator.Count, Values: []*indicator.Measure{value(2022, 3)}},
		{Kind: indicator.Count, Values: []*indicator.Measure{value(2022, 3)}, Targets: []indicator.Target{{Year: 2022, Value: 2}}},
		{Kind: indicator.Count},
	}
	tl := TallyOf(list, 2022)
	if tl.Total != 3 || tl.Known != 2 || tl.NoTarget != 1 || tl.Met != 1 || tl.None != 1 || len(tl.Missing) != 1 || tl.Missing[0] != list[2] {
		t.Errorf("tally %+v", tl)
	}
	if _, ok := Latest(list[2]); ok {
		t.Error("Latest of an indicator without values")
	}
}

func TestGoals(t *testing.T) {
	ind := &indicator.Indicator{Targets: []indicator.Target{{Year: 2022, Value: 30, Label: "A"}, {Year: 2025, Value: 40, Label: "A"}, {Year: 2026, Value: 37.4, Label: "B"}}}
	if g := Goals(ind, 0); len(g) != 2 || g[0].Value != 30 || g[1].Value != 37.4 {
		t.Errorf("Goals(0) = %+v", g)
	}
	if g := Goals(ind, 2025); len(g) != 1 || g[0].Value != 40 {
		t.Errorf("Goals(2025) = %+v", g)
	}
	if g := Goals(ind, 2027); len(g) != 2 {
		t.Errorf("Goals(2027) = %+v", g)
	}
}
