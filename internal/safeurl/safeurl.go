// Package safeurl tells which addresses written by editors may become a
// link or an image of the site: a page of the site (a relative address),
// http, https, mailto or tel. Anything else (javascript:, data:, file:…)
// would be dropped by the HTML writers without a word; it is an error of
// the content instead, at its place.
package safeurl

import (
	"fmt"
	"strings"
)

// Schemes are the schemes a link may use.
var Schemes = []string{"http", "https", "mailto", "tel"}

// Check returns why s may not be a link of the site, or nil.
func Check(s string) error {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return fmt.Errorf("caractère de contrôle dans l'adresse")
	}
	t := strings.TrimSpace(s)
	i := strings.IndexAny(t, ":/?#")
	if i <= 0 || t[i] != ':' {
		return nil // no scheme: an address on the site
	}
	scheme := strings.ToLower(t[:i])
	for _, ok := range Schemes {
		if scheme == ok {
			return nil
		}
	}
	return fmt.Errorf("adresse « %s: » refusée (seules http:, https:, mailto: et tel: sont permises)", scheme)
}
