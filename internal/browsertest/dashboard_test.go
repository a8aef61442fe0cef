package browsertest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// dashboardJS reads the dashboard: its height, and every indicator link
// with whether it is shown and the state written beside it.
const dashboardJS = `(() => {
  const rows = [...document.querySelectorAll("main [data-state]")];
  return {
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
    rows: rows.map(r => ({
      name: (r.querySelector("a") || {textContent: ""}).textContent.trim(),
      state: r.getAttribute("data-state"),
      heading: r.closest("section").querySelector("h2").textContent.replace(/\s+/g, " ").trim(),
      shown: r.checkVisibility({contentVisibilityAuto: true}),
    })),
  };
})()`

type dashRow struct {
	Name    string `json:"name"`
	State   string `json:"state"`
	Heading string `json:"heading"` // its section's
	Shown   bool   `json:"shown"`
}

// TestDashboardCompact: without JavaScript, on a 390×844 phone, the
// default site's dashboard (29 indicators) is at most about four and a
// half screens tall, yet every indicator is shown with a link to its page
// and its state in words (its section's heading); and on a 1280×900 desktop it is shorter still.
// Nothing scrolls sideways.
func TestDashboardCompact(t *testing.T) {
	bctx, site := serveDefault(t, 2*time.Minute)
	noJS := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	for _, vp := range []struct {
		name  string
		w, h  int64
		limit float64 // in screens
	}{
		{"téléphone 390×844", 390, 844, 4.5},
		{"ordinateur 1280×900", 1280, 900, 3},
	} {
		t.Run(vp.name, func(t *testing.T) {
			size := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: vp.w, Height: vp.h, DeviceScaleFactor: 1, Mobile: vp.w < 600})
				return err
			})
			if err := chromedp.Do(bctx, noJS, size, chromedp.Navigate(site+"tableau-de-bord/")); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(bctx, chromedp.Evaluate[struct {
				Height float64   `json:"height"`
				Width  float64   `json:"width"`
				Rows   []dashRow `json:"rows"`
			}](dashboardJS))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("hauteur %.0f px (%.2f écrans), %d indicateurs", got.Height, got.Height/float64(vp.h), len(got.Rows))
			if got.Height > vp.limit*float64(vp.h) {
				t.Errorf("le tableau de bord mesure %.0f px, %.2f écrans de %d px (au plus %.1f)", got.Height, got.Height/float64(vp.h), vp.h, vp.limit)
			}
			if got.Width > float64(vp.w) {
				t.Errorf("la page défile de côté : %.0f px de large pour %d", got.Width, vp.w)
			}
			if len(got.Rows) != 29 {
				t.Errorf("%d indicateurs au tableau de bord, 29 attendus", len(got.Rows))
			}
			seen := map[string]bool{}
			for _, r := range got.Rows {
				seen[r.Name] = true
				if !r.Shown || r.Name == "" || r.State == "" {
					t.Errorf("indicateur %q (%s) caché ou sans lien ou sans état", r.Name, r.State)
				}
				if !strings.Contains(r.Heading, r.State) {
					t.Errorf("indicateur %q : son état %q n'est pas écrit dans le titre de sa section %q", r.Name, r.State, r.Heading)
				}
			}
			if len(seen) != len(got.Rows) {
				t.Errorf("%d noms pour %d indicateurs : un indicateur est listé deux fois", len(seen), len(got.Rows))
			}
		})
	}
}
