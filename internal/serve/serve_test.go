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
	"sync/atomic"
	"testing"
	"time"

	"spaser"
)

// fixture is a small site for the preview's tests (synthetic figures).
var fixture = map[string]string{
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
`,
	"content/_index.md":        "+++\ntitle = \"Accueil d'essai\"\n+++\nBienvenue : voir [la page](page.md).\n",
	"content/page.md":          "+++\ntitle = \"Une page\"\n+++\nPremière version.\n",
	"content/axes/_index.md":   "+++\ntitle = \"Les axes\"\n+++\n",
	"content/axes/1-vert.md":   "+++\ntitle = \"Axe vert\"\n+++\nTexte.\n",
	"content/images/plan.pdf":  "%PDF-1.4 plan",
	"content/images/_index.md": "+++\ntitle = \"Images\"\n+++\n",
}

// start runs a preview of files on a free port; it stops with the test.
// setup, if any, runs before the server starts (test hooks).
func start(t testing.TB, files map[string]string, opts Options, setup ...func(*Server)) (*Server, string, string) {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	opts.Source, opts.Defaults = dir, spaser.Layouts
	if opts.BaseURL == "" {
		opts.BaseURL = "/" // the tests' addresses; TestPreviewIsTheSite checks the default
	}
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range setup {
		f(s)
	}
	url := serveOn(t, s)
	for !built(s) {
		time.Sleep(time.Millisecond)
	}
	return s, url, dir
}

// serveOn runs s on a free port until the test ends, and returns its
// address.
func serveOn(t testing.TB, s *Server) string {
	t.Helper()
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
	return "http://" + ln.Addr().String()
}

// built reports whether the first build has run to its end: failed, or
// the whole site written.
func built(s *Server) bool {
	st := s.state.Load()
	if st.gen == 0 || st.out == nil {
		return st.gen != 0
	}
	select {
	case <-st.out.done:
		return true
	default:
		return false
	}
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
	s, url, dir := start(t, fixture, Options{})
	code, body := get(t, url+"/page/")
	if code != 200 || !strings.Contains(body, "Première version.") {
		t.Fatalf("%d %s", code, body)
	}
	head := body[:strings.Index(body, "</head>")]
	for _, w := range []string{`<meta name="spaser-build" content="` + s.buildID(1) + `">`, `<script src="` + reloadURL + `" defer></script>`, `href="` + apercuURL + `"`} {
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
	if code, svg := get(t, url+"/images/plan.pdf"); code != 200 || !strings.HasPrefix(svg, "%PDF") {
		t.Errorf("asset: %d %s", code, svg)
	}
	resp, err := http.Get(url + "/images/plan.pdf")
	if err != nil || resp.Header.Get("Content-Type") != "application/pdf" {
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
	if strings.Contains(string(s.state.Load().out.files["page/index.html"]), "__spaser") {
		t.Error("the build holds the preview's script")
	}
}

func TestRebuildsOnChangeAndTellsThePage(t *testing.T) {
	_, url, dir := start(t, fixture, Options{})
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
	_, url, dir := start(t, fixture, Options{})
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
	for k, v := range fixture {
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
	release := make(chan struct{})
	started := make(chan uint64, 10)
	var once sync.Once
	s, url, dir := start(t, fixture, Options{Debounce: 10 * time.Millisecond}, func(s *Server) {
		s.beforeBuild = func(gen uint64) {
			started <- gen
			if gen == 2 {
				once.Do(func() { <-release }) // the first rebuild hangs until released
			}
		}
	})
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
	eventually(t, url+"/page/", "Version B.")
}

func TestDestWritesEachGoodBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "apercu")
	_, url, dir := start(t, fixture, Options{Dest: dest})
	b, err := os.ReadFile(filepath.Join(dest, "page", "index.html"))
	if err != nil || !strings.Contains(string(b), "Première version.") || strings.Contains(string(b), "__spaser") {
		t.Fatalf("%v %s", err, b)
	}
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nSur disque.\n"})
	eventually(t, url+"/page/", "Sur disque.")
	// Written once the whole site is, just after the open page reloads.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		b, _ = os.ReadFile(filepath.Join(dest, "page", "index.html"))
		if strings.Contains(string(b), "Sur disque.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("dest not updated")
		}
	}
}

func TestBasePath(t *testing.T) {
	_, url, _ := start(t, fixture, Options{BaseURL: "/spaser/"})
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

// The open page reloads as soon as the site is prepared: its page is
// rendered on request while the rest of the site is being written; every
// other file waits for the whole site.
func TestPageServedBeforeTheWholeSite(t *testing.T) {
	hold := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(hold) }) }
	defer release()
	var held atomic.Bool // the first build goes through
	_, url, dir := start(t, fixture, Options{}, func(s *Server) {
		s.beforeComplete = func() {
			if held.Swap(true) {
				<-hold
			}
		}
	})
	sitetest.Write(t, dir, map[string]string{
		"content/page.md":         "+++\ntitle = \"Une page\"\n+++\nAvant le reste du site.\n",
		"content/images/plan.pdf": "%PDF-1.4 nouveau",
	})
	eventually(t, url+"/page/", "Avant le reste du site.")
	if code, _ := get(t, url+"/axes/1-vert/"); code != 200 {
		t.Errorf("another page: %d", code)
	}
	got := make(chan string, 1)
	go func() {
		_, body := get(t, url+"/images/plan.pdf")
		got <- body
	}()
	select {
	case body := <-got:
		t.Fatalf("a copied file was served before the whole site was written: %s", body)
	case <-time.After(50 * time.Millisecond):
	}
	release()
	select {
	case body := <-got:
		if !strings.Contains(body, "nouveau") {
			t.Errorf("the copied file is the old one: %s", body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the copied file never came")
	}
}

// A layout that fails only when a page is rendered: the open page shows the
// error over the last good build, even though it had been told to reload
// before the rest of the site was written.
func TestLayoutErrorFoundWhileWritingTheSite(t *testing.T) {
	s, url, dir := start(t, fixture, Options{})
	before := s.state.Load().gen
	sitetest.Write(t, dir, map[string]string{
		"layouts/page.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{.Page.Inexistant}}{{end}}\n",
	})
	body := eventually(t, url+"/page/", "spaser-erreurs")
	for _, w := range []string{"Inexistant", "Première version."} {
		if !strings.Contains(body, w) {
			t.Errorf("missing %q in:\n%s", w, body)
		}
	}
	if st := s.state.Load(); st.gen < before+2 {
		t.Errorf("build %d after %d: the pages were not told to reload again with the errors", st.gen, before)
	}
}

// Fingerprinted files may stay in the browser's cache (their name changes
// with their content); the pages and every other file may not.
func TestCacheHeaders(t *testing.T) {
	s, url, _ := start(t, fixture, Options{})
	var asset string
	for name := range s.state.Load().out.assets {
		if strings.HasSuffix(name, ".css") {
			asset = name
		}
	}
	for p, want := range map[string]string{
		"/" + asset:               "public, max-age=31536000, immutable", // as in _headers
		"/page/":                  "no-store",
		"/images/plan.pdf":        "no-store",
		apercuURL:                 "max-age=31536000, immutable",
		reloadURL:                 "max-age=31536000, immutable",
		"/__spaser/reload.js":     "no-store", // not the current version: may change
		"/__spaser/reload.js?v=0": "no-store",
	} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || got != want {
			t.Errorf("%s: %d, Cache-Control %q, want %q", p, resp.StatusCode, got, want)
		}
	}
}

// The rest of the site is written once the open pages have reloaded (each
// opens its event stream again), not while they reload.
func TestWholeSiteWrittenAfterTheOpenPagesReloaded(t *testing.T) {
	s, url, dir := start(t, fixture, Options{})
	stream := func() func() {
		resp, err := http.Get(url + "/__spaser/events")
		if err != nil {
			t.Fatal(err)
		}
		return func() { resp.Body.Close() }
	}
	closeFirst := stream()
	for open, _ := s.streams(); open == 0; open, _ = s.streams() {
		time.Sleep(time.Millisecond)
	}
	before := s.state.Load().gen
	sitetest.Write(t, dir, map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n+++\nNouvelle.\n"})
	eventually(t, url+"/page/", "Nouvelle.")
	st := s.state.Load()
	if st.gen == before {
		t.Fatal("no new build")
	}
	closeFirst() // the page reloads…
	time.Sleep(50 * time.Millisecond)
	select {
	case <-st.out.done:
		t.Fatal("the whole site was written before the open page came back")
	default:
	}
	defer stream()() // …and comes back
	select {
	case <-st.out.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the whole site was never written")
	}
}

// Two rebuilds asked at once run one after the other: whatever fails, a
// request then gets an answer (it used to be able to wait forever on a
// build shown by one and failed by the other).
func TestConcurrentRebuilds(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, fixture)
	s, err := New(Options{Source: dir, Defaults: spaser.Layouts})
	if err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	sitetest.Write(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}{{.Page.Inexistant}}{{end}}\n"})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(s.Rebuild)
	}
	wg.Wait()
	got := make(chan bool, 1)
	go func() {
		_, _, ok := s.file("page/index.html")
		got <- ok
	}()
	select {
	case ok := <-got:
		if st := s.state.Load(); !ok || st.errs == nil {
			t.Errorf("found %v, errors %v: want the last good page and the layout's error", ok, st.errs)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a request never got an answer")
	}
}
