package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jobScripts reads the script lines of each job of a GitLab CI file. It is
// a reading of the simple layout of docs/ci/gitlab-ci.yml (top-level jobs,
// "  script:", "    - command"), not a YAML parser.
func jobScripts(t *testing.T, file string) map[string][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	jobs := map[string][]string{}
	job, inScript := "", false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case !strings.HasPrefix(line, " "):
			job, inScript = strings.TrimSuffix(line, ":"), false
		case line == "  script:":
			inScript = true
		case inScript && strings.HasPrefix(line, "    - "):
			cmd := strings.TrimPrefix(line, "    - ")
			if strings.Contains(cmd, ": ") || strings.Contains(cmd, " #") {
				t.Fatalf("%s: %q would not be read by YAML as one command", file, cmd)
			}
			jobs[job] = append(jobs[job], cmd)
		default:
			inScript = false
		}
	}
	return jobs
}

// copyRepo copies what a CI job sees of the repository: everything but
// git's folder and what builds and tests leave behind.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	skip := map[string]bool{".git": true, "public": true, "audit-out": true, "node_modules": true, "spaser": true}
	err := filepath.WalkDir("../..", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../..", p)
		if rel == "." {
			return nil
		}
		if skip[d.Name()] && filepath.Dir(rel) == "." {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// sh runs one script line as the CI runner does, in dir, with env added.
func sh(t *testing.T, dir, line string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestGitLabCI runs the script lines of docs/ci/gitlab-ci.yml on a copy of
// the repository, as GitLab would: the publishing job must build public/
// for the Pages address, and a content error must stop it.
func TestGitLabCI(t *testing.T) {
	if testing.Short() {
		t.Skip("compile spaser dans une copie du dépôt : sauté avec -short")
	}
	jobs := jobScripts(t, "../../docs/ci/gitlab-ci.yml")
	for _, job := range []string{"verifier", "apercu", "pages", ".publication", ".serveur", ".stockage"} {
		if len(jobs[job]) == 0 {
			t.Fatalf("job %s not found: %v", job, jobs)
		}
	}
	dir := copyRepo(t)
	env := []string{"CI=true", "GOFLAGS=-buildvcs=false", "CI_PAGES_URL=https://exemple.gitlab.io/spaser/mr-12"}
	for _, line := range append(jobs["verifier"], jobs["apercu"]...) {
		out, err := sh(t, dir, line, env...)
		if err != nil {
			t.Fatalf("%q failed: %v\n%s", line, err, out)
		}
	}
	// The default site has warnings only (no contact address, no
	// publication dates: the source gives none): each is a "minor" issue
	// on its file, none stops the merge request.
	b, err := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	var report []struct {
		Severity string `json:"severity"`
		Location struct {
			Path string `json:"path"`
		} `json:"location"`
	}
	if err != nil || json.Unmarshal(b, &report) != nil || len(report) == 0 {
		t.Fatalf("code quality report of the default site: %v %s", err, b)
	}
	for _, r := range report {
		if r.Severity != "minor" || r.Location.Path == "" || filepath.IsAbs(r.Location.Path) {
			t.Errorf("code quality report of the default site: %+v in %s", r, b)
		}
	}
	if index, _ := os.ReadFile(filepath.Join(dir, "public", "index.html")); !strings.Contains(string(index), `href="/spaser/mr-12/axes/"`) {
		t.Error("the preview does not link under its own address")
	}
	// The deploy to the collectivité's server builds for base_url; the
	// transfers themselves need a server and are not run here.
	for _, line := range jobs[".publication"] {
		if out, err := sh(t, dir, line, env...); err != nil {
			t.Fatalf("%q failed: %v\n%s", line, err, out)
		}
	}
	if index, _ := os.ReadFile(filepath.Join(dir, "public", "index.html")); !strings.Contains(string(index), `href="https://www.valdemarne.fr/spaser/"`) {
		t.Error("the deploy build does not use base_url")
	}
	env[2] = "CI_PAGES_URL=https://exemple.gitlab.io/spaser"
	for _, job := range []string{"verifier", "pages"} {
		for _, line := range jobs[job] {
			out, err := sh(t, dir, line, env...)
			t.Logf("%s $ %s\n%s", job, line, out)
			if err != nil {
				t.Fatalf("%s: %q failed: %v", job, line, err)
			}
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<link rel="canonical" href="https://exemple.gitlab.io/spaser/">`, `href="/spaser/axes/"`} {
		if !strings.Contains(string(index), w) {
			t.Errorf("public/index.html lacks %s", w)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "sitemap.xml")); err != nil {
		t.Error(err)
	}
	// A content error: the job stops at spaser check, before publishing.
	page := filepath.Join(dir, "content", "presentation.md")
	b, _ = os.ReadFile(page)
	if err := os.WriteFile(page, []byte(strings.Replace(string(b), "title = ", "titre = ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := false
	for _, line := range jobs["pages"] {
		out, err := sh(t, dir, line, env...)
		if err != nil {
			if !strings.HasPrefix(line, "./spaser check") || !strings.Contains(out, "content/presentation.md:2:1: erreur\u00a0: « titre » : clé inconnue") {
				t.Errorf("%q failed unexpectedly:\n%s", line, out)
			}
			failed = true
			break
		}
	}
	if !failed {
		t.Error("the pages job went on despite a content error")
	}
}

var ghExpr = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// TestGitHubWorkflow runs the commands of docs/ci/github-pages.yml (its
// "run:" steps) on a copy of the repository, the Pages address given.
func TestGitHubWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("compile spaser dans une copie du dépôt : sauté avec -short")
	}
	b, err := os.ReadFile("../../docs/ci/github-pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, line := range strings.Split(string(b), "\n") {
		if cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "run: "); ok {
			runs = append(runs, ghExpr.ReplaceAllString(cmd, "https://exemple.github.io/spaser"))
		}
	}
	if len(runs) != 3 {
		t.Fatalf("run steps: %q", runs)
	}
	dir := copyRepo(t)
	for _, line := range runs {
		if out, err := sh(t, dir, line); err != nil {
			t.Fatalf("%q failed: %v\n%s", line, err, out)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil || !strings.Contains(string(index), `href="https://exemple.github.io/spaser/"`) {
		t.Errorf("public/index.html: %v", err)
	}
}
