package indicator

import (
	"regexp"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/tomlfile"
)

// entryAt is an [[indicator]] block and the line of its header.
type entryAt struct {
	entry entryTOML
	line  int
}

// decodeCatalogue decodes the catalogue's [[indicator]] blocks. When the
// whole file does not decode (a syntax or type error), each block is decoded
// on its own: a mistake is reported at its line and drops only its block,
// not the catalogue. The ids of the dropped blocks, when they can be read,
// are returned in broken, so that the pages and values files that cite them
// are not reported as citing unknown indicators.
func decodeCatalogue(src []byte, idx *tomlfile.Index, l *diag.List) (entries []entryAt, broken []string) {
	var cat catalogueTOML
	var whole diag.List
	if _, ok := tomlfile.Decode(&whole, CatalogueFile, 1, src, &cat); ok {
		l.Merge(&whole)
		lines := idx.Lines("indicator")
		for i, e := range cat.Indicator {
			at := entryAt{entry: e}
			if i < len(lines) {
				at.line = lines[i]
			}
			entries = append(entries, at)
		}
		return entries, nil
	}
	text := strings.SplitAfter(string(src), "\n")
	starts := append([]int{1}, idx.Lines("indicator")...) // the preamble, then each block
	for i, first := range starts {
		last := len(text)
		if i+1 < len(starts) {
			last = starts[i+1] - 1
		}
		if first > last {
			continue // no preamble
		}
		chunk := strings.Join(text[first-1:last], "")
		var one catalogueTOML
		if _, ok := tomlfile.Decode(l, CatalogueFile, first, []byte(chunk), &one); !ok {
			if m := idLineRe.FindStringSubmatch(chunk); m != nil && i > 0 {
				broken = append(broken, m[1])
			}
			continue
		}
		for _, e := range one.Indicator {
			entries = append(entries, entryAt{entry: e, line: first})
		}
	}
	return entries, broken
}

// idLineRe finds the id of a block that could not be decoded.
var idLineRe = regexp.MustCompile(`(?m)^[ \t]*id[ \t]*=[ \t]*"([^"\n]*)"`)

// Unreadable reports whether id is the id of a catalogue block that has an
// error of its own, already reported: a reference to it is not unknown.
func (c *Catalogue) Unreadable(id string) bool { return c.broken[id] }
