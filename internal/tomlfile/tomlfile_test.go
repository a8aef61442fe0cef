package tomlfile

import (
	"slices"
	"strings"
	"testing"

	"spaser/internal/diag"
)

type target struct {
	Year  int     `toml:"year"`
	Value float64 `toml:"value"`
}

type entry struct {
	ID     string   `toml:"id"`
	Weight int      `toml:"weight"`
	Target []target `toml:"target"`
}

type doc struct {
	Title string  `toml:"title"`
	Entry []entry `toml:"entry"`
}

func decode(t *testing.T, src string, first int) []diag.Diagnostic {
	t.Helper()
	var l diag.List
	var d doc
	Decode(&l, "f.toml", first, []byte(src), &d)
	return l.Items()
}

func TestUnknownKeyHasLineAndSuggestion(t *testing.T) {
	src := "title = \"x\"\n\n[[entry]]\nid = \"a\"\n\n[[entry]]\nid = \"b\"\nwieght = 2\n[[entry.target]]\nyaer = 2024\n"
	items := decode(t, src, 1)
	if len(items) != 2 {
		t.Fatalf("want 2 diagnostics, got %v", items)
	}
	if items[0].Line != 8 || !strings.Contains(items[0].Msg, "« wieght » : clé inconnue") || !strings.Contains(items[0].Hint, "« weight »") {
		t.Errorf("first: %+v", items[0])
	}
	if items[1].Line != 10 || !strings.Contains(items[1].Hint, "« year »") {
		t.Errorf("second: %+v", items[1])
	}
}

func TestOffsetAndTypeError(t *testing.T) {
	items := decode(t, "title = \"x\"\n[[entry]]\nweight = \"deux\"\n", 2)
	if len(items) != 1 || items[0].Line != 4 || !strings.Contains(items[0].Hint, "nombre entier") {
		t.Fatalf("got %+v", items)
	}
}

func TestCurlyQuotes(t *testing.T) {
	items := decode(t, "title = “Bonjour”\n", 1)
	if len(items) != 1 || items[0].Line != 1 || !strings.Contains(items[0].Msg, "guillemets typographiques") {
		t.Fatalf("got %+v", items)
	}
}

