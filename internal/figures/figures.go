// Package figures draws the charts of a site's indicators during a build:
// it builds every chart's options (internal/chart), has them drawn in one
// batch (internal/echarts, which keeps the SVGs in its cache), cleans each
// SVG for the page (a cached one that fails is drawn again) and hands the
// figures to the build.
package figures

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"sync"

	"spaser/internal/chart"
	"spaser/internal/diag"
	"spaser/internal/echarts"
	"spaser/internal/followup"
	"spaser/internal/site"
)

// Job is a batch of charts being drawn.
type Job struct {
	site   *site.Site
	follow *followup.Result
	done   chan struct{}
	charts map[string]*chart.Figure // by indicator id
	err    error
}

// Start builds, draws and cleans the charts of the follow-up f in the
// background, so that all of it overlaps the rest of the build; Wait
// returns them.
func Start(ctx context.Context, s *site.Site, f *followup.Result, r *echarts.Renderer) *Job {
	j := &Job{site: s, follow: f, done: make(chan struct{})}
	go func() {
		defer close(j.done)
		defer func() {
			if r := recover(); r != nil {
				j.charts, j.err = nil, diag.Internal(r)
			}
		}()
		j.charts, j.err = j.run(ctx, r)
	}()
	return j
}

// Ready reports whether the charts are drawn: Wait would not wait.
func (j *Job) Ready() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// Wait waits for the charts, by indicator id.
func (j *Job) Wait() (map[string]*chart.Figure, error) {
	<-j.done
	return j.charts, j.err
}

func (j *Job) run(ctx context.Context, r *echarts.Renderer) (map[string]*chart.Figure, error) {
	charts, specs, reqs, err := Requests(j.site, j.follow)
	if err != nil {
		return nil, err
	}
	if len(reqs) == 0 {
		return map[string]*chart.Figure{}, nil
	}
	svgs, st, err := r.Render(ctx, reqs)
	if err != nil {
		return nil, j.failed(specs, nil, err)
	}
	figs, errs := clean(specs, svgs)
	if err := j.redrawRefused(ctx, r, specs, reqs, st.Cached, figs, errs); err != nil {
		return nil, err
	}
	return pair(charts, specs, figs), nil
}

// Requests builds the charts of the follow-up f: charts are the narrow
// drawings, specs every drawing (narrow and wide), reqs the ECharts
// request of each of specs.
func Requests(s *site.Site, f *followup.Result) (charts, specs []*chart.Spec, reqs [][]byte, err error) {
	years := s.Years()
	k := s.Cfg.Colors
	pal := chart.Palette{Text: k.Text, Axis: k.Muted, Values: k.ChartValues, Target: k.ChartTargets}
	for _, e := range f.List {
		spec, err := chart.BuildWith(e, years, pal)
		if err == nil && spec != nil {
			spec.Explain(s.Terms)
			charts = append(charts, spec)
			for _, sp := range []*chart.Spec{spec, spec.Wide} {
				var req []byte
				if req, err = sp.Request(); err != nil {
					break
				}
				reqs = append(reqs, req)
				specs = append(specs, sp)
			}
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("graphique de l'indicateur %s : %w", e.Ind.ID, err)
		}
	}
	return charts, specs, reqs, nil
}

// DrawError is a chart that could not be drawn, at its indicator's
// line of the catalogue: the editor can tell which one.
type DrawError struct {
	Pos diag.Pos
	ID  string // the indicator
	Err error
}

func (e *DrawError) Error() string {
	return fmt.Sprintf("graphique de l'indicateur %s : %v", e.ID, e.Err)
}

func (e *DrawError) Unwrap() error { return e.Err }

// failed names the chart of a drawing error of echarts: the request is
// specs[i], or specs[sub[i]] for a subset.
func (j *Job) failed(specs []*chart.Spec, sub []int, err error) error {
	var re *echarts.RequestError
	if !errors.As(err, &re) {
		return err
	}
	i := re.Index
	if sub != nil {
		i = sub[i]
	}
	id := specs[i].For
	var pos diag.Pos
	if ind := j.site.Catalogue.ByID[id]; ind != nil {
		pos = ind.Pos
	}
	return &DrawError{Pos: pos, ID: id, Err: re.Err}
}

// pair makes one figure of each chart's two drawings, found by identity
// (figs[i] is the drawing of specs[i]), by indicator id.
func pair(charts, specs []*chart.Spec, figs []*chart.Figure) map[string]*chart.Figure {
	bySpec := make(map[*chart.Spec]*chart.Figure, len(specs))
	for i, sp := range specs {
		bySpec[sp] = figs[i]
	}
	out := make(map[string]*chart.Figure, len(charts))
	for _, sp := range charts {
		fig := bySpec[sp]
		fig.WideSVG = bySpec[sp.Wide].SVG
		out[sp.For] = fig
	}
	return out
}

// clean makes each SVG fit for the page, on every core: re-parsing the SVGs
// is most of a build's chart work once they are in the cache. It returns
// the error of each chart Clean refused.
func clean(specs []*chart.Spec, svgs [][]byte) ([]*chart.Figure, []error) {
	figs := make([]*chart.Figure, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(specs)) {
		wg.Go(func() {
			for i := range next {
				figs[i], errs[i] = cleanOne(specs[i], svgs[i])
			}
		})
	}
	for i := range specs {
		next <- i
	}
	close(next)
	wg.Wait()
	return figs, errs
}

// redrawRefused draws again the charts whose cached SVG Clean refused (the
// cache is a folder anyone may write to: it is never trusted), and fails
// on a refused SVG that was just drawn.
func (j *Job) redrawRefused(ctx context.Context, r *echarts.Renderer, specs []*chart.Spec, reqs [][]byte, cached []bool, figs []*chart.Figure, errs []error) error {
	var again []int
	for i, err := range errs {
		if err == nil {
			continue
		}
		if !cached[i] {
			return err
		}
		again = append(again, i)
	}
	if len(again) == 0 {
		return nil
	}
	sub := make([][]byte, len(again))
	for j, i := range again {
		sub[j] = reqs[i]
	}
	svgs, _, err := r.Redraw(ctx, sub)
	if err != nil {
		return j.failed(specs, again, err)
	}
	for j, i := range again {
		if figs[i], err = cleanOne(specs[i], svgs[j]); err != nil {
			return err
		}
	}
	return nil
}

func cleanOne(spec *chart.Spec, svg []byte) (fig *chart.Figure, err error) {
	defer func() {
		if r := recover(); r != nil {
			fig, err = nil, diag.Internal(r)
		}
	}()
	out, err := chart.Clean(svg, spec.ID, [][2]string{
		{"class", "chart-svg " + drawing(spec)}, {"role", "img"}, {"focusable", "false"},
		{"aria-labelledby", spec.TitleID()}, {"aria-describedby", spec.SummaryID()},
	})
	if err != nil {
		return nil, fmt.Errorf("graphique %s : %w", spec.ID, err)
	}
	return &chart.Figure{Spec: spec, SVG: template.HTML(out)}, nil // Clean escapes everything
}

// drawing is the class that style.css shows a drawing by: narrow on
// phones, wide from 40rem on (only one is displayed, so read).
func drawing(spec *chart.Spec) string {
	if spec.Width == chart.Wide {
		return "chart-wide"
	}
	return "chart-narrow"
}
