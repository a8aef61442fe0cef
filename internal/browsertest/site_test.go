package browsertest_test

import (
	"context"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"spaser"
	"spaser/internal/browsertest"
	"spaser/internal/build"
)

// The accessibility suite: the default site (the Val-de-Marne SPASER) is
// built, served on 127.0.0.1 with the headers of its _headers file (the
// strict Content-Security-Policy among them), and every page is opened in
// headless Chromium, two tabs at a time. On every page:
//
//   - axe-core (pinned in package.json) with the WCAG 2.1 A and AA rules:
//     no violation;
//   - no console error or warning, no uncaught exception, no CSP violation,
//     no failed request, no request to another host, no cookie;
//   - structure: one h1, headings without gaps, one main, a header and a
//     footer, the skip link first, captions and header scopes on every
//     table, the footer's « Accessibilité : … », the search form, no
//     link named « ici » or « en savoir plus »;
//   - keyboard: the first Tab stop is the skip link, which moves the focus
//     to the main content; at every Tab stop of the page, the focus is
//     visible: an outline of 2 px at least, 3:1 against the background;
//   - at 320 px wide, nothing scrolls sideways;
//   - with JavaScript disabled, every chart and every table is still there.
//
// Then the search page is used as a person would: typing, Enter, results
// announced in the status region, axe again on the results.
func TestSiteInChromium(t *testing.T) {
	axe := browsertest.Axe(t)
	bctx := browsertest.New(t, 15*time.Minute)
	start := time.Now()

	dir := t.TempDir()
	if _, err := build.Run(build.Options{Source: "../..", Dest: dir, Defaults: spaser.Layouts}); err != nil {
		t.Fatal(err)
	}
	const base = "/spaser/" // the path of data/site.toml's base_url
	site := browsertest.Serve(t, dir, base)
	origin := strings.TrimSuffix(site, base)
	pages := htmlPages(t, dir)

	// Two tabs with JavaScript, one without; each checks the pages it takes.
	type tab struct {
		ctx context.Context
		rec *browsertest.Recorder
	}
	newTab := func(js bool) tab {
		ctx := browsertest.Tab(t, bctx)
		rec := browsertest.Record(t, ctx)
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if !js {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}
			// Before any script of the page: axe-core, and a record of CSP
			// violations (the page cannot block what DevTools injects).
			for _, src := range []string{axe, cspProbe} {
				if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
					return err
				}
			}
			return nil
		}), chromedp.EmulateViewport(1280, 900))
		if err != nil {
			t.Fatal(err)
		}
		return tab{ctx, rec}
	}
	tabs := make(chan tab, 2)
	tabs <- newTab(true)
	tabs <- newTab(true)
	noJS := newTab(false)

	var mu sync.Mutex
	counts := map[string]structure{} // charts and tables seen with JavaScript, by page
	stops := 0
	links := map[string]map[string]bool{} // link name → targets, over the whole site
	findings := map[string][]finding{}    // what failed, by page, with its RGAA criterion

	t.Run("pages", func(t *testing.T) {
		for _, p := range pages {
			t.Run(p, func(t *testing.T) {
				t.Parallel()
				tb := <-tabs
				defer func() { tabs <- tb }()
				st, n, ls, found := checkPage(t, tb.ctx, tb.rec, site+p, origin)
				mu.Lock()
				counts[p] = st
				findings[p] = append(findings[p], found...)
				stops += n
				for _, l := range ls {
					if links[l.Name] == nil {
						links[l.Name] = map[string]bool{}
					}
					links[l.Name][l.Href] = true
				}
				mu.Unlock()
			})
		}
	})

	t.Run("sans JavaScript", func(t *testing.T) {
		for _, p := range pages {
			noJS.rec.Reset()
			if err := chromedp.Do(noJS.ctx, chromedp.Navigate(site+p)); err != nil {
				t.Fatalf("%s : %v", p, err)
			}
			st, err := chromedp.Run(noJS.ctx, chromedp.Evaluate[structure](structureJS))
			if err != nil {
				t.Fatalf("%s : %v", p, err)
			}
			if want := counts[p]; st != want {
				t.Errorf("%s sans JavaScript : %+v, avec JavaScript : %+v", p, st, want)
			}
			if console, _, failed := noJS.rec.Take(); len(console)+len(failed) > 0 {
				t.Errorf("%s sans JavaScript : %v %v", p, console, failed)
			}
		}
		// The search page says what to do instead.
		if err := chromedp.Do(noJS.ctx, chromedp.Navigate(site+"recherche/")); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(noJS.ctx,
			chromedp.Evaluate[string](`(() => { const e = document.getElementById('recherche-sans-js'); return e && !e.hidden && e.querySelector('a[href$="plan-du-site/"]') ? e.innerText : '' })()`))
		if err != nil || !strings.Contains(text, "plan du site") {
			t.Errorf("sans JavaScript, la page de recherche ne renvoie pas au plan du site : %q %v", text, err)
		}
	})

	t.Run("recherche", func(t *testing.T) {
		tb := <-tabs
		defer func() { tabs <- tb }()
		found := checkSearch(t, tb.ctx, tb.rec, site)
		mu.Lock()
		findings["recherche/"] = append(findings["recherche/"], found...)
		mu.Unlock()
	})

	t.Run("liens", func(t *testing.T) {
		// A link's name says where it goes, out of context: the same name
		// never leads to two different pages (in-page anchors aside).
		for name, targets := range links {
			var pages []string
			for h := range targets {
				u, _ := url.Parse(h)
				u.Fragment = ""
				if !slices.Contains(pages, u.String()) {
					pages = append(pages, u.String())
				}
			}
			if len(pages) > 1 {
				slices.Sort(pages)
				t.Errorf("le lien « %s » mène à %d pages différentes : %s", name, len(pages), strings.Join(pages, ", "))
			}
		}
	})

	t.Run("grille RGAA", func(t *testing.T) { checkGrid(t, bctx, dir, counts, findings) })

	t.Run("cookies", func(t *testing.T) {
		tb := <-tabs
		defer func() { tabs <- tb }()
		res, err := chromedp.Call(tb.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{site}})
		if err != nil || len(res.Cookies) > 0 {
			t.Errorf("cookies : %v %v", res.Cookies, err)
		}
	})
	t.Logf("%d pages, %d arrêts de tabulation vérifiés, en %v", len(pages), stops, time.Since(start).Round(time.Second))
}

