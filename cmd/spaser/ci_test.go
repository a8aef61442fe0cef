package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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

// ciVariables reads the top-level "variables:" of a GitLab CI file and
// expands them as the runner does, with env (KEY=value) for the
// predefined variables; it returns env followed by them.
func ciVariables(t *testing.T, file string, env ...string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		known[k] = v
	}
	_, block, ok := strings.Cut(string(b), "\nvariables:\n")
	if !ok {
		t.Fatalf("%s: no top-level variables", file)
	}
	for _, line := range strings.Split(block, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		v = os.Expand(v, func(name string) string { return known[name] })
		known[k] = v
		env = append(env, k+"="+v)
	}
	return env
}

// gitlabEnv is the environment of a job of docs/ci/gitlab-ci.yml for a
// Pages address, but for the caches the job keeps in its project folder
// (GOPATH, GOCACHE): the test uses this machine's.
func gitlabEnv(t *testing.T, pagesURL string) []string {
	const project = "/builds/spaser"
	env := ciVariables(t, "../../docs/ci/gitlab-ci.yml", "CI=true", "CI_PROJECT_DIR="+project, "CI_PAGES_URL="+pagesURL)
	return slices.DeleteFunc(env, func(kv string) bool { return strings.Contains(kv, "="+project+"/") })
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
	// In a merge request, the check job sees the Pages address of the
	// site, the preview job its own (GitLab 17.9+ adds the path_prefix).
	main := gitlabEnv(t, "https://exemple.gitlab.io/spaser")
	// Before GitLab 17.9, the preview job's CI_PAGES_URL lacks the
	// path_prefix; the run with it comes last, for the checks below.
	mrOld := append(gitlabEnv(t, "https://exemple.gitlab.io/spaser"), "CI_MERGE_REQUEST_IID=12")
	mr := append(gitlabEnv(t, "https://exemple.gitlab.io/spaser/mr-12"), "CI_MERGE_REQUEST_IID=12")
	for _, run := range []struct {
		job string
		env []string
	}{{"apercu", mrOld}, {"verifier", main}, {"apercu", mr}} {
		for _, line := range jobs[run.job] {
			out, err := sh(t, dir, line, run.env...)
			if err != nil {
				t.Fatalf("%q failed: %v\n%s", line, err, out)
			}
		}
		if index, _ := os.ReadFile(filepath.Join(dir, "public", "index.html")); run.job == "apercu" && !strings.Contains(string(index), `href="/spaser/mr-12/axes/"`) {
			t.Errorf("the preview does not link under its own address (env %q)", run.env)
		}
	}
	// The default site has warnings only (no contact address, no
	// publication dates: the source gives none; its base_url is not the
	// Pages address): each is a "minor" issue on its file, none stops the
	// merge request.
	b, err := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	var report []struct {
		Description string `json:"description"`
		Severity    string `json:"severity"`
		Location    struct {
			Path string `json:"path"`
		} `json:"location"`
	}
	if err != nil || json.Unmarshal(b, &report) != nil || len(report) == 0 {
		t.Fatalf("code quality report of the default site: %v %s", err, b)
	}
	address := false
	for _, r := range report {
		if r.Severity != "minor" || r.Location.Path == "" || filepath.IsAbs(r.Location.Path) {
			t.Errorf("code quality report of the default site: %+v in %s", r, b)
		}
		address = address || r.Location.Path == "data/site.toml" && strings.Contains(r.Description, "le site est publié à https://exemple.gitlab.io/spaser/, mais base_url vaut https://www.valdemarne.fr/spaser/")
	}
	if !address {
		t.Errorf("the merge request's report does not say that base_url is not the Pages address:\n%s", b)
	}
	// The deploy jobs (.publication, .serveur, .stockage): TestDeployJobs.
	for _, job := range []string{"verifier", "pages"} {
		for _, line := range jobs[job] {
			out, err := sh(t, dir, line, main...)
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
		out, err := sh(t, dir, line, main...)
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
// "run:" steps) on a copy of the repository, as a push with the Pages
// address given, then as a pull request (no Pages address), passing on
// what a step writes to $GITHUB_ENV as the runner does.
func TestGitHubWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("compile spaser dans une copie du dépôt : sauté avec -short")
	}
	b, err := os.ReadFile("../../docs/ci/github-pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	dir := copyRepo(t)
	for _, run := range []struct{ pages, link, annotation string }{
		{"https://exemple.github.io/spaser", `href="https://exemple.github.io/spaser/"`, "::warning file=data/site.toml,title=spaser check::le site est publié à https://exemple.github.io/spaser/, mais base_url vaut https://www.valdemarne.fr/spaser/"},
		{"", `href="https://www.valdemarne.fr/spaser/"`, ""},
	} {
		var runs []string
		for _, line := range strings.Split(string(b), "\n") {
			if cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "run: "); ok {
				runs = append(runs, ghExpr.ReplaceAllString(cmd, run.pages))
			}
		}
		if len(runs) != 4 {
			t.Fatalf("run steps: %q", runs)
		}
		ghEnv := filepath.Join(t.TempDir(), "github_env")
		env := []string{"GITHUB_ENV=" + ghEnv}
		var log strings.Builder
		for _, line := range runs {
			out, err := sh(t, dir, line, env...)
			log.WriteString(out)
			if err != nil {
				t.Fatalf("%q failed: %v\n%s", line, err, out)
			}
			set, _ := os.ReadFile(ghEnv)
			env = append(env[:1], strings.Fields(string(set))...)
		}
		index, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
		if err != nil || !strings.Contains(string(index), run.link) {
			t.Errorf("Pages address %q: public/index.html lacks %s: %v", run.pages, run.link, err)
		}
		if got := strings.Contains(log.String(), "mais base_url vaut"); run.annotation != "" && !strings.Contains(log.String(), run.annotation) || run.annotation == "" && got {
			t.Errorf("Pages address %q: the address warning is wrong:\n%s", run.pages, log.String())
		}
	}
}
