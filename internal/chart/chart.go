// Package chart turns an indicator into the options of an Apache ECharts
// chart, built with go-echarts and serialized with encoding/json, and
// writes its French caption and summary. Drawing the SVG is the job of
// internal/echarts; cleaning it for a page is Clean's (svg.go).
package chart

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"spaser/internal/followup"
	"spaser/internal/indicator"
	"spaser/internal/typo"
)

// Drawing constants. Sizes are in SVG units. A chart is drawn twice, and
// CSS shows one (style.css, « Graphiques »): Narrow for phones, scaled to
// the text column, whose 14-unit text is 12 CSS px at 320 px (a 288 px
// column) and at most 20 px (the drawing stops at 30rem); Wide from 40rem
// on, 15,4 px at the 44rem text column and never under 12 px.
const (
	Narrow    = 336
	Wide      = 640
	plotTop   = 44
	plotH     = 190
	xLabelsH  = 34
	legendRow = 22
	fontSize  = 14
	fontStack = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif" // no quotes: ECharts does not escape them in style attributes
	// LongSeries is the number of years from which values are drawn as a
	// line rather than bars.
	LongSeries = 12
)

// Colours, all at least 3:1 against the white background (graphics), and
// 4.5:1 for text (see chart_test.go).
var (
	TextColor     = "#1d1d1b"
	AxisColor     = "#4a4a46"
	GridColor     = "#c9cec9" // light split lines: a reading aid, not information
	ValueColors   = []string{"#0b5d4b", "#3a4f8f", "#7a3b0c", "#5b2a6e"}
	TargetColors  = []string{"#b3410e", "#6a1b9a", "#00567a", "#6b5300"}
	BaselineColor = "#4a4a46"
	// decal is the pattern of provisional or estimated values: hatching,
	// as statistical offices draw them (never to tell series apart).
	decal         = map[string]any{"symbol": "rect", "symbolSize": 1, "dashArrayX": []any{1, 0}, "dashArrayY": []any{3, 5}, "rotation": -math.Pi / 4, "color": "rgba(255,255,255,0.6)"}
	targetLines   = []any{"dashed", "dotted", []any{10, 3, 2, 3}, "solid"}
	targetSymbols = []string{"triangle", "diamond", "rect", "circle"}
)

// Series is one plotted series, computed by internal/followup (the table
// beside the chart shows the same figures).
type Series = followup.Series

// Spec is a chart ready to render.
type Spec struct {
	ID      string // fixed: "graphique-" + indicator id; prefixes the SVG's ids
	Width   int    // Narrow or Wide
	Wide    *Spec  // the same chart drawn Wide (nil on the wide one)
	For     string // the indicator's id
	Years   []int
	Series  []Series
	Unit    string // the y axis name
	Max     float64
	Step    float64
	Height  int
	Option  []byte   // ECharts options, JSON
	YLabels [][2]any // the y axis labels, French: [value, text]
	Line    bool     // values drawn as a line (long series)
	Caption string   // figure caption, French
	// Apart are the parts (breakdowns) that some targets or baselines
	// concern but no value series: not drawn, since the values of the
	// whole are not comparable with them (the caption says so).
	Apart []string
	// Notes spell out the glossary's terms that the chart writes (« VFE :
	// véhicules à faibles émissions »): set by Explain (notes.go).
	Notes   []string
	Summary string // written summary, French
	ind     *indicator.Indicator
	pal     Palette
	// the layout (layout.go)
	geo        geometry
	lineLabels []lineLabel
	barLabels  [][]barLabel
}

// Palette is the colours of a chart: the site's [colors] (data/site.toml),
// checked for contrast when the configuration is read.
type Palette struct {
	Text, Axis     string
	Values, Target []string
}

// DefaultPalette is the palette of the default site.
func DefaultPalette() Palette {
	return Palette{Text: TextColor, Axis: AxisColor, Values: ValueColors, Target: TargetColors}
}

// Build makes the chart of an indicator's follow-up over years
// (ascending), or returns nil when there is nothing to chart.
func Build(e *followup.Entry, years []int) (*Spec, error) {
	return BuildWith(e, years, DefaultPalette())
}

