package browsertest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"spaser"
	"spaser/internal/browsertest"
	"spaser/internal/build"
)

// shown is a block of the home page: its text, and whether it lies wholly
// within the first screen.
type shown struct {
	Text   string `json:"text"`
	Inside bool   `json:"inside"`
}

// firstScreenJS reads, on the home page, the blocks that say where the
// buyer stands and as of when.
const firstScreenJS = `(() => {
  const out = {};
  for (const [k, sel] of Object.entries({period: ".results-period", year: ".fresh-year", date: ".fresh-date", tally: ".tally-legend", bar: ".tally-svg"})) {
    const el = document.querySelector(sel);
    if (!el) { out[k] = {text: "", inside: false}; continue; }
    const r = el.getBoundingClientRect();
    out[k] = {text: el.textContent.replace(/\s+/g, " ").trim(), inside: r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight};
  }
  return out;
})()`

// TestHomeFirstScreen: on a 390×844 phone and a 1280×900 desktop, the home
// page's first screen, without scrolling, gives the schéma's period, the
// year of the latest figures and their publication date (here, that it is
// not given: the Val-de-Marne figures were published in the schéma, whose
// adoption date is not stated), and the tally of states with its bar.
func TestHomeFirstScreen(t *testing.T) {
	bctx := browsertest.New(t, 2*time.Minute)
	dir := t.TempDir()
	if _, err := build.Run(build.Options{Source: "../..", Dest: dir, Defaults: spaser.Layouts}); err != nil {
		t.Fatal(err)
	}
	site := browsertest.Serve(t, dir, "/spaser/")
	want := map[string][]string{
		"period": {"Période du schéma", "2023-2028"},
		"year":   {"Dernières données", "2022", "année de référence, avant le schéma"},
		"date":   {"date de publication non indiquée"},
		// the states as words with their numbers: 29 indicators in all
		"tally": {"3 atteint", "1 sans objectif chiffré", "25 non renseigné"},
		"bar":   nil,
	}
	for _, vp := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"téléphone 390×844", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateScale(2), chromedp.EmulateMobile}},
		{"ordinateur 1280×900", 1280, 900, nil},
	} {
		t.Run(vp.name, func(t *testing.T) {
			ctx := browsertest.Tab(t, bctx)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...), chromedp.Navigate(site)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]shown](firstScreenJS))
			if err != nil {
				t.Fatal(err)
			}
			for k, words := range want {
				s := got[k]
				if !s.Inside {
					t.Errorf("%s : hors du premier écran ou absent (%q)", k, s.Text)
				}
				for _, w := range words {
					if !strings.Contains(strings.ReplaceAll(s.Text, "\u00a0", " "), w) {
						t.Errorf("%s : %q ne contient pas %q", k, s.Text, w)
					}
				}
			}
		})
	}
}
