package site

import (
	"path"
	"slices"
	"strings"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
)

// Document is a document a page links to: the adopted schema, its
// deliberation.
type Document struct {
	URL   string
	Title string
	Info  string // « PDF, 1,2 Mo » for a file of the site, "" for an address elsewhere
}

// Documents are the adopted document and its deliberation, when
// data/site.toml gives them.
type Documents struct {
	Adopted      *Document
	Deliberation *Document
}

// SetDocuments resolves [adoption] of data/site.toml: a path names a file
// of content/, which must exist (it is copied with the site), and whose
// format and size the link states, as a download should.
func (s *Site) SetDocuments(l *diag.List) {
	a := s.Cfg.Adoption
	s.Docs.Adopted = s.document(a.Document, "Le document adopté", l, "adoption", "document")
	title := typo.Text(strings.TrimSpace(a.DeliberationTitle))
	if title == "" {
		title = "La délibération d’adoption"
	}
	s.Docs.Deliberation = s.document(a.Deliberation, title, l, "adoption", "deliberation")
}

func (s *Site) document(ref, title string, l *diag.List, key ...string) *Document {
	ref = strings.TrimSpace(ref)
	if ref == "" || !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
		if ref == "" {
			return nil
		}
		return &Document{URL: ref, Title: title} // a full address, checked by config
	}
	rel := strings.TrimPrefix(path.Clean(ref), "/")
	if s.tree == nil || !slices.Contains(s.tree.Files, rel) {
		l.Errorf(diag.Pos{File: config.File, Line: tomlfile.Line(s.Cfg.Source(), key...)},
			"Placez le fichier dans content/ à ce chemin (content"+path.Clean(ref)+"), ou corrigez le chemin.", "fichier introuvable : %s", ref)
		return nil
	}
	// « PDF, 2,3 Mo »: worded as every document link of the pages is.
	return &Document{URL: s.Base.Path + rel, Title: title, Info: s.documentNote(rel)}
}

// SourceDocument is the adopted document when a figure's source cites the
// schema itself (it starts with the site's title, « SPASER 2023-2028, axe
// 1… »): the source then says where to read it. Nil otherwise.
func (s *Site) SourceDocument(source string) *Document {
	title := typo.Text(strings.TrimSpace(s.Cfg.Title)) // both as displayed: ' and ’ alike
	if s.Docs.Adopted == nil || title == "" || !strings.HasPrefix(typo.Text(strings.TrimSpace(source)), title) {
		return nil
	}
	return s.Docs.Adopted
}

// ContactURL is where a citizen writes to the collectivité: its contact
// form, else a mailto: link to its address; "" when it gives neither.
func (s *Site) ContactURL() string {
	if u := strings.TrimSpace(s.Cfg.ContactURL); u != "" {
		return u
	}
	if e := strings.TrimSpace(s.Cfg.ContactEmail); e != "" {
		return "mailto:" + e
	}
	return ""
}

// LatestYear is the latest year for which some indicator has a published
// figure, 0 when none has: « chiffres de 2022 » on the printed cover.
func (s *Site) LatestYear() int {
	latest := 0
	for _, ind := range s.Catalogue.List {
		for _, m := range ind.Values {
			if m.Known() && m.Year > latest {
				latest = m.Year
			}
		}
	}
	return latest
}
