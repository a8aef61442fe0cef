package build

import (
	"slices"
	"strings"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/rgaa"
)

// knownWarning is a warning the default site shows on purpose: the
// Val-de-Marne has published no e-mail address or form for its
// accessibility declaration, and none is invented.
func knownWarning(d diag.Diagnostic) bool {
	return strings.Contains(d.String(), "contact_email")
}

// checkMarkup runs the RGAA checks of the built HTML that need no browser
// on every page and stylesheet of a built site.
func checkMarkup(t *testing.T, files map[string]string) {
	t.Helper()
	var m rgaa.Markup
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		var fs []rgaa.Finding
		switch {
		case strings.HasSuffix(name, ".html"):
			var err error
			if fs, err = m.Page(name, []byte(files[name])); err != nil {
				t.Fatal(err)
			}
		case strings.HasSuffix(name, ".css"):
			fs = rgaa.CSS(name, []byte(files[name]))
		}
		for _, f := range fs {
			t.Error(f)
		}
	}
	for _, f := range m.Site() {
		t.Error(f)
	}
}
