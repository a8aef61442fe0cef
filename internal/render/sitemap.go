package render

import (
	"bytes"
	"encoding/xml"

	"spaser/internal/site"
)

// sitemap lists every page but the 404 page, with full addresses; it needs
// a base URL with a host (ok is false otherwise).
func sitemap(s *site.Site) (data []byte, ok bool) {
	if !s.HasHost() {
		return nil, false
	}
	type loc struct {
		Loc string `xml:"loc"`
	}
	var doc struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}
	doc.NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	for _, p := range s.Pages {
		if p.Kind != site.KindNotFound {
			doc.URLs = append(doc.URLs, loc{s.AbsURL(p)})
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, false
	}
	buf.WriteByte('\n')
	return buf.Bytes(), true
}

// robots allows every page and names the sitemap when there is one.
func robots(s *site.Site) []byte {
	b := "User-agent: *\nAllow: /\n"
	if s.HasHost() {
		b += "Sitemap: " + s.AbsURL(s.Home) + "sitemap.xml\n"
	}
	return []byte(b)
}
