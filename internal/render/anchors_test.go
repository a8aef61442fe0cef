package render

import (
	"testing"
	"testing/fstest"

	"spaser"
	"spaser/internal/config"
	"spaser/internal/diag"
)

// A page's anchors from its layouts: the literal ids, the shapes of ids
// built by actions; an id wholly built by an action accepts anything in
// the page's own layout, nothing from a partial.
func TestAnchors(t *testing.T) {
	site := fstest.MapFS{
		"layouts/page.html":           {Data: []byte(`{{define "main"}}<h2 id="fixe">x</h2><p id="groupe-{{if true}}1{{else}}autres{{end}}-fin"></p>{{end}}`)},
		"layouts/plan.html":           {Data: []byte(`{{define "main"}}<p id="{{.Page.URLPath}}"></p>{{end}}`)},
		"layouts/partials/extra.html": {Data: []byte(`{{define "extra"}}<p id="{{.Page.Title}}"></p>{{end}}`)},
	}
	var l diag.List
	tm := Load(site, spaser.Layouts, &l, config.DefaultColors())
	if tm == nil || l.HasErrors() {
		t.Fatal(l.Items())
	}
	page := tm.Anchors("page")
	if len(page.Own) != 1 || page.Own[0] != "fixe" {
		t.Errorf("Own = %q", page.Own)
	}
	for id, want := range map[string]bool{"fixe": true, "contenu": true, "groupe-2-fin": true, "groupe-autres-fin": true, "groupe-2": false, "autre": false} {
		if page.Has(id) != want {
			t.Errorf("page: Has(%q) = %v", id, !want)
		}
	}
	if !tm.Anchors("plan").Has("nimporte") {
		t.Error("an id built wholly by the page's layout does not accept any anchor")
	}
}