// htmlPages lists the pages of the built site as paths under the base:
// "", "axes/", "404.html".
func htmlPages(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		out = append(out, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 80 {
		t.Fatalf("%d pages seulement", len(out))
	}
	return out
}

// cspProbe records the Content-Security-Policy violations of the page.
const cspProbe = `window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`

// structure is what must be the same with and without JavaScript.
type structure struct {
	Charts, Tables, Captions, Rows int
}

const structureJS = `({
	Charts: document.querySelectorAll('figure.chart[role=figure][aria-label] > figcaption + svg[role=img]').length,
	Tables: document.querySelectorAll('table').length,
	Captions: [...document.querySelectorAll('table > caption')].filter(c => c.textContent.trim()).length,
	Rows: document.querySelectorAll('tbody tr').length,
})`

type axeViolation struct {
	ID, Impact, Help string
	Nodes, Tags      []string
}

// criterion is the RGAA criterion of an axe rule, from its tag
// "RGAA-7.1.1" (axe-core ≥ 4.11), or "" when it has none.
func (v axeViolation) criterion() string {
	for _, tag := range v.Tags {
		if m := rgaaTagRe.FindStringSubmatch(tag); m != nil {
			return m[1]
		}
	}
	return ""
}

var rgaaTagRe = regexp.MustCompile(`^RGAA-(\d+\.\d+)\.\d+$`)

const axeRun = `axe.run(document, {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({ ID: v.id, Impact: v.impact || '', Help: v.help, Tags: v.tags,
	Nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + n.failureSummary) })))`

// problemsJS lists what is wrong with the page's structure, in French,
// each after the RGAA criterion it fails and a bar (none: a project rule).
const problemsJS = `(() => {
	const out = [];
	const hs = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
	const h1 = hs.filter(h => h.tagName === 'H1').length;
	if (h1 !== 1) out.push('9.1|' + h1 + ' titres de niveau 1');
	if (hs.length && hs[0].tagName !== 'H1') out.push('9.1|' + 'le premier titre est un ' + hs[0].tagName);
	let prev = 0;
	for (const h of hs) {
		const l = +h.tagName[1];
		if (!h.textContent.trim()) out.push('9.1|' + 'titre ' + h.tagName + ' vide');
		if (prev && l > prev + 1) out.push('9.1|' + 'saut de niveau de titre, h' + prev + ' puis h' + l + ' : « ' + h.textContent.trim().slice(0, 60) + ' »');
		prev = l;
	}
	const mains = document.querySelectorAll('main');
	if (mains.length !== 1 || mains[0].id !== 'contenu') out.push('9.2|' + 'il faut un seul <main id="contenu">');
	if (!document.querySelector('body > header')) out.push('9.2|' + 'pas d’en-tête <header> de premier niveau');
	if (!document.querySelector('body > footer')) out.push('9.2|' + 'pas de pied de page <footer> de premier niveau');
	const first = document.body.firstElementChild;
	if (!first || !first.matches('a.skip[href="#contenu"]')) out.push('12.7|' + 'le lien d’évitement n’est pas le premier élément de la page');
	const footer = document.querySelector('body > footer');
	if (!footer || !/Accessibilité\u00a0: (totalement|partiellement|non) conforme/.test(footer.textContent)) out.push('|' + 'pas de mention « Accessibilité : … » dans le pied de page');
	if (!footer || !footer.querySelector('a[href$="/plan-du-site/"]')) out.push('12.4|' + 'pas de lien vers le plan du site dans le pied de page');
	const search = document.querySelector('header form[role=search]');
	if (!search || !search.querySelector('input[type=search][name=q]') || !search.querySelector('label') || !search.querySelector('button')) out.push('12.5|' + 'pas de formulaire de recherche dans l’en-tête');
	const navs = [...document.querySelectorAll('nav')];
	if (!navs.some(n => n.getAttribute('aria-label') === 'Menu principal')) out.push('12.1|' + 'pas de menu principal');
	for (const n of navs) if (!n.getAttribute('aria-label') && !n.getAttribute('aria-labelledby')) out.push('12.6|' + '<nav> sans nom');
	for (const tb of document.querySelectorAll('table')) {
		const c = tb.querySelector(':scope > caption');
		if (!c || tb.firstElementChild !== c || !c.textContent.trim()) out.push('5.4|' + 'tableau sans titre <caption> en premier');
		for (const th of tb.querySelectorAll('th')) if (!['col', 'row'].includes(th.getAttribute('scope'))) out.push('5.7|' + 'en-tête <th> sans scope : « ' + th.textContent.trim().slice(0, 40) + ' »');
	}
	for (const a of document.querySelectorAll('a[href]')) {
		const name = (a.getAttribute('aria-label') || a.textContent).trim().replace(/\s+/g, ' ');
		if (/^(ici|cliquez ici|lire la suite|la suite|en savoir plus|plus|voir|voir plus|lien|→|↩)$/i.test(name) || name.replace(/[^\p{L}\p{N}]/gu, '').length < 2)
			out.push('6.1|' + 'intitulé de lien peu explicite hors contexte : « ' + name + ' » (' + a.getAttribute('href') + ')');
	}
	const ids = new Set();
	for (const e of document.querySelectorAll('[id]')) { if (ids.has(e.id)) out.push('8.2|' + 'identifiant en double : ' + e.id); ids.add(e.id); }
	for (const e of document.querySelectorAll('[style]')) out.push('|' + 'attribut style (interdit par la CSP) sur ' + e.tagName);
	if (document.cookie) out.push('|' + 'cookie : ' + document.cookie);
	if (localStorage.length || sessionStorage.length) out.push('|' + 'stockage local utilisé');
	for (const v of window.__csp || []) out.push('|' + 'violation de la CSP : ' + v);
	return out;
})()`

type link struct{ Name, Href string }

const linksJS = `[...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#') && !a.closest('.prose')).map(a => ({
	Name: (a.getAttribute('aria-label') || a.textContent).trim().replace(/\s+/g, ' '), Href: a.href }))`

// focusJS describes the focused element: whether its focus is visible (an
// outline, its width, its contrast with the background behind it).
const focusJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return null;
	const rgb = c => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
	const behind = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const cs = getComputedStyle(el), r = el.getBoundingClientRect();
	const oc = rgb(cs.outlineColor) || { r: 0, g: 0, b: 0 };
	const bg = parseFloat(cs.outlineOffset) >= 0 ? behind(el.parentElement) : behind(el);
	const l1 = lum(oc), l2 = lum(bg);
	return {
		Desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' « ' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 50) + ' »',
		Style: cs.outlineStyle, Width: parseFloat(cs.outlineWidth) || 0,
		Ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
		Visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
		Skip: el.matches('a.skip[href="#contenu"]'),
	};
})()`

type focus struct {
	Desc          string
	Style         string
	Width, Ratio  float64
	Visible, Skip bool
}

// checkPage runs every check on one page, in tab ctx. It returns the
// page's charts and tables, its number of Tab stops and its links.
func checkPage(t *testing.T, ctx context.Context, rec *browsertest.Recorder, pageURL, origin string) (structure, int, []link, []finding) {
	rec.Reset()
	var found []finding
	fail := failer(t, &found)
	run := func(a chromedp.Action[chromedp.Void]) {
		if err := chromedp.Do(ctx, a); err != nil {
			t.Fatalf("%s : %v", pageURL, err)
		}
	}
	run(chromedp.EmulateViewport(1280, 900))
	run(chromedp.Navigate(pageURL))

	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe-core : %v", err)
	}
	for _, v := range violations {
		fail(v.criterion(), "axe %s (%s) : %s\n    %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
	}
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](problemsJS))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		crit, msg, _ := strings.Cut(p, "|")
		fail(crit, "%s", msg)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[structure](structureJS))
	if err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]link](linksJS))
	if err != nil {
		t.Fatal(err)
	}

	// Keyboard: every Tab stop, from the top of the page.
	n := 0
	var first string
	left := false
	for i := 0; i < 400; i++ {
		run(chromedp.KeyEvent(kb.Tab))
		f, err := chromedp.Run(ctx, chromedp.Evaluate[*focus](focusJS))
		if err != nil {
			t.Fatal(err)
		}
		if f == nil || f.Desc == first {
			left = true
			break // the focus left the page, or came back to the start
		}
		if i == 0 {
			first = f.Desc
			if !f.Skip {
				fail("12.7", "la première tabulation mène à %s, pas au lien d'évitement", f.Desc)
			}
		}
		n++
		if f.Style == "none" || f.Width < 2 || f.Ratio < 3 || !f.Visible {
			fail("10.7", "focus peu visible sur %s : contour %s de %.1f px, contraste %.2f:1 avec le fond, dans la fenêtre : %v", f.Desc, f.Style, f.Width, f.Ratio, f.Visible)
		}
	}
	if n == 0 {
		fail("12.8", "aucun élément ne prend le focus au clavier")
	}
	if !left {
		fail("12.9", "après 400 tabulations, le focus n'a ni quitté la page ni fait le tour : piège au clavier ?")
	}

	// The skip link moves the focus to the main content: Enter on it, then
	// the next Tab stop is inside <main>.
	run(chromedp.Evaluate[chromedp.Void](`document.querySelector('a.skip').focus()`))
	run(chromedp.KeyEvent(kb.Enter))
	inMain, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const m = document.querySelector('main');
		if (location.hash !== '#contenu' || document.activeElement !== m) return 'focus sur ' + document.activeElement.tagName + ', adresse ' + location.hash;
		return m.querySelector('a[href], button, input, summary, [tabindex="0"]') ? 'ok-suivant' : 'ok';
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	switch inMain {
	case "ok":
	case "ok-suivant":
		run(chromedp.KeyEvent(kb.Tab))
		in, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('main').contains(document.activeElement)`))
		if !in {
			fail("12.7", "après le lien d'évitement, la tabulation suivante sort du contenu principal")
		}
	default:
		fail("12.7", "le lien d'évitement ne mène pas au contenu principal : %s", inMain)
	}

	// 320 px wide: nothing scrolls sideways, also with the text spacing
	// of RGAA 10.12 (a constructed stylesheet: the CSP does not apply).
	run(chromedp.EmulateViewport(320, 640))
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](wideJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(wide) > 0 {
		fail("10.11", "à 320 px de large, la page défile horizontalement : %s", strings.Join(wide, " ; "))
	}
	run(chromedp.Evaluate[chromedp.Void](textSpacingJS))
	wide, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](wideJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(wide) > 0 {
		fail("10.12", "à 320 px de large avec l'espacement du texte augmenté (RGAA 10.12), la page défile horizontalement : %s", strings.Join(wide, " ; "))
	}
	run(chromedp.Evaluate[chromedp.Void](`document.adoptedStyleSheets = []`))
	run(chromedp.EmulateViewport(1280, 900))

	console, requests, failed := rec.Take()
	for _, c := range console {
		fail("", "%s", c)
	}
	for _, f := range failed {
		fail("", "requête en échec : %s", f)
	}
	for _, r := range requests {
		if !strings.HasPrefix(r, origin+"/") && !strings.HasPrefix(r, "data:") {
			fail("", "requête vers un autre site : %s", r)
		}
	}
	return st, n, links, found
}

