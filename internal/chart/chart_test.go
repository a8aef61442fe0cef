package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"spaser/internal/followup"
	"spaser/internal/indicator"
)

// Synthetic test data, not the SPASER's figures.

func f(v float64) *float64 { return &v }

// entry is the follow-up of ind alone.
func entry(ind *indicator.Indicator, yrs []int) *followup.Entry {
	return followup.Compute(&indicator.Catalogue{List: []*indicator.Indicator{ind}}, yrs).List[0]
}

// build charts ind alone.
func build(ind *indicator.Indicator, yrs []int) (*Spec, error) { return Build(entry(ind, yrs), yrs) }

func years(from, to int) []int {
	var out []int
	for y := from; y <= to; y++ {
		out = append(out, y)
	}
	return out
}

func vehicles() *indicator.Indicator {
	return &indicator.Indicator{ID: "vfe", Label: "Véhicules", Kind: indicator.Share, Unit: indicator.Units["vehicules"], Direction: "up",
		Targets: []indicator.Target{{Year: 2022, Value: 30, Label: "VFE"}, {Year: 2025, Value: 40, Label: "VFE"}, {Year: 2026, Value: 37.4, Label: "VTFE"}},
		Values:  []*indicator.Measure{{Year: 2022, Count: f(40), Total: f(92)}},
	}
}

