package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecpExtraire(t *testing.T) {
	dir := t.TempDir()
	in := "../../internal/decp/testdata/departements_2024H2_travaux-cpv4521.csv"
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"decp"}, 2, "Utilisation"},
		{[]string{"decp", "extraire", in}, 2, "--acheteur"},
		{[]string{"decp", "extraire", "--acheteur", "123", in}, 2, "14 chiffres"},
		{[]string{"decp", "extraire", "--acheteur", "22760540900019", "x.xlsx"}, 2, ".json ou .csv"},
		{[]string{"decp", "extraire", "--source", dir, "--acheteur", "22760540900019", "absent.json"}, 1, "absent.json introuvable"},
		{[]string{"decp", "extraire", "--source", dir, in, "--acheteur", "22760540900019"}, 0, "enregistrements lus dans"},
		{[]string{"decp", "extraire", "--source", dir, "--acheteur", "22760540900019", in}, 1, "existe déjà"},
		{[]string{"decp", "extraire", "--source", dir, "--remplacer", "--acheteur", "22760540900019", in}, 0, "remplace l’ancien"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		all := stdout.String() + stderr.String()
		if code != tc.code || !strings.Contains(all, tc.out) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.out, all)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "data", "decp", "decp-22760540900019.csv"))
	if err != nil || strings.Count(string(b), "\n") != 81 || strings.Contains(string(b), "\r") {
		t.Errorf("extract: %d lines, %v", strings.Count(string(b), "\n"), err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "data", "decp", ".decp-extrait-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
