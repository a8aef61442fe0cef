package build

import (
	"spaser/internal/diag"
	"spaser/internal/figures"
)

// writeWhileDrawing is Write for a build whose charts are still being
// drawn: ECharts compiles on one core and then draws on two engines, so
// every page that shows no chart and every other file are written
// meanwhile; the pages that show one (their layout asked for it and got
// render.ErrChartsPending) are rendered once the charts are drawn. The
// layouts read a copy of the computed result with the charts pending:
// nothing is written back. With charts nil (Write) or already drawn (all
// in the cache), every page is rendered in one pass.
func (ld *Loaded) writeWhileDrawing(sink Sink, workers int, l *diag.List, charts *figures.Job) (*Result, error) {
	if charts != nil && charts.Ready() {
		if err := ld.waitCharts(charts, l); err != nil {
			return nil, err
		}
		charts = nil
	}
	b := ld.Built
	if charts != nil {
		pending := *ld.Built
		pending.ChartsPending = true
		b = &pending
	}
	c := &counter{Sink: sink}
	later, err := ld.writePages(c, b, ld.Site.Pages, workers, l)
	if err == nil {
		err = ld.writeNonPages(c, l)
	}
	if charts != nil {
		// Waited for even after a failure: no drawing goes on once Run returns.
		if werr := ld.waitCharts(charts, l); err == nil {
			err = werr
		}
		if err == nil {
			_, err = ld.writePages(c, ld.Built, later, workers, l)
		}
	}
	if err != nil {
		return nil, err
	}
	return &Result{Pages: len(ld.Site.Pages), Files: int(c.n.Load())}, nil
}
