// Package search builds the index of the site's search page: a JSON file
// written at build time, which a small script (layouts/assets/recherche.js)
// loads in the browser. No server is needed: the site stays static.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"unsafe"

	"spaser/internal/followup"
	"spaser/internal/site"
)

// Entry is one page in the index. Short keys keep the file small.
type Entry struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Label   string `json:"l,omitempty"` // "Action 1.4", "Indicateur"
	Summary string `json:"s,omitempty"`
	Text    string `json:"x,omitempty"` // the page's text, without markup
	Card    *Card  `json:"k,omitempty"` // an indicator's standing
}

// kinds not worth finding: the search page itself, the plan, the 404 page.
var skip = map[string]bool{site.KindSearch: true, site.KindPlan: true, site.KindNotFound: true, site.KindPrint: true}

// PageEntry is p's entry in the index, as JSON, or nil for a page not
// worth finding. It reads p's Markdown: the build calls it for every page,
// in parallel, while it converts the bodies. An indicator's entry carries
// its standing, read from f.
func PageEntry(s *site.Site, p *site.Page, f *followup.Result) ([]byte, error) {
	if skip[p.Kind] {
		return nil, nil
	}
	e := Entry{URL: s.URL(p), Title: p.Title, Label: p.QualifiedLabel(), Summary: p.Summary}
	switch {
	case p.Indicator != nil:
		ind := p.Indicator
		e.Label = "Indicateur"
		parts := []string{ind.ShortLabel + ".", ind.Definition}
		for _, f := range ind.Facts {
			// What its page shows, with the label that makes it read as a
			// sentence in an extract (« Direction pilote : DAPM. »).
			parts = append(parts, f.Label+"\u00a0: "+strings.TrimSuffix(f.Text, ".")+".")
		}
		e.Text = join(parts...)
		e.Card = card(f.Of(ind))
	case p.Kind == site.KindGlossary:
		e.Text = glossaryText(s)
	case p.Src != nil:
		// Read in place, not copied: the text is encoded below, before the
		// build drops the Markdown, and PlainText changes nothing.
		e.Text = PlainText(unsafe.String(unsafe.SliceData(p.Src.Body), len(p.Src.Body)))
	}
	if e.Summary == e.Title {
		e.Summary = ""
	}
	return json.Marshal(e)
}

// Index is the search index: the pages' entries in the order of the
// site's pages (nil for a page not indexed).
type Index [][]byte

// File is the index's file in the site, named by a hash of its content so
// that hosts may cache it for a year.
func (x Index) File() string {
	h := sha256.New()
	_, _ = io.Copy(h, x.Reader()) // a hash never fails to write
	return "assets/recherche." + hex.EncodeToString(h.Sum(nil)[:4]) + ".json"
}

// Reader reads the index as a JSON array, joined as it is read so that a
// large site never holds it twice.
func (x Index) Reader() io.Reader {
	parts := make([]io.Reader, 0, 2*len(x)+1)
	sep := []byte("[")
	for _, e := range x {
		if e == nil {
			continue
		}
		parts = append(parts, bytes.NewReader(sep), bytes.NewReader(e))
		sep = []byte(",")
	}
	if len(parts) == 0 {
		parts = append(parts, bytes.NewReader(sep))
	}
	return io.MultiReader(append(parts, strings.NewReader("]"))...)
}

func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

// PlainText is the text of a Markdown body without its markup: what a
// reader sees, for the index. It does not need to be exact.
//
// It strips in three passes, each reading what the one before left, because
// removing a footnote reference can complete a link ("[a[^1]](b)") and a
// link's text can complete a table rule ("-[-](b)-"). The passes only look
// for ASCII bytes, so they copy every other byte, invalid UTF-8 included,
// as it is.
func PlainText(md string) string {
	t := dropFootnoteRefs(md)
	t = unwrapLinks(t)
	// The ends lose Unicode whitespace too (\v, U+00A0…), which the
	// passes keep inside the text.
	return strings.TrimSpace(collapseMarkup(t))
}

// dropFootnoteRefs removes footnote references "[^1]", and the labels
// "[^1]:" of the notes. It returns s itself when there is none.
func dropFootnoteRefs(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is done: written to b or dropped
	for {
		open := strings.Index(s[last:], "[^")
		if open < 0 {
			break
		}
		open += last
		shut := strings.IndexByte(s[open+2:], ']')
		if shut < 0 {
			break // no "]" left, so no reference either
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:open])
		last = open + 2 + shut + 1
		if last < len(s) && s[last] == ':' {
			last++
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// unwrapLinks replaces links "[text](url)" and images "![alt](src)" by
// their text. The text stops at the first "]" and the URL at the first ")",
// even where Markdown would nest them. It returns s itself when there is no
// link.
func unwrapLinks(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is done: written to b or replaced
	for i := 0; ; {
		open := indexByteFrom(s, i, '[')
		if open < 0 {
			break
		}
		shut := indexByteFrom(s, open, ']')
		if shut < 0 {
			break // no "]" left, so no link either
		}
		// Every "[" between open and shut ends at shut too: if no "("
		// follows, no link starts before shut.
		i = shut + 1
		if i == len(s) || s[i] != '(' {
			continue
		}
		end := indexByteFrom(s, i, ')')
		if end < 0 {
			break // no ")" left, so no link either
		}
		start := open
		if start > last && s[start-1] == '!' {
			start--
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:start])
		b.WriteString(s[open+1 : shut])
		i, last = end+1, end+1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// indexByteFrom is the index in s of the first c at or after i, or -1.
func indexByteFrom(s string, i int, c byte) int {
	j := strings.IndexByte(s[i:], c)
	if j < 0 {
		return -1
	}
	return i + j
}

// Classes of bytes for collapseMarkup.
const (
	text  = iota // kept
	blank        // markup or whitespace: becomes a space
	colon        // may start a table rule, else kept
	dash         // may start a table rule, else kept
)

// class is the class of each byte. The whitespace is the ASCII one that
// "\s" matches in Go's regular expressions: \v and no-break spaces are text.
var class = func() (c [256]byte) {
	for _, b := range []byte("*_`#>|\t\n\f\r ") {
		c[b] = blank
	}
	c[':'], c['-'] = colon, dash
	return c
}()

// collapseMarkup turns table rules ("---", ":---:"), and runs of the
// markup characters *_`#>| and whitespace, into single spaces, none at the
// start or the end.
func collapseMarkup(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false // a space is due before the next text
	for i := 0; i < len(s); {
		n := 0 // length of the markup at i
		switch class[s[i]] {
		case blank:
			n = 1
		case colon, dash:
			n = ruleLen(s[i:])
		}
		if n > 0 {
			gap = b.Len() > 0
			i += n
			continue
		}
		// Copy the text up to the next byte that may be markup.
		j := i + 1
		for j < len(s) && class[s[j]] == text {
			j++
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String()
}

// ruleLen is the length of the table rule at the start of s: three dashes
// or more, with an optional colon on either side; 0 if there is none.
func ruleLen(s string) int {
	n := 0
	if n < len(s) && s[n] == ':' {
		n++
	}
	dashes := n
	for n < len(s) && s[n] == '-' {
		n++
	}
	if n-dashes < 3 {
		return 0
	}
	if n < len(s) && s[n] == ':' {
		n++
	}
	return n
}

// glossaryText is the glossary page's text: each term and its expansion,
// so that searching « VTFE » or « effet de serre » finds the page.
func glossaryText(s *site.Site) string {
	var b strings.Builder
	for _, t := range s.Terms.Terms {
		b.WriteString(join(t.Term, t.Expansion, t.Definition))
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}
