package figures

import (
	"html/template"
	"testing"

	"spaser/internal/chart"
)

// TestPairByIdentity: each figure gets the wide drawing of its own chart,
// whatever the order the drawings were made in.
func TestPairByIdentity(t *testing.T) {
	a := &chart.Spec{For: "a", Width: chart.Narrow, Wide: &chart.Spec{For: "a", Width: chart.Wide}}
	b := &chart.Spec{For: "b", Width: chart.Narrow, Wide: &chart.Spec{For: "b", Width: chart.Wide}}
	specs := []*chart.Spec{b.Wide, a, b, a.Wide}
	figs := make([]*chart.Figure, len(specs))
	for i, sp := range specs {
		figs[i] = &chart.Figure{Spec: sp, SVG: template.HTML(sp.For + "-" + map[int]string{chart.Narrow: "narrow", chart.Wide: "wide"}[sp.Width])}
	}
	got := pair([]*chart.Spec{a, b}, specs, figs)
	if len(got) != 2 {
		t.Fatalf("%d figures, want 2", len(got))
	}
	for _, id := range []string{"a", "b"} {
		f := got[id]
		if f == nil || f.Spec.For != id || f.SVG != template.HTML(id+"-narrow") || f.WideSVG != template.HTML(id+"-wide") {
			t.Errorf("figure %s: %+v", id, f)
		}
	}
}
