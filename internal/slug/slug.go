// Package slug holds the one rule for the names that become a part of the
// site's addresses or an identifier in its files: content folders and
// pages, the schema's root, indicator ids, the audit sample's pages. A
// slug is lowercase ASCII letters and digits, words joined by single
// hyphens: "2-achats-responsables", "marches-clause-sociale".
package slug

// Valid reports whether s is a slug.
func Valid(s string) bool {
	prev := byte('-') // a slug neither starts nor ends with a hyphen
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && prev != '-':
		default:
			return false
		}
		prev = c
	}
	return prev != '-'
}
