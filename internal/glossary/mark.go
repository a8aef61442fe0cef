package glossary

import (
	"bytes"
	"html"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// skipped are the elements whose text is never marked: code, an existing
// abbreviation, scripts, forms' controls, and drawings (a chart's SVG).
var skipped = map[string]bool{
	"abbr": true, "code": true, "pre": true, "kbd": true, "samp": true,
	"script": true, "style": true, "svg": true, "textarea": true,
	"select": true, "option": true, "title": true, "template": true,
}

// Mark returns page, a whole HTML page, with the first use of each term in
// its <main> element wrapped in <abbr title="expansion">. Only text is
// read: attributes (ids, hrefs) are copied as they are. The page is
// returned unchanged when it has no term, no <main>, or cannot be read.
func (g *Glossary) Mark(page []byte) []byte {
	if g == nil || len(g.Terms) == 0 {
		return page
	}
	start := bytes.Index(page, []byte("<main"))
	end := bytes.LastIndex(page, []byte("</main>"))
	if start < 0 || end < start {
		return page
	}
	todo := g.present(page[start:end])
	if len(todo) == 0 {
		return page
	}
	var b bytes.Buffer
	b.Grow(len(page) + 64*len(todo))
	b.Write(page[:start])
	if !mark(&b, page[start:end], todo) {
		return page
	}
	b.Write(page[end:])
	return b.Bytes()
}

// present are the terms written somewhere in frag: most pages have few,
// and only those are looked for in each piece of text.
func (g *Glossary) present(frag []byte) []Term {
	var out []Term
	for _, t := range g.Terms {
		if bytes.Contains(frag, []byte(t.Term)) {
			out = append(out, t)
		}
	}
	return out
}

// mark copies frag to b, marking in its text the first use of each term of
// todo. It returns false when frag is not readable HTML.
func mark(b *bytes.Buffer, frag []byte, todo []Term) bool {
	z := xhtml.NewTokenizer(bytes.NewReader(frag))
	depth := 0 // inside how many skipped elements
	read := 0  // bytes of frag the tokens held: all of them, or the HTML was cut
	for {
		tt := z.Next()
		read += len(z.Raw())
		switch tt {
		case xhtml.ErrorToken:
			b.Write(z.Raw()) // an unfinished tag at the end, as it was
			return z.Err() == io.EOF && read == len(frag)
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			if skipped[string(name)] {
				if tt == xhtml.StartTagToken {
					depth++
				} else if depth > 0 {
					depth--
				}
			}
			b.Write(z.Raw())
		case xhtml.TextToken:
			raw := z.Raw()
			if depth > 0 {
				b.Write(raw)
				continue
			}
			if todo = markText(b, string(raw), todo); len(todo) == 0 {
				b.Write(frag[read:]) // every term is marked: the rest as it is
				return true
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// markText writes raw, a piece of escaped text, marking the terms of todo
// it holds as whole words; it returns the terms still to mark.
func markText(b *bytes.Buffer, raw string, todo []Term) []Term {
	for {
		i, at := firstUse(raw, todo)
		if i < 0 {
			b.WriteString(raw)
			return todo
		}
		t := todo[i]
		b.WriteString(raw[:at])
		if explained(raw, at, t) {
			// « DA (Direction des achats) », « gaz à effet de serre (GES) »:
			// the text spells it out already.
			b.WriteString(t.Term)
			raw = raw[at+len(t.Term):]
			todo = append(todo[:i:i], todo[i+1:]...)
			continue
		}
		b.WriteString(`<abbr title="`)
		b.WriteString(html.EscapeString(t.Title()))
		b.WriteString(`">`)
		b.WriteString(t.Term) // checked: no character to escape
		b.WriteString(`</abbr>`)
		raw = raw[at+len(t.Term):]
		todo = append(todo[:i:i], todo[i+1:]...)
	}
}

// firstUse returns the term of todo used first in raw as a whole word (the
// longest when two start at the same place), and where; -1 when none is.
func firstUse(raw string, todo []Term) (term, at int) {
	term, at = -1, len(raw)
	for i, t := range todo {
		j := wordIndex(raw, t.Term)
		if j < 0 || j > at {
			continue
		}
		if j < at || len(t.Term) > len(todo[term].Term) {
			term, at = i, j
		}
	}
	return term, at
}

// wordIndex is the first index of w in s where w is not part of a longer
// word ("EA" is not found in "EAU" nor in "DEAL"), or -1.
func wordIndex(s, w string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], w)
		if j < 0 {
			return -1
		}
		j += off
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(w):])
		// Not inside an entity either: "&amp;" holds no term "amp".
		if !inWord(before) && !inWord(after) && before != '&' && before != '#' {
			return j
		}
		off = j + 1
	}
}

func inWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// explained reports whether the term t, used at raw[at:], sits beside its
// expansion in parentheses, before or after it, or is followed by a colon
// and its expansion (« VFE : véhicules à faibles émissions », as a chart's
// notes write it).
func explained(raw string, at int, t Term) bool {
	exp := html.EscapeString(t.Expansion)
	after := raw[at+len(t.Term):]
	if rest, ok := strings.CutPrefix(after, " ("); ok && hasPrefixFold(rest, exp) {
		return true
	}
	if rest, ok := strings.CutPrefix(trimSpaces(after), ":"); ok && hasPrefixFold(trimSpaces(rest), exp) {
		return true
	}
	before := raw[:at]
	if b, ok := strings.CutSuffix(before, "("); ok {
		b = strings.TrimRight(b, " \u00a0")
		return len(b) >= len(exp) && strings.EqualFold(b[len(b)-len(exp):], exp) && strings.HasPrefix(after, ")")
	}
	return false
}

// trimSpaces removes the spaces that start s, no-break ones included,
// written as characters or as &nbsp;.
func trimSpaces(s string) string {
	for {
		t := strings.TrimLeft(s, " \u00a0\u202f")
		t = strings.TrimPrefix(t, "&nbsp;")
		if t == s {
			return s
		}
		s = t
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
