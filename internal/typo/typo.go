// Package typo applies French typography to text written by editors and
// formats numbers the French way: "43,5 %", "90 000 heures".
//
// Editors type plain spaces and straight apostrophes; the site shows
// non-breaking spaces where French typography wants them, so that a colon or
// a percent sign never starts a line on a phone.
package typo

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	nbsp       = "\u00a0" // espace insécable, before ":" and inside « »
	narrowNbsp = "\u202f" // espace fine insécable, before ; ! ? % € and between thousands
)

// Text returns s with French typographic spaces and apostrophes.
// It is idempotent: Text(Text(s)) == Text(s). When nothing changes, s itself
// is returned, without copying: the Markdown renderer calls Text on every
// piece of text, and most need no change.
func Text(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is already in b
	for i := 0; i < len(s); i++ {
		// Only ASCII bytes and the lead bytes of the two no-break spaces
		// matter; UTF-8 continuation bytes never equal them.
		c := s[i]
		if !special[c] {
			continue
		}
		var size int
		var repl string
		switch {
		case c == '\'' && i > 0 && isLetter(lastRune(s[:i])):
			size, repl = 1, "’"
		case c == ' ':
			size = 1
		case (c == '%' || strings.HasPrefix(s[i:], "€")) && i > 0 && isDigit(rune(s[i-1])):
			// "41%" → "41 %": the sign keeps its number on the same line.
			_, size = utf8.DecodeRuneInString(s[i:])
			repl = narrowNbsp + s[i:i+size]
		case strings.HasPrefix(s[i:], nbsp):
			size = len(nbsp)
		case strings.HasPrefix(s[i:], narrowNbsp):
			size = len(narrowNbsp)
		default:
			continue
		}
		if repl == "" {
			repl = space(s, i, size)
		}
		if repl != s[i:i+size] {
			if done == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[done:i])
			b.WriteString(repl)
			done = i + size
		}
		i += size - 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// special marks the first bytes of what Text may change: apostrophes,
// spaces (' ', and the lead bytes of the two no-break spaces), and the %
// and € signs.
var special = [256]bool{'\'': true, ' ': true, '%': true, 0xC2: true, 0xE2: true} // 0xC2: nbsp, 0xE2: narrowNbsp and €

// space chooses the space to write for s[i:i+size], a space of any kind.
func space(s string, i, size int) string {
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	prev := lastRune(s[:i])
	switch {
	case next == ':' || next == '»' || prev == '«':
		return nbsp
	case next == ';' || next == '!' || next == '?' || next == '%' || next == '€':
		return narrowNbsp
	case isDigit(prev) && thousandsGroup(s, i, size):
		return narrowNbsp
	}
	return s[i : i+size]
}

// lastRune is the last rune of s, or 0 when s is empty.
func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// thousandsGroup reports whether the space s[i:i+size] separates thousands,
// as in "90 000": one to three digits before it (not a year such as
// "2022 100") and exactly three digits after it.
func thousandsGroup(s string, i, size int) bool {
	n := 0
	for j := i - 1; j >= 0 && isDigit(rune(s[j])); j-- {
		n++
	}
	if n > 3 {
		return false
	}
	if start := i - n - 1; start >= 0 && (s[start] == ',' || s[start] == '.') {
		return false // "1,5 000" is not a number
	}
	after := s[i+size:]
	for k := 0; k < 3; k++ {
		if k >= len(after) || !isDigit(rune(after[k])) {
			return false
		}
	}
	return len(after) == 3 || !isDigit(rune(after[3]))
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func isLetter(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0xC0 && c <= 0x24F
}

// Number formats v with at most decimals digits after the comma, no trailing
// zeros, and narrow no-break spaces between thousands: 90000 → "90 000",
// 43.478 → "43,5" with one decimal.
func Number(v float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	v = math.Round(v*p) / p
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if v < 0 {
		b.WriteString("−")
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && len(intPart) > 4 {
			b.WriteString(narrowNbsp)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(",")
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a percentage with one decimal at most: 43.478 → "43,5 %".
func Percent(v float64) string { return Number(v, 1) + narrowNbsp + "%" }

// Count formats a number followed by its unit word: "90 000 heures".
func Count(v float64, one, many string) string {
	word := many
	if math.Abs(v) < 2 {
		word = one
	}
	if word == "" {
		return Number(v, 2)
	}
	return Number(v, 2) + nbsp + word
}

// UpperFirst is s with an upper-case first letter, accented too: to start
// a sentence with a name (« Le Département »).
func UpperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// LowerFirst is s with a lower-case first letter, accented too: a level's
// name inside a sentence (« Échelon » → « échelon »).
func LowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}
