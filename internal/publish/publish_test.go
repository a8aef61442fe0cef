package publish

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func publishOnce(t *testing.T, dest, src string, files map[string]string) error {
	t.Helper()
	d, err := Begin(dest, src)
	if err != nil {
		return err
	}
	for name, body := range files {
		if err := d.WriteFile(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	return d.Commit()
}

func mkfiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReplacesOnlyWhatItBuilt: a folder with an index.html but no marker
// (a web server's root, a Pages clone) is refused and left as it was; a new
// or empty folder, or one spaser built, is replaced.
func TestReplacesOnlyWhatItBuilt(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	mkfiles(t, src, "content/_index.md")

	other := filepath.Join(root, "html")
	mkfiles(t, other, "index.html", ".git/HEAD", "budget.xlsx")
	err := publishOnce(t, other, src, map[string]string{"index.html": "new"})
	if err == nil || !strings.Contains(err.Error(), "n'a pas été construit par spaser") {
		t.Errorf("foreign folder: %v", err)
	}
	for _, n := range []string{"index.html", ".git/HEAD", "budget.xlsx"} {
		if b, err := os.ReadFile(filepath.Join(other, n)); err != nil || string(b) != "x" {
			t.Errorf("%s touched: %q %v", n, b, err)
		}
	}

	empty := filepath.Join(root, "vide")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{empty, filepath.Join(root, "nouveau", "public")} {
		for i := range 2 { // the second time over its own build
			if err := publishOnce(t, dest, src, map[string]string{"index.html": "new"}); err != nil {
				t.Fatalf("%s, build %d: %v", dest, i+1, err)
			}
			if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
				t.Errorf("no marker: %v", err)
			}
		}
	}
	file := filepath.Join(root, "fichier")
	mkfiles(t, root, "fichier")
	if err := publishOnce(t, file, src, nil); err == nil {
		t.Error("a file as destination was accepted")
	}
}

// TestSourceNeverDeleted: the sources under a folder whose name starts
// with ".." are inside it, and a symbolic link to the source's parent is
// the parent.
func TestSourceNeverDeleted(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "..proj")
	mkfiles(t, src, "content/_index.md", Marker)
	mkfiles(t, root, Marker)
	link := filepath.Join(t.TempDir(), "lien")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{root, link, src, filepath.Join(src, "content", "public"), filepath.Join(link, "..proj")} {
		if err := publishOnce(t, dest, src, map[string]string{"index.html": "x"}); err == nil {
			t.Errorf("dest %s accepted", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content/_index.md")); err != nil {
		t.Fatalf("source gone: %v", err)
	}
}

// TestWithinProperty compares Within with a reading of the paths as lists
// of names, over random paths made of tricky names.
func TestWithinProperty(t *testing.T) {
	names := []string{"a", "b", "..proj", "proj..", "...", ".a", "..", ".", "a.."}
	r := rand.New(rand.NewPCG(1, 2))
	gen := func() string {
		parts := []string{string(filepath.Separator)}
		for range r.IntN(5) {
			parts = append(parts, names[r.IntN(len(names))])
		}
		return filepath.Join(parts...)
	}
	for range 20000 {
		p, d := gen(), gen()
		pp, dd := split(p), split(d)
		want := len(pp) > len(dd) && slices.Equal(pp[:len(dd)], dd)
		if got := Within(p, d); got != want {
			t.Fatalf("Within(%q, %q) = %v, want %v", p, d, got, want)
		}
	}
}

func split(p string) []string {
	var out []string
	for _, s := range strings.Split(filepath.Clean(p), string(filepath.Separator)) {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestStaleTempRemoved: the temporary folders of killed builds go at the
// next build; a running build's stays.
func TestStaleTempRemoved(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	dest := filepath.Join(root, "public")
	dead := filepath.Join(root, ".public-construction-2147483646-123")
	deadOld := dead + "-ancien"
	live := filepath.Join(root, ".public-construction-1-456") // init runs as long as the system
	mkfiles(t, root, "site/content/_index.md", filepath.Base(dead)+"/index.html", filepath.Base(deadOld)+"/x", filepath.Base(live)+"/index.html")
	if err := publishOnce(t, dest, src, map[string]string{"index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dead, deadOld} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s kept", p)
		}
	}
	if _, err := os.Stat(live); err != nil && runtime.GOOS != "windows" {
		t.Errorf("a running build's folder removed: %v", err)
	}
}

// TestNoWindowWithoutDest: while builds replace the site, a reader never
// finds it missing (Linux: one atomic exchange).
func TestNoWindowWithoutDest(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the exchange in one step is Linux's renameat2; elsewhere two renames")
	}
	root := t.TempDir()
	src := filepath.Join(root, "site")
	dest := filepath.Join(root, "public")
	mkfiles(t, src, "content/_index.md")
	if err := publishOnce(t, dest, src, map[string]string{"index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	var stop, missing atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for stop.Load() == 0 {
			if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
				missing.Add(1)
			}
		}
	}()
	for range 300 {
		if err := publishOnce(t, dest, src, map[string]string{"index.html": "x"}); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(1)
	<-done
	if n := missing.Load(); n > 0 {
		t.Errorf("the site was missing %d times", n)
	}
}