// BuildWith is Build with the colours of pal: the Narrow chart, its Wide
// drawing in Wide.
func BuildWith(e *followup.Entry, years []int, pal Palette) (*Spec, error) {
	if !e.HasChart() || len(years) == 0 {
		return nil, nil
	}
	if len(pal.Values) == 0 || len(pal.Target) == 0 {
		pal = DefaultPalette()
	}
	ind := e.Ind
	s := &Spec{ID: figID(ind.ID), For: ind.ID, Years: years, ind: ind, Line: len(years) > LongSeries, pal: pal, Width: Narrow}
	s.Series, s.Apart = comparable(e.Series)
	if len(s.Series) == 0 {
		return nil, nil
	}
	s.Unit = axisName(ind)
	s.Caption = s.caption()
	s.Summary = e.Summary
	// The wide drawing shares all but what depends on the width.
	w := *s
	w.Width = Wide
	for _, d := range []*Spec{s, &w} {
		if err := d.draw(); err != nil {
			return nil, err
		}
	}
	w.ID += "-large"
	s.Wide = &w
	return s, nil
}

// draw lays the chart out at its width and writes its ECharts options.
func (s *Spec) draw() error {
	s.Height = plotTop + plotH + xLabelsH + s.legendHeight() + 14
	s.scale()
	s.layout()
	opt, err := s.options()
	s.Option = opt
	return err
}

// scale sets the y axis: from 0 to a round maximum above every value,
// target and baseline (ECharts drops a mark line outside the axis), with
// room for the rows of bar labels, in four to six steps. A share is always
// drawn on 0-100 %: 27 % must not fill the plot.
func (s *Spec) scale() {
	top := 0.0
	for _, se := range s.Series {
		for _, v := range se.Values {
			if v != nil && *v > top {
				top = *v
			}
		}
	}
	if top <= 0 {
		top = 1
	}
	rows := float64(s.labelRows())*(fontSize+3) + 6
	want := top / (1 - rows/plotH)
	s.Step = niceStep(want / 5)
	s.Max = math.Ceil(want/s.Step) * s.Step
	if s.ind.InPercent() && top <= 100 {
		s.Max, s.Step = 100, 20
	}
	s.YLabels = nil
	for v := 0.0; v <= s.Max+s.Step/1e6; v += s.Step {
		r := round(v)
		s.YLabels = append(s.YLabels, [2]any{r, s.format(r)})
	}
}

// niceStep rounds x up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return round(m * p)
		}
	}
	return 10 * p
}

