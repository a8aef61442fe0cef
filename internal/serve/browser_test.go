package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"spaser"
	"spaser/internal/browsertest"
	"spaser/internal/sitetest"
)

// waitFor evaluates the JavaScript predicate js in the open page until it
// is true. Errors are expected while the page reloads and are retried.
func waitFor(t *testing.T, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(2 * time.Millisecond)
	}
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("document.body ? document.body.innerText.slice(0, 2000) : ''"))
	t.Fatalf("the page never satisfied %s (last error: %v); it shows:\n%s", js, lastErr, body)
}

// TestLiveReloadInChromium opens an action page of the default site in
// headless Chromium, then: an edit reloads the page with the change; a
// broken front matter shows the errors over the page, with file:line; the
// fix brings the page back. It measures the time from the write to the
// reloaded page over several edits and reports the median.
func TestLiveReloadInChromium(t *testing.T) {
	ctx := browsertest.New(t, 3*time.Minute)
	dir := sitetest.CopyDefault(t, "../..")
	s, err := New(Options{Source: dir, Defaults: spaser.Layouts})
	if err != nil {
		t.Fatal(err)
	}
	base := serveOn(t, s) + strings.TrimSuffix(s.BasePath(), "/") // the site's base path, /spaser/

	const rel = "content/axes/1-transition-ecologique/1-climat/4-vehicules-faibles-emissions.md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const oldTitle = "Poursuivre l'achat de véhicules à faibles et très faibles émissions en remplacement de véhicules thermiques"
	retitle := func(title string) []byte {
		return []byte(strings.Replace(string(orig), `title = "`+oldTitle+`"`, `title = "`+title+`"`, 1))
	}
	url := base + "/axes/1-transition-ecologique/1-climat/4-vehicules-faibles-emissions/"
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(h1, "Poursuivre l’achat de véhicules") {
		t.Fatalf("h1 = %q", h1)
	}
	// A marker set in the page disappears only with a real reload.
	mark := func() {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void]("window.__avantRechargement = true")); err != nil {
			t.Fatal(err)
		}
	}
	reloadedWith := func(text string) string {
		return fmt.Sprintf("!window.__avantRechargement && !!document.querySelector('h1') && document.querySelector('h1').textContent.includes(%q)", text)
	}

	// 1. An edit: the page reloads with the change.
	mark()
	if err := os.WriteFile(file, retitle("Acheter des véhicules électriques"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, reloadedWith("Acheter des véhicules électriques"), 10*time.Second)

	// 2. A broken front matter: the errors show in the page, with file:line.
	mark()
	broken := strings.Replace(string(retitle("Acheter des véhicules électriques")), "+++\n\n## Éléments", "\n\n## Éléments", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!window.__avantRechargement && !!document.querySelector('#spaser-erreurs')`, 10*time.Second)
	panel, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#spaser-erreurs")))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{rel + ":1", "en-tête non fermé : la ligne +++ de fin est introuvable", "Ajoutez une ligne +++", "1 | +++"} {
		if !strings.Contains(panel, w) {
			t.Errorf("the error panel lacks %q:\n%s", w, panel)
		}
	}
	// In view, whatever the reading position the reload kept.
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.querySelector('#spaser-erreurs').getBoundingClientRect().top"))
	if err != nil || top != 0 {
		t.Errorf("the error panel is at %v from the top of the window (%v)", top, err)
	}
	if out := os.Getenv("SPASER_SCREENSHOTS"); out != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			_ = os.WriteFile(filepath.Join(out, "apercu-erreur.png"), png, 0o644)
		}
	}

	// 3. The fix: the page comes back, without the panel.
	mark()
	if err := os.WriteFile(file, retitle("Acheter des véhicules propres"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, reloadedWith("Acheter des véhicules propres")+" && !document.querySelector('#spaser-erreurs')", 10*time.Second)

	// 4. The time from the write to the reloaded page, over several edits:
	// to the reloaded page's load event, as the browser timed it (same
	// clock). Polling the page meanwhile would slow its reload down, so the
	// test waits for the event.
	loads := make(chan struct{}, 64)
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventLoadEventFired); ok {
			select {
			case loads <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	const runs = 15
	var times, shown []time.Duration
	for i := range runs {
		time.Sleep(100 * time.Millisecond) // let the page settle, as between two saves
		mark()
		for len(loads) > 0 {
			<-loads
		}
		title := fmt.Sprintf("Titre numéro %d", i)
		start := time.Now()
		if err := os.WriteFile(file, retitle(title), 0o644); err != nil {
			t.Fatal(err)
		}
		loaded := waitLoad(t, ctx, loads, reloadedWith(title))
		times = append(times, loaded.Sub(start))
		shown = append(shown, s.state.Load().shown.Sub(start))
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2].Round(time.Millisecond)
	}
	slices.Sort(times)
	m := median(times)
	t.Logf("écriture → page rechargée (événement load ; site par défaut, %d pages, attente de %v après la dernière modification) : médiane %v, min %v, max %v sur %d modifications ; dont écriture → site prêt à servir : médiane %v",
		len(s.state.Load().out.pages), s.opts.Debounce, m, times[0].Round(time.Millisecond), times[runs-1].Round(time.Millisecond), runs, median(shown))
	if m > 3*time.Second {
		t.Errorf("median reload time %v: far too slow", m)
	}
}

// waitLoad waits for a load event of the page after which the JavaScript
// predicate reloaded holds, and returns the time of that load event (its
// start, when the page and what it loads are there), by the browser's
// clock.
func waitLoad(t *testing.T, ctx context.Context, loads <-chan struct{}, reloaded string) time.Time {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case <-loads:
		case <-timeout:
			t.Fatalf("the page never reloaded so that %s", reloaded)
		}
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](reloaded))
		if err != nil || !ok {
			continue
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.timeOrigin + performance.getEntriesByType("navigation")[0].loadEventStart`))
		if err != nil || ms == 0 {
			t.Fatalf("navigation timing: %v %v", ms, err)
		}
		return time.UnixMicro(int64(ms * 1000))
	}
}
