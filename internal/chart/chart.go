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
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"spaser/internal/followup"
	"spaser/internal/indicator"
	"spaser/internal/typo"
)

// Drawing constants. Sizes are in SVG units: the chart is scaled to the
// width of the page, so a 400-unit-wide chart keeps its 13-unit text
// readable on a 320 px phone.
const (
	Width     = 400
	plotTop   = 44
	plotH     = 190
	xLabelsH  = 34
	legendRow = 22
	fontSize  = 13
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
	// decals tell value series apart by pattern as well as colour.
	decals = []map[string]any{
		{"symbol": "rect", "symbolSize": 1, "dashArrayX": []any{1, 0}, "dashArrayY": []any{3, 5}, "rotation": -math.Pi / 4, "color": "rgba(255,255,255,0.55)"},
		{"symbol": "circle", "symbolSize": 0.7, "dashArrayX": []any{[]any{8, 8}, []any{0, 8, 8, 0}}, "dashArrayY": []any{6, 0}, "color": "rgba(255,255,255,0.6)"},
		{"symbol": "rect", "symbolSize": 1, "dashArrayX": []any{1, 0}, "dashArrayY": []any{2, 4}, "rotation": math.Pi / 4, "color": "rgba(255,255,255,0.55)"},
		{"symbol": "triangle", "symbolSize": 0.75, "dashArrayX": []any{[]any{8, 8}, []any{0, 8, 8, 0}}, "dashArrayY": []any{6, 0}, "color": "rgba(255,255,255,0.6)"},
	}
	targetLines   = []any{"dashed", "dotted", []any{10, 3, 2, 3}, "solid"}
	targetSymbols = []string{"triangle", "diamond", "rect", "circle"}
)

// Series is one plotted series, computed by internal/followup (the table
// beside the chart shows the same figures).
type Series = followup.Series

