package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser"
	"spaser/internal/echarts"
)

// TestCRLFSiteBuildsTheSame: the default site with every Markdown and
// TOML file saved with Windows line ends (catalogue, values, site
// configuration, pages with front matter) builds the same files, byte
// for byte, as with Unix line ends: the charts included.
func TestCRLFSiteBuildsTheSame(t *testing.T) {
	lf, crlf := t.TempDir(), t.TempDir()
	kinds := map[string]int{}
	for _, d := range []string{"content", "data"} {
		for _, root := range []string{lf, crlf} {
			if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("../..", d))); err != nil {
				t.Fatal(err)
			}
		}
	}
	err := filepath.WalkDir(crlf, func(p string, e fs.DirEntry, err error) error {
		ext := filepath.Ext(p)
		if err != nil || e.IsDir() || (ext != ".md" && ext != ".toml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		kinds[ext]++
		return os.WriteFile(p, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644)
	})
	if err != nil || kinds[".md"] == 0 || kinds[".toml"] < 3 {
		t.Fatal(kinds, err)
	}
	charts := &echarts.Renderer{Cache: t.TempDir()}
	var out [2]map[string][]byte
	for i, src := range []string{lf, crlf} {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := Run(Options{Source: src, Dest: dest, Defaults: spaser.Layouts, Charts: charts})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diags {
			t.Errorf("%s: %v", src, d)
		}
		out[i] = map[string][]byte{}
		filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(dest, p)
				out[i][rel], _ = os.ReadFile(p)
			}
			return err
		})
	}
	if len(out[0]) != len(out[1]) || len(out[0]) < 50 {
		t.Fatalf("%d files with LF, %d with CRLF", len(out[0]), len(out[1]))
	}
	for name, b := range out[0] {
		if !bytes.Equal(b, out[1][name]) {
			t.Errorf("%s differs with CRLF files", name)
			if strings.Contains(string(out[1][name]), "\r") {
				t.Log("  it holds a carriage return")
			}
		}
	}
}
