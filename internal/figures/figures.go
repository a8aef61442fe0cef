// Package figures draws the charts of a site's indicators during a build:
// it builds every chart's options (internal/chart), has them drawn in one
// batch (internal/echarts, which keeps the SVGs in its cache), cleans each
// SVG for the page and hands the figures to the site.
package figures

import (
	"context"
	"fmt"
	"html/template"

	"spaser/internal/chart"
	"spaser/internal/echarts"
	"spaser/internal/site"
)

// Job is a batch of charts being drawn.
type Job struct {
	site  *site.Site
	specs []*chart.Spec
	done  chan struct{}
	svgs  [][]byte
	Stats echarts.Stats
	err   error
}

// Start builds the charts' options and starts drawing them in the
// background, so that the drawing overlaps the rest of the build.
func Start(ctx context.Context, s *site.Site, r *echarts.Renderer) *Job {
	j := &Job{site: s, done: make(chan struct{})}
	years := s.Years()
	k := s.Cfg.Colors
	pal := chart.Palette{Text: k.Text, Axis: k.Muted, Values: k.ChartValues, Target: k.ChartTargets}
	var reqs [][]byte
	for _, ind := range s.Catalogue.List {
		spec, err := chart.BuildWith(ind, years, pal)
		if err == nil && spec != nil {
			var req []byte
			req, err = spec.Request()
			reqs = append(reqs, req)
			j.specs = append(j.specs, spec)
		}
		if err != nil {
			j.err = fmt.Errorf("graphique de l'indicateur %s : %w", ind.ID, err)
			close(j.done)
			return j
		}
	}
	go func() {
		defer close(j.done)
		if len(reqs) == 0 {
			return
		}
		j.svgs, j.Stats, j.err = r.Render(ctx, reqs)
	}()
	return j
}

// Wait waits for the drawing, then cleans every SVG and sets the site's
// charts.
func (j *Job) Wait() error {
	<-j.done
	if j.err != nil {
		return j.err
	}
	charts := make(map[string]*chart.Figure, len(j.specs))
	for i, spec := range j.specs {
		svg, err := chart.Clean(j.svgs[i], spec.ID, [][2]string{
			{"class", "chart-svg"}, {"role", "img"}, {"focusable", "false"},
			{"aria-labelledby", spec.TitleID()}, {"aria-describedby", spec.SummaryID()},
		})
		if err != nil {
			return fmt.Errorf("graphique %s : %w", spec.ID, err)
		}
		charts[spec.For] = &chart.Figure{Spec: spec, SVG: template.HTML(svg)} // Clean escapes everything
	}
	j.site.Charts = charts
	return nil
}