// Spec is a chart ready to render.
type Spec struct {
	ID      string // fixed: "graphique-" + indicator id; prefixes the SVG's ids
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
	Summary string   // written summary, French
	ind     *indicator.Indicator
	pal     Palette
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

// BuildWith is Build with the colours of pal.
func BuildWith(e *followup.Entry, years []int, pal Palette) (*Spec, error) {
	if !e.HasChart() || len(years) == 0 {
		return nil, nil
	}
	if len(pal.Values) == 0 || len(pal.Target) == 0 {
		pal = DefaultPalette()
	}
	ind := e.Ind
	s := &Spec{ID: "graphique-" + ind.ID, For: ind.ID, Years: years, ind: ind, Line: len(years) > LongSeries, pal: pal, Series: e.Series}
	s.scale()
	s.Unit = axisName(ind)
	s.Height = plotTop + plotH + xLabelsH + legendRow*len(s.Series) + 14
	opt, err := s.options()
	if err != nil {
		return nil, err
	}
	s.Option = opt
	s.Caption = caption(ind, years)
	s.Summary = e.Summary
	return s, nil
}

// scale sets the y axis: from 0 to a round maximum above every value,
// target and baseline (ECharts drops a mark line outside the axis), with
// four to six steps.
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
	room := 1.08 // for the labels above the bars
	if len(s.names("value")) > 1 && !s.Line {
		room = 1.35 // labels written upwards
	}
	s.Step = niceStep(top * room / 5)
	s.Max = math.Ceil(top*room/s.Step) * s.Step
	if s.ind.Kind == indicator.Share && s.Max > 100 && top <= 100 {
		s.Max, s.Step = 100, 20
	}
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
// types lack (decals, axis interval, text style), and serializes them with
// encoding/json: keys sorted, nothing but data.
func (s *Spec) options() ([]byte, error) {
	cats := make([]string, len(s.Years))
	for i, y := range s.Years {
		cats[i] = strconv.Itoa(y)
	}
	legendH := legendRow * len(s.Series)
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.ID, Width: fmt.Sprintf("%dpx", Width), Height: fmt.Sprintf("%dpx", s.Height), Theme: "white"}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Orient: "vertical", Left: "8", Bottom: "4",
			TextStyle: &opts.TextStyle{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack, Interval: "0"},
			AxisLine: &opts.AxisLine{LineStyle: &opts.LineStyle{Color: s.pal.Axis}}, AxisTick: &opts.AxisTick{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: s.Unit, Min: 0, Max: s.Max, NameLocation: "end", NameGap: 14,
			AxisLabel: &opts.AxisLabel{Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: GridColor}}}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "16", Top: strconv.Itoa(plotTop), Bottom: strconv.Itoa(legendH + 14), ContainLabel: opts.Bool(true)}),
	)
	bar.SetXAxis(cats)
	var overlaps []charts.Overlaper
	nv, nt := 0, 0
	for _, se := range s.Series {
		switch se.Kind {
		case "value":
			color := s.pal.Values[nv%len(s.pal.Values)]
			if s.Line {
				line := charts.NewLine()
				line.SetXAxis(cats)
				line.AddSeries(se.Name, s.lineData(se.Values), charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2.5}),
					charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
					charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Symbol = targetSymbols[(nv+2)%len(targetSymbols)]; ss.SymbolSize = 8 }))
				overlaps = append(overlaps, line)
			} else {
				bar.AddSeries(se.Name, s.barData(se.Values), charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
					charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.BarMaxWidth = "36" }),
					charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack}))
			}
			nv++
		case "target":
			color := s.pal.Target[nt%len(s.pal.Target)]
			line := charts.NewLine()
			line.SetXAxis(cats)
			line.AddSeries(se.Name, s.lineData(se.Values),
				charts.WithLineChartOpts(opts.LineChart{Step: "middle", Symbol: targetSymbols[nt%len(targetSymbols)], SymbolSize: 9, ShowSymbol: opts.Bool(true)}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2.5}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
			overlaps = append(overlaps, line)
			nt++
		case "baseline":
			v := *se.Values[0]
			line := charts.NewLine()
			line.SetXAxis(cats)
			line.AddSeries(se.Name, s.lineData(make([]*float64, len(s.Years))),
				charts.WithLineChartOpts(opts.LineChart{Symbol: "none"}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: s.pal.Axis, Width: 2, Type: "dashed"}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.pal.Axis}),
				charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: se.Name, YAxis: v}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: s.pal.Axis, Width: 2, Type: "dashed"},
					Label:     &opts.Label{Show: opts.Bool(true), Position: "insideStartTop", Formatter: "Réf. " + s.format(v), Color: s.pal.Text, FontSize: fontSize, FontFamily: fontStack}}))
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
// title) and adds what go-echarts has no type for.
func (s *Spec) patch(m map[string]any) {
	for _, k := range []string{"tooltip", "toolbox", "title"} {
		delete(m, k)
	}
	if lg, ok := m["legend"].(map[string]any); ok {
		lg["itemGap"] = 6
	}
	// go-echarts' "white" theme palette has colours under 3:1: ours only.
	m["color"] = append(append([]string{}, s.pal.Values...), s.pal.Target...)
	m["textStyle"] = map[string]any{"fontFamily": fontStack, "fontSize": fontSize, "color": s.pal.Text}
	m["aria"] = map[string]any{"enabled": true, "label": map[string]any{"enabled": false}, "decal": map[string]any{"show": true, "decals": decals}}
	if ys, ok := m["yAxis"].([]any); ok && len(ys) > 0 {
		if y, ok := ys[0].(map[string]any); ok {
			y["interval"] = s.Step
			y["nameTextStyle"] = map[string]any{"color": s.pal.Text, "fontSize": fontSize, "fontFamily": fontStack, "align": "left"}
			y["axisLine"] = map[string]any{"show": true, "lineStyle": map[string]any{"color": s.pal.Axis}}
		}
	}
	series, _ := m["series"].([]any)
	bars := 0
	for _, x := range series {
		if se, ok := x.(map[string]any); ok && se["type"] == "bar" {
			bars++
		}
	}
	nv := 0
	for _, x := range series {
		se, ok := x.(map[string]any)
		if !ok {
			continue
		}
		if se["type"] == "bar" {
			st, _ := se["itemStyle"].(map[string]any)
			if st == nil {
				st = map[string]any{}
				se["itemStyle"] = st
			}
			st["decal"] = decals[nv%len(decals)]
			nv++
			if bars > 1 {
				// Side by side, the labels would overlap: write them upwards.
				if lb, ok := se["label"].(map[string]any); ok {
					lb["rotate"] = 90
					lb["align"] = "left"
					lb["verticalAlign"] = "middle"
					lb["distance"] = 4
				}
			}
		}
		if ml, ok := se["markLine"].(map[string]any); ok {
			ml["silent"] = true
		}
		if lt, ok := se["lineStyle"].(map[string]any); ok && se["type"] == "line" {
			if _, isTarget := se["step"]; isTarget {
				i := indexOf(s.pal.Target, fmt.Sprint(lt["color"]))
				if i >= 0 {
					lt["type"] = targetLines[i%len(targetLines)]
				}
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// caption is the figure's caption: what is shown, not the values.
func caption(ind *indicator.Indicator, years []int) string {
	return fmt.Sprintf("%s\u00a0: valeurs et objectifs de %d à %d", typo.Text(ind.Name()), years[0], years[len(years)-1])
}

// Request is what the renderer needs: the size, the options and the y axis
// labels.
func (s *Spec) Request() ([]byte, error) {
	return json.Marshal(struct {
		Width   int             `json:"width"`
		Height  int             `json:"height"`
		Option  json.RawMessage `json:"option"`
		YLabels [][2]any        `json:"yLabels"`
	}{Width, s.Height, s.Option, s.YLabels})
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
	SVG template.HTML // made by Clean: safe to include as it is
}

// TitleID and SummaryID are the ids of the figure's caption and summary,
// which name and describe the SVG.
func (s *Spec) TitleID() string   { return s.ID + "-titre" }
func (s *Spec) SummaryID() string { return s.ID + "-resume" }
