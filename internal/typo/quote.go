package typo

import (
	"html/template"
	"regexp"
	"strings"
)

// quoteRe finds text between « » (not nested), its spaces apart.
var quoteRe = regexp.MustCompile(`«[\s\x{a0}\x{202f}]*([^«»]*?)[\s\x{a0}\x{202f}]*»`)

// QuoteWords is how many words make a text between « » a quotation by
// their number alone.
const QuoteWords = 12

// IsQuotation tells whether words between « », after the text before,
// are a quotation rather than a name or a term (« loi Climat et
// résilience »): introduced by a colon, or alone, and at least three
// words; or at least QuoteWords words anywhere.
func IsQuotation(before, words string) bool {
	n := len(strings.Fields(words))
	b := strings.TrimRight(before, " \t\n\u00a0\u202f")
	return n >= QuoteWords || n >= 3 && (b == "" || strings.HasSuffix(b, ":"))
}

// Quotations finds the quotations of s (IsQuotation): for each, the start
// and end of the « … » and of the words inside.
func Quotations(s string) [][]int {
	var out [][]int
	for _, m := range quoteRe.FindAllStringSubmatchIndex(s, -1) {
		if IsQuotation(s[:m[0]], s[m[2]:m[3]]) {
			out = append(out, m)
		}
	}
	return out
}

// Quoted is the plain text s as HTML, typeset (Text), with its quotations
// marked <q> (RGAA 9.4): the stylesheet draws their « ». It is for the
// short texts of data files (sources, notes), which have no markup.
func Quoted(s string) template.HTML {
	s = Text(s)
	var b strings.Builder
	at := 0
	for _, m := range Quotations(s) {
		b.WriteString(template.HTMLEscapeString(s[at:m[0]]))
		b.WriteString("<q>")
		b.WriteString(template.HTMLEscapeString(s[m[2]:m[3]]))
		b.WriteString("</q>")
		at = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[at:]))
	return template.HTML(b.String())
}
