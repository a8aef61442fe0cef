package serve

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

// The caret stays under the character pointed at when tabs before it are
// shown as spaces.
func TestExcerptCaretAfterTabs(t *testing.T) {
	fsys := fstest.MapFS{"data/x.toml": {Data: []byte("[a]\n\t\tvalue = “1”\n")}}
	lines := excerpt(fsys, diag.Diagnostic{File: "data/x.toml", Line: 2, Col: 11}, 2)
	if len(lines) != 2 || !lines[1].Focus {
		t.Fatalf("excerpt = %+v", lines)
	}
	focus := lines[1]
	if got := []rune(focus.Text)[focus.Col-1]; got != '“' {
		t.Errorf("column %d of %q is %q, want the opening quote", focus.Col, focus.Text, got)
	}
	var b strings.Builder
	writeExcerpt(&b, lines)
	out := strings.Split(b.String(), "\n")
	if i, j := strings.Index(out[1], "“"), strings.Index(out[2], "^"); i != j {
		t.Errorf("caret at byte %d, quote at byte %d:\n%s", j, i, b.String())
	}
}
