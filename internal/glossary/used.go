package glossary

import (
	"cmp"
	"slices"
)

// Used returns the terms of g written as whole words in texts (plain
// text, not HTML), each once, in the order a reader meets them: the text
// first, then the place in it, the longest term first where two start
// together. A chart explains these next to its drawing, whose text the
// page's <abbr> marking never reaches.
func (g *Glossary) Used(texts ...string) []Term {
	if g == nil {
		return nil
	}
	type use struct {
		at   int
		term Term
	}
	var out []Term
	seen := map[string]bool{}
	for _, s := range texts {
		var found []use
		for _, t := range g.Terms {
			if seen[t.Term] {
				continue
			}
			if at := wordIndex(s, t.Term); at >= 0 {
				found = append(found, use{at, t})
			}
		}
		slices.SortStableFunc(found, func(a, b use) int {
			return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(len(b.term.Term), len(a.term.Term)))
		})
		for _, u := range found {
			seen[u.term.Term] = true
			out = append(out, u.term)
		}
	}
	return out
}
