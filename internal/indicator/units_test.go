package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
)

// The site's units add to the built-in ones, or replace one of the same id.
func TestSiteUnits(t *testing.T) {
	site := *cfg
	site.Units = []config.Unit{
		{ID: "repas", Singular: "repas", Plural: "repas"},
		{ID: "heures", Singular: "heure d'insertion", Plural: "heures d'insertion"},
	}
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(`[[indicator]]
id = "r"
label = "Repas"
kind = "count"
unit = "repas"

[[indicator]]
id = "h"
label = "Heures"
kind = "count"
unit = "heures"

[[indicator]]
id = "x"
label = "X"
kind = "count"
unit = "repa"
`)}}
	var l diag.List
	c := Load(fsys, &site, &l)
	if got := c.ByID["r"].FormatNumber(12000); got != "12\u202f000\u00a0repas" {
		t.Errorf("repas: %q", got)
	}
	if got := c.ByID["h"].FormatNumber(2); got != "2\u00a0heures d'insertion" {
		t.Errorf("heures: %q", got)
	}
	items := l.Items()
	if len(items) != 1 || items[0].Line != 17 || !strings.HasPrefix(items[0].Hint, "Vouliez-vous dire « repas » ? ") || !strings.Contains(items[0].Hint, "[[units]]") {
		t.Fatalf("got %v", items)
	}
}
