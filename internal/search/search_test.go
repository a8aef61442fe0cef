package search

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	got := PlainText("## Éléments de contexte\n\nLe **SPASER** cite l'[action n°4.2](../4-sante/2-x.md)[^1].\n\n| a | b |\n|---|:---:|\n| 1 | 2 |\n\n[^1]: Une note.")
	want := "Éléments de contexte Le SPASER cite l'action n°4.2. a b 1 2 Une note."
	if got != want {
		t.Errorf("PlainText:\n got %q\nwant %q", got, want)
	}
}

// plainTextCases are the corners of the markup, with what the regular
// expressions of referencePlainText give: PlainText must give the same.
var plainTextCases = []struct{ md, want string }{
	{"", ""},
	{"   ", ""},
	{"  a  b  ", "a b"},

	// Footnotes: the reference and the note's label go.
	{"[^1]", ""},
	{"texte[^1].", "texte."},
	{"[^1]: Une note.", "Une note."},
	{"[^note longue]:: x", ": x"},
	{"[^1", "[^1"},
	{"a [^1 b](c)", "a (c)"},
	{"[[^1]](b)", ""},

	// Links and images keep their text; the text ends at the first "]",
	// the URL at the first ")".
	{"voir [le guide](guide.md).", "voir le guide."},
	{"![alt](src.png)", "alt"},
	{"!![x](y)", "!x"},
	{"![](y) z", "z"},
	{"[x](a)(b)", "x(b)"},
	{"[a [b] c](d)", "[a [b] c](d)"},
	{"[[a](b)](c)", "[a](c)"},
	{"[a[^1]](b)", "a"},
	{"[^1]:[a](b)", "a"},
	{"[texte](url", "[texte](url"},
	{"[texte] suite", "[texte] suite"},
	{"[a\nb](c\nd)", "a b"},
	{"x-[-](b)-y", "x y"},

	// Table rules and markup become spaces.
	{"|---|:---:|", ""},
	{"a :--- b", "a b"},
	{"a -- b", "a -- b"},
	{"a:----:b", "a b"},
	{"---:---", ""},
	{"::---::", ": :"},
	{"a\n\n\n---\n\nb", "a b"},
	{"**gras** _it_ `code` # titre > cit | tab", "gras it code titre cit tab"},
	{"a*_`#>|b", "a b"},
	{"*a*\r\n", "a"},

	// Whitespace: "\s" is ASCII only, but the final trim is Unicode.
	{"a\r\nb\tc\fd", "a b c d"},
	{"a\vb", "a\vb"},
	{"a \v b", "a \v b"},
	{"\v a \v", "a"},
	{"a\u00a0b", "a\u00a0b"},
	{"a \u00a0 b", "a \u00a0 b"},
	{"\u00a0a\u00a0", "a"},
	{"a\u2003b", "a\u2003b"},
	{"\u2003 a\u0085", "a"},

	// Invalid UTF-8 is copied as it is.
	{"a\xffb [\xfe](\xfd) \xc3", "a\xffb \xfe \xc3"},
	{"\xff", "\xff"},
}

func TestPlainTextCases(t *testing.T) {
	for _, c := range plainTextCases {
		if got := referencePlainText(c.md); got != c.want {
			t.Errorf("referencePlainText(%q) = %q, want %q", c.md, got, c.want)
		}
		if got := PlainText(c.md); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}

// TestPlainTextContent checks PlainText against the regular expressions on
// every page of the site.
func TestPlainTextContent(t *testing.T) {
	for name, md := range contentFiles(t) {
		if got, want := PlainText(md), referencePlainText(md); got != want {
			t.Errorf("%s: PlainText differs from the reference\n got %q\nwant %q", name, got, want)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	for _, c := range plainTextCases {
		f.Add(c.md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if got, want := PlainText(md), referencePlainText(md); got != want {
			t.Errorf("PlainText(%q)\n got %q\nwant %q", md, got, want)
		}
	})
}

// contentFiles returns the Markdown files of the site's content, by path.
func contentFiles(tb testing.TB) map[string]string {
	tb.Helper()
	files := map[string]string{}
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatal("no Markdown file under ../../content")
	}
	return files
}

// TestPlainTextShort compares PlainText with the reference on every string
// of up to five bytes from the bytes that matter, where the fuzzer might
// not look.
func TestPlainTextShort(t *testing.T) {
	const alphabet = "[]^()!:-*\n \v\xffa"
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		md := string(prefix)
		if got, want := PlainText(md), referencePlainText(md); got != want {
			t.Fatalf("PlainText(%q) = %q, want %q", md, got, want)
		}
		if len(prefix) == 5 {
			return
		}
		for i := range len(alphabet) {
			walk(append(prefix, alphabet[i]))
		}
	}
	walk(nil)
}

// The index reads as one JSON array, pages not indexed left out.
func TestIndexReader(t *testing.T) {
	for _, c := range []struct {
		idx  Index
		want string
	}{
		{nil, "[]"},
		{Index{nil, nil}, "[]"},
		{Index{[]byte(`{"u":"/a/"}`)}, `[{"u":"/a/"}]`},
		{Index{nil, []byte(`{"u":"/a/"}`), nil, []byte(`{"u":"/b/"}`)}, `[{"u":"/a/"},{"u":"/b/"}]`},
	} {
		b, err := io.ReadAll(c.idx.Reader())
		if err != nil || string(b) != c.want {
			t.Errorf("%q: %s, %v", c.idx, b, err)
		}
	}
}
