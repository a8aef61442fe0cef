package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
)

func TestDefaultColorsPass(t *testing.T) {
	var l diag.List
	c := &Config{Colors: Colors{}}
	c.checkColors(&l)
	if len(l.Items()) > 0 {
		t.Fatalf("default colours: %v", l.Items())
	}
	if c.Colors.Accent != DefaultColors().Accent || len(c.Colors.ChartTargets) != 4 {
		t.Errorf("defaults not filled in: %+v", c.Colors)
	}
}

// A pale colour is an error at its line, with its ratio and a darker shade
// that reaches the minimum.
func TestColorsTooPale(t *testing.T) {
	src := `title = "T"
collectivite = "C"
period_start = 2023
period_end = 2028
[schema]
root = "axes"
[[schema.levels]]
singular = "Axe"
plural = "Axes"
contact_email = "achats@exemple.fr"
#
[colors]
accent = "#7fbfaa"
focus = "#ffcc00"
chart_values = ["#0b5d4b", "#dddddd"]
text = "bleu"
accent_bg = "#e9f3f0"
background_alt = "#f5f6f4"
`
	var l diag.List
	Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Where()+": "+d.Msg+" → "+d.Hint)
	}
	joined := strings.Join(got, "\n")
	sitetest.ContainsAll(t, joined,
		`data/site.toml:16: couleur illisible dans [colors] text : "bleu"`,
	)
	// With a readable text colour, the contrasts are checked.
	src = strings.Replace(src, `text = "bleu"`, `text = "#1d1d1b"`, 1)
	l = diag.List{}
	Load(fstest.MapFS{File: {Data: []byte(src)}}, &l)
	got = nil
	for _, d := range l.Items() {
		got = append(got, d.Where()+": "+d.Msg+" → "+d.Hint)
	}
	joined = strings.Join(got, "\n")
	sitetest.ContainsAll(t, joined,
		"data/site.toml:13: couleur accent #7fbfaa : contraste de 1,8:1 sur le fond accent_bg (#e9f3f0), il faut au moins 4,5:1 (texte ; WCAG 2.1, RGAA critère 3.2) → Choisissez une couleur plus foncée : par exemple #4e7467, qui atteint 4,6:1.",
		"data/site.toml:14: couleur focus #ffcc00 : contraste de 1,3:1 sur le fond accent_bg (#e9f3f0), il faut au moins 3:1 (contour du focus ; WCAG 2.1, RGAA critère 3.3) → Choisissez une couleur plus foncée : par exemple #a78500, qui atteint 3:1.",
		"data/site.toml:15: couleur chart_values #dddddd : contraste de 1,3:1 sur le fond blanc des graphiques, il faut au moins 3:1 (graphique ; WCAG 2.1, RGAA critère 3.3) → Choisissez une couleur plus foncée : par exemple #929292, qui atteint 3,1:1.",
	)
	if strings.Count(joined, ": couleur ") != 3 || strings.Contains(joined, "#0b5d4b") {
		t.Errorf("a colour with enough contrast is reported:\n%s", joined)
	}
}

func TestContrast(t *testing.T) {
	if r := Contrast("#000", "#fff"); r < 20.9 || r > 21.1 {
		t.Errorf("black on white: %v", r)
	}
	if r := Contrast("#0b5d4b", "#ffffff"); r < 7.7 || r > 7.9 {
		t.Errorf("accent: %v", r)
	}
	if d := Darken("#7fbfaa", "#ffffff", 4.5); Contrast(d, "#ffffff") < 4.5 {
		t.Errorf("Darken gives %s", d)
	}
}
