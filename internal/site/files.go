package site

import (
	"slices"
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
