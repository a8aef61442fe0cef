package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"spaser/internal/opendata"
	"spaser/internal/search"
	"spaser/internal/site"
)

// Extra are the generated files beside the pages and the layouts' assets:
// the search index (read from the pages' entries as it is written),
// the open data, sitemap.xml (with a host) and robots.txt.
func Extra(s *site.Site, b *Built) []Asset {
	out := []Asset{
		{Out: b.SearchFile, Read: search.Index(b.Search).Reader},
	}
	for _, f := range opendata.Files(s, b.Follow) {
		out = append(out, Asset{Out: f.Path, Data: f.Data})
	}
	if sm, ok := sitemap(s); ok {
		out = append(out, Asset{Out: "sitemap.xml", Data: sm})
	}
	return append(out, Asset{Out: "robots.txt", Data: robots(s)})
}

// printID is the id of schema page p in the printable version, unique
// because its address is: "axes/1-climat/2-energies/" gives
// "imprimable--axes--1-climat--2-energies" (slugs never hold "--").
func printID(p *site.Page) string {
	return "imprimable--" + strings.ReplaceAll(strings.Trim(p.URLPath, "/"), "/", "--")
}

// PrintBody renders the body of schema page p for the printable version,
// where every schema page shares one document: headings go shift levels
// down (an action's "##" under the action's own heading), ids and in-page
// links get a prefix so that they stay unique, and links to other pages
// carry their full address in data-url, which the print stylesheet shows.
func (v View) PrintBody(p *site.Page, shift int, prefix string) (template.HTML, error) {
	s, body := v.Site, v.BodyOf(p)
	if body == "" { // converted once, before the layouts run (build.Prepare)
		return "", nil
	}
	var abs func(string) string
	if s.HasHost() {
		// href is already escaped: joined to the origin, not set as a URL's Path.
		origin := (&url.URL{Scheme: s.Base.Scheme, User: s.Base.User, Host: s.Base.Host}).String()
		abs = func(href string) string {
			if strings.HasPrefix(href, s.Base.Path) {
				return origin + href
			}
			return ""
		}
	}
	out, err := Relevel([]byte(body), shift, prefix, abs)
	return template.HTML(out), err // re-serialized by x/net/html: still escaped
}

// Relevel moves the headings of an HTML fragment shift levels down (at
// most h6), prefixes its ids and in-page links with prefix, and adds
// data-url="abs(href)" to links when abs returns an address.
func Relevel(frag []byte, shift int, prefix string, abs func(string) string) (string, error) {
	z := html.NewTokenizer(bytes.NewReader(frag))
	var b strings.Builder
	b.Grow(len(frag) + len(frag)/8)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return b.String(), nil
			}
			return "", z.Err()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if len(tok.Data) == 2 && tok.Data[0] == 'h' && tok.Data[1] >= '1' && tok.Data[1] <= '6' {
				tok.Data = fmt.Sprintf("h%d", min(int(tok.Data[1]-'0')+shift, 6))
			}
			var url string
			for i, a := range tok.Attr {
				switch {
				case a.Key == "id":
					tok.Attr[i].Val = prefix + a.Val
				case a.Key == "href" && strings.HasPrefix(a.Val, "#"):
					tok.Attr[i].Val = "#" + prefix + a.Val[1:]
				case a.Key == "href" && abs != nil:
					url = abs(a.Val)
				}
			}
			if url != "" {
				tok.Attr = append(tok.Attr, html.Attribute{Key: "data-url", Val: url})
			}
			b.WriteString(tok.String())
		default:
			b.Write(z.Raw())
		}
	}
}
