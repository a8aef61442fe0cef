package main

import (
	"bytes"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

// TestNaNIsAContentError: nan, inf and 1e308 in a values file are errors
// at file:line for check and build, exit 1, never a panic (exit 2).
func TestNaNIsAContentError(t *testing.T) {
	for _, v := range []string{"nan", "-inf", "1e308"} {
		dir := sitetest.CopyDefault(t, "../..")
		sitetest.Write(t, dir, map[string]string{"data/valeurs/2022.toml": "[marches-clause-sociale]\ncount = " + v + "\nsource = \"essai\"\n"})
		for _, cmd := range [][]string{{"check", "--source", dir}, {"build", "--source", dir, "--dest", t.TempDir() + "/out"}} {
			var out, errb bytes.Buffer
			code := safeRun(cmd, &out, &errb)
			all := out.String() + errb.String()
			if code != 1 || !strings.Contains(all, "data/valeurs/2022.toml:2:") || !strings.Contains(all, "erreur") || strings.Contains(all, "panic") {
				t.Errorf("%s with count = %s: exit %d\n%s", cmd[0], v, code, all)
			}
		}
	}
}
