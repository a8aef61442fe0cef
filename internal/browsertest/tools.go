package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Tab opens a new tab in the browser of ctx (from New); it closes when the
// test ends.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tctx, cancel := chromedp.NewContext(ctx)
	if err := chromedp.Do(tctx); err != nil {
		cancel()
		t.Fatalf("nouvel onglet : %v", err)
	}
	t.Cleanup(cancel)
	return tctx
}

// Recorder keeps what a tab reported since the last Reset: console errors
// and warnings, uncaught exceptions, browser log errors (a blocked resource,
// a Content-Security-Policy violation), the URL of every request, and the
// requests that failed or answered with an error status.
type Recorder struct {
	mu       sync.Mutex
	Console  []string
	Requests []string
	Failed   []string
	urls     map[network.RequestID]string
}

// Record starts recording the events of tab ctx.
func Record(t testing.TB, ctx context.Context) *Recorder {
	t.Helper()
	r := &Recorder{urls: map[network.RequestID]string{}}
	err := chromedp.Listen(ctx, func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					if len(a.Value) > 0 {
						parts = append(parts, strings.Trim(string(a.Value), `"`))
					} else {
						parts = append(parts, a.Description)
					}
				}
				r.Console = append(r.Console, "console."+string(e.Type)+" : "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			r.Console = append(r.Console, "exception : "+msg)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				r.Console = append(r.Console, "journal ("+string(e.Entry.Source)+") : "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			r.Requests = append(r.Requests, e.Request.URL)
			r.urls[e.RequestID] = e.Request.URL
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				r.Failed = append(r.Failed, e.Response.URL+" : HTTP "+e.Response.StatusText)
			}
		case *network.EventLoadingFailed:
			r.Failed = append(r.Failed, r.urls[e.RequestID]+" : "+e.ErrorText+" "+e.BlockedReason.String())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Reset forgets what was recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Console, r.Requests, r.Failed = nil, nil, nil
}

// Take returns what was recorded and forgets it.
func (r *Recorder) Take() (console, requests, failed []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	console, requests, failed = r.Console, r.Requests, r.Failed
	r.Console, r.Requests, r.Failed = nil, nil, nil
	return
}

// Axe returns axe-core's axe.min.js, installed from the repository's
// package.json by npm ci (make deps). Without it the test is skipped, with
// the command to run, except in CI (CI=true), where it fails.
func Axe(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod introuvable au-dessus du dossier du test")
		}
		dir = parent
	}
	p := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		msg := "axe-core absent (" + p + ") : lancez « make deps » (ou « npm ci » à la racine du dépôt) pour installer la version fixée par package-lock.json"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// Serve serves the built site in dir at http://127.0.0.1:PORT<base>, with
// the headers of its _headers file (as Netlify or Cloudflare Pages would),
// 404.html for a missing file, and returns the site's URL. It stops when the
// test ends.
func Serve(t testing.TB, dir, base string) string {
	t.Helper()
	rules := parseHeaders(t, filepath.Join(dir, "_headers"))
	files := http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir)))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if rule.match(r.URL.Path) {
				for _, kv := range rule.headers {
					w.Header().Set(kv[0], kv[1])
				}
			}
		}
		rel := strings.TrimPrefix(r.URL.Path, base)
		if !strings.HasPrefix(r.URL.Path, base) || missing(dir, rel) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + base
}

func missing(dir, rel string) bool {
	p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rel)))
	fi, err := os.Stat(p)
	if err != nil {
		return true
	}
	if fi.IsDir() {
		_, err = os.Stat(filepath.Join(p, "index.html"))
		return err != nil
	}
	return false
}

type headerRule struct {
	pattern string // "/spaser/*"
	headers [][2]string
}

func (h headerRule) match(p string) bool {
	if pre, ok := strings.CutSuffix(h.pattern, "*"); ok {
		return strings.HasPrefix(p, pre)
	}
	return p == h.pattern
}

// parseHeaders reads a _headers file: a path pattern at the start of a
// line, then its headers indented as "Name: value"; # starts a comment.
func parseHeaders(t testing.TB, file string) []headerRule {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("_headers : %v", err)
	}
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, headerRule{pattern: trimmed})
		case len(rules) > 0:
			k, v, ok := strings.Cut(trimmed, ":")
			if !ok {
				t.Fatalf("_headers : ligne illisible %q", line)
			}
			rules[len(rules)-1].headers = append(rules[len(rules)-1].headers, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
	}
	return rules
}
