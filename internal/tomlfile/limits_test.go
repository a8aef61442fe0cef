package tomlfile

import (
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
