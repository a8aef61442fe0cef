package build

import "testing"

func TestRelativePath(t *testing.T) {
	for _, c := range [][3]string{
		{".", "page.md", "page.md"},
		{"axes/1-a", "axes/1-a/2-b.md", "2-b.md"},
		{"axes/1-a", "axes/2-c/x.md", "../2-c/x.md"},
		{"axes/1-a", "page.md", "../../page.md"},
	} {
		if got := relativePath(c[0], c[1]); got != c[2] {
			t.Errorf("relativePath(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
