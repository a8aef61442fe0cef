package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"spaser/internal/sitetest"
	"strings"
	"sync"
	"testing"
	"time"

	"spaser"
)

// site is a small site for the preview's tests (synthetic figures).
var site = map[string]string{
	"data/site.toml": `title = "Schéma d'essai"
collectivite = "Collectivité d'essai"
base_url = "https://exemple.fr/schema/"
period_start = 2023
period_end = 2026
[schema]
root = "axes"
[[schema.levels]]
singular = "Axe"
plural = "Axes"
[[schema.levels]]
singular = "Action"
plural = "Actions"
[accessibility]
status = "non conforme"
`,
	"content/_index.md":        "+++\ntitle = \"Accueil d'essai\"\n+++\nBienvenue : voir [la page](page.md).\n",
	"content/page.md":          "+++\ntitle = \"Une page\"\n+++\nPremière version.\n",
	"content/axes/_index.md":   "+++\ntitle = \"Les axes\"\n+++\n",
	"content/axes/1-vert.md":   "+++\ntitle = \"Axe vert\"\n+++\nTexte.\n",
	"content/images/plan.svg":  "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	"content/images/_index.md": "+++\ntitle = \"Images\"\n+++\n",
}

// start runs a preview of files on a free port; it stops with the test.
func start(t testing.TB, files map[string]string, opts Options) (*Server, string, string) {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	opts.Source, opts.Defaults = dir, spaser.Layouts
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the preview did not stop")
		}
	})
	for s.state.Load().gen == 0 {
		time.Sleep(time.Millisecond)
	}
	return s, "http://" + ln.Addr().String(), dir
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// eventually polls url until its body contains want.
func eventually(t testing.TB, url, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, url)
		if strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never contained %q; last body:\n%s", url, want, body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServesTheSiteWithThePreviewScript(t *testing.T) {
	s, url, dir := start(t, site, Options{})
	code, body := get(t, url+"/page/")
	if code != 200 || !strings.Contains(body, "Première version.") {
		t.Fatalf("%d %s", code, body)
	}
	head := body[:strings.Index(body, "</head>")]
	for _, w := range []string{`<meta name="spaser-build" content="` + s.buildID(1) + `">`, `<script src="/__spaser/reload.js" defer></script>`, `href="/__spaser/apercu.css"`} {
		if !strings.Contains(head, w) {
			t.Errorf("head lacks %s", w)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "spaser-erreurs") {
		t.Error("inline script or error panel in a good page")
	}
	if code, js := get(t, url+"/__spaser/reload.js"); code != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %d", code)
	}
	if code, svg := get(t, url+"/images/plan.svg"); code != 200 || !strings.HasPrefix(svg, "<svg") {
		t.Errorf("asset: %d %s", code, svg)
	}
	resp, err := http.Get(url + "/images/plan.svg")
	if err != nil || resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("content type %q, %v", resp.Header.Get("Content-Type"), err)
	}
	resp.Body.Close()
	if code, body := get(t, url+"/nulle-part/"); code != 404 || !strings.Contains(body, "reload.js") {
		t.Errorf("404: %d", code)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Get(url + "/page")
	if err != nil || resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/page/" {
		t.Errorf("redirect: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("the preview wrote public/")
	}
	// The built pages themselves carry no preview script.
	if strings.Contains(string(s.state.Load().files["page/index.html"]), "__spaser") {
		t.Error("the build holds the preview's script")
	}
}

