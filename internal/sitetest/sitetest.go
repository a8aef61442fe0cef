// Package sitetest lays out sites on disk for tests: a handful of files
// written from a map, or a copy of the repository's default site (the
// Val-de-Marne SPASER) that a test may then break or edit. It also holds
// the checks those tests share.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ContainsAll reports each of wants that text does not contain, with the
// whole text.
func ContainsAll(t testing.TB, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

// Write writes files (slash paths → contents) under dir.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// New writes files into a new temporary folder and returns it.
func New(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, files)
	return dir
}

// CopyDefault copies the content/ and data/ of the repository whose root is
// repo (e.g. "../.." from a package under internal/) into a new temporary
// folder and returns it.
func CopyDefault(t testing.TB, repo string) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repo, d))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
