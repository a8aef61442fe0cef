package diag

import (
	"cmp"
	"slices"
	"strings"
)

// Suggest returns the candidate closest to word when it is close enough to be
// a likely typo ("poid" → "weight" is not, "wieght" → "weight" is), or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(word, c)
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := 2
	if n := len([]rune(word)); n > 9 {
		limit = n / 4
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// DidYouMean returns "Vouliez-vous dire « x » ? " followed by fallback when
// word is close to a candidate, else fallback alone.
func DidYouMean(word string, candidates []string, fallback string) string {
	if s := Suggest(word, candidates); s != "" {
		if fallback == "" {
			return "Vouliez-vous dire « " + s + " » ?"
		}
		return "Vouliez-vous dire « " + s + " » ? " + fallback
	}
	return fallback
}

// Nearest returns up to n candidates, the closest to word first (ties in
// alphabetical order), however far: the choices to show, not a guess.
func Nearest(word string, candidates []string, n int) []string {
	type scored struct {
		c string
		d int
	}
	all := make([]scored, 0, len(candidates))
	for _, c := range candidates {
		all = append(all, scored{c, distance(word, c)})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.c, b.c)) })
	out := make([]string, 0, min(n, len(all)))
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.c)
	}
	return out
}
