package cachefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok")
	if err := Write(ok, []byte("<svg/>")); err != nil {
		t.Fatal(err)
	}
	if got := Read(ok, 6); string(got) != "<svg/>" {
		t.Errorf("Read = %q, want the file", got)
	}
	if got := Read(ok, 5); got != nil {
		t.Errorf("a file over the limit was read: %q", got)
	}
	if got := Read(filepath.Join(dir, "missing"), 10); got != nil {
		t.Errorf("a missing file gave %q", got)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(ok, link); err == nil {
		if got := Read(link, 10); got != nil {
			t.Errorf("a symbolic link was followed: %q", got)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name()[0] == '.' {
			t.Errorf("a temporary file was left: %s", e.Name())
		}
	}
}
