package tomlfile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"spaser/internal/diag"
)

// hostileTOML are the documents of issue 15, point 1, and others at each
// limit: refused before the TOML library reads them, at their line.
var hostileTOML = []struct {
	name, src string
	line      int
	msg       string
}{
	{"inline tables 100 000 deep", "x = 1\na = " + strings.Repeat("{b = ", 100000) + "1" + strings.Repeat("}", 100000) + "\n", 2, "trop de tables ou de listes imbriquées (plus de 16 niveaux)"},
	{"lists 10 000 deep", "a = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 1, "trop de tables ou de listes imbriquées"},
	{"dotted key of 20 000 parts", "\n\n" + strings.Repeat("a.", 19999) + "a = 1\n", 3, "clé composée de trop de parties (plus de 32"},
	{"table header of 20 000 parts", "[" + strings.Repeat("a.", 19999) + "a]\n", 1, "clé composée de trop de parties"},
	{"long key", strings.Repeat("k", 300) + " = 1\n", 1, "clé trop longue (plus de 256 caractères)"},
	{"many elements", "a = [" + strings.Repeat("1,", MaxElements) + "1]\n", 1, "trop d'éléments dans le fichier"},
	{"many tables", strings.Repeat("[[t]]\n", MaxElements+1), MaxElements/2 + 1, "trop d'éléments"},
}

func TestLimits(t *testing.T) {
	for _, c := range hostileTOML {
		var l diag.List
		var v map[string]any
		if _, ok := Decode(&l, "data/valeurs/2024.toml", 1, []byte(c.src), &v); ok {
			t.Errorf("%s: decoded", c.name)
			continue
		}
		items := l.Items()
		if len(items) != 1 || items[0].Line != c.line || !strings.HasPrefix(items[0].Msg, c.msg) || items[0].Hint == "" {
			t.Errorf("%s: got %v, want line %d %q", c.name, items, c.line, c.msg)
		}
	}
	// Within the limits, with what could look like nesting or dots in
	// strings and comments: read as usual.
	ok := "# [[[[ { a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g\n" +
		"a = \"" + strings.Repeat("[{.", 1000) + "\" # ]]]\n" +
		"b = '''\n" + strings.Repeat("[[[[. '' \n", 100) + "'''\n" +
		"c = \"\"\"x\\\"\"\"\"\" # ]\n" +
		"d = " + strings.Repeat("[", MaxDepth) + "1.5" + strings.Repeat("]", MaxDepth) + "\n" +
		strings.Repeat("e.", MaxKeyParts-1) + "e = 1979-05-27T07:32:00.999Z\n"
	var v map[string]any
	if _, err := toml.Decode(ok, &v); err != nil {
		t.Fatalf("the test's document: %v", err)
	}
	if e := checkLimits([]byte(ok)); e != nil {
		t.Errorf("a document within the limits: %+v", e)
	}
}

// BenchmarkWorstCases decodes the documents of issue 15 (refused by the
// limits) and the worst documents the limits accept, up to the size limit
// of a file (srcfile.MaxSize, 8 Mo), into the test's struct: every key it
// does not know is a diagnostic, the costliest case. Budget: 2 s and
// 300 Mo per file; B/op (every byte allocated) bounds the peak memory.
func BenchmarkWorstCases(b *testing.B) {
	const size = 8 << 20
	fill := func(prefix, unit, suffix string) string {
		return prefix + strings.Repeat(unit, (size-len(prefix)-len(suffix))/len(unit)) + suffix
	}
	cases := map[string]string{
		"numbers at the element limit": "list = [" + strings.Repeat("1.5,", MaxElements-2) + "1]\n",
		"strings at the element limit": "list = [" + strings.Repeat("\""+strings.Repeat("x", 80)+"\",", MaxElements-2) + "\"x\"]\n",
		"unknown keys at the limit":    unknownKeys(MaxElements - 1),
		"tables at the limit":          strings.Repeat("[[entry]]\nid = \"a\"\n", MaxElements/3),
		"nesting at the limit":         "list = [" + strings.Repeat(strings.Repeat("[", MaxDepth-1)+strings.Repeat("]", MaxDepth-1)+",", MaxElements/MaxDepth-1) + "1]\n",
		"dotted keys at the limit":     strings.Repeat(strings.Repeat("a.", MaxKeyParts-1)+"a = 1\n", 1),
		"one long string":              fill("title = \"", "x", "\"\n"),
		"comments":                     fill("", "# "+strings.Repeat("[{.", 20)+"\n", ""),
	}
	for _, c := range hostileTOML {
		cases["refused: "+c.name] = c.src
	}
	for name, src := range cases {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				var l diag.List
				var d struct {
					doc
					List []any `toml:"list"`
				}
				if _, ok := Decode(&l, "f.toml", 1, []byte(src), &d); !ok && !strings.HasPrefix(name, "refused") {
					b.Fatalf("refused: %v", l.Items()[0])
				}
			}
		})
	}
}

// unknownKeys is n keys that look like known ones, each with its own name.
func unknownKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "wieght%d = %d\n", i, i)
	}
	return b.String()
}

// TestUnknownKeysCounted: beyond maxUnknown, unknown keys are counted in
// one error rather than told one by one.
func TestUnknownKeysCounted(t *testing.T) {
	var l diag.List
	var d doc
	Decode(&l, "f.toml", 1, []byte(unknownKeys(maxUnknown+25)), &d)
	items := l.Items()
	if len(items) != maxUnknown+1 || items[0].Msg != "25 autres clés inconnues" || items[0].Line != 1 {
		t.Errorf("%d diagnostics, first %v", len(items), items[0])
	}
}
