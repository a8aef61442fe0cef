package tomlfile

import (
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// FuzzQuote: what Quote writes decodes, as TOML, to the string quoted
// (any valid UTF-8: the only text a TOML file holds).
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", `dit "oui" \ non`, "deux\nlignes\tet\r\x07\x7f", "« Restaurant Nord »"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var v struct{ K string }
		if _, err := toml.Decode("K = "+Quote(s), &v); err != nil {
			t.Fatalf("Quote(%q) = %s: %v", s, Quote(s), err)
		}
		if v.K != s {
			t.Fatalf("Quote(%q) decodes to %q", s, v.K)
		}
	})
}
