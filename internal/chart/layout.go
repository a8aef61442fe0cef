package chart

import (
	"math"

	"spaser/internal/typo"
)

// The plot is placed by us, in SVG units, not by ECharts (containLabel is
// off): knowing where each bar and line is, the labels are placed where
// they cannot overlap, and a test measures it on the SVG.

// textWidth is the estimated width of s at size: the advances of DejaVu
// Sans, the widest font of the stack, rounded up.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			em += 0.64
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == ',' || r == '.' || r == '\'':
			em += 0.33
		case r == '%':
			em += 0.96
		case r >= 'A' && r <= 'Z':
			em += 0.78
		default:
			em += 0.64
		}
	}
	return em*size + 2
}

// geometry is the plot area, in SVG units.
type geometry struct {
	left, right, top, bottom float64 // margins
	w, h                     float64 // the plot
}

// lineLabel is the direct label of a target or baseline line: its text,
// right-aligned at x, its baseline at y.
type lineLabel struct {
	text string
	x, y float64
}

// layout places the plot and the labels: the y axis labels on the left,
// the bar labels in rows above the bars, the line labels at the right end
// of their line, above or below it, wherever they overlap nothing.
func (s *Spec) layout() {
	f := float64(fontSize)
	yw := 0.0
	for _, l := range s.YLabels {
		yw = max(yw, textWidth(l[1].(string), f))
	}
	g := geometry{left: 10 + yw + 6, right: 16, top: plotTop, bottom: float64(s.Height - plotTop - plotH)}
	g.w = float64(s.Width) - g.left - g.right
	g.h = plotH
	s.geo = g
	s.barLabels = s.fitBarLabels()
	s.placeLineLabels()
}

// box is a text's extent, in SVG units.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// barLabelBoxes are the extents of the bar labels, widened to their year's
// whole slot (the bars' exact places are ECharts').
func (s *Spec) barLabelBoxes() []box {
	var out []box
	slot := s.geo.w / float64(len(s.Years))
	f := float64(fontSize)
	for k, ls := range s.barLabels {
		for yi, l := range ls {
			if l.text == "" {
				continue
			}
			top := s.y(*s.Series[k].Values[yi]) - l.lift
			x := s.geo.left + slot*float64(yi)
			out = append(out, box{x, top - f, x + slot, top})
		}
	}
	return out
}

// barBoxes are the extents of the bars, each year's slot up to its
// tallest bar: a line label is never written over a bar.
func (s *Spec) barBoxes() []box {
	if s.Line {
		return nil
	}
	var out []box
	slot := s.geo.w / float64(len(s.Years))
	for yi := range s.Years {
		top := math.NaN()
		for _, se := range s.Series {
			if se.Kind == "value" && se.Values[yi] != nil && !(*se.Values[yi] <= top) {
				top = *se.Values[yi]
			}
		}
		if !math.IsNaN(top) {
			x := s.geo.left + slot*float64(yi)
			out = append(out, box{x, s.y(top), x + slot, s.geo.top + s.geo.h})
		}
	}
	return out
}

// lineText is the direct label of a line: "Obj. 40 %", "Réf. 60 %".
func (s *Spec) lineText(se Series) string {
	v := lastValue(se.Values)
	if math.IsNaN(v) {
		return ""
	}
	switch se.Kind {
	case "baseline":
		return "Réf. " + s.format(v)
	case "target":
		return "Obj. " + s.format(v)
	}
	return ""
}

func lastValue(vals []*float64) float64 {
	for i := len(vals) - 1; i >= 0; i-- {
		if vals[i] != nil {
			return *vals[i]
		}
	}
	return math.NaN()
}

// y is the vertical position of v in the plot.
func (s *Spec) y(v float64) float64 { return s.geo.top + s.geo.h*(1-v/s.Max) }

// placeLineLabels writes each line's label right-aligned at the plot's
// right edge, just above its line, else just below, else further up,
// so that it overlaps no bar label and no other line label (a target equal
// to the baseline gets its own label).
func (s *Spec) placeLineLabels() {
	s.lineLabels = nil
	taken := append(s.barLabelBoxes(), s.barBoxes()...)
	f := float64(fontSize)
	x1 := s.geo.left + s.geo.w
	for _, se := range s.Series {
		t := s.lineText(se)
		if t == "" {
			continue
		}
		w := textWidth(t, f)
		ly := s.y(lastValue(se.Values))
		try := []float64{ly - 3, ly + 3 + f}
		for k := 1; k <= 12; k++ {
			try = append(try, ly-3-float64(k)*(f+2), ly+3+f+float64(k)*(f+2))
		}
		for _, bottom := range try {
			b := box{x1 - w, bottom - f, x1, bottom}
			if b.y0 < 2 || b.y1 > s.geo.top+s.geo.h+2 && bottom > ly+3+f {
				continue
			}
			free := true
			for _, o := range taken {
				if b.overlaps(o) {
					free = false
					break
				}
			}
			if free {
				taken = append(taken, b)
				s.lineLabels = append(s.lineLabels, lineLabel{text: t, x: x1, y: bottom})
				break
			}
		}
	}
}

// barLabel is the label of one bar: its text and where its baseline sits
// above the bar's top (ECharts' label offset).
type barLabel struct {
	text string
	lift float64 // upwards from the bar's top, in SVG units
}

// fitBarLabels writes the bars' value labels horizontally, one row per
// series above the tallest bar of each year, so that two labels never
// overlap; if a label is wider than a year's slot, no bar is labelled (the
// values are in the table and the summary). It returns the labels by
// series index then year, nil when there are none.
func (s *Spec) fitBarLabels() [][]barLabel {
	if s.Line {
		return nil
	}
	var bars []int
	for i, se := range s.Series {
		if se.Kind == "value" {
			bars = append(bars, i)
		}
	}
	if len(bars) == 0 {
		return nil
	}
	slot := s.geo.w / float64(len(s.Years))
	f := float64(fontSize)
	out := make([][]barLabel, len(s.Series))
	for yi := range s.Years {
		top := 0.0
		for _, i := range bars {
			if v := s.Series[i].Values[yi]; v != nil {
				top = max(top, *v)
			}
		}
		row := 0
		for _, i := range bars {
			v := s.Series[i].Values[yi]
			if out[i] == nil {
				out[i] = make([]barLabel, len(s.Years))
			}
			if v == nil {
				continue
			}
			text := s.barText(*v)
			if textWidth(text, f) > slot-4 {
				return nil
			}
			// The row's baseline, above the tallest bar of the year.
			lift := s.y(*v) - s.y(top) + 4 + float64(row)*(f+3)
			out[i][yi] = barLabel{text: text, lift: lift}
			row++
		}
	}
	return out
}

// labelRows is how many rows of bar labels the tallest year needs.
func (s *Spec) labelRows() int {
	if s.Line {
		return 0
	}
	most := 0
	for yi := range s.Years {
		n := 0
		for _, se := range s.Series {
			if se.Kind == "value" && se.Values[yi] != nil {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// barText is a bar's label: the figure alone, the axis gives the unit.
func (s *Spec) barText(v float64) string {
	if s.ind.InPercent() {
		return typo.Number(v, 1)
	}
	return s.format(v)
}

// yearsSkipped is how many years the x axis leaves unlabelled between two
// labels: none when every year fits its slot (the wide drawing), one in
// two or more on a phone with many years.
func (s *Spec) yearsSkipped() int {
	slot := s.geo.w / float64(len(s.Years))
	w := textWidth("0000", float64(fontSize)) + 4
	return max(0, int(math.Ceil(w/slot))-1)
}
