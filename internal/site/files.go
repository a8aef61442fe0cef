package site

import (
	"path"
	"slices"
	"strings"
	"sync"

	"spaser/internal/markdown"
	"spaser/internal/typo"
)

// fileURL is the address of a content file that is not a page (an image,
// a PDF), published at its place under content/; ok is false when the
// content has no such file.
func (s *Site) fileURL(rel string) (markdown.Link, bool) {
	if s.tree == nil {
		return markdown.Link{}, false
	}
	s.filesOnce.Do(func() {
		s.files = slices.Clone(s.tree.Files)
		slices.Sort(s.files)
	})
	if _, ok := slices.BinarySearch(s.files, rel); !ok {
		return markdown.Link{}, false
	}
	link := markdown.Link{Href: s.Base.Path + rel, Note: s.documentNote(rel)}
	if s.Image != nil {
		link.Width, link.Height, link.Err = s.Image(rel)
	}
	return link, true
}

// documentFormats name the documents whose links say their format and
// size; an image or a web page says nothing.
var documentFormats = map[string]string{
	".pdf": "PDF", ".odt": "ODT", ".ods": "ODS", ".odp": "ODP", ".doc": "Word", ".docx": "Word",
	".xls": "Excel", ".xlsx": "Excel", ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".csv": "CSV", ".zip": "ZIP",
}

// documentNote is « PDF, 2,3 Mo » for a document, "" otherwise or when its
// size is unknown.
func (s *Site) documentNote(rel string) string {
	format := documentFormats[strings.ToLower(path.Ext(rel))]
	if format == "" || s.FileSize == nil {
		return ""
	}
	size, ok := s.FileSize(rel)
	if !ok {
		return ""
	}
	return format + ", " + typo.Size(size)
}

type fileIndex struct {
	filesOnce sync.Once
	files     []string
	// FileSize is the size of a content file by its path from content/;
	// the build sets it (the site reads no file).
	FileSize func(rel string) (int64, bool)
	// Image is the published size of an image file by its path from
	// content/, or why it cannot be published; 0 × 0 for another file or
	// an image of unknown size. The build sets it.
	Image func(rel string) (w, h int, err error)
}

// addressURL resolves a link target that is not a .md file: a content file
// (image, document), or a page the site generates (/indicateurs/) written
// as its address, which is then put under the base path. A content page
// written as its address is not resolved: its .md path is what keeps
// working when addresses change, and the error says which it is.
func (s *Site) addressURL(target, rel string) (markdown.Link, bool) {
	if to, ok := s.fileURL(rel); ok {
		return to, true
	}
	if !strings.HasPrefix(target, "/") {
		return markdown.Link{}, false
	}
	p := s.byURL[strings.TrimPrefix(target, "/")]
	if p == nil || p.Src != nil {
		return markdown.Link{}, false
	}
	return markdown.Link{Href: s.URL(p)}, true
}

// ContentPageAt is the content page published at the address urlPath
// (relative to the base URL, "axes/1-climat/"), or nil.
func (s *Site) ContentPageAt(urlPath string) *Page {
	if p := s.byURL[urlPath]; p != nil && p.Src != nil {
		return p
	}
	return nil
}
