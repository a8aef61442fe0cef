package chart

import "spaser/internal/glossary"

// Explain sets the notes of s and of its wide drawing: the expansion of
// each term of the glossary g that the chart writes, in its caption, its
// legend, its lines' labels or its axis name. The page's <abbr> marking
// skips the SVG, and a reader of the drawing needs them beside it.
func (s *Spec) Explain(g *glossary.Glossary) {
	texts := append([]string{s.Caption}, s.legendNames()...)
	for _, l := range s.lineLabels {
		texts = append(texts, l.text)
	}
	texts = append(texts, s.Unit)
	var notes []string
	for _, t := range g.Used(texts...) {
		notes = append(notes, t.Term+"\u00a0: "+t.Expansion)
	}
	s.Notes = notes
	if s.Wide != nil {
		s.Wide.Notes = notes
	}
}
