package browsertest_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestCompactHeader opens the default site without JavaScript: on a
// 390×844 phone the header is one row (brand and « Menu ») under 10 % of
// the first screen, and « Menu » opens the search and the menu; on a
// 1280×900 desktop there is no « Menu »: the menu and the search show.
func TestCompactHeader(t *testing.T) {
	bctx, site := serveDefault(t, 2*time.Minute)
	size := func(w, h int64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1, Mobile: w < 600})
			return err
		})
	}
	noJS := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	eval := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[float64](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	const (
		header = `document.querySelector(".site-header").getBoundingClientRect().height`
		// 1 when shown: a closed disclosure's content is laid out but not shown.
		menu   = `+document.querySelector(".menu a").checkVisibility({contentVisibilityAuto: true})`
		search = `+document.querySelector("#recherche-entete").checkVisibility({contentVisibilityAuto: true})`
		toggle = `+document.querySelector(".nav-fold > summary").checkVisibility()`
	)
	if err := chromedp.Do(bctx, noJS, size(390, 844), chromedp.Navigate(site+"axes/")); err != nil {
		t.Fatal(err)
	}
	if h := eval(header); h > 0.10*844 {
		t.Errorf("phone: the header takes %.0f px, %.1f %% of the first screen", h, 100*h/844)
	}
	if m, s, w := eval(menu), eval(search), eval("innerWidth"); m != 0 || s != 0 {
		t.Errorf("phone (%.0f px wide): the menu (%.0f) or the search (%.0f) shows before « Menu » is opened", w, m, s)
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(".nav-fold > summary"))); err != nil {
		t.Fatal(err)
	}
	if eval(menu) == 0 || eval(search) == 0 {
		t.Error("phone: « Menu » does not open the menu and the search without JavaScript")
	}
	if err := chromedp.Do(bctx, size(1280, 900), chromedp.Navigate(site+"axes/")); err != nil {
		t.Fatal(err)
	}
	if eval(toggle) != 0 || eval(menu) == 0 || eval(search) == 0 {
		t.Error("desktop: « Menu » shows, or the menu and the search do not")
	}
}
