package slug_test

import (
	"regexp"
	"testing"

	"spaser/internal/markdown"
	"spaser/internal/slug"
)

// rule is the pattern the packages used to repeat; Valid must agree.
var rule = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"axes": true, "2-achats-responsables": true, "a1-b2-3": true, "7": true,
		"": false, "-a": false, "a-": false, "a--b": false, "Axes": false, "été": false,
		"a_b": false, "a b": false, "a/b": false, "..": false, "-": false,
	} {
		if got := slug.Valid(s); got != want || rule.MatchString(s) != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzValid: Valid is the pattern, and what markdown.Slug makes of any
// title is a slug (or nothing), so that a suggested name is accepted.
func FuzzValid(f *testing.F) {
	for _, s := range []string{"axes", "a--b", "-a", "Éléments de contexte", "a\x00b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if slug.Valid(s) != rule.MatchString(s) {
			t.Fatalf("Valid(%q) = %v, the pattern says %v", s, slug.Valid(s), rule.MatchString(s))
		}
		if m := markdown.Slug(s); m != "" && !slug.Valid(m) {
			t.Fatalf("markdown.Slug(%q) = %q, not a slug", s, m)
		}
	})
}