func round(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// format writes a figure for the chart: "43,5 %", "90 000".
func (s *Spec) format(v float64) string {
	if s.ind.InPercent() {
		return typo.Percent(v)
	}
	return typo.Number(v, 2)
}

func axisName(ind *indicator.Indicator) string {
	switch {
	case ind.Kind == indicator.Share:
		return "% des " + ind.Unit.Many
	case ind.Unit.ID == "pourcent":
		return "%"
	}
	return ind.Unit.Many
}

// options builds the ECharts options with go-echarts, then adds what its
// types lack (decals, axis interval, text style, labels placed by layout),
// and serializes them with encoding/json: keys sorted, nothing but data.
func (s *Spec) options() ([]byte, error) {
	cats := make([]string, len(s.Years))
	for i, y := range s.Years {
		cats[i] = strconv.Itoa(y)
	}
	g := s.geo
	px := func(v float64) string { return strconv.FormatFloat(math.Round(v), 'f', -1, 64) }
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.ID, Width: fmt.Sprintf("%dpx", s.Width), Height: fmt.Sprintf("%dpx", s.Height), Theme: "white"}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Orient: "vertical", Left: "8", Bottom: "4",
			TextStyle: &opts.TextStyle{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack},
			AxisLine: &opts.AxisLine{LineStyle: &opts.LineStyle{Color: s.pal.Axis}}, AxisTick: &opts.AxisTick{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: s.Unit, Min: 0, Max: s.Max, NameLocation: "end", NameGap: 14,
			AxisLabel: &opts.AxisLabel{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: GridColor}}}),
		charts.WithGridOpts(opts.Grid{Left: px(g.left), Right: px(g.right), Top: px(g.top), Bottom: px(g.bottom), ContainLabel: opts.Bool(false)}),
	)
	bar.SetXAxis(cats)
	var overlaps []charts.Overlaper
	nv, nt := 0, 0
	for _, se := range s.Series {
		name := se.Name
		if se.Subset {
			name = "dont " + name
		}
		switch se.Kind {
		case "value":
			color := s.pal.Values[nv%len(s.pal.Values)]
			if s.Line {
				line := charts.NewLine()
				line.SetXAxis(cats)
				line.AddSeries(name, s.lineData(se.Values), charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2.5}),
					charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
					charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Symbol = "circle"; ss.SymbolSize = 8 }))
				overlaps = append(overlaps, line)
			} else {
				bar.AddSeries(name, s.barData(se.Values), charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
					charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.BarMaxWidth = "36" }))
			}
			nv++
		case "target":
			color := s.pal.Target[nt%len(s.pal.Target)]
			line := charts.NewLine()
			line.SetXAxis(cats)
			line.AddSeries(name, s.lineData(se.Values),
				charts.WithLineChartOpts(opts.LineChart{Step: "middle", Symbol: targetSymbols[nt%len(targetSymbols)], SymbolSize: 9, ShowSymbol: opts.Bool(true)}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2.5}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
			overlaps = append(overlaps, line)
			nt++
		case "baseline":
			v := *se.Values[0]
			line := charts.NewLine()
			line.SetXAxis(cats)
			line.AddSeries(name, s.lineData(make([]*float64, len(s.Years))),
				charts.WithLineChartOpts(opts.LineChart{Symbol: "none"}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: s.pal.Axis, Width: 1.5, Type: "dashed"}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.pal.Axis}),
				charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: se.Name, YAxis: v}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: s.pal.Axis, Width: 1.5, Type: "dashed"},
					Label:     &opts.Label{Show: opts.Bool(false)}}))
			overlaps = append(overlaps, line)
		}
	}
	if len(overlaps) > 0 {
		bar.Overlap(overlaps...)
	}
	bar.Validate()
	raw, err := json.Marshal(bar.JSON())
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	s.patch(m)
	return json.Marshal(m)
}

// barData are the bars of vals, each labelled in French.
func (s *Spec) barData(vals []*float64) []opts.BarData {
	out := make([]opts.BarData, len(vals))
	for i, v := range vals {
		out[i] = opts.BarData{Value: datum(v)}
		if v != nil {
			out[i].Label = &opts.Label{Show: opts.Bool(true), Formatter: s.format(*v)}
		}
	}
	return out
}

func (s *Spec) lineData(vals []*float64) []opts.LineData {
	out := make([]opts.LineData, len(vals))
	for i, v := range vals {
		out[i] = opts.LineData{Value: datum(v)}
	}
	return out
}

// datum is a value as ECharts takes it: "-" for a year without one.
func datum(v *float64) any {
	if v == nil {
		return "-"
	}
	return round(*v)
}

