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
)

const (
	nbsp       = "\u00a0" // espace insécable, before ":" and inside « »
	narrowNbsp = "\u202f" // espace fine insécable, before ; ! ? % € and between thousands
)

// Text returns s with French typographic spaces and apostrophes.
// It is idempotent: Text(Text(s)) == Text(s).
func Text(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\'' && i > 0 && isLetter(r[i-1]):
			b.WriteRune('’')
		case c == ' ' || c == '\u00a0' || c == '\u202f':
			b.WriteString(space(r, i))
		case (c == '%' || c == '€') && i > 0 && isDigit(r[i-1]):
			b.WriteString(narrowNbsp) // "41%" → "41 %"
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// space chooses the space to write at r[i], a space of any kind.
func space(r []rune, i int) string {
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
	case isDigit(prev) && thousandsGroup(r, i):
		return narrowNbsp
	}
	return string(r[i])
}

// thousandsGroup reports whether the space at r[i] separates thousands, as in
// "90 000": one to three digits before it (not a year such as "2022 100") and
// exactly three digits after it.
func thousandsGroup(r []rune, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && isDigit(r[j]); j-- {
		n++
	}
	if n > 3 {
		return false
	}
	if start := i - n - 1; start >= 0 && (r[start] == ',' || r[start] == '.') {
		return false // "1,5 000" is not a number
	}
	for k := 1; k <= 3; k++ {
		if i+k >= len(r) || !isDigit(r[i+k]) {
			return false
		}
	}
	return i+4 >= len(r) || !isDigit(r[i+4])
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
