package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"spaser/internal/diag"
)

// Colors are the site's colours ([colors] in data/site.toml): the
// stylesheet gets them as CSS custom properties, the charts draw with
// them. Each one is checked against the backgrounds it is drawn on: 4.5:1
// for text, 3:1 for the focus ring and the chart series (WCAG 2.1, criteria
// 1.4.3 and 1.4.11; RGAA 3.2 and 3.3). The page background is white.
type Colors struct {
	Text         string   `toml:"text"`           // body text
	Muted        string   `toml:"muted"`          // secondary text: dates, sources, chart axes
	Accent       string   `toml:"accent"`         // links, titles, the header's border, buttons (white text on it)
	AccentBg     string   `toml:"accent_bg"`      // tinted blocks (« En bref »)
	BgAlt        string   `toml:"background_alt"` // table headers, cards, breadcrumbs, footer
	Focus        string   `toml:"focus"`          // the focus ring
	ChartValues  []string `toml:"chart_values"`   // bars of the published values
	ChartTargets []string `toml:"chart_targets"`  // lines of the targets
}

// DefaultColors are the colours of the default stylesheet, favicon and
// charts: neutral ones (a dark blue accent), for any buyer; a site sets its
// own in [colors].
func DefaultColors() Colors {
	return Colors{
		Text: "#1d1d1b", Muted: "#4a4a46", Accent: "#1f4e79", AccentBg: "#eef2f6", BgAlt: "#f4f5f6", Focus: "#b3410e",
		ChartValues:  []string{"#1f4e79", "#7a3b0c", "#0b5d4b", "#5b2a6e"},
		ChartTargets: []string{"#b3410e", "#6a1b9a", "#00567a", "#6b5300"},
	}
}

const white = "#ffffff"

var hexRe = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkColors fills the colours left out with the defaults, then checks
// every one: readable syntax, and enough contrast with each background it
// is drawn on. A colour under the ratio is an error that gives the ratio
// and a darker shade that would do.
func (c *Config) checkColors(l *diag.List) {
	d := DefaultColors()
	k := &c.Colors
	for _, f := range []struct {
		v   *string
		def string
	}{{&k.Text, d.Text}, {&k.Muted, d.Muted}, {&k.Accent, d.Accent}, {&k.AccentBg, d.AccentBg}, {&k.BgAlt, d.BgAlt}, {&k.Focus, d.Focus}} {
		if *f.v == "" {
			*f.v = f.def
		}
	}
	if len(k.ChartValues) == 0 {
		k.ChartValues = d.ChartValues
	}
	if len(k.ChartTargets) == 0 {
		k.ChartTargets = d.ChartTargets
	}
	bad := false
	check := func(key, v string) bool {
		if !hexRe.MatchString(v) {
			l.Errorf(c.pos("colors", key), "Écrivez la couleur en hexadécimal, comme \"#0b5d4b\".", "couleur illisible dans [colors] %s : %q", key, v)
			bad = true
			return false
		}
		return true
	}
	for _, f := range []struct{ key, v string }{{"text", k.Text}, {"muted", k.Muted}, {"accent", k.Accent}, {"accent_bg", k.AccentBg}, {"background_alt", k.BgAlt}, {"focus", k.Focus}} {
		check(f.key, f.v)
	}
	for _, v := range k.ChartValues {
		check("chart_values", v)
	}
	for _, v := range k.ChartTargets {
		check("chart_targets", v)
	}
	if bad {
		return
	}
	page := []background{{"le fond blanc", white}, {"le fond background_alt", k.BgAlt}, {"le fond accent_bg", k.AccentBg}}
	for _, f := range []struct{ key, v string }{{"text", k.Text}, {"muted", k.Muted}} {
		c.needContrast(l, f.key, f.v, page, 4.5, "texte")
	}
	// The accent colour is the links' colour, and white text is written on
	// it in buttons.
	c.needContrast(l, "accent", k.Accent, append(page, background{"le texte blanc des boutons", white}), 4.5, "texte")
	c.needContrast(l, "focus", k.Focus, page, 3, "contour du focus")
	chart := []background{{"le fond blanc des graphiques", white}}
	for _, v := range k.ChartValues {
		c.needContrast(l, "chart_values", v, chart, 3, "graphique")
	}
	for _, v := range k.ChartTargets {
		c.needContrast(l, "chart_targets", v, chart, 3, "graphique")
	}
}

type background struct{ name, v string }

// needContrast reports fg when its contrast with one of bgs is under min:
// one error, for the worst background, with a darker shade that reaches min
// on all of them.
func (c *Config) needContrast(l *diag.List, key, fg string, bgs []background, min float64, what string) {
	worst, r := bgs[0], Contrast(fg, bgs[0].v)
	for _, bg := range bgs[1:] {
		if x := Contrast(fg, bg.v); x < r {
			worst, r = bg, x
		}
	}
	if r >= min {
		return
	}
	on := worst.name
	if worst.v != white {
		on += " (" + worst.v + ")"
	}
	var fix string
	if Luminance(worst.v) < Luminance(fg) {
		fix = fmt.Sprintf("Ce fond est trop foncé pour cette couleur : éclaircissez-le, ou foncez %s.", key)
	} else {
		shade := fg
		for _, bg := range bgs {
			if Contrast(shade, bg.v) < min {
				shade = Darken(shade, bg.v, min)
			}
		}
		fix = fmt.Sprintf("Choisissez une couleur plus foncée : par exemple %s, qui atteint %s:1.", shade, ratio(Contrast(shade, worst.v)))
	}
	criterion := "3.3"
	if what == "texte" {
		criterion = "3.2"
	}
	l.Errorf(c.pos("colors", key), fix, "couleur %s %s : contraste de %s:1 sur %s, il faut au moins %s:1 (%s ; WCAG 2.1, RGAA critère %s)",
		key, fg, ratio(r), on, ratio(min), what, criterion)
}

// ratio writes 4.5 as "4,5" and 2.13 as "2,1" (rounded down, so that a
// failing ratio never reads as the minimum).
func ratio(r float64) string {
	r = math.Floor(r*10) / 10
	return strings.Replace(strconv.FormatFloat(r, 'f', -1, 64), ".", ",", 1)
}

func rgb(hex string) (r, g, b float64) {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, _ := strconv.ParseUint(h, 16, 32)
	return float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)
}

// Luminance is the relative luminance of a "#rrggbb" colour (WCAG 2.1).
func Luminance(hex string) float64 {
	r, g, b := rgb(hex)
	f := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b string) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Darken returns the lightest shade of fg, mixed with black, that reaches
// min against bg.
func Darken(fg, bg string, min float64) string {
	r, g, b := rgb(fg)
	for t := 0.0; t <= 1; t += 0.01 {
		s := fmt.Sprintf("#%02x%02x%02x", int(math.Round(r*(1-t))), int(math.Round(g*(1-t))), int(math.Round(b*(1-t))))
		if Contrast(s, bg) >= min+0.05 {
			return s
		}
	}
	return "#000000"
}

// CSS is the :root rule that sets the stylesheet's custom properties.
func (k Colors) CSS() string {
	return fmt.Sprintf(":root{--text:%s;--muted:%s;--accent:%s;--accent-bg:%s;--bg-alt:%s;--focus:%s}\n",
		k.Text, k.Muted, k.Accent, k.AccentBg, k.BgAlt, k.Focus)
}
