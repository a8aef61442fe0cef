package chart

import (
	"context"
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"spaser/internal/echarts"
	"spaser/internal/indicator"
)

// Synthetic test data, not the SPASER's figures: the shapes the review
// found hard to read.
func geometryCases() map[string]*indicator.Indicator {
	sites := &indicator.Indicator{ID: "sites", Label: "Produits durables", Kind: indicator.Share, Unit: indicator.Units["produits"],
		Targets:   []indicator.Target{{Year: 2022, Value: 50}, {Year: 2024, Value: 60, Breakdown: "Viandes et poissons"}},
		Baselines: []*indicator.Measure{{Period: "2023", Breakdown: "Viandes et poissons", Share: f(60)}},
		Values: []*indicator.Measure{{Year: 2022, Details: []*indicator.Measure{
			{Breakdown: "Restaurants du personnel", Share: f(50)}, {Breakdown: "Crèches et foyers", Share: f(50)}, {Breakdown: "Collèges", Share: f(48.5)}}}},
	}
	hours := &indicator.Indicator{ID: "heures", Label: "Heures", Kind: indicator.Count, Unit: indicator.Units["heures"],
		Targets: []indicator.Target{{Year: 2024, Value: 60000}, {Year: 2026, Value: 90000}},
		Values:  []*indicator.Measure{{Year: 2021, Value: f(51234)}, {Year: 2022, Value: f(61234), Provisional: true}, {Year: 2025, Value: f(89000)}},
	}
	every := &indicator.Indicator{ID: "every", Label: "Marchés", Kind: indicator.Share, Unit: indicator.Units["marches"],
		Targets: []indicator.Target{{Year: 2021, Value: 27}}, Baselines: []*indicator.Measure{{Period: "2020", Share: f(27)}}}
	for y := 2021; y <= 2028; y++ {
		every.Values = append(every.Values, &indicator.Measure{Year: y, Share: f(float64(20 + y%7)),
			Details: []*indicator.Measure{{Breakdown: "A", Share: f(float64(18 + y%5))}, {Breakdown: "B", Share: f(float64(30 - y%4))}}})
	}
	return map[string]*indicator.Indicator{"vehicles": vehicles(), "sites": sites, "hours": hours, "every": every}
}

// svgText is a text drawn by ECharts, with its estimated extent.
type svgText struct {
	text string
	b    box
	size float64
}

var translateRe = regexp.MustCompile(`^translate\(([-0-9.e]+)[ ,]([-0-9.e]+)\)$`)
var fontSizeRe = regexp.MustCompile(`font-size:([0-9.]+)px`)

// texts reads the texts of an SVG drawn by ECharts: their position
// (translate plus x, y), anchor and size. A rotated text is an error.
func texts(t *testing.T, svg string) []svgText {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var out []svgText
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "text" {
			continue
		}
		var tx, ty, x, y, size float64
		anchor := "start"
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "transform":
				m := translateRe.FindStringSubmatch(a.Value)
				if m == nil {
					t.Errorf("text transformed by %q (rotated?)", a.Value)
					continue
				}
				tx, _ = strconv.ParseFloat(m[1], 64)
				ty, _ = strconv.ParseFloat(m[2], 64)
			case "x":
				x, _ = strconv.ParseFloat(a.Value, 64)
			case "y":
				y, _ = strconv.ParseFloat(a.Value, 64)
			case "text-anchor":
				anchor = a.Value
			case "style":
				if m := fontSizeRe.FindStringSubmatch(a.Value); m != nil {
					size, _ = strconv.ParseFloat(m[1], 64)
				}
			}
		}
		var content string
		if c, err := d.Token(); err == nil {
			if cd, ok := c.(xml.CharData); ok {
				content = string(cd)
			}
		}
		w := textWidth(content, size)
		cx, cy := tx+x, ty+y // dominant-baseline: central
		x0 := cx
		switch anchor {
		case "middle":
			x0 = cx - w/2
		case "end":
			x0 = cx - w
		}
		out = append(out, svgText{content, box{x0, cy - size/2, x0 + w, cy + size/2}, size})
	}
	return out
}

// TestLabelsNeverOverlap draws charts of the shapes that went wrong and
// measures their texts on the SVG, both drawings: all horizontal, at
// least 12 CSS px where the drawing is shown narrowest (the narrow one in
// the 288 px text column of a 320 px phone, the wide one from a 40rem
// window, a 608 px column: style.css), inside the chart, no two
// overlapping.
func TestLabelsNeverOverlap(t *testing.T) {
	r := &echarts.Renderer{Cache: t.TempDir()}
	cases := geometryCases()
	var names []string
	var reqs [][]byte
	var specs []*Spec
	for name, ind := range cases {
		narrow := mustBuild(t, ind)
		for _, s := range []*Spec{narrow, narrow.Wide} {
			req, err := s.Request()
			if err != nil {
				t.Fatal(err)
			}
			names, reqs, specs = append(names, fmt.Sprint(name, " ", s.Width)), append(reqs, req), append(specs, s)
		}
	}
	shown := map[int]float64{Narrow: 288, Wide: 608} // narrowest CSS width
	svgs, _, err := r.Render(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, svg := range svgs {
		ts := texts(t, string(svg))
		if len(ts) < 10 {
			t.Fatalf("%s: %d texts", names[i], len(ts))
		}
		labels, years := 0, 0
		for j, a := range ts {
			if px := a.size * shown[specs[i].Width] / float64(specs[i].Width); px < 12 {
				t.Errorf("%s: %q at %.1f CSS px", names[i], a.text, px)
			}
			if a.b.x0 < 0 || a.b.x1 > float64(specs[i].Width)+1 || a.b.y0 < 0 || a.b.y1 > float64(specs[i].Height)+1 {
				t.Errorf("%s: %q outside the chart: %+v", names[i], a.text, a.b)
			}
			if strings.HasPrefix(a.text, "Obj.") || strings.HasPrefix(a.text, "Réf.") {
				labels++
			}
			if y, err := strconv.Atoi(a.text); err == nil && y >= specs[i].Years[0] && y <= specs[i].Years[len(specs[i].Years)-1] {
				years++
			}
			for _, b := range ts[j+1:] {
				if a.b.overlaps(b.b) {
					t.Errorf("%s: %q %+v overlaps %q %+v", names[i], a.text, a.b, b.text, b.b)
				}
			}
		}
		if testing.Verbose() {
			for _, a := range ts {
				fmt.Printf("%s: %q %.0f,%.0f-%.0f,%.0f\n", names[i], a.text, a.b.x0, a.b.y0, a.b.x1, a.b.y1)
			}
		}
		if n := len(specs[i].Years); years < (n+specs[i].yearsSkipped())/(specs[i].yearsSkipped()+1) {
			t.Errorf("%s: %d of %d years labelled (one in %d expected)", names[i], years, n, specs[i].yearsSkipped()+1)
		}
		if want := len(specs[i].names("target")) + len(specs[i].names("baseline")); labels != want {
			t.Errorf("%s: %d line labels, want %d (every target and baseline labelled directly)", names[i], labels, want)
		}
	}
}
