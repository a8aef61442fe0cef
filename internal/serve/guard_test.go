package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"spaser"
	"spaser/internal/build"
	"spaser/internal/sitetest"
)

// TestPreviewIsTheSite: by default the preview serves under the site's own
// base path, and every file with the headers that _headers gives it on the
// published site (issue 14, « the preview is the site »).
func TestPreviewIsTheSite(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, fixture)
	s, err := New(Options{Source: dir, Defaults: spaser.Layouts, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if s.BasePath() != "/schema/" {
		t.Fatalf("base path %q, want /schema/ (base_url of data/site.toml)", s.BasePath())
	}
	url := serveOn(t, s)
	for !built(s) {
		time.Sleep(time.Millisecond)
	}
	if code, _ := get(t, url+"/page/"); code != 404 {
		t.Errorf("/page/ outside the base path: %d", code)
	}
	// The published site's _headers, built from the same source.
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dir, Dest: pub, Defaults: spaser.Layouts, BaseURL: "/schema/"}); err != nil {
		t.Fatal(err)
	}
	rules := readHeaders(t, filepath.Join(pub, "_headers"))
	var asset string
	for name := range s.state.Load().out.assets {
		asset = name
	}
	for _, p := range []string{"/schema/", "/schema/page/", "/schema/" + asset, "/schema/images/plan.pdf", "/schema/nulle-part/"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		n := 0
		for _, r := range rules {
			if !strings.HasPrefix(p, r.prefix) {
				continue
			}
			for k, v := range r.headers {
				n++
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q as in _headers", p, k, got, v)
				}
			}
		}
		if n < 5 {
			t.Errorf("%s: only %d headers from _headers", p, n)
		}
	}
}

type rule struct {
	prefix  string
	headers map[string]string
}

func readHeaders(t *testing.T, file string) []rule {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rules []rule
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case !strings.HasPrefix(line, " "):
			rules = append(rules, rule{strings.TrimSuffix(line, "*"), map[string]string{}})
		default:
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			rules[len(rules)-1].headers[k] = v
		}
	}
	return rules
}

// TestOnlyLocalHosts: a request whose Host is another name (DNS
// rebinding) gets no page.
func TestOnlyLocalHosts(t *testing.T) {
	_, url, _ := start(t, fixture, Options{})
	port := url[strings.LastIndex(url, ":")+1:]
	for host, want := range map[string]int{
		"127.0.0.1:" + port: 200, "localhost:" + port: 200, "LOCALHOST": 200, "[::1]:" + port: 200,
		"evil.example:" + port: http.StatusMisdirectedRequest, "127.0.0.1.evil.example": http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", url+"/page/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || want != 200 && strings.Contains(string(b), "Première version") {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestIdleConnectionsClosed: a kept-alive connection that sends nothing
// more is closed.
func TestIdleConnectionsClosed(t *testing.T) {
	defer func(d time.Duration) { idleTimeout = d }(idleTimeout)
	idleTimeout = 200 * time.Millisecond
	_, url, _ := start(t, fixture, Options{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /page/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("idle connection: %v, want closed", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("closed after %v", d)
	}
}

// TestMidSaveShowsNoError: a file saved by truncating then writing it is
// read again; the error of its empty state is never shown.
func TestMidSaveShowsNoError(t *testing.T) {
	s, url, dir := start(t, fixture, Options{})
	var shown atomic.Bool
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if s.state.Load().errs != nil {
				shown.Store(true)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()
	file := filepath.Join(dir, "content/page.md")
	for i := range 3 {
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(60 * time.Millisecond) // the editor writes the new text a moment later
		want := fmt.Sprintf("Version %d enregistrée.", i)
		if err := os.WriteFile(file, []byte("+++\ntitle = \"Une page\"\n+++\n"+want+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		eventually(t, url+"/page/", want)
	}
	close(stop)
	if shown.Load() {
		t.Error("the error panel of a file caught mid-save was shown")
	}
	// A file that stays broken is shown, after the grace.
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, url+"/page/", "spaser-erreurs")
}