// textSpacingJS sets the text spacing of RGAA test 10.12.1 (WCAG 1.4.12).
const textSpacingJS = `(() => {
	const s = new CSSStyleSheet();
	s.replaceSync('* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }');
	document.adoptedStyleSheets = [s];
})()`

// wideJS lists what makes the page scroll sideways, if it does.
const wideJS = `(() => {
		const d = document.documentElement;
		if (d.scrollWidth <= d.clientWidth) return [];
		return ['largeur ' + d.scrollWidth + ' px pour ' + d.clientWidth].concat([...document.querySelectorAll('body *')].filter(e => {
			const r = e.getBoundingClientRect();
			if (r.right <= d.clientWidth + 1) return false;
			for (let a = e.parentElement; a; a = a.parentElement) if (/(auto|scroll|hidden)/.test(getComputedStyle(a).overflowX)) return false;
			return true;
		}).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' px'));
	})()`

// checkSearch uses the search as a person would: from the header form of
// the home page, then on the search page with the keyboard.
func checkSearch(t *testing.T, ctx context.Context, rec *browsertest.Recorder, site string) []finding {
	rec.Reset()
	var found []finding
	fail := failer(t, &found)
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	status := func() string {
		t.Helper()
		var s string
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			s, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('recherche-etat').textContent`))
			if s != "" && s != "Recherche en cours…" {
				return s
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("aucun message dans la zone d'état de la recherche (%q)", s)
		return ""
	}

	// The header form of the home page leads to the results.
	do(chromedp.Navigate(site), chromedp.SendKeys(chromedp.CSS("#recherche-entete"), "clause sociale"), chromedp.KeyEvent(kb.Enter))
	do(chromedp.WaitVisible(chromedp.CSS("#recherche-resultats")))
	if s := status(); !regexp.MustCompile(`^\d+ pages? trouvées? pour «\x{a0}clause sociale\x{a0}»`).MatchString(s) {
		fail("7.5", "message après une recherche depuis l'en-tête : %q", s)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	if !strings.HasSuffix(loc, "/recherche/?q=clause+sociale") {
		fail("", "adresse après la recherche : %s", loc)
	}

	// On the search page: the status region is there, empty, before any
	// search; typing changes nothing until Enter.
	do(chromedp.Navigate(site + "recherche/"))
	// Both live regions are in the accessibility tree, empty, before any
	// message (RGAA 7.5): not display:none, or the first one is not read.
	role, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`['recherche-etat', 'recherche-erreur'].map(id => { const s = document.getElementById(id); return s.getAttribute('role') + ':' + getComputedStyle(s).display + ':' + s.textContent }).join(' ')`))
	if role != "status:block: alert:block:" {
		fail("7.5", "zones d'état et d'erreur au chargement : %q (attendu : role=status puis role=alert, affichées, vides)", role)
	}
	// The rule of the field is said before it is used (RGAA 11.10).
	hint, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('q').getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join('|')`))
	if !strings.Contains(hint, "deux lettres") {
		fail("11.10", "la consigne du champ (deux lettres au moins) n'est pas liée au champ : %q", hint)
	}
	// An empty search is an error: said in the alert region, naming the
	// field, which is marked invalid (RGAA 7.5, 11.10, 11.11).
	do(chromedp.Focus(chromedp.CSS("#q")), chromedp.KeyEvent(kb.Enter))
	bad, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('recherche-erreur').textContent + '|' + document.getElementById('recherche-etat').textContent + '|' + document.getElementById('q').getAttribute('aria-invalid') + '|' + document.title`))
	if parts := strings.Split(bad, "|"); len(parts) != 4 || !strings.Contains(parts[0], "«\u00a0Rechercher dans le site\u00a0»") || parts[1] != "" || parts[2] != "true" || !strings.HasPrefix(parts[3], "Erreur") {
		fail("7.5", "recherche vide : erreur|état|aria-invalid|titre = %q", bad)
	}
	do(chromedp.Focus(chromedp.CSS("#q")), chromedp.KeyEvent("véhicules électriques"))
	same, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search.replace('?q=', '') + '|' + document.activeElement.id + '|' + document.getElementById('recherche-etat').textContent`))
	if same != "|q|" {
		fail("7.4", "la saisie seule a changé la page : %q", same)
	}
	do(chromedp.KeyEvent(kb.Enter))
	if s := status(); !regexp.MustCompile(`^\d+ pages? trouvées? pour «\x{a0}véhicules électriques\x{a0}»`).MatchString(s) {
		fail("7.5", "message : %q", s)
	}
	// The page title names the search (RGAA 8.6); the field is valid again.
	after, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title + '|' + document.getElementById('q').hasAttribute('aria-invalid') + '|' + document.getElementById('recherche-erreur').textContent`))
	if !strings.HasPrefix(after, "Résultats pour «\u00a0véhicules électriques\u00a0» — ") || !strings.HasSuffix(after, "|false|") {
		fail("8.6", "après une recherche, titre|aria-invalid|erreur = %q", after)
	}
	results, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#recherche-resultats li a')].map(a => a.textContent + ' ' + a.getAttribute('href'))`))
	if len(results) == 0 || !strings.Contains(strings.Join(results, "\n"), "/indicateurs/vehicules-electriques-parc/") {
		fail("", "résultats de « véhicules électriques » :\n%s", strings.Join(results, "\n"))
	}
	// An indicator found shows its standing as its card does everywhere:
	// its state in words, its latest value, its target, its starting
	// situation.
	card, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const a = [...document.querySelectorAll('#recherche-resultats li a')].find(a => a.getAttribute('href').endsWith('/indicateurs/vehicules-electriques-parc/'));
		const c = a && a.closest('li').querySelector('.search-card .status');
		return c ? c.closest('.search-card').textContent.replace(/\s+/g, ' ') : '';
	})()`))
	for _, w := range []string{"non renseigné", "Dernière valeur", "aucune valeur publiée", "Objectif", "93 véhicules sur 929"} {
		if !strings.Contains(card, w) {
			fail("", "résultat « Véhicules électriques dans le parc » : %q ne dit pas %q", card, w)
		}
	}
	// From the field, Tab reaches the button, then the first result.
	do(chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	first, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest('#recherche-resultats') ? 'ok' : document.activeElement.outerHTML.slice(0, 80)`))
	if first != "ok" {
		fail("12.11", "la tabulation n'atteint pas le premier résultat : %s", first)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		fail(v.criterion(), "axe, résultats affichés : %s (%s) : %s\n    %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
	}

	// Nothing found: said so.
	do(chromedp.Focus(chromedp.CSS("#q")), chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`), chromedp.KeyEvent("zzzzzz"), chromedp.KeyEvent(kb.Enter))
	if s := status(); !strings.HasPrefix(s, "Aucune page ne contient «\u00a0zzzzzz\u00a0»") {
		fail("7.5", "message sans résultat : %q", s)
	}
	hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('recherche-resultats').hidden + ' ' + document.getElementById('recherche-aide').hidden`))
	if hidden != "true false" {
		fail("", "sans résultat, la liste reste affichée ou le renvoi au plan du site n'apparaît pas (%s)", hidden)
	}
	// Punctuation around the words does not matter.
	do(chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`), chromedp.KeyEvent("« Clause sociale/ »"), chromedp.KeyEvent(kb.Enter))
	if s := status(); !regexp.MustCompile(`^\d+ pages? trouvées?`).MatchString(s) {
		fail("", "recherche avec ponctuation : %q", s)
	}
	console, _, failed := rec.Take()
	if len(console)+len(failed) > 0 {
		fail("", "recherche : %v %v", console, failed)
	}
	csp, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
	if len(csp) > 0 {
		fail("", "violations de la CSP : %v", csp)
	}
	return found
}
