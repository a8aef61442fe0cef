package indicator

import (
	"reflect"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/glossary"
)

// TestLabelMeaning: the deprecated label_meaning of a target is handed to
// the glossary with its label and its own line, an empty one included (so
// that it is reported, not dropped); targets without it give nothing.
func TestLabelMeaning(t *testing.T) {
	c, items := loadKinds(t, `[[indicator]]
id = "vehicules"
label = "Véhicules"
kind = "count"
unit = "vehicules"
[[indicator.target]]
year = 2022
value = 30
label = "VFE"
label_meaning = "véhicules à faibles émissions"
[[indicator.target]]
year = 2025
value = 40
[[indicator.target]]
year = 2026
value = 37
label_meaning = ""
`, nil)
	if len(withoutSourceWarning(items)) != 0 {
		t.Fatal(items)
	}
	want := []glossary.Alias{
		{Term: "VFE", Expansion: "véhicules à faibles émissions", Pos: diag.Pos{File: CatalogueFile, Line: 10, Col: 1}},
		{Term: "", Expansion: "", Pos: diag.Pos{File: CatalogueFile, Line: 17, Col: 1}},
	}
	if !reflect.DeepEqual(c.Aliases, want) {
		t.Errorf("aliases %+v, want %+v", c.Aliases, want)
	}
}
