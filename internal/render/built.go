package render

import (
	"errors"
	"fmt"
	"html/template"

	"spaser/internal/chart"
	"spaser/internal/followup"
	"spaser/internal/indicator"
	"spaser/internal/site"
)

// Built is what the build computes from the assembled site, which the
// layouts read beside it: the follow-up of the indicators, the pages'
// bodies converted from Markdown, the charts and the search index. The
// site itself is never written after it is assembled.
type Built struct {
	Follow *followup.Result
	Bodies map[*site.Page]template.HTML
	Charts map[string]*chart.Figure // by indicator id; nil when not drawn (spaser check)
	// ChartsPending says that the charts are still being drawn: Chart
	// fails with ErrChartsPending, and the build renders that page again
	// once they are (build.Run writes the other pages meanwhile).
	ChartsPending bool
	Search        [][]byte // the pages' entries in the search index, in the order of Site.Pages
	SearchFile    string   // the index's file, named by its hash
}

// View is what a layout receives. The computed result is reached only
// through its methods: while the charts are drawn a layout gets them
// from Chart alone, which puts its page aside until they are.
type View struct {
	Site  *site.Site
	Page  *site.Page
	built *Built
}

// Body is the page's text, converted from Markdown.
func (v View) Body() template.HTML { return v.BodyOf(v.Page) }

// BodyOf is the text of page p.
func (v View) BodyOf(p *site.Page) template.HTML {
	if v.built == nil {
		return ""
	}
	return v.built.Bodies[p]
}

// Follow is the follow-up of ind.
func (v View) Follow(ind *indicator.Indicator) (*followup.Entry, error) {
	if e := v.built.Follow.Of(ind); e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("indicateur %q absent du suivi", ind.ID)
}

// Tally counts the indicators of each state in year.
func (v View) Tally(year int) *followup.Tally { return v.built.Follow.Tally(year) }

// ErrChartsPending is the error of Chart while the charts are being drawn.
var ErrChartsPending = errors.New("graphiques en cours de dessin")

// Chart is the chart of ind, or nil when it has none (or when charts are
// not drawn, as in a check).
func (v View) Chart(ind *indicator.Indicator) (*chart.Figure, error) {
	if v.built.ChartsPending {
		// An entry without a chart's series is never drawn (chart.BuildWith):
		// its page need not wait.
		if e := v.built.Follow.Of(ind); e != nil && e.HasChart() {
			return nil, ErrChartsPending
		}
		return nil, nil
	}
	return v.built.Charts[ind.ID], nil
}

// SearchIndex is the address of the search index.
func (v View) SearchIndex() (string, error) {
	if v.built == nil || v.built.SearchFile == "" {
		return "", fmt.Errorf("index de recherche absent : les pages n'ont pas été préparées (build.Prepare)")
	}
	return v.Site.Base.Path + v.built.SearchFile, nil
}
