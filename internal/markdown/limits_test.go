package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// worst is a body of issue 15 (points 5 and 6), at scale n (the issue's
// figures for n = 100 000 or so), and whether the limits refuse it.
type worst struct {
	name, body string
	refused    bool
}

func repeatf(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// indented is n list items, each nested in the one before.
func indented(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i) + "- x\n")
	}
	return b.String()
}

func worstMarkdown(n int) []worst {
	return []worst{
		{"identical headings", strings.Repeat("## Titre\n\n", n/5), false},
		{"quotes", strings.Repeat(">", 3*n) + " x\n", n > 5},
		{"footnotes", repeatf(n/2, "a[^%d]\n\n") + repeatf(n/2, "[^%d]: note\n"), n/2 > MaxFootnotes},
		{"dashes", strings.Repeat("- ", n) + "x\n", n > MaxBlockDepth},
		{"dash lines", strings.Repeat("-\n", n), false},
		{"indented lists", indented(n / 50), n/50 > MaxIndent/2+1},
		{"reference definitions", repeatf(n, "[r%d]: /x\n"), n > MaxReferences},
		{"brackets", strings.Repeat("[", n) + strings.Repeat("]", n), n > MaxBrackets},
		{"emphasis", strings.Repeat("*a **b ", n/4), false},
	}
}

// TestLimits: the bodies of issue 15 are refused before parsing, at the
// line where the limit is passed, with a French message and a fix.
func TestLimits(t *testing.T) {
	for _, w := range worstMarkdown(100000) {
		err := CheckLimits([]byte(w.body))
		if (err != nil) != w.refused {
			t.Errorf("%s: %v, refused = %v", w.name, err, w.refused)
		}
	}
	for _, c := range []struct {
		body string
		line int
		msg  string
	}{
		{"Texte\n\n" + strings.Repeat("> ", 17) + "x\n", 3, "trop de citations ou de listes imbriquées (17, maximum 16)"},
		{"a\n" + strings.Repeat(" ", 65) + "- x\n", 2, "ligne trop indentée (65 colonnes, maximum 64)"},
		{repeatf(501, "[^%d]: n\n"), 501, "trop de notes de bas de page (plus de 500)"},
		{repeatf(2001, "[r%d]: /x\n"), 2001, "trop de définitions de liens"},
		{strings.Repeat("a[^1] ", 5001), 1, "trop d'appels de notes (5001, maximum 5000)"},
		{strings.Repeat("[", 10001), 1, "trop de liens ou de crochets [ (10001, maximum 10000)"},
		{strings.Repeat("a", MaxBodySize+1), 1, "texte de la page trop long"},
	} {
		_, err := New().Convert([]byte(c.body), nil, nil)
		var le *LimitError
		if !errors.As(err, &le) || le.Line != c.line || !strings.HasPrefix(le.Msg, c.msg) || le.Hint == "" {
			t.Errorf("%.30q…: %v, want line %d %q", c.body, err, c.line, c.msg)
		}
	}
	// Fenced code is not read as quotes or lists.
	code := "```\n" + strings.Repeat("> ", 40) + "\n" + strings.Repeat(" ", 100) + "x\n```\n"
	if err := CheckLimits([]byte(code)); err != nil {
		t.Errorf("code block: %v", err)
	}
}

// TestHeadingIDsLinear: identical headings get -2, -3… and a heading
// whose own id is taken moves on; the cost per heading does not grow with
// their number (allocations are counted, not timed).
func TestHeadingIDsLinear(t *testing.T) {
	res, err := New().Convert([]byte("## Titre\n\n## Titre 2\n\n## Titre\n\n## Titre\n\n## Titre 2\n"), nil, map[string]bool{"titre-3": true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	if want := "titre titre-2 titre-4 titre-5 titre-2-2"; strings.Join(got, " ") != want {
		t.Errorf("ids %v, want %s", got, want)
	}
	allocs := func(n int) float64 {
		s := &ids{used: map[string]bool{}, next: map[string]int{}}
		return testing.AllocsPerRun(1, func() {
			for range n {
				s.Generate([]byte("Titre"), 0)
			}
		})
	}
	if a, b := allocs(2000), allocs(8000); b > 5*a {
		t.Errorf("allocations for 2 000 then 8 000 identical headings: %.0f, %.0f: not linear", a, b)
	}
}

// BenchmarkWorstCases converts the bodies of issue 15 at the scale
// (refused by the limits) and the worst bodies the limits accept, filled up
// to MaxBodySize. Budget: 2 s and 300 Mo per page; B/op (every byte
// allocated) bounds the peak memory.
func BenchmarkWorstCases(b *testing.B) {
	cases := worstMarkdown(100000)
	fill := func(name, unit string) worst {
		return worst{name: name + " (size limit)", body: strings.Repeat(unit, MaxBodySize/len(unit))}
	}
	cases = append(cases,
		fill("headings", "## Titre\n\n"),
		fill("dash lines", "-\n"),
		worst{name: "brackets at the limit", body: strings.Repeat("[", MaxBrackets/2) + strings.Repeat("]", MaxBrackets/2)},
		worst{name: "links at the limit", body: strings.Repeat("[a](b) ", MaxBrackets)},
		fill("emphasis", "*a **b "),
		fill("quotes at the limit", strings.Repeat("> ", MaxBlockDepth)+"x\n"),
		fill("lists at the limit", indented(MaxIndent/2+1)),
		fill("table cells", "|a"),
		worst{name: "footnotes at the limit", body: repeatf(MaxFootnoteRefs-MaxFootnotes, "a[^%d]\n\n") + repeatf(MaxFootnotes, "[^%d]: note\n")},
		worst{name: "references at the limit", body: repeatf(MaxReferences, "[a][r%d]\n") + "\n" + repeatf(MaxReferences, "[r%d]: /x\n")},
	)
	c := New()
	for _, w := range cases {
		b.Run(strings.ReplaceAll(w.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_, _ = c.Convert([]byte(w.body), nil, nil)
			}
		})
	}
}

// TestUnsafeLinksReported: javascript:, data: and other schemes, which
// the HTML writer drops (href=""), are reported at their line.
func TestUnsafeLinksReported(t *testing.T) {
	body := "Texte.\n\nVoir [ici](javascript:alert(1)) et ![plan](data:image/png;base64,AA).\n\n<vbscript:x> [ok](https://exemple.fr/) [aussi](page.md)\n"
	res, err := New().Convert([]byte(body), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range res.Unsafe {
		got = append(got, fmt.Sprintf("%d:%d %s", u.Line, u.Col, u.Target))
	}
	if want := "3:6 javascript:alert(1)|3:37 data:image/png;base64,AA|5:0 vbscript:x"; strings.Join(got, "|") != want {
		t.Errorf("unsafe %q, want %q", strings.Join(got, "|"), want)
	}
}