func TestRebuildsOnChangeAndTellsThePage(t *testing.T) {
	_, url, dir := start(t, site, Options{})
	resp, err := http.Get(url + "/__spaser/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	ids := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ids <- d
			}
		}
	}()
	first := <-ids
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nDeuxième version.\n"})
	select {
	case id := <-ids:
		if id == first {
			t.Errorf("same build id %s after a change", id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event after a change")
	}
	eventually(t, url+"/page/", "Deuxième version.")
	// A new folder is watched too.
	sitetest.Write(t, dir, map[string]string{"content/axes/2-social/_index.md": "+++\ntitle = \"Axe social\"\n+++\n"})
	eventually(t, url+"/axes/2-social/", "Axe social")
	sitetest.Write(t, dir, map[string]string{"content/axes/2-social/1-emploi.md": "+++\ntitle = \"Emploi\"\n+++\n"})
	eventually(t, url+"/axes/2-social/1-emploi/", "Emploi")
}

func TestErrorShownInThePageThenFixed(t *testing.T) {
	_, url, dir := start(t, site, Options{})
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = “Une page”\n+++\nTroisième version.\n"})
	body := eventually(t, url+"/page/", "spaser-erreurs")
	for _, w := range []string{
		"<code>content/page.md:2:9</code>",
		"guillemets typographiques dans une valeur TOML",
		"→ Écrivez les textes entre guillemets droits",
		`<span class="spaser-focus">   2 | title = “Une page”</span>`,
		"   1 | &#43;&#43;&#43;",
		"Première version.", // the last good page stays below
	} {
		if !strings.Contains(body, w) {
			t.Errorf("missing %q in:\n%s", w, body)
		}
	}
	// Other pages show the errors too.
	eventually(t, url+"/", "content/page.md:2:9")
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nTroisième version.\n"})
	body = eventually(t, url+"/page/", "<p>Troisième version.</p>")
	if strings.Contains(body, "spaser-erreurs") {
		t.Error("the errors stay after the fix")
	}
}

func TestFirstBuildFails(t *testing.T) {
	files := map[string]string{}
	for k, v := range site {
		files[k] = v
	}
	files["content/_index.md"] = "+++\ntitle = \"Accueil\"\n"
	_, url, dir := start(t, files, Options{})
	code, body := get(t, url+"/")
	if code != 500 || !strings.Contains(body, "content/_index.md:1") || !strings.Contains(body, "en-tête non fermé") || !strings.Contains(body, "reload.js") {
		t.Fatalf("%d %s", code, body)
	}
	sitetest.Write(t, dir, map[string]string{"content/_index.md": "+++\ntitle = \"Accueil réparé\"\n+++\n"})
	eventually(t, url+"/", "Accueil réparé")
}

// A change made while a build runs is not lost: another build follows.
func TestChangeDuringBuildIsNotLost(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, site)
	s, err := New(Options{Source: dir, Defaults: spaser.Layouts, Debounce: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	started := make(chan uint64, 10)
	var once sync.Once
	s.beforeBuild = func(gen uint64) {
		started <- gen
		if gen == 2 {
			once.Do(func() { <-release }) // the first rebuild hangs until released
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = s.Serve(ctx, ln) }()
	<-started // the first build
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nVersion A.\n"})
	if gen := <-started; gen != 2 {
		t.Fatalf("build %d", gen)
	}
	// Build 2 has begun (and may or may not have read version A); now B.
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nVersion B.\n"})
	deadline := time.Now().Add(5 * time.Second)
	for len(s.trigger) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the change during the build was not recorded")
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	eventually(t, "http://"+ln.Addr().String()+"/page/", "Version B.")
}

func TestDestWritesEachGoodBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "apercu")
	_, url, dir := start(t, site, Options{Dest: dest})
	b, err := os.ReadFile(filepath.Join(dest, "page", "index.html"))
	if err != nil || !strings.Contains(string(b), "Première version.") || strings.Contains(string(b), "__spaser") {
		t.Fatalf("%v %s", err, b)
	}
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nSur disque.\n"})
	eventually(t, url+"/page/", "Sur disque.")
	b, _ = os.ReadFile(filepath.Join(dest, "page", "index.html"))
	if !strings.Contains(string(b), "Sur disque.") {
		t.Error("dest not updated")
	}
}

func TestBasePath(t *testing.T) {
	_, url, _ := start(t, site, Options{BaseURL: "/spaser/"})
	if code, body := get(t, url+"/spaser/page/"); code != 200 || !strings.Contains(body, `href="/spaser/"`) {
		t.Errorf("%d", code)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url + "/")
	if err != nil || resp.Header.Get("Location") != "/spaser/" {
		t.Errorf("root: %v %v", resp, err)
	}
	resp.Body.Close()
}

func TestInject(t *testing.T) {
	page := []byte("<html><head><title>x</title></head>\n<body class=\"a\">\n<p>t</p></body></html>")
	got := string(inject(page, "<H>", "<B>"))
	want := "<html><head><title>x</title><H></head>\n<body class=\"a\"><B>\n<p>t</p></body></html>"
	if got != want {
		t.Errorf("got %q", got)
	}
	if got := string(inject([]byte("<p>x</p>"), "<H>", "<B>")); got != "<H><B><p>x</p>" {
		t.Errorf("no head: %q", got)
	}
	if got := string(inject(page, "<H>", "")); !strings.Contains(got, "<H></head>") || strings.Contains(got, "<B>") {
		t.Errorf("no panel: %q", got)
	}
}

func TestIgnoredFiles(t *testing.T) {
	for name, want := range map[string]bool{".page.md.swp": true, "page.md~": true, "#page.md#": true, "4913": true, "page.md": false, "2024.toml": false} {
		if got := ignored("/x/content/" + name); got != want {
			t.Errorf("ignored(%s) = %v", name, got)
		}
	}
	s := &Server{}
	for name, want := range map[string]bool{"/site/content/a.md": true, "/site/data": true, "/site/layouts/x.html": true, "/site/public/index.html": false, "/site/README.md": false, "/autre/content/a.md": false} {
		if got := s.relevant("/site", name); got != want {
			t.Errorf("relevant(%s) = %v", name, got)
		}
	}
}