// patch removes what an SVG drawn once has no use for (tooltip, toolbox,
// title) and adds what go-echarts has no type for: the order of drawing
// (targets over everything, the baseline under the bars), the pattern of
// provisional values and its legend entry, the labels placed by layout.
func (s *Spec) patch(m map[string]any) {
	for _, k := range []string{"tooltip", "toolbox", "title"} {
		delete(m, k)
	}
	if lg, ok := m["legend"].(map[string]any); ok {
		lg["itemGap"] = 6
		if ts, ok := lg["textStyle"].(map[string]any); ok {
			ts["width"], ts["overflow"], ts["lineHeight"] = s.legendTextWidth()*4/5, "break", legendLine // ECharts measures text narrower than browsers draw it
		}
	}
	// go-echarts' "white" theme palette has colours under 3:1: ours only.
	m["color"] = append(append([]string{}, s.pal.Values...), s.pal.Target...)
	m["textStyle"] = map[string]any{"fontFamily": fontStack, "fontSize": fontSize, "color": s.pal.Text}
	// Patterns are for provisional values only (set below, value by value).
	m["aria"] = map[string]any{"enabled": true, "label": map[string]any{"enabled": false}, "decal": map[string]any{"show": false}}
	// go-echarts writes the x label interval as a string, which ECharts
	// reads as "auto": a number labels every (n+1)th year, as planned.
	if xs, ok := m["xAxis"].([]any); ok && len(xs) > 0 {
		if x, ok := xs[0].(map[string]any); ok {
			if l, ok := x["axisLabel"].(map[string]any); ok {
				l["interval"] = s.yearsSkipped()
			}
		}
	}
	if ys, ok := m["yAxis"].([]any); ok && len(ys) > 0 {
		if y, ok := ys[0].(map[string]any); ok {
			y["interval"] = s.Step
			y["nameTextStyle"] = map[string]any{"color": s.pal.Text, "fontSize": fontSize, "fontFamily": fontStack, "align": "left"}
			y["axisLine"] = map[string]any{"show": true, "lineStyle": map[string]any{"color": s.pal.Axis}}
		}
	}
	series, _ := m["series"].([]any)
	provisional := false
	for k, x := range series {
		se, ok := x.(map[string]any)
		if !ok || k >= len(s.Series) {
			continue
		}
		spec := s.Series[k]
		switch spec.Kind {
		case "value":
			se["z"] = 2
			provisional = s.patchValues(se, k) || provisional
		case "target":
			se["z"] = 4 // never hidden under a value or the baseline
			if lt, ok := se["lineStyle"].(map[string]any); ok {
				if i := indexOf(s.pal.Target, fmt.Sprint(lt["color"])); i >= 0 {
					lt["type"] = targetLines[i%len(targetLines)]
				}
			}
		case "baseline":
			se["z"] = 1
			// The line has no symbol, but ECharts' legend draws a circle for
			// "none": a transparent one, so that the legend shows the dashed
			// line alone, as drawn.
			if it, ok := se["itemStyle"].(map[string]any); ok {
				it["opacity"] = 0
			}
			if ml, ok := se["markLine"].(map[string]any); ok {
				ml["silent"] = true
				ml["z"] = 1
			}
		}
	}
	if provisional {
		// A legend entry for the pattern: an empty series stacked on the
		// first, so that it takes no room among the bars.
		series = append(series, map[string]any{"type": "bar", "name": provisionalName, "stack": "v0", "data": []any{},
			"itemStyle": map[string]any{"color": s.pal.Values[0], "decal": decal}})
		if first, ok := series[0].(map[string]any); ok && first["type"] == "bar" {
			first["stack"] = "v0"
		}
		m["series"] = series
	}
	m["graphic"] = s.lineLabelGraphics()
}

// provisionalName is the legend entry of the pattern.
const provisionalName = "Valeur provisoire ou estimée (hachures)"

// patchValues sets, on the value series k, the pattern of its provisional
// values and the labels placed by layout; it reports whether a value is
// provisional.
func (s *Spec) patchValues(se map[string]any, k int) bool {
	spec := s.Series[k]
	data, _ := se["data"].([]any)
	prov := false
	for yi, d := range data {
		item, ok := d.(map[string]any)
		if !ok || yi >= len(spec.Values) || spec.Values[yi] == nil {
			continue
		}
		if spec.Provisional != nil && spec.Provisional[yi] {
			prov = true
			if s.Line {
				item["symbol"] = "emptyCircle"
			} else {
				item["itemStyle"] = map[string]any{"decal": decal}
			}
		}
		delete(item, "label")
		if s.barLabels != nil && s.barLabels[k] != nil {
			l := s.barLabels[k][yi]
			item["label"] = map[string]any{"show": true, "formatter": l.text, "position": "top", "distance": round(l.lift),
				"color": s.pal.Text, "fontSize": fontSize, "fontFamily": fontStack, "rotate": 0}
		}
	}
	if se["type"] == "bar" && spec.Subset {
		se["barGap"] = "-100%" // over the whole's bar
	}
	delete(se, "label")
	return prov
}

