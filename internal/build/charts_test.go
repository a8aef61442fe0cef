package build

import (
	"encoding/json"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"spaser/internal/chart"
	"spaser/internal/echarts"
	"spaser/internal/sitetest"
)

// coldCharts is a renderer with an empty SVG cache, so that every chart is
// drawn.
func coldCharts(t *testing.T) *echarts.Renderer {
	r := echarts.New()
	r.Cache = filepath.Join(t.TempDir(), "charts")
	return r
}

// TestChartsDeterministic builds the fixture three times: every chart drawn
// (one worker), then from the cache (eight workers), then drawn again in a
// fresh cache (eight workers). The three sites are identical to the byte.
func TestChartsDeterministic(t *testing.T) {
	src := sitetest.New(t, fixture)
	cold := coldCharts(t)
	var trees []map[string]string
	for i, c := range []struct {
		r       *echarts.Renderer
		workers int
	}{{cold, 1}, {cold, 8}, {coldCharts(t), 8}} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Workers: c.workers, Charts: c.r}); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, readTree(t, out))
		if i == 0 && !strings.Contains(trees[0]["indicateurs/clauses/index.html"], `<svg viewBox=`) {
			t.Fatal("no chart on the indicator page")
		}
	}
	for i := 1; i < len(trees); i++ {
		if len(trees[i]) != len(trees[0]) {
			t.Fatalf("build %d: %d files vs %d", i, len(trees[i]), len(trees[0]))
		}
		for name, body := range trees[0] {
			if trees[i][name] != body {
				t.Errorf("build %d: %s differs", i, name)
			}
		}
	}
}

// hostile is put in every text an editor writes that reaches a chart, a
// page or the open data. Synthetic test data.
const hostile = `</script><script>alert(1)</script> "quote' <svg onload=alert(2)> __f__function(){alert(3)}__f__ {a|b} & =1+1`

func hostileSite() map[string]string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a TOML basic string
	return with(fixture, map[string]string{"data/indicateurs.toml": `[[indicator]]
id = "heures"
label = ` + q("Heures "+hostile) + `
short_label = ` + q("Court "+hostile) + `
definition = ` + q(hostile) + `
kind = "count"
unit = "heures"
pilot = "DA"
origin = ` + q("Origine "+hostile) + `
[[indicator.target]]
year = 2024
value = 60000
label = ` + q("Série "+hostile) + `
source = ` + q("Source "+hostile) + `

[[indicator]]
id = "clauses"
label = "Nombre et pourcentage de marchés avec une clause"
kind = "share"
unit = "marches"
[[indicator.baseline]]
period = ` + q(hostile) + `
breakdown = ` + q("Partie "+hostile) + `
share = 41
note = ` + q(hostile) + `
`, "data/valeurs/2024.toml": `[heures]
value = 61234
source = ` + q("Source "+hostile) + `
comment = ` + q("Commentaire "+hostile) + `

[clauses]
source = "Données d'essai"
[[clauses.detail]]
label = ` + q("Site "+hostile) + `
count = 40
total = 92
[[clauses.detail]]
label = "Site B"
count = 10
total = 50
`})
}

// TestHostileLabels: labels, comments, sources and series names written to
// break out of HTML, SVG, JSON or a spreadsheet stay inert text everywhere.
func TestHostileLabels(t *testing.T) {
	src := sitetest.New(t, hostileSite())
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Dest: out, Defaults: defaultsFS(), Charts: coldCharts(t)}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, out)
	svgRe := regexp.MustCompile(`(?s)<svg viewBox=.*?</svg>`)
	charts := 0
	for name, body := range tree {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		// The page, parsed as a browser would: no script element, no
		// event handler, the payload only as text or attribute values.
		inertHTML(t, name, body)
		for _, svg := range svgRe.FindAllString(body, -1) {
			charts++
			text := inertSVG(t, name, svg)
			if strings.Contains(name, "heures") && !strings.Contains(text, "__f__function(){alert(3)}__f__") {
				t.Errorf("%s: the series name should be drawn as plain text, got %q", name, text)
			}
		}
	}
	if charts < 2 {
		t.Fatalf("%d charts checked", charts)
	}
	// The JSON keeps the payload as data.
	var doc struct {
		Rows []struct {
			Label, Source, TargetSeries, Breakdown string
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(tree["donnees/indicateurs.json"]), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range doc.Rows {
		if r.Label == "Heures "+hostile {
			found = true
		}
	}
	if !found {
		t.Error("the JSON does not give the label back as it was written")
	}
	if strings.Contains(tree["donnees/indicateurs.json"], "<script") {
		t.Error("the JSON holds a raw <script")
	}
	// The CSV: quoted fields, formulas neutralised.
	csv := tree["donnees/indicateurs.csv"]
	if !strings.Contains(csv, `"Heures </script><script>alert(1)</script> ""quote' <svg`) {
		t.Errorf("CSV field not quoted as expected:\n%.400s", csv)
	}
}

// inertHTML tokenizes a page with an HTML5 tokenizer: no script element,
// no event handler attribute, no javascript: URL, and the hostile payload
// present only as text or an attribute value.
func inertHTML(t *testing.T, page, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Errorf("%s: %v", page, z.Err())
			}
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" && ownScript(tok) {
				// The search page's script, one of our assets: allowed. (An
				// inline script would have no src, and its text would follow.)
				if z.Next() != html.EndTagToken {
					t.Errorf("%s: <script src> with content", page)
				}
				continue
			}
			if tok.Data == "script" || tok.Data == "iframe" || tok.Data == "object" {
				t.Errorf("%s: <%s> element", page, tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("%s: attribute %s=%q on <%s>", page, a.Key, a.Val, tok.Data)
				}
			}
		}
	}
}

// ownScript reports whether a script element loads one of the site's own
// assets (src="/…/assets/name.hash.js"), the only script a page may have.
func ownScript(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "src" {
			return regexp.MustCompile(`^/([a-z0-9-]+/)*assets/[a-z0-9-]+\.[0-9a-f]{8}\.js$`).MatchString(a.Val)
		}
	}
	return false
}

// inertSVG fails the test unless the inline SVG of page passes
// chart.Check: well-formed, drawing elements only, no script, style,
// handler or link. It returns the chart's text.
func inertSVG(t *testing.T, page, svg string) string {
	t.Helper()
	text, err := chart.Check(svg)
	if err != nil {
		t.Errorf("%s: %v", page, err)
	}
	return text
}
