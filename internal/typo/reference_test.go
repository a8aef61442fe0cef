package typo

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceText is the first, rune-by-rune version of Text, kept to check
// the byte-by-byte one against it.
func referenceText(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\'' && i > 0 && isLetter(r[i-1]):
			b.WriteRune('’')
		case c == ' ' || c == '\u00a0' || c == '\u202f':
			b.WriteString(referenceSpace(r, i))
		case (c == '%' || c == '€') && i > 0 && isDigit(r[i-1]):
			b.WriteString(narrowNbsp)
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func referenceSpace(r []rune, i int) string {
	var next, prev rune
	if i+1 < len(r) {
		next = r[i+1]
	}
	if i > 0 {
		prev = r[i-1]
	}
	switch {
	case next == ':' || next == '»' || prev == '«':
		return nbsp
	case next == ';' || next == '!' || next == '?' || next == '%' || next == '€':
		return narrowNbsp
	case isDigit(prev) && referenceThousands(r, i):
		return narrowNbsp
	}
	return string(r[i])
}

func referenceThousands(r []rune, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && isDigit(r[j]); j-- {
		n++
	}
	if n > 3 {
		return false
	}
	if start := i - n - 1; start >= 0 && (r[start] == ',' || r[start] == '.') {
		return false
	}
	for k := 1; k <= 3; k++ {
		if i+k >= len(r) || !isDigit(r[i+k]) {
			return false
		}
	}
	return i+4 >= len(r) || !isDigit(r[i+4])
}

func FuzzTextReference(f *testing.F) {
	for _, s := range []string{"Objectifs :", "« a »", "90 000", "1 000 000", "l'achat ; 43,5 %", "é'", "1,5 000", " ' ", "\u00a0:\u202f!", "2022 100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // editors' text is valid UTF-8 (srcfile checks it)
		}
		if got, want := Text(s), referenceText(s); got != want {
			t.Fatalf("Text(%q) = %q, reference %q", s, got, want)
		}
	})
}
