// Package search builds the index of the site's search page: a JSON file
// written at build time, which a small script (layouts/assets/recherche.js)
// loads in the browser. No server is needed: the site stays static.
package search

import (
	"encoding/json"
	"regexp"
	"strings"

	"spaser/internal/site"
)

// Entry is one page in the index. Short keys keep the file small.
type Entry struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Label   string `json:"l,omitempty"` // "Action 1.4", "Indicateur"
	Summary string `json:"s,omitempty"`
	Text    string `json:"x,omitempty"` // the page's text, without markup
}

// kinds not worth finding: the search page itself, the plan, the 404 page.
var skip = map[string]bool{site.KindSearch: true, site.KindPlan: true, site.KindNotFound: true, site.KindPrint: true}

// Index returns the index of s, in the order of s.Pages, as JSON.
func Index(s *site.Site) ([]byte, error) {
	var out []Entry
	for _, p := range s.Pages {
		if skip[p.Kind] {
			continue
		}
		e := Entry{URL: s.URL(p), Title: p.Title, Label: p.NumberedLabel(), Summary: p.Summary}
		switch {
		case p.Indicator != nil:
			ind := p.Indicator
			e.Label = "Indicateur"
			e.Text = join(ind.ShortLabel, ind.Definition, ind.Pilot, ind.Resources)
		case p.Src != nil:
			e.Text = PlainText(string(p.Src.Body))
		}
		if e.Summary == e.Title {
			e.Summary = ""
		}
		out = append(out, e)
	}
	return json.Marshal(out)
}

func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

var (
	footnoteRef = regexp.MustCompile(`\[\^[^\]]*\]:?`)
	link        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	tableRule   = regexp.MustCompile(`:?-{3,}:?`)
	markup      = regexp.MustCompile("[*_`#>|]+")
	spaces      = regexp.MustCompile(`\s+`)
)

// PlainText is the text of a Markdown body without its markup: what a
// reader sees, for the index. It does not need to be exact.
func PlainText(md string) string {
	t := footnoteRef.ReplaceAllString(md, "")
	t = link.ReplaceAllString(t, "$1")
	t = tableRule.ReplaceAllString(t, " ")
	t = markup.ReplaceAllString(t, " ")
	return strings.TrimSpace(spaces.ReplaceAllString(t, " "))
}
