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
	facts map[string]any // the keys of the site's facts (facts.go)
}

// decodeCatalogue decodes the catalogue's [[indicator]] blocks. When the
// whole file does not decode (a syntax or type error), each block is decoded
// on its own: a mistake is reported at its line and drops only its block,
// not the catalogue. The ids of the dropped blocks, when they can be read,
// are returned in broken, so that the pages and values files that cite them
// are not reported as citing unknown indicators.
//
// facts are the keys of the site's facts, allowed in a block besides an
// indicator's own.
func decodeCatalogue(src []byte, idx *tomlfile.Index, facts []string, l *diag.List) (entries []entryAt, broken []string) {
	var cat catalogueTOML
	var whole diag.List
	extra := map[string][]string{"indicator": facts}
	if _, ok := tomlfile.DecodeWith(&whole, CatalogueFile, 1, src, &cat, extra); ok {
		l.Merge(&whole)
		lines := idx.Lines("indicator")
		raw := withFacts(string(src), facts)
		for i, e := range cat.Indicator {
			at := entryAt{entry: e}
			if i < len(lines) {
				at.line = lines[i]
			}
			if i < len(raw) {
				at.facts = raw[i]
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
		if _, ok := tomlfile.DecodeWith(l, CatalogueFile, first, []byte(chunk), &one, extra); !ok {
			if m := idLineRe.FindStringSubmatch(chunk); m != nil && i > 0 {
				broken = append(broken, m[1])
			}
			continue
		}
		raw := withFacts(chunk, facts)
		for j, e := range one.Indicator {
			at := entryAt{entry: e, line: first}
			if j < len(raw) {
				at.facts = raw[j]
			}
			entries = append(entries, at)
		}
	}
	return entries, broken
}

// idLineRe finds the id of a block that could not be decoded.
var idLineRe = regexp.MustCompile(`(?m)^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']`)

// Unreadable reports whether id is the id of a catalogue block that has an
// error of its own, already reported: a reference to it is not unknown.
func (c *Catalogue) Unreadable(id string) bool { return c.broken[id] }

// withFacts reads the facts of the blocks of src, when the site declares
// some.
func withFacts(src string, facts []string) []map[string]any {
	if len(facts) == 0 {
		return nil
	}
	return rawFacts(src)
}
