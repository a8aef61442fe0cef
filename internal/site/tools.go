package site

import (
	"fmt"
	"strings"

	"spaser/internal/config"
	"spaser/internal/typo"
)

// Pages that help to find and read the content: the search page and the
// printable version of the whole schema.
const (
	KindSearch = "recherche"          // search in the site (a prebuilt index and a small script)
	KindPrint  = "version-imprimable" // every schema page, in order, on one page
)

// generateTools adds the search page and, when there is a schema, its
// printable version.
func (s *Site) generateTools() {
	s.Search = s.generated(KindSearch, "recherche/", "Rechercher dans le site",
		"Rechercher un mot dans les pages du schéma, les indicateurs et les autres pages du site.", s.Home)
	if s.Schema != nil {
		s.Print = s.generated(KindPrint, "version-imprimable/", "Version imprimable du schéma",
			fmt.Sprintf("%s en entier sur une seule page, à imprimer ou à enregistrer en PDF : chaque %s avec son texte, dans l'ordre du schéma.",
				config.Capital(s.Cfg.TitleName().The()), s.levelWords()), s.Schema)
	}
}

// levelWords names every level of the schema: "axe, enjeu et action".
func (s *Site) levelWords() string {
	var words []string
	for i := range s.Cfg.Schema.Levels {
		words = append(words, levelWord(s, i))
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}

// GroupedBy says how the dashboard groups the indicators, by the first two
// levels of the schema: "par axe et par enjeu".
func (s *Site) GroupedBy() string {
	switch len(s.Cfg.Schema.Levels) {
	case 0:
		return ""
	case 1:
		return "par " + levelWord(s, 0)
	}
	return "par " + levelWord(s, 0) + " et par " + levelWord(s, 1)
}

// levelWord is the name of schema level i (0-based) with a lower-case
// initial, or "partie" when the schema has fewer levels.
func levelWord(s *Site, i int) string {
	if i >= len(s.Cfg.Schema.Levels) {
		return "partie"
	}
	w := s.Cfg.Schema.Levels[i].Singular
	if w == "" {
		return w // reported by config.Load
	}
	return typo.LowerFirst(w)
}

// SchemaTree lists the schema pages in reading order (each page, then its
// children), for the printable version.
func (s *Site) SchemaTree() []*Page {
	var out []*Page
	var walk func(p *Page)
	walk = func(p *Page) {
		for _, c := range p.Children {
			if c.Level > 0 {
				out = append(out, c)
				walk(c)
			}
		}
	}
	if s.Schema != nil {
		walk(s.Schema)
	}
	return out
}
