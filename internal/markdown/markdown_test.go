package markdown

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

func resolver(known map[string]string) Resolver {
	return func(target string) (Link, bool) {
		href, ok := known[target]
		return Link{Href: href}, ok
	}
}

func TestConvert(t *testing.T) {
	c := New()
	body := "# Titre\n\nVoir [l'action](../a/b.md#objectifs), [le site](https://exemple.fr/x.md) et [absente](c.md).\n\n" +
		"## Éléments de contexte\n\n## Éléments de contexte\n\nObjectifs : 90 000 heures, soit 43,5 %.\n\n" +
		"| A | B |\n|---|---|\n| 1 | 2 |\n\n`code ; ici`\n\n<script>alert(1)</script>\n"
	res, err := c.Convert([]byte(body), resolver(map[string]string{"../a/b.md": "/spaser/a/b/"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := res.HTML
	sitetest.ContainsAll(t, out,
		`<h2 id="titre">Titre</h2>`, // level 1 demoted
		`href="/spaser/a/b/#objectifs"`,
		`href="https://exemple.fr/x.md"`,
		`id="elements-de-contexte"`, `id="elements-de-contexte-2"`,
		"Objectifs\u00a0: 90\u202f000 heures, soit 43,5\u202f%.",
		"l’action",
		`<th scope="col">A</th>`,
		"<code>code ; ici</code>",
	)
	if strings.Contains(out, "<script>") {
		t.Error("raw HTML passed through")
	}
	if !res.Demoted {
		t.Error("Demoted not set")
	}
	if len(res.Broken) != 1 || res.Broken[0].Target != "c.md" || res.Broken[0].Line != 3 {
		t.Errorf("Broken = %+v", res.Broken)
	}
	if len(res.Headings) != 3 || res.Headings[1].Text != "Éléments de contexte" {
		t.Errorf("Headings = %+v", res.Headings)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Éléments de contexte": "elements-de-contexte",
		"Objectifs :":          "objectifs",
		"L'œuvre — 2023 !":     "l-oeuvre-2023",
		"":                     "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzConvert(f *testing.F) {
	f.Add("[a](b.md) [c](../d.md#e) [f](/g.md)")
	f.Add("# T\n\n## T\n\n[^1]\n\n[^1]: n")
	f.Add("| a |\n|---|\n| [x](y.md) |")
	for _, w := range worstMarkdown(200) {
		f.Add(w.body)
	}
	c := New()
	f.Fuzz(func(t *testing.T, body string) {
		res, err := c.Convert([]byte(body), resolver(map[string]string{"b.md": "/b/"}), nil)
		var le *LimitError
		if errors.As(err, &le) {
			if le.Line < 1 || le.Line > strings.Count(body, "\n")+1 || le.Msg == "" || le.Hint == "" {
				t.Fatalf("limit error %+v", le)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range res.Broken {
			if b.Line < 1 || b.Line > strings.Count(body, "\n")+1 {
				t.Fatalf("link line %d out of range", b.Line)
			}
		}
		if strings.Contains(strings.ToLower(res.HTML), "<script") {
			t.Fatal("script element in output")
		}
	})
}

// Table alignment works under the strict CSP: classes, no style attribute.
func TestTableAlignmentClasses(t *testing.T) {
	res, err := New().Convert([]byte("| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<td class="align-left">1</td>`, `<td class="align-center">2</td>`, `<td class="align-right">3</td>`, `<th class="align-right" scope="col">C</th>`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in %s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "style=") || strings.Contains(res.HTML, "align=") {
		t.Errorf("inline alignment: %s", res.HTML)
	}
}

// The body tells its ids (headings with their duplicate suffixes,
// footnotes) and its links to a #fragment, resolved, for the build to
// check once every page is converted.
func TestAnchors(t *testing.T) {
	body := "## Contexte\n\n## Contexte\n\nVoir [plus bas](#contexte-2), [l'autre](b.md#%C3%A9t%C3%A9), [sans ancre](b.md), [ailleurs](https://exemple.fr/#x) et une note[^1].\n\n[^1]: La note.\n"
	res, err := New().Convert([]byte(body), resolver(map[string]string{"b.md": "/s/b/"}), map[string]bool{"contexte": true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Headings) != 2 || res.Headings[0].ID != "contexte-2" || res.Headings[1].ID != "contexte-3" {
		t.Errorf("Headings = %+v", res.Headings)
	}
	if got := strings.Join(res.NoteIDs, " "); got != "note-fn:1 note-fnref:1" {
		t.Errorf("NoteIDs = %q", got)
	}
	want := []Anchored{
		{BrokenLink: BrokenLink{Target: "#contexte-2", Line: 5, Col: 6}, Href: "", Frag: "contexte-2"},
		{BrokenLink: BrokenLink{Target: "b.md#%C3%A9t%C3%A9", Line: 5, Col: 31}, Href: "/s/b/", Frag: "été"},
	}
	if len(res.Anchors) != len(want) {
		t.Fatalf("Anchors = %+v", res.Anchors)
	}
	for i, a := range res.Anchors {
		if a != want[i] {
			t.Errorf("Anchors[%d] = %+v, want %+v", i, a, want[i])
		}
	}
}

// A note called twice has two calls with their own ids, as rendered
// (footnote.go): note-fnref:1, then note-fnref1:1.
func TestNoteIDsOfEachCall(t *testing.T) {
	res, err := New().Convert([]byte("Une note[^1], la même[^1].\n\n[^1]: La note.\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"note-fn:1", "note-fnref:1", "note-fnref1:1"} {
		if !slices.Contains(res.NoteIDs, id) || !strings.Contains(res.HTML, `id="`+id+`"`) {
			t.Errorf("%s: NoteIDs %q, HTML %s", id, res.NoteIDs, res.HTML)
		}
	}
}
