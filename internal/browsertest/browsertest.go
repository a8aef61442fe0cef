// Package browsertest starts a headless Chromium for tests that need a real
// browser: the preview's live reload and the accessibility suite of the
// built site (site_test.go). A test that calls New is skipped, with the
// reason, when no Chromium is installed (apt-get install chromium, or make
// deps). Tab, Recorder, Axe and Serve are the tools of those tests: one
// browser, tabs reused from page to page, every console message and request
// recorded.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Flags are the command-line switches Chromium gets, besides a fresh
// --user-data-dir: no sandbox (tests run as root in CI), no GPU, and none
// of the background connections that this machine's closed network refuses.
var Flags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
	"disable-dev-shm-usage", "disable-extensions", "no-default-browser-check",
	"mute-audio", "hide-scrollbars",
}

// Path returns the Chromium to use: $SPASER_CHROMIUM when set, else
// /usr/bin/chromium, else chromium, chromium-browser or google-chrome on
// the PATH.
func Path() (string, bool) {
	if p := os.Getenv("SPASER_CHROMIUM"); p != "" {
		return p, true
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// New starts a fresh Chromium and returns the context of its first tab,
// for chromedp.Run. The browser stops, and its profile is removed, when the
// test ends; timeout bounds the whole test's use of it.
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("navigateur non lancé avec -short")
	}
	bin, ok := Path()
	if !ok && os.Getenv("CI") == "true" {
		t.Fatal("Chromium introuvable (/usr/bin/chromium absent) en intégration continue : make deps (lancé par .ci/run) aurait dû l'installer.")
	}
	if !ok {
		t.Skip("Chromium introuvable (/usr/bin/chromium absent) : test dans un vrai navigateur sauté. Installez-le avec « apt-get install -y chromium » (ou make deps), ou indiquez-le dans SPASER_CHROMIUM.")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	// Nothing but this machine: every other host fails to resolve and the
	// proxy is dead, so that a request to another site can never succeed
	// (the tests also record and report it).
	opts = append(opts,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.Flag("proxy-server", "http://127.0.0.1:9")) // loopback is never proxied
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
		t.Fatalf("Chromium (%s) ne démarre pas : %v", bin, err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	return bctx
}
