package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewSiteAudited creates new sites of two and four levels, checks and
// builds them, then runs the audit toolkit's link checker and the Nu HTML
// checker over what was built: no error anywhere. Without the toolkit (make
// deps installs it), the audits are skipped with a message, except under
// CI=true.
func TestNewSiteAudited(t *testing.T) {
	if testing.Short() {
		t.Skip("long: builds two sites and runs vnu")
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	for name, levels := range map[string]string{"deux": "", "quatre": "Chantier,Objectif,Engagement,Mesure"} {
		dir := filepath.Join(tmp, name)
		args := []string{"new", "site", dir, "--collectivite", "Ville d'Essai", "--periode", "2025-2030"}
		if levels != "" {
			args = append(args, "--niveaux", levels)
		}
		var o, e bytes.Buffer
		if code := run(args, &o, &e); code != 0 {
			t.Fatalf("%s: new site: exit %d\n%s%s", name, code, o.String(), e.String())
		}
		o.Reset()
		// 0 errors; the one warning asks for the contact address that only
		// the collectivité can give.
		if code := run([]string{"check", "--source", dir, "--annee", "2025"}, &o, &e); code != 0 || !strings.Contains(o.String(), "Vérification : 0 erreur, 1 avertissement.") || !strings.Contains(o.String(), "aucune adresse de contact") {
			t.Errorf("%s: check: exit %d\n%s%s", name, code, o.String(), e.String())
		}
		if code := run([]string{"build", "--source", dir, "--dest", filepath.Join(out, name)}, &o, &e); code != 0 || e.Len() > 0 {
			t.Fatalf("%s: build: exit %d\n%s", name, code, e.String())
		}
	}
	tools := filepath.Join("..", "..", "..", "shared", "tools", "audit")
	state := os.Getenv("AUDIT_STATE")
	if state == "" {
		home, _ := os.UserHomeDir()
		state = filepath.Join(home, ".cache", "site-audit")
	}
	_, errLinks := os.Stat(filepath.Join(tools, "links.sh"))
	_, errVnu := os.Stat(filepath.Join(state, "node", "node_modules", "vnu-jar"))
	_, errJava := exec.LookPath("java")
	if errLinks != nil || errVnu != nil || errJava != nil {
		msg := "outils d'audit absents (" + tools + ", vnu dans " + state + ", java) : « make deps » les installe ; audits sautés"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	env := append(os.Environ(), "AUDIT_STATE="+state)
	audit := func(script string, args ...string) {
		t.Helper()
		cmd := exec.Command("bash", append([]string{filepath.Join(tools, script), "-o", filepath.Join(tmp, "audit-"+script)}, args...)...)
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s %v: %v\n%s", script, args, err, b)
		}
	}
	audit("links.sh", filepath.Join(out, "deux"), "/")
	audit("links.sh", filepath.Join(out, "quatre"), "/")
	audit("vnu.sh", out) // both sites in one run of the checker
}

func TestNewSiteUsage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	for _, args := range [][]string{
		{"new", "site", dir},
		{"new", "site", dir, "--collectivite", "C"},
		{"new", "site", dir, "--collectivite", "C", "--periode", "2030-2025"},
		{"new", "site", dir, "--collectivite", "C", "--periode", "2025-2030", "--niveaux", "Axe,,Action"},
		{"new", "site", "--collectivite", "C", "--periode", "2025-2030"},
	} {
		var o, e bytes.Buffer
		if code := run(args, &o, &e); code != 2 || e.Len() == 0 {
			t.Errorf("%v: exit %d, %q", args, code, e.String())
		}
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("a usage error wrote files")
	}
}
