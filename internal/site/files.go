package site

import (
	"slices"
	"strings"
	"sync"
)

// fileURL is the address of a content file that is not a page (an image,
// a PDF), published at its place under content/; ok is false when the
// content has no such file.
func (s *Site) fileURL(rel string) (string, bool) {
	if s.tree == nil {
		return "", false
	}
	s.filesOnce.Do(func() {
		s.files = slices.Clone(s.tree.Files)
		slices.Sort(s.files)
	})
	if _, ok := slices.BinarySearch(s.files, rel); !ok {
		return "", false
	}
	return s.Base.Path + rel, true
}

type fileIndex struct {
	filesOnce sync.Once
	files     []string
}

// addressURL resolves a link target that is not a .md file: a content file
// (image, document), or a page the site generates (/indicateurs/) written
// as its address, which is then put under the base path. A content page
// written as its address is not resolved: its .md path is what keeps
// working when addresses change, and the error says which it is.
func (s *Site) addressURL(target, rel string) (string, bool) {
	if href, ok := s.fileURL(rel); ok {
		return href, true
	}
	if !strings.HasPrefix(target, "/") {
		return "", false
	}
	p := s.byURL[strings.TrimPrefix(target, "/")]
	if p == nil || p.Src != nil {
		return "", false
	}
	return s.URL(p), true
}

// PageAt is the content page published at the address urlPath (relative
// to the base URL, "axes/1-climat/"), or nil.
func (s *Site) PageAt(urlPath string) *Page {
	if p := s.byURL[urlPath]; p != nil && p.Src != nil {
		return p
	}
	return nil
}
