package search

import (
	"regexp"
	"strings"
)

// The first version of PlainText, five regular expressions applied in turn,
// kept to check the scanner against it.
var (
	footnoteRef = regexp.MustCompile(`\[\^[^\]]*\]:?`)
	link        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	tableRule   = regexp.MustCompile(`:?-{3,}:?`)
	markup      = regexp.MustCompile("[*_`#>|]+")
	spaces      = regexp.MustCompile(`\s+`)
)

func referencePlainText(md string) string {
	t := footnoteRef.ReplaceAllString(md, "")
	t = link.ReplaceAllString(t, "$1")
	t = tableRule.ReplaceAllString(t, " ")
	t = markup.ReplaceAllString(t, " ")
	return strings.TrimSpace(spaces.ReplaceAllString(t, " "))
}
