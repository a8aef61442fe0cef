package render

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"testing"

	"spaser/internal/diag"
)

func TestLocate(t *testing.T) {
	files := map[string]layoutFile{
		"page.html":            {path: "layouts/page.html", text: "<h1>x</h1>\n<p>{{.Page.Resume}}</p>\n<a href=\"{{.}}\">"},
		"partials/common.html": {path: "layouts/partials/common.html (mise en page par défaut)"},
	}
	for _, c := range []struct {
		err    string
		pos    diag.Pos
		detail string
		ok     bool
	}{
		{`template: page.html:2:10: executing "main" at <.Page.Resume>: can't evaluate field Resume in type *site.Page`,
			diag.Pos{File: "layouts/page.html", Line: 2, Col: 11}, `executing "main" at <.Page.Resume>: can't evaluate field Resume in type *site.Page`, true},
		{`template: partials/common.html:7: function "nope" not defined`,
			diag.Pos{File: "layouts/partials/common.html (mise en page par défaut)", Line: 7}, `function "nope" not defined`, true},
		{`html/template:page.html:3:0: {{.}} appears in an ambiguous context within a URL`,
			diag.Pos{File: "layouts/page.html", Line: 3, Col: 1}, `{{.}} appears in an ambiguous context within a URL`, true},
		{`template: autre.html:1:1: executing`, diag.Pos{}, "", false}, // not a file of ours
		{`write: broken pipe`, diag.Pos{}, "", false},
	} {
		pos, detail, ok := locate(errors.New(c.err), files)
		if pos != c.pos || detail != c.detail || ok != c.ok {
			t.Errorf("locate(%q) = %+v, %q, %v", c.err, pos, detail, ok)
		}
	}
}

// The columns are those of Go's own errors, counted from 1: the column of
// the field that fails, as an editor shows it.
func TestLocateRealError(t *testing.T) {
	tmpl := template.Must(template.New("page.html").Parse("<h1>x</h1>\n<p>{{.Resume}}</p>"))
	err := tmpl.Execute(io.Discard, struct{ Title string }{})
	pos, _, ok := locate(err, map[string]layoutFile{"page.html": {path: "layouts/page.html", text: "<h1>x</h1>\n<p>{{.Resume}}</p>"}})
	if want := (diag.Pos{File: "layouts/page.html", Line: 2, Col: 6}); !ok || pos != want {
		t.Errorf("%v: %+v, want %+v", err, pos, want)
	}
}

// Columns count characters, as in every other diagnostic: accents take
// two bytes each but one column.
func TestLocateColumnInCharacters(t *testing.T) {
	const text = "<h1>x</h1>\n<p>Été « {{.Resume}}</p>"
	tmpl := template.Must(template.New("page.html").Parse(text))
	err := tmpl.Execute(io.Discard, struct{ Title string }{})
	pos, _, ok := locate(err, map[string]layoutFile{"page.html": {path: "layouts/page.html", text: text}})
	if want := (diag.Pos{File: "layouts/page.html", Line: 2, Col: 12}); !ok || pos != want {
		t.Errorf("%v: %+v, want %+v", err, pos, want)
	}
}

func TestLayoutErrorHint(t *testing.T) {
	own := &LayoutError{Pos: diag.Pos{File: "layouts/page.html"}}
	def := &LayoutError{Pos: diag.Pos{File: "layouts/page.html" + defaultSuffix}}
	if !strings.HasPrefix(own.Hint(), "Corrigez le gabarit") || !strings.HasPrefix(def.Hint(), "Erreur dans une mise en page par défaut") {
		t.Errorf("hints: %q / %q", own.Hint(), def.Hint())
	}
}