// option decodes the options of a spec.
func option(t *testing.T, s *Spec) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(s.Option, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOptions(t *testing.T) {
	s, err := build(vehicles(), years(2021, 2028))
	if err != nil || s == nil {
		t.Fatal(s, err)
	}
	if s.ID != "graphique-vfe" || s.For != "vfe" {
		t.Errorf("ids %q %q", s.ID, s.For)
	}
	if s.Width != Narrow || s.Wide == nil || s.Wide.Width != Wide || s.Wide.ID != s.ID+"-large" || s.Wide.Caption != s.Caption {
		t.Fatalf("drawings: %d, %+v", s.Width, s.Wide)
	}
	s = s.Wide // eight years: the narrow drawing has no room for bar labels
	m := option(t, s)
	series := m["series"].([]any)
	if len(series) != 3 {
		t.Fatalf("%d series", len(series))
	}
	bar := series[0].(map[string]any)
	if bar["type"] != "bar" || bar["name"] != "Valeur publiée" {
		t.Errorf("first series: %v", bar)
	}
	data := bar["data"].([]any)
	if data[0].(map[string]any)["value"] != "-" || data[1].(map[string]any)["value"] != 43.478261 {
		t.Errorf("bar data: %v", data)
	}
	if lb := data[1].(map[string]any)["label"].(map[string]any)["formatter"]; lb != "43,5" {
		t.Errorf("bar label %q", lb)
	}
	if strings.Contains(string(s.Option), `"decal":{"dashArrayX"`) || data[1].(map[string]any)["itemStyle"] != nil {
		t.Error("a final value has no pattern")
	}
	vfe, vtfe := series[1].(map[string]any), series[2].(map[string]any)
	if vfe["step"] != "middle" || vfe["name"] != "Objectif VFE" || vtfe["name"] != "Objectif VTFE" {
		t.Errorf("targets: %v / %v", vfe, vtfe)
	}
	// Stepped: 30 until 2024, 40 from 2025; nothing before 2022.
	want := []any{"-", 30.0, 30.0, 30.0, 40.0, 40.0, 40.0, 40.0}
	for i, d := range vfe["data"].([]any) {
		if d.(map[string]any)["value"] != want[i] {
			t.Errorf("VFE %d: %v, want %v", 2021+i, d, want[i])
		}
	}
	if vfe["symbol"] == vtfe["symbol"] || vfe["lineStyle"].(map[string]any)["type"] == vtfe["lineStyle"].(map[string]any)["type"] {
		t.Error("target series must differ by symbol and line type, not only by colour")
	}
	y := m["yAxis"].([]any)[0].(map[string]any)
	if y["max"].(float64) < 43.5 || y["max"].(float64) > 100 || y["min"] != 0.0 {
		t.Errorf("y axis %v", y)
	}
	if y["name"] != "% des véhicules" {
		t.Errorf("axis name %q", y["name"])
	}
	for _, k := range []string{"tooltip", "toolbox", "title"} {
		if _, ok := m[k]; ok {
			t.Errorf("%s kept", k)
		}
	}
	if !bytes.Equal(s.Option, mustBuild(t, vehicles()).Wide.Option) {
		t.Error("options differ between two builds")
	}
	if s.YLabels[len(s.YLabels)-1][0].(float64) != y["max"].(float64) {
		t.Errorf("labels %v end below the max %v", s.YLabels, y["max"])
	}
}

func mustBuild(t *testing.T, ind *indicator.Indicator) *Spec {
	t.Helper()
	s, err := build(ind, years(2021, 2028))
	if err != nil || s == nil {
		t.Fatal(s, err)
	}
	return s
}

// The y axis covers every value, target and baseline (ECharts drops a mark
// line outside it), with round French labels.
func TestScale(t *testing.T) {
	for _, c := range []struct {
		ind        *indicator.Indicator
		max, step  float64
		firstLabel string
		lastLabel  string
	}{
		{&indicator.Indicator{Kind: indicator.Count, Unit: indicator.Units["heures"], Targets: []indicator.Target{{Year: 2024, Value: 60000}, {Year: 2026, Value: 90000}}}, 100000, 20000, "0", "100\u202f000"},
		{&indicator.Indicator{Kind: indicator.Share, Unit: indicator.Units["marches"], Baselines: []*indicator.Measure{{Period: "avant", Share: f(41)}}, Targets: []indicator.Target{{Year: 2026, Value: 100}}}, 100, 20, "0\u202f%", "100\u202f%"},
		// A share is drawn on 0-100 %, even when all is under 10 %.
		{&indicator.Indicator{Kind: indicator.Share, Unit: indicator.Units["vehicules"], Baselines: []*indicator.Measure{{Period: "x", Count: f(93), Total: f(929)}}}, 100, 20, "0\u202f%", "100\u202f%"},
		{&indicator.Indicator{Kind: indicator.Value, Unit: indicator.Units["euros_ht"], Values: []*indicator.Measure{{Year: 2023, Value: f(1234.5)}}}, 1500, 500, "0", "1500"},
	} {
		s := mustBuild(t, c.ind)
		if s.Max != c.max || s.Step != c.step {
			t.Errorf("%v: max %v step %v, want %v %v", c.ind.Unit.ID, s.Max, s.Step, c.max, c.step)
		}
		if s.YLabels[0][1] != c.firstLabel || s.YLabels[len(s.YLabels)-1][1] != c.lastLabel {
			t.Errorf("%v: labels %v", c.ind.Unit.ID, s.YLabels)
		}
	}
}

func TestLongSeriesIsALine(t *testing.T) {
	ind := &indicator.Indicator{Kind: indicator.Count, Unit: indicator.Units["marches"]}
	for y := 2010; y <= 2028; y++ {
		ind.Values = append(ind.Values, &indicator.Measure{Year: y, Value: f(float64(y - 2000))})
	}
	s, _ := build(ind, years(2010, 2028))
	if !s.Line {
		t.Fatal("a long series is drawn as a line")
	}
	if strings.Contains(string(s.Option), `"type":"bar"`) {
		t.Error("no bar in a long series")
	}
}

// TestPlottedIsTabled: the chart shows the figures that the page's table
// shows (RGAA 1.7): same source, same numbers, year by year.
func TestPlottedIsTabled(t *testing.T) {
	ind := vehicles()
	s := mustBuild(t, ind)
	for _, se := range s.Series {
		for i, v := range se.Values {
			y := s.Years[i]
			switch se.Kind {
			case "value":
				m := ind.ValueAt(y)
				n, ok := 0.0, false
				if m != nil {
					n, ok = m.Number(ind.Kind)
				}
				if ok != (v != nil) || ok && math.Abs(n-*v) > 1e-9 {
					t.Errorf("%d: plotted %v, table %v", y, v, n)
				}
			case "target":
				var in *float64
				for _, g := range entry(ind, s.Years).At(y).Goals {
					if "Objectif "+g.T.Label == se.Name && g.T.Year <= y {
						in = f(g.Aim)
					}
				}
				if (in == nil) != (v == nil) || in != nil && *in != *v {
					t.Errorf("%s %d: plotted %v, table %v", se.Name, y, v, in)
				}
			}
		}
	}
}

// luminance and contrast follow WCAG 2.1.
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(v) / 255
		if x <= 0.03928 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrast(t *testing.T) {
	if c := contrast(TextColor, "#ffffff"); c < 4.5 {
		t.Errorf("text %s: %.2f:1 on white, needs 4.5:1", TextColor, c)
	}
	graphics := append(append([]string{AxisColor, BaselineColor}, ValueColors...), TargetColors...)
	for _, c := range graphics {
		if r := contrast(c, "#ffffff"); r < 3 {
			t.Errorf("graphic %s: %.2f:1 on white, needs 3:1", c, r)
		}
	}
	// Every colour written in the options is one of those (or the light
	// grid, a reading aid only, or a decal's white).
	allowed := map[string]bool{GridColor: true, TextColor: true}
	for _, c := range graphics {
		allowed[c] = true
	}
	s := mustBuild(t, vehicles())
	var walk func(k string, v any)
	walk = func(k string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, v := range x {
				walk(k, v)
			}
		case []any:
			for _, v := range x {
				walk(k, v)
			}
		case string:
			if k == "color" && !allowed[x] && !strings.HasPrefix(x, "rgba(255,255,255") {
				t.Errorf("colour %s not checked for contrast", x)
			}
		}
	}
	walk("", option(t, s))
}

