package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

func brokenCopy(t *testing.T) string {
	dir := sitetest.CopyDefault(t, "../..")
	page := filepath.Join(dir, "content", "presentation.md")
	b, _ := os.ReadFile(page)
	if err := os.WriteFile(page, []byte(strings.Replace(string(b), "title = ", "titre = ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckGitHubAnnotations(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", brokenCopy(t), "--format", "github"}, &out, &errb); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	mustContain(t, out.String(),
		"content/presentation.md:2:1: erreur\u00a0: « titre » : clé inconnue\n", // the log as always
		"::error file=content/presentation.md,line=2,col=1,title=spaser check::« titre » : clé inconnue%0A→ Vouliez-vous dire « title » ?\n")
}

func TestCheckGitLabReport(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", brokenCopy(t), "--format", "gitlab"}, &out, &errb); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var issues []codeQuality
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\n%s", err, out.String())
	}
	found := false
	for _, q := range issues {
		if q.Location.Path == "content/presentation.md" && q.Location.Lines.Begin == 2 && q.Severity == "major" &&
			q.Description == "« titre » : clé inconnue → Vouliez-vous dire « title » ?" && len(q.Fingerprint) == 32 {
			found = true
		}
	}
	if !found {
		t.Errorf("issue not in the report: %+v", issues)
	}
	mustContain(t, errb.String(), "content/presentation.md:2:1: erreur\u00a0: « titre » : clé inconnue", "Vérification : ")
	// No problem: an empty report, still JSON. The default site, given
	// what its source lacks (test values: a contact address, the dates
	// its figures were published), has none.
	out.Reset()
	clean := sitetest.CopyDefault(t, "../..")
	for file, edit := range map[string]func(string) string{
		"data/site.toml": func(s string) string {
			return strings.Replace(s, `contact_email = ""`, `contact_email = "achats@exemple.fr"`, 1)
		},
		"data/valeurs/2021.toml": func(s string) string { return "published = 2023-06-26\n" + s },
		"data/valeurs/2022.toml": func(s string) string { return "published = 2023-06-26\n" + s },
	} {
		b, err := os.ReadFile(filepath.Join(clean, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		sitetest.Write(t, clean, map[string]string{file: edit(string(b))})
	}
	if code := run([]string{"check", "--source", clean, "--annee", "2024", "--format", "gitlab"}, &out, &errb); code != 0 || strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("exit %d, report %q", code, out.String())
	}
	if code := run([]string{"check", "--format", "xml"}, &out, &errb); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestCheckDeployAddress(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	var out, errb bytes.Buffer
	run([]string{"check", "--source", dir, "--base-url", "https://exemple.gitlab.io/spaser/"}, &out, &errb)
	mustContain(t, out.String(), "data/site.toml: avertissement\u00a0: le site est publié à https://exemple.gitlab.io/spaser/, mais base_url vaut ")
	// The guide quotes the message and its fix word for word.
	guide, err := os.ReadFile("../../docs/guide-mise-a-jour.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(out.String(), "\u00a0", " "), "\n")
	for i, line := range lines {
		if strings.Contains(line, "mais base_url vaut") {
			for _, l := range lines[i : i+2] {
				if !strings.Contains(string(guide), l+"\n") {
					t.Errorf("not in the guide: %q", l)
				}
			}
		}
	}
	out.Reset()
	b, _ := os.ReadFile(filepath.Join(dir, "data", "site.toml"))
	var configured string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "base_url = "); ok {
			configured = strings.Trim(v, `"`)
		}
	}
	// The same address, written otherwise: no warning.
	for _, same := range []string{configured, "https://WWW.ValdeMarne.fr/spaser"} {
		out.Reset()
		if code := run([]string{"check", "--source", dir, "--base-url", same}, &out, &errb); code != 0 || strings.Contains(out.String(), "mais base_url vaut") {
			t.Errorf("same address %s: exit %d\n%s", same, code, out.String())
		}
	}
	// Another scheme or another path is another address.
	for _, other := range []string{"http://www.valdemarne.fr/spaser/", "https://www.valdemarne.fr/SPASER/", "https://www.valdemarne.fr/"} {
		out.Reset()
		run([]string{"check", "--source", dir, "--base-url", other}, &out, &errb)
		mustContain(t, out.String(), "le site est publié à "+other+", mais base_url vaut "+configured)
	}
	// A site without base_url: the deploy address is written nowhere.
	sitetest.Write(t, dir, map[string]string{"data/site.toml": strings.Replace(string(b), "base_url = "+`"`+configured+`"`, "", 1)})
	out.Reset()
	run([]string{"check", "--source", dir, "--base-url", configured}, &out, &errb)
	mustContain(t, out.String(), "data/site.toml: avertissement\u00a0: base_url absent : l'adresse de publication ("+configured+") n'est écrite nulle part dans le site", "Ajoutez base_url = \""+configured+"\" dans data/site.toml.")
}