// lineLabelGraphics writes the direct labels of the lines where layout
// placed them.
func (s *Spec) lineLabelGraphics() []any {
	out := []any{}
	for _, l := range s.lineLabels {
		out = append(out, map[string]any{"type": "text", "silent": true, "z": 5, "x": round(l.x), "y": round(l.y),
			"style": map[string]any{"text": l.text, "fill": s.pal.Text, "fontSize": fontSize, "fontFamily": fontStack, "verticalAlign": "bottom", "align": "right"}})
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// legendNames are the entries of the legend: every series, and the
// pattern when a value is provisional.
func (s *Spec) legendNames() []string {
	var out []string
	prov := false
	for _, se := range s.Series {
		out = append(out, se.Name)
		for _, p := range se.Provisional {
			prov = prov || p
		}
	}
	if prov {
		out = append(out, provisionalName)
	}
	return out
}

// The legend's names wrap at legendTextWidth, in lines of legendLine.
const legendLine = 17

func (s *Spec) legendTextWidth() float64 { return float64(s.Width - 14 - 30 - 8) }

// legendHeight is the height of the legend, its long names wrapped.
func (s *Spec) legendHeight() int {
	h := 0
	for _, n := range s.legendNames() {
		lines := int(math.Ceil(textWidth(n, fontSize) / s.legendTextWidth()))
		h += legendRow + max(0, lines-1)*legendLine
	}
	return h
}

// caption is the figure's caption: what is drawn, not the values.
func (s *Spec) caption() string {
	var what []string
	if len(s.names("value")) > 0 {
		what = append(what, "valeurs publiées")
	}
	if len(s.names("target")) > 0 {
		what = append(what, "objectifs")
	}
	if len(s.names("baseline")) > 0 {
		what = append(what, "situation de référence")
	}
	list := what[0]
	if len(what) > 1 {
		list = strings.Join(what[:len(what)-1], ", ") + " et " + what[len(what)-1]
	}
	c := fmt.Sprintf("%s\u00a0: %s, de %d à %d", typo.Text(s.ind.Name()), list, s.Years[0], s.Years[len(s.Years)-1])
	for _, part := range s.Apart {
		c += fmt.Sprintf(" (ce qui porte sur «\u00a0%s\u00a0» seulement n’est pas tracé\u00a0: les valeurs publiées portent sur l’ensemble\u202f; voir le tableau)", typo.Text(part))
	}
	return c
}

// comparable keeps the series drawn on one axis: a target or baseline
// about a part (« Viandes et poissons ») is drawn only beside values of
// that part; without them it would be read against the whole's values.
// It returns the parts left out, in order.
func comparable(all []Series) ([]Series, []string) {
	valued := map[string]bool{}
	for _, se := range all {
		if se.Kind == "value" {
			valued[se.Breakdown] = true
		}
	}
	var kept []Series
	var apart []string
	for _, se := range all {
		if se.Kind != "value" && se.Breakdown != "" && !valued[se.Breakdown] {
			if !slices.Contains(apart, se.Breakdown) {
				apart = append(apart, se.Breakdown)
			}
			continue
		}
		kept = append(kept, se)
	}
	return kept, apart
}

// Request is what the renderer needs: the size, the options and the y axis
// labels.
func (s *Spec) Request() ([]byte, error) {
	return json.Marshal(struct {
		Width   int             `json:"width"`
		Height  int             `json:"height"`
		Option  json.RawMessage `json:"option"`
		YLabels [][2]any        `json:"yLabels"`
	}{s.Width, s.Height, s.Option, s.YLabels})
}

// names lists the names of the series of a kind.
func (s *Spec) names(kind string) []string {
	var out []string
	for _, se := range s.Series {
		if se.Kind == kind {
			out = append(out, se.Name)
		}
	}
	return out
}

// Figure is a chart drawn: its spec and its SVG, cleaned for the page.
type Figure struct {
	*Spec
	SVG     template.HTML // made by Clean: safe to include as it is
	WideSVG template.HTML // the Wide drawing, likewise
}

// TitleID and SummaryID are the ids of the figure's caption and summary,
// which name and describe the SVG.
func (s *Spec) TitleID() string   { return figID(s.For) + "-titre" }
func (s *Spec) SummaryID() string { return figID(s.For) + "-resume" }

// figID is the id of the figure of indicator id: both drawings point to
// its caption and summary.
func figID(id string) string { return "graphique-" + id }