func TestDuplicateKey(t *testing.T) {
	items := decode(t, "title = \"a\"\ntitle = \"b\"\n", 1)
	if len(items) != 1 || items[0].Line != 2 || !strings.Contains(items[0].Msg, "déjà écrit à la ligne 1") {
		t.Fatalf("got %+v", items)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("title = \"x\"\n[[entry]]\nid = \"a\"\n")
	f.Add("[[entry.target]]\nyear = 2024\nvalue = 1.5\n")
	f.Add("title = “x”")
	f.Add("a = nan\nb = [1e308, -inf]\n")
	f.Add("s = \"\"\"\n\\\"\"\"\nt = 'a'\n")
	for _, c := range hostileTOML {
		if len(c.src) < 4096 {
			f.Add(c.src)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		var l diag.List
		var d doc
		Decode(&l, "f.toml", 1, []byte(src), &d)
		var m map[string]any
		Decode(&l, "f.toml", 1, []byte(src), &m)
		for _, it := range l.Items() {
			if it.Line < 0 {
				t.Fatalf("negative line: %+v", it)
			}
		}
	})
}

func TestKeyAtStaysInItsBlock(t *testing.T) {
	src := []byte("[[entry]]\nid = \"a\"\n\n[[entry]]\nid = \"b\"\n  weight = 2\n[[entry.target]]\nyear = 1\n\n[[entry]]\nweight = 3\n")
	for _, c := range []struct {
		block     int
		path      []string
		line, col int
	}{
		{1, []string{"entry", "weight"}, 0, 0}, // the first entry has no weight: not the next one's
		{4, []string{"entry", "weight"}, 6, 3},
		{10, []string{"entry", "weight"}, 11, 1},
		{7, []string{"entry", "target", "year"}, 8, 1},
		{0, []string{"entry", "id"}, 2, 1},
	} {
		if line, col := KeyAt(src, c.block, c.path...); line != c.line || col != c.col {
			t.Errorf("KeyAt(%d, %v) = %d:%d, want %d:%d", c.block, c.path, line, col, c.line, c.col)
		}
	}
}

func TestFrenchKeyNames(t *testing.T) {
	items := decode(t, "title = \"x\"\n[[entry]]\npoids = 2\n", 1)
	if len(items) != 1 || items[0].Line != 3 || items[0].Col != 1 || items[0].Hint != "Vouliez-vous dire « weight » ?" {
		t.Fatalf("got %+v", items)
	}
	items = decode(t, "titre = \"x\"\n", 1)
	if len(items) != 1 || items[0].Hint != "Vouliez-vous dire « title » ?" {
		t.Fatalf("got %+v", items)
	}
}

// « Clés possibles » lists the keys of an embedded struct too: the decoder
// accepts them.
func TestPossibleKeysOfEmbedded(t *testing.T) {
	type figures struct {
		Value *float64 `toml:"value"`
		Count *float64 `toml:"count"`
	}
	type entry struct {
		figures
		Source string `toml:"source"`
	}
	var l diag.List
	var v map[string]entry
	Decode(&l, "f.toml", 1, []byte("[a]\nvalue = 1\nxyzxyz = 2\n"), &v)
	items := l.Items()
	if len(items) != 1 || items[0].Hint != "Clés possibles ici : source, value, count." {
		t.Fatalf("got %+v", items)
	}
	if v["a"].Value == nil {
		t.Error("value not decoded")
	}
}

// TestNumbersFinite: nan, infinities and numbers beyond MaxNumber are
// refused at their key, in a struct, an embedded one, a map and an array
// of tables (issue 15, point 7).
func TestNumbersFinite(t *testing.T) {
	type inner struct {
		Share float64 `toml:"share"`
	}
	type detail struct {
		inner
		N *int64 `toml:"n"`
	}
	type entry struct {
		inner
		Count  float64   `toml:"count"`
		Detail []detail  `toml:"detail"`
		List   []float64 `toml:"list"`
	}
	src := "[a]\ncount = nan\nshare = 1.5\nlist = [1.0, inf]\n[[a.detail]]\nshare = -inf\n[[a.detail]]\nn = 2_000_000_000_000_000\n[b]\ncount = 1e308\nshare = 1e15\n"
	var l diag.List
	v := map[string]entry{}
	if _, ok := Decode(&l, "data/valeurs/2024.toml", 1, []byte(src), &v); ok {
		t.Error("decoded as valid")
	}
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Where()+" "+d.Msg)
	}
	slices.Sort(got)
	want := []string{
		"data/valeurs/2024.toml:10:1 « count » : nombre trop grand (1e+308)",
		"data/valeurs/2024.toml:2:1 « count » : ce n'est pas un nombre (NaN)",
		"data/valeurs/2024.toml:4:1 « list » : ce n'est pas un nombre (+Inf)",
		"data/valeurs/2024.toml:6:1 « share » : ce n'est pas un nombre (-Inf)",
		"data/valeurs/2024.toml:8:1 « n » : nombre trop grand (2e+15)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A forgotten [identifiant] line puts the next block's keys in the block
// above: the message names the first line and that cause.
func TestDuplicateKeyNamesTheMissingBlock(t *testing.T) {
	items := decode(t, "[a]\ncount = 1\nsource = \"x\"\n\ncount = 2\n", 1)
	if len(items) != 1 || items[0].Line != 5 || items[0].Msg != "« count » est déjà écrit à la ligne 2, dans le bloc [a]" ||
		!strings.Contains(items[0].Hint, "la ligne qui l'ouvre (par exemple [identifiant]) manque au-dessus") {
		t.Fatalf("got %+v", items)
	}
	items = decode(t, "[a]\ncount = 1\n\n[a]\ncount = 2\n", 1)
	if len(items) != 1 || items[0].Msg != "le bloc [a] est écrit deux fois" || !strings.Contains(items[0].Hint, "ligne 1") {
		t.Fatalf("got %+v", items)
	}
}

// The messages of issue 14, point 8: how a line was typed, in French.
func TestTypingMistakes(t *testing.T) {
	for src, want := range map[string]string{
		"share = 31.5 %\n":       "f.toml:1:13: erreur\u00a0: nombre suivi de « % »\n    → Écrivez le nombre seul, avec un point décimal : share = 31.5 (le site ajoute « % »).",
		"share = 31,5 %\n":       "f.toml:1:11: erreur\u00a0: nombre suivi de « % »\n    → Écrivez le nombre seul, avec un point décimal : share = 31.5 (le site ajoute « % »).",
		"count\u00a0= 40\n":      "f.toml:1:6: erreur\u00a0: espace insécable invisible à la colonne 6\n    → Remplacez-la par une espace ordinaire",
		"count =\u202f40\n":      "erreur\u00a0: espace insécable invisible à la colonne 8",
		"odd = [1 2]\n":          "f.toml:1:10: erreur\u00a0: virgule manquante dans une liste\n    → Séparez les éléments d'une liste par des virgules : [\"a\", \"b\"].",
		"title \"x\"\n":          "erreur\u00a0: signe = manquant",
		"odd = [\"a\"\n\"b\"]\n": "erreur\u00a0: virgule manquante dans une liste",
	} {
		items := decode(t, src, 1)
		if len(items) != 1 || !strings.Contains(items[0].String(), want) {
			t.Errorf("%q: got %v, want %q", src, items, want)
		}
	}
}
