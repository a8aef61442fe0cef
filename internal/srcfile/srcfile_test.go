package srcfile

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

// A file just over the limit says by how much: "8,5 Mo", not "8 Mo,
// maximum 8 Mo".
func TestTooBigSaysItsSize(t *testing.T) {
	fsys := fstest.MapFS{"gros.md": {Data: make([]byte, MaxSize+MaxSize/16)}}
	var l diag.List
	if _, ok := Read(fsys, "gros.md", &l); ok {
		t.Fatal("accepted")
	}
	items := l.Items()
	if len(items) != 1 || !strings.Contains(items[0].Msg, "(8,5 Mo, maximum 8 Mo)") {
		t.Errorf("got %v", items)
	}
}
