// Package rgaa holds the site's RGAA 4.1.2 audit: the checks of the built
// HTML that need no browser (markup.go), the audit grid kept in
// data/rgaa.toml (grid.go), and the declaration computed from it
// (declaration.go).
package rgaa

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Presentational markup (RGAA test 10.1.1 and 10.1.2): elements and
// attributes that style instead of the stylesheet.
var (
	presentElements = []string{"basefont", "big", "blink", "center", "font", "marquee", "s", "strike", "tt"}
	presentAttrs    = []string{"align", "alink", "background", "bgcolor", "border", "cellpadding", "cellspacing", "char", "charoff", "clear", "color", "compact", "frameborder", "hspace", "link", "marginheight", "marginwidth", "text", "valign", "vlink", "vspace"}
	sizedElements   = []string{"img", "object", "embed", "canvas", "svg", "iframe", "video"} // width and height allowed
)

// Markup checks the pages of a built site without a browser. Page is
// called for each page, then Site for what spans pages.
type Markup struct {
	labels   map[string][]string // search field label → pages
	captions map[string][]string // table caption → pages
}

// Finding is one failure of a criterion on a page ("" for the whole site).
type Finding struct {
	Criterion string
	Page      string
	Msg       string
}

func (f Finding) String() string {
	return fmt.Sprintf("RGAA %s, %s : %s", f.Criterion, cmpOr(f.Page, "site"), f.Msg)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Page checks one page; name is its file in the built site.
func (m *Markup) Page(name string, doc []byte) ([]Finding, error) {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	if m.labels == nil {
		m.labels, m.captions = map[string][]string{}, map[string][]string{}
	}
	var out []Finding
	fail := func(c, format string, a ...any) {
		out = append(out, Finding{Criterion: c, Page: name, Msg: fmt.Sprintf(format, a...)})
	}
	if !doctypeRe.Match(doc) {
		fail("8.1", "le fichier ne commence pas par <!DOCTYPE html>")
	}
	labels := map[string]string{} // for= → text
	var search []string           // ids of search fields
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		inSVG := n.Namespace == "svg"
		if slices.Contains(presentElements, n.Data) && !inSVG {
			fail("10.1", "élément de présentation <%s>", n.Data)
		}
		for _, a := range n.Attr {
			switch {
			case inSVG:
			case slices.Contains(presentAttrs, a.Key):
				fail("10.1", "attribut de présentation %s=%q sur <%s>", a.Key, a.Val, n.Data)
			case a.Key == "size" && n.DataAtom != atom.Select:
				fail("10.1", "attribut de présentation size=%q sur <%s> : la largeur se règle dans la feuille de styles", a.Val, n.Data)
			case (a.Key == "width" || a.Key == "height") && !slices.Contains(sizedElements, n.Data):
				fail("10.1", "attribut de présentation %s sur <%s>", a.Key, n.Data)
			}
		}
		switch n.DataAtom {
		case atom.Label:
			labels[attr(n, "for")] = text(n)
		case atom.Input:
			if attr(n, "type") == "search" {
				search = append(search, attr(n, "id"))
			}
		case atom.Caption:
			c := text(n)
			m.captions[c] = append(m.captions[c], name)
		}
	}
	for _, id := range search {
		l, ok := labels[id]
		if !ok || id == "" {
			fail("11.1", "champ de recherche sans étiquette <label for>")
			continue
		}
		m.labels[l] = append(m.labels[l], name)
	}
	return out, nil
}

// Site returns what fails across pages: a search field labelled
// differently on two pages (11.3), a table caption used twice (5.5).
func (m *Markup) Site() []Finding {
	var out []Finding
	if len(m.labels) > 1 {
		var ls []string
		for l, pages := range m.labels {
			ls = append(ls, fmt.Sprintf("« %s » (%s…)", l, pages[0]))
		}
		slices.Sort(ls)
		out = append(out, Finding{Criterion: "11.3", Msg: "le champ de recherche a plusieurs étiquettes : " + strings.Join(ls, ", ")})
	}
	for c, pages := range m.captions {
		if len(pages) > 1 {
			out = append(out, Finding{Criterion: "5.5", Msg: fmt.Sprintf("%d tableaux ont le même titre « %s » (%s…) : chaque titre doit dire ce que montre son tableau", len(pages), c, strings.Join(pages[:2], ", "))})
		}
	}
	slices.SortFunc(out, func(a, b Finding) int { return strings.Compare(a.Msg, b.Msg) })
	return out
}

// doctypeRe matches the start of an HTML5 document (RGAA 8.1).
var doctypeRe = regexp.MustCompile(`^(?i)\x{feff}?\s*<!doctype html>`)

// viewportFontRe matches a font size tied to the viewport.
var viewportFontRe = regexp.MustCompile(`font(-size)?\s*:[^;}]*\d(vw|vh|vmin|vmax|svw|svh|lvw|lvh|dvw|dvh|vi|vb)\b`)

// CSS checks a stylesheet: no font size in viewport units, which does not
// grow to 200 % when the page is zoomed (WCAG F94, RGAA 10.4).
func CSS(name string, css []byte) []Finding {
	var out []Finding
	for _, m := range viewportFontRe.FindAll(css, -1) {
		out = append(out, Finding{Criterion: "10.4", Page: name, Msg: fmt.Sprintf("taille de texte liée à la largeur de la fenêtre (%s) : elle ne double pas quand on zoome à 200 %%", m)})
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// CheckSite runs Page on every page of a built site and CSS on every
// stylesheet, then Site. A page is named by its address under the base
// URL ("", "axes/", "404.html"); a finding on the whole site by "".
func CheckSite(site fs.FS) ([]Finding, error) {
	var m Markup
	var out []Finding
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".css") {
			return err
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".css") {
			out = append(out, CSS("", b)...)
			return nil
		}
		found, err := m.Page(strings.TrimSuffix(p, "index.html"), b)
		out = append(out, found...)
		return err
	})
	return append(out, m.Site()...), err
}
