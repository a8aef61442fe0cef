package render

import (
	"testing"
	"testing/fstest"

	"spaser"
	"spaser/internal/diag"
)

// The cache gives back the same layouts while nothing they are made of
// changes, and new ones when a site layout or the colours change.
func TestCache(t *testing.T) {
	var c Cache
	site := fstest.MapFS{"layouts/page.html": {Data: []byte(`{{define "main"}}<p>un</p>{{end}}`)}}
	load := func(css string) *Templates {
		t.Helper()
		var l diag.List
		tm := c.Load(site, spaser.Layouts, &l, css)
		if tm == nil || l.HasErrors() {
			t.Fatal(l.Items())
		}
		return tm
	}
	a := load(":root{}")
	if b := load(":root{}"); b != a {
		t.Error("unchanged layouts parsed again")
	}
	site["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>deux</p>{{end}}`)}
	b := load(":root{}")
	if b == a {
		t.Fatal("a changed layout was not parsed again")
	}
	if d := load(":root{--x:1}"); d == b {
		t.Error("changed colours did not give new assets")
	}
	// A broken layout is reported every time, never served from the cache.
	site["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Page.Title}{{end}}`)}
	for range 2 {
		var l diag.List
		if tm := c.Load(site, spaser.Layouts, &l); tm != nil || !l.HasErrors() {
			t.Errorf("broken layout: %v, %v", tm, l.Items())
		}
	}
}