func TestCleanRenames(t *testing.T) {
	raw := `<svg width="400" height="300" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 400 300">
<rect width="400" height="300" fill="none"></rect>
<path d="M0 0L1 1" fill="url(#zr7-p0)" class="zr7-cls-0" ecmeta_series_index="0" pointer-events="visible"></path>
<text style="font-size:13px;font-family:sans-serif;" xml:space="preserve" fill="#333">2022 &amp; après</text>
<defs><pattern id="zr7-p0" width="1" height="7" patternUnits="userSpaceOnUse"><path d="M0 0l1 0" fill="#fff"></path></pattern></defs>
<style><![CDATA[.zr7-cls-0:hover{cursor:pointer}]]></style>
</svg>`
	got, err := Clean([]byte(raw), "g1", [][2]string{{"role", "img"}, {"aria-labelledby", "t"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg viewBox="0 0 400 300" role="img" aria-labelledby="t"><rect width="400" height="300" fill="none"></rect><path d="M0 0L1 1" fill="url(#g1-p0)"></path><text font-size="13px" font-family="sans-serif" fill="#333">2022 &amp; après</text><defs><pattern id="g1-p0" width="1" height="7" patternUnits="userSpaceOnUse"><path d="M0 0l1 0" fill="#fff"></path></pattern></defs></svg>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCleanRefuses(t *testing.T) {
	for _, raw := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><path fill="url(https://example.org/#x)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><text style="font-family:"a"</text></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0" fill="red" <x</svg>`,
		`<html><svg/></html>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><g>`,
		``,
	} {
		if out, err := Clean([]byte(raw), "g", nil); err == nil {
			t.Errorf("accepted %q → %q", raw, out)
		}
	}
	// Event handlers and unknown attributes are dropped, not copied.
	out, err := Clean([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><path onclick="alert(1)" d="M0 0" data-x="1"/></svg>`), "g", nil)
	if err != nil || strings.Contains(out, "alert") || strings.Contains(out, "data-x") {
		t.Errorf("%q, %v", out, err)
	}
}

// checkInert fails the test unless svg passes Check, and returns its text.
func checkInert(t *testing.T, svg string) string {
	t.Helper()
	text, err := Check(svg)
	if err != nil {
		t.Fatalf("%v\n%s", err, svg)
	}
	return text
}

func TestFuzzSeeds(t *testing.T) {
	for _, s := range fuzzSeeds {
		if out, err := Clean([]byte(s), "g", nil); err == nil {
			checkInert(t, out)
		}
	}
}

var fuzzSeeds = []string{
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text style="font-size:12px">a &lt;b&gt;</text></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="zr0-c0"><path d="M0 0"/></clipPath></defs><g clip-path="url(#zr0-c0)"/></svg>`,
	`<svg xmlns="http://www.w3.org/2000/svg"><text style="font-family:&quot;x&quot;;fill:url(#a)">t</text></svg>`,
}

// FuzzClean: whatever the input, Clean either refuses it or returns an
// inert, well-formed SVG.
func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out, err := Clean([]byte(raw), "g", [][2]string{{"role", "img"}})
		if err != nil {
			return
		}
		checkInert(t, out)
	})
}

func TestCheckRejects(t *testing.T) {
	for _, svg := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><rect onload="x()"/></svg>`,
		`<svg><rect fill="url(https://ailleurs.fr/#a)"/></svg>`,
		`<svg><rect style="fill:red"/></svg>`,
		`<svg><rect></svg>`,
	} {
		if _, err := Check(svg); err == nil {
			t.Errorf("Check accepted %s", svg)
		}
	}
	if text, err := Check(`<svg><defs><pattern id="a"/></defs><rect fill="url(#a)"/><text>43,5 %</text></svg>`); err != nil || text != "43,5 %" {
		t.Errorf("Check = %q, %v", text, err)
	}
}

// TestPartTargetApart: a target and a baseline about a part (meat and
// fish) are not drawn against the whole's values, and the caption says
// so; beside values of that part, the target is drawn.
func TestPartTargetApart(t *testing.T) {
	ind := &indicator.Indicator{ID: "durables", Label: "Produits durables", Kind: indicator.Share, Unit: indicator.Units["produits"], Direction: "up",
		Targets:   []indicator.Target{{Year: 2022, Value: 50}, {Year: 2024, Value: 60, Breakdown: "Viandes et poissons"}},
		Baselines: []*indicator.Measure{{Period: "avant", Share: f(60), Breakdown: "Viandes et poissons"}},
		Values:    []*indicator.Measure{{Year: 2023, Count: f(27), Total: f(100)}},
	}
	s := mustBuild(t, ind)
	for _, se := range s.Series {
		if se.Breakdown != "" {
			t.Errorf("%q drawn against the whole's values", se.Name)
		}
	}
	if len(s.names("target")) != 1 || len(s.Apart) != 1 || !strings.Contains(s.Caption, "«\u00a0Viandes et poissons\u00a0» seulement n’est pas tracé") {
		t.Errorf("targets %v, apart %v, caption %q", s.names("target"), s.Apart, s.Caption)
	}
	ind.Values[0].Details = []*indicator.Measure{{Breakdown: "Viandes et poissons", Count: f(7), Total: f(10)}}
	s = mustBuild(t, ind)
	if len(s.names("target")) != 2 || len(s.Apart) != 0 || strings.Contains(s.Caption, "pas tracé") {
		t.Errorf("with the part's values: targets %v, apart %v, caption %q", s.names("target"), s.Apart, s.Caption)
	}
}
