package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
	if code := run([]string{"publier"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "commande inconnue « publier »") {
		t.Errorf("unknown command: exit %d, %s", code, errb.String())
	}
	if code := run([]string{"build", "--base-url", "ftp://x/"}, &out, &errb); code != 2 {
		t.Errorf("bad base URL: exit %d, want 2", code)
	}
	if code := run([]string{"build", "--source", t.TempDir()}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "data/site.toml: erreur") {
		t.Errorf("empty source: exit %d, %s", code, errb.String())
	}
}

func TestBuildDefaultSite(t *testing.T) {
	var out, errb bytes.Buffer
	dest := filepath.Join(t.TempDir(), "public")
	code := run([]string{"build", "--source", "../..", "--dest", dest, "--base-url", "/spaser/"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "Site construit dans "+dest) || !strings.Contains(out.String(), " pages, ") {
		t.Errorf("summary = %q", out.String())
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
}
