package site

import "spaser/internal/typo"

// QualifiedLabel names a schema page without ambiguity wherever it appears
// out of its axe (search results, an indicator's pages, previous and next
// links across axes): « Axe 2, action 2.1 ». The numbers are the schema's
// own, which restart in each axe, so that « Action 2.1 » alone names one
// action per axe. A level-1 page is « Axe 2 »; other pages, "".
func (p *Page) QualifiedLabel() string {
	if p.Level <= 1 {
		return p.NumberedLabel()
	}
	top := p
	for top.Parent != nil && top.Parent.Level >= 1 {
		top = top.Parent
	}
	if top == p { // a page whose parents are not numbered: nothing to add
		return p.NumberedLabel()
	}
	return top.NumberedLabel() + ", " + typo.LowerFirst(p.LevelName.Singular) + "\u00a0" + p.Number
}
