package followup

import (
	"fmt"
	"strings"

	"spaser/internal/indicator"
)

// Trend is the whole's published figures over the years, for a small
// line beside a figure (the dashboard) and the same in words.
type Trend struct {
	Points string // the polyline's points in a TrendWidth × TrendHeight box; "" under two figures
	Text   string // « 2021 : 27 % ; 2022 : 30 % »
}

// The sparkline's box, in CSS pixels.
const (
	TrendWidth  = 64
	TrendHeight = 18
)

// trend reads the figures of the whole, year by year.
func trend(ind *indicator.Indicator, e *Entry) *Trend {
	t := &Trend{}
	if !ind.Figured() {
		return t
	}
	var pts []Point
	var words []string
	for _, y := range e.Years {
		if !y.Known() {
			continue
		}
		if v, ok := y.M.Number(ind.Kind); ok {
			pts = append(pts, Point{y.Year, v})
			words = append(words, fmt.Sprintf("%d\u00a0: %s", y.Year, ind.FormatNumber(v)))
		}
	}
	t.Text = strings.Join(words, "\u202f; ")
	if len(pts) < 2 {
		return t
	}
	lo, hi := pts[0].Value, pts[0].Value
	for _, p := range pts {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	first, last := pts[0].Year, pts[len(pts)-1].Year
	var b strings.Builder
	for i, p := range pts {
		x := 2 + float64(p.Year-first)*(TrendWidth-4)/float64(last-first)
		y := float64(TrendHeight) / 2
		if hi > lo {
			y = TrendHeight - 2 - (p.Value-lo)*(TrendHeight-4)/(hi-lo)
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x, y)
	}
	t.Points = b.String()
	return t
}
