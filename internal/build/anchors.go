package build

import (
	"slices"
	"strings"
	"unicode/utf8"

	"spaser/internal/diag"
	"spaser/internal/markdown"
	"spaser/internal/render"
)

const anchorRule = "L'ancre (après #) est l'identifiant d'un intertitre de la page visée : sans accents ni majuscules, les mots reliés par des tirets (« ## Éléments de contexte » → #elements-de-contexte ; le deuxième intertitre de même texte → #elements-de-contexte-2)."

const generatedAnchorRule = "Les ancres d'une page produite par spaser sont celles de sa mise en page : ouvrez la page dans l'aperçu (spaser serve) pour les voir."

// anchors are what the conversion of each page tells about #fragments,
// by page index: the ids of its body and its links to a fragment. They are
// checked once every page is converted, since a link may go to a page
// converted after.
type anchors []pageAnchors

type pageAnchors struct {
	converted bool     // the page's ids are known: its body was converted, or it has none
	ids       []string // its headings' ids, to suggest, then its footnotes'
	headings  int      // how many of ids are its headings'
	links     []markdown.Anchored
}

// record keeps what the conversion of page i tells; res is nil for a page
// without a body. Each page has its own index: safe from several goroutines.
func (a anchors) record(i int, res *markdown.Result) {
	a[i].converted = true
	if res == nil {
		return
	}
	ids := make([]string, 0, len(res.Headings)+len(res.NoteIDs))
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	a[i].ids, a[i].headings, a[i].links = append(ids, res.NoteIDs...), len(res.Headings), res.Anchors
}

// report adds an error for every link to a fragment that its page does not
// have: a heading of a content page (or an id of its layout), an id of a
// generated page's layout. A link to a page whose body could not be
// converted, or to a file, is not checked.
func (a anchors) report(ld *Loaded, l *diag.List) {
	s := ld.Site
	byHref := make(map[string]int, len(s.Pages))
	for i, p := range s.Pages {
		byHref[s.URL(p)] = i
	}
	hinted := 0
	layouts := map[string]render.Anchors{} // by kind: reading a layout's ids takes a regexp over its templates
	for i, p := range s.Pages {
		for _, link := range a[i].links {
			to, ok := i, link.Href == ""
			if !ok {
				to, ok = byHref[link.Href]
			}
			if !ok || s.Pages[to].Src != nil && !a[to].converted {
				continue
			}
			kind := s.Pages[to].Kind
			layout, ok := layouts[kind]
			if !ok {
				layout = ld.Templates.Anchors(kind)
				layouts[kind] = layout
			}
			if known, has := a.has(layout, to, link.Frag); !has {
				at := bodyPos(p, link.Line, link.Col)
				hinted++
				l.Errorf(at, anchorHint(link, known, s.Pages[to].Src == nil, hinted <= maxHinted), "lien vers une ancre inexistante : %s", link.Target)
			}
		}
	}
}

// has reports whether page i, of layout, has the id frag, and otherwise
// which ids to suggest: its headings', then those of its own layout. An
// empty fragment and « top » (in any case) are the top of any page for a
// browser.
func (a anchors) has(layout render.Anchors, i int, frag string) (suggest []string, ok bool) {
	if frag == "" || strings.EqualFold(frag, "top") {
		return nil, true
	}
	if layout.Has(frag) {
		return nil, true
	}
	if slices.Contains(a[i].ids, frag) {
		return nil, true
	}
	return append(slices.Clip(a[i].ids[:a[i].headings]), layout.Own...), false
}

// The did-you-mean compares a fragment with each id of its page, in time
// their lengths multiplied: it is bounded so that a hostile page (a
// fragment of 100 000 characters, thousands of links to thousands of
// headings) takes no longer to report than a real one.
const (
	maxHintRunes = 80  // a longer fragment or id is not compared
	maxHintIDs   = 500 // the ids of a page compared, the first ones
	maxHinted    = 200 // the unknown anchors of a build given a did-you-mean
)

// hintable are the ids to compare with frag: none for a long fragment, or
// when compare is false, the first short ones otherwise.
func hintable(frag string, ids []string, compare bool) []string {
	if !compare || utf8.RuneCountInString(frag) > maxHintRunes {
		return nil
	}
	var out []string
	for _, id := range ids {
		if len(out) == maxHintIDs {
			break
		}
		if utf8.RuneCountInString(id) <= maxHintRunes {
			out = append(out, id)
		}
	}
	return out
}

// anchorHint suggests the link with the nearest id, and lists the nearest
// ones: an editor who typed the heading's text with its accents gets its id.
// generated tells a page spaser makes, whose ids its layout makes; compare
// is false once maxHinted anchors were given a did-you-mean, and the page's
// first ids are listed instead.
func anchorHint(link markdown.Anchored, ids []string, generated, compare bool) string {
	rule := anchorRule
	if generated {
		rule = generatedAnchorRule
	}
	if len(ids) == 0 && generated {
		return rule
	}
	if len(ids) == 0 {
		return "La page visée n'a aucune ancre : retirez « #" + link.Frag + " » ou ajoutez l'intertitre à la page. " + rule
	}
	cands := hintable(link.Frag, ids, compare)
	if len(cands) == 0 {
		first := hintable("", ids, true)
		if len(first) == 0 {
			return rule
		}
		return rule + " Ancres de la page : #" + strings.Join(first[:min(3, len(first))], ", #") + "."
	}
	prefix := link.Target[:strings.LastIndexByte(link.Target, '#')+1]
	best := diag.Suggest(link.Frag, cands)
	if best == "" && len(link.Frag) >= 3 { // a heading's first words: #les-enjeux for #les-enjeux-de-son-actualisation
		best = shortestWithPrefix(cands, link.Frag)
	}
	if slug := markdown.Slug(link.Frag); slices.Contains(cands, slug) {
		best = slug
	}
	hint := rule
	if best != "" {
		hint = "Vouliez-vous dire « " + prefix + best + " » ? " + hint
	}
	return hint + " Ancres de la page : #" + strings.Join(diag.Nearest(link.Frag, cands, 3), ", #") + "."
}

// shortestWithPrefix is the shortest of ids that starts with prefix, or "".
func shortestWithPrefix(ids []string, prefix string) string {
	best := ""
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) && (best == "" || len(id) < len(best) || len(id) == len(best) && id < best) {
			best = id
		}
	}
	return best
}
