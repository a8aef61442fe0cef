package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser"
	"spaser/internal/config"
	"spaser/internal/diag"
)

// The cache gives back the same layouts while nothing they are made of
// changes, and new ones when a site layout or the colours change.
func TestCache(t *testing.T) {
	var c Cache
	site := fstest.MapFS{"layouts/page.html": {Data: []byte(`{{define "main"}}<p>un</p>{{end}}`)}}
	load := func(accent string) *Templates {
		t.Helper()
		var l diag.List
		k := config.DefaultColors()
		k.Accent = accent
		tm := c.Load(site, spaser.Layouts, &l, k)
		if tm == nil || l.HasErrors() {
			t.Fatal(l.Items())
		}
		return tm
	}
	a := load("#000000")
	if b := load("#000000"); b != a {
		t.Error("unchanged layouts parsed again")
	}
	site["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>deux</p>{{end}}`)}
	b := load("#000000")
	if b == a {
		t.Fatal("a changed layout was not parsed again")
	}
	if d := load("#111111"); d == b {
		t.Error("changed colours did not give new assets")
	}
	// A broken layout is reported every time, never served from the cache.
	site["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Page.Title}{{end}}`)}
	for range 2 {
		var l diag.List
		if tm := c.Load(site, spaser.Layouts, &l, config.DefaultColors()); tm != nil || !l.HasErrors() {
			t.Errorf("broken layout: %v, %v", tm, l.Items())
		}
	}
}

// The favicon takes the accent colour; the stylesheet, every colour.
func TestAssetsTakeTheColours(t *testing.T) {
	var l diag.List
	k := config.DefaultColors()
	k.Accent, k.Focus = "#123456", "#654321"
	tm := Load(nil, spaser.Layouts, &l, k)
	if tm == nil {
		t.Fatal(l.Items())
	}
	if fav := string(tm.Assets["favicon.svg"].Data); !strings.Contains(fav, `fill="#123456"`) || strings.Contains(fav, config.DefaultColors().Accent) {
		t.Errorf("favicon: %s", fav)
	}
	if css := string(tm.Assets["style.css"].Data); !strings.Contains(css, "--accent:#123456") || !strings.Contains(css, "--focus:#654321") {
		t.Errorf("style.css ends with %q", css[max(0, len(css)-200):])
	}
}
