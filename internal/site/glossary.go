package site

import "spaser/internal/glossary"

// KindGlossary is the page that lists the abbreviations and their meaning.
const KindGlossary = "glossaire"

// SetGlossary gives the site its abbreviations: each page marks their
// first use (render), and a glossary page lists them when there is any.
func (s *Site) SetGlossary(g *glossary.Glossary) {
	s.Terms = g
	if s.Home == nil || g == nil || len(g.Terms) == 0 {
		return
	}
	s.Glossary = s.generated(KindGlossary, "glossaire/", "Glossaire des sigles",
		"Les sigles employés dans le schéma et sur ce site, avec leur forme développée.", s.Home)
}

// MarksAbbreviations reports whether p's first uses of the glossary's
// terms are marked: on every page but the glossary itself, which spells
// them all out. Without terms, nothing is marked and the page is written
// straight out, not through a buffer.
func (s *Site) MarksAbbreviations(p *Page) bool {
	return s.Terms != nil && len(s.Terms.Terms) > 0 && p.Kind != KindGlossary
}
