package markdown

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"spaser/internal/typo"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A short quotation is written between « » with its words in italics:
// « *L'insertion par l'activité économique a pour objet…* » (or the whole
// in italics, *« … »*). It becomes <q>…</q> (RGAA 9.4): the stylesheet
// draws the « », the italics go.

// KindQuote is the node of a short quotation.
var KindQuote = ast.NewNodeKind("Quote")

// Quote is a short quotation: <q>.
type Quote struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*Quote) Kind() ast.NodeKind { return KindQuote }

// Dump implements ast.Node.
func (q *Quote) Dump(src []byte, level int) { ast.DumpHelper(q, src, level, nil, nil) }

type quoteRenderer struct{}

func (quoteRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindQuote, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<q>")
		} else {
			_, _ = w.WriteString("</q>")
		}
		return ast.WalkContinue, nil
	})
}

const quoteSpace = " \t\u00a0\u202f"

// markQuotes turns each emphasis written as a quotation into a Quote.
func markQuotes(ems []*ast.Emphasis, src []byte) {
	for _, em := range ems {
		prev, _ := em.PreviousSibling().(*ast.Text)
		next, _ := em.NextSibling().(*ast.Text)
		first, _ := em.FirstChild().(*ast.Text)
		last, _ := em.LastChild().(*ast.Text)
		switch {
		case prev != nil && next != nil && trimEnd(prev, src, "«", true) && trimStart(next, src, "»", true):
			// « *…* »
		case first != nil && last != nil && strings.HasPrefix(string(first.Segment.Value(src)), "«") && strings.HasSuffix(strings.TrimRight(string(last.Segment.Value(src)), quoteSpace), "»"):
			trimStart(first, src, "«", false)
			trimEnd(last, src, "»", false)
		default:
			continue
		}
		q := &Quote{}
		for c := em.FirstChild(); c != nil; {
			n := c.NextSibling()
			q.AppendChild(q, c)
			c = n
		}
		em.Parent().ReplaceChild(em.Parent(), em, q)
	}
}

// trimEnd removes mark, and the spaces before it, from the end of t; outside
// the quotation, one space stays.
func trimEnd(t *ast.Text, src []byte, mark string, outside bool) bool {
	raw := string(t.Segment.Value(src))
	v := strings.TrimRight(raw, quoteSpace)
	if !strings.HasSuffix(v, mark) {
		return false
	}
	v = strings.TrimSuffix(v, mark)
	stop := len(strings.TrimRight(v, quoteSpace))
	if outside && stop < len(v) {
		_, size := utf8.DecodeRuneInString(v[stop:])
		stop += size
	}
	t.Segment = t.Segment.WithStop(t.Segment.Start + stop)
	return true
}

// trimStart removes mark, and the spaces after it, from the start of t;
// outside the quotation, the spaces before a following word stay.
func trimStart(t *ast.Text, src []byte, mark string, outside bool) bool {
	raw := string(t.Segment.Value(src))
	v := strings.TrimLeft(raw, quoteSpace)
	if !strings.HasPrefix(v, mark) {
		return false
	}
	rest := strings.TrimPrefix(v, mark)
	if w := strings.TrimLeft(rest, quoteSpace); !outside || w == "" || strings.ContainsAny(w[:1], ".,;:!?)") {
		rest = w
	}
	t.Segment = t.Segment.WithStart(t.Segment.Stop - len(rest))
	return true
}

// Content warnings: what a machine can tell of a page's text.

// Warning is a problem of the text that the page still renders: a
// quotation, a note or a list written without its markup.
type Warning struct {
	Line int // 1-based, in the body
	Msg  string
	Hint string
}

// noteRe matches the start of a blockquote that is a note, not a quotation:
// « Note de publication : », « Remarque : », « Attention : »…
var noteRe = regexp.MustCompile(`(?i)^\W*(note|remarque|attention|important|à noter|a noter|n\.\s?b\.|nb|avertissement|information|rappel|mise à jour|précision)\b[^:.]{0,40}\s?:`)

// checkBlock adds the warnings of one block of text to res.
func checkBlock(n ast.Node, src []byte, res *Result) {
	switch n := n.(type) {
	case *ast.Blockquote:
		if noteRe.MatchString(plainText(n, src)) {
			res.Warnings = append(res.Warnings, Warning{Line: blockLine(n, src),
				Msg:  "citation (>) qui n'en est pas une : une note mise en retrait pour son encadré",
				Hint: "Un bloc « > » est réservé aux citations (RGAA 8.9) : écrivez la note comme un paragraphe ordinaire, sans « > »."})
		}
	case *ast.Paragraph:
		if _, ok := n.Parent().(*ast.Blockquote); ok {
			return // a quotation already
		}
		text := quotedText(n, src)
		for _, m := range typo.Quotations(text) {
			res.Warnings = append(res.Warnings, Warning{Line: blockLine(n, src),
				Msg:  "citation entre « » sans balisage : « " + shorten(text[m[2]:m[3]]) + " »",
				Hint: "Si ce sont les mots d'un autre texte, mettez-les en italique entre les guillemets, « *…* » : le site les balise comme citation (RGAA 9.4). Sinon, ignorez cet avertissement."})
		}
	}
}

// quotedText is the text of a paragraph with its marked quotations and
// code left out.
func quotedText(n ast.Node, src []byte) string {
	return textOf(n, src, func(c ast.Node) bool {
		switch c.(type) {
		case *Quote, *ast.CodeSpan:
			return true
		}
		return false
	})
}

// checkLists warns about paragraphs that follow one another as the items of
// a list: each but the last ends with « ; », or each starts with a bullet
// typed as a character (•, –).
func checkLists(parent ast.Node, src []byte, res *Result) {
	var run []ast.Node
	flush := func() {
		if len(run) >= 2 {
			res.Warnings = append(res.Warnings, Warning{Line: blockLine(run[0], src),
				Msg:  "paragraphes qui forment une liste sans en être une",
				Hint: "Écrivez chaque élément sur une ligne qui commence par « - » (liste à puces) ou « 1. » (liste numérotée) : une liste se lit comme telle avec un lecteur d'écran (RGAA 9.3)."})
		}
		run = run[:0]
	}
	prevSemi, prevBullet := false, false
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*ast.Paragraph)
		if !ok {
			flush()
			prevSemi, prevBullet = false, false
			continue
		}
		text := strings.TrimSpace(plainText(p, src))
		semi := strings.HasSuffix(text, ";")
		bullet := bulletRe.MatchString(text)
		if len(run) > 0 && (prevSemi || bullet && prevBullet) {
			run = append(run, p)
		} else {
			flush()
			if semi || bullet {
				run = append(run, p)
			}
		}
		prevSemi, prevBullet = semi, bullet
	}
	flush()
}

// bulletRe matches a paragraph that starts with a bullet typed as text.
var bulletRe = regexp.MustCompile(`^[•–—·▪►]\s`)

func blockLine(n ast.Node, src []byte) int {
	line, _ := nodeLine(n, src)
	return line
}

func shorten(s string) string {
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}
