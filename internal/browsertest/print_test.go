package browsertest_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"spaser"
	"spaser/internal/browsertest"
	"spaser/internal/build"
)

// pdfPage matches each page object of a PDF that Chromium prints (not the
// /Pages tree), and its size.
var (
	pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	a4Box   = regexp.MustCompile(`/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]`)
)

// TestPrint prints the default site's yearly reports and its printable
// schema as Chromium does: A4 pages; a report is a bilan of 2 to 4 pages
// whose first page is its cover (period, adoption, figures' year), and
// the printed cover replaces the site's header.
func TestPrint(t *testing.T) {
	bctx, site := serveDefault(t, 3*time.Minute)
	for _, tc := range []struct {
		path     string
		min, max int
	}{
		{"suivi/2021/", 2, 4},
		{"suivi/2022/", 2, 4},
		{"version-imprimable/", 10, 60},
	} {
		var pdf []byte
		err := chromedp.Do(bctx, chromedp.Navigate(site+tc.path), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				return err
			}
			prefer := true
			res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer})
			pdf = res.Data
			return err
		}))
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		header, err := chromedp.Run(bctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header")).display`))
		if err != nil {
			t.Fatal(err)
		}
		cover, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(document.querySelector(".print-cover") || {}).innerText || ""`))
		if err != nil {
			t.Fatal(err)
		}
		n := len(pdfPage.FindAll(pdf, -1))
		if n < tc.min || n > tc.max {
			t.Errorf("%s prints on %d pages, want %d to %d", tc.path, n, tc.min, tc.max)
		}
		if boxes := len(a4Box.FindAll(pdf, -1)); boxes != n {
			t.Errorf("%s: %d A4 pages out of %d", tc.path, boxes, n)
		}
		if header != "none" {
			t.Errorf("%s: the site's header prints (display %q) above the cover", tc.path, header)
		}
		for _, want := range []string{"Département du Val-de-Marne", "SPASER 2023-2028", "2023-2028", "date non indiquée", "2022"} {
			if !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(cover) {
				t.Errorf("%s: the cover lacks %q:\n%s", tc.path, want, cover)
			}
		}
	}
	// The printed schema gives, with each page that follows indicators,
	// their latest value, target and state, in words: the 29 of the
	// default site, each at least once.
	rows, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll(".print-indicators tbody tr")].map(r => [r.querySelector("a").getAttribute("href"), r.querySelector(".dt-value").innerText + " | " + r.querySelector(".dt-goal").innerText + " | " + r.querySelector(".dt-state").innerText]))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 29 {
		t.Errorf("version-imprimable/: %d indicators with their standing, want 29", len(rows))
	}
	for href, text := range rows {
		if parts := regexp.MustCompile(` \| `).Split(text, -1); len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			t.Errorf("version-imprimable/, %s: value | target | state = %q", href, text)
		}
	}
}

// serveDefault builds the default site, serves it under its base path and
// starts a browser for the rest of the test (at most timeout).
func serveDefault(t *testing.T, timeout time.Duration) (context.Context, string) {
	bctx := browsertest.New(t, timeout)
	dir := t.TempDir()
	if _, err := build.Run(build.Options{Source: "../..", Dest: dir, Defaults: spaser.Layouts}); err != nil {
		t.Fatal(err)
	}
	return bctx, browsertest.Serve(t, dir, "/spaser/")
}
