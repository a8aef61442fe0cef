package indicator

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

// A type error in one [[indicator]] block is reported at its line and
// drops that block only; the values that cite it are not « inconnu ».
func TestBadBlockKeepsTheCatalogue(t *testing.T) {
	bad := strings.Replace(catalogue, "unit = \"vehicules\"", "unit = 3", 1)
	syntax := strings.Replace(catalogue, "label = \"Heures d'insertion\"", "label = \"Heures d'insertion", 1)
	for name, c := range map[string]struct {
		src, want, kept, dropped string
		line                     int
	}{
		"type":   {bad, "la valeur de « unit » n'a pas le bon type", "heures", "vfe", 5},
		"syntax": {syntax, "texte non fermé", "vfe", "heures", 22},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"data/indicateurs.toml":  {Data: []byte(c.src)},
				"data/valeurs/2022.toml": {Data: []byte("[vfe]\ncount = 40\ntotal = 92\nsource = \"essai\"\n\n[heures]\nvalue = 3\nsource = \"essai\"\n")},
			}
			var l diag.List
			cat := Load(fsys, cfg, &l)
			items := l.Items()
			if len(items) != 1 || items[0].Line != c.line || !strings.Contains(items[0].Msg, c.want) {
				t.Fatalf("want one error at line %d (%s), got %v", c.line, c.want, items)
			}
			if cat.ByID[c.kept] == nil || cat.ByID[c.kept].ValueAt(2022) == nil {
				t.Errorf("%s lost: %+v", c.kept, cat.List)
			}
			if cat.ByID[c.dropped] != nil || !cat.Unreadable(c.dropped) || cat.Unreadable(c.kept) {
				t.Errorf("%s: dropped %v, unreadable %v", c.dropped, cat.ByID[c.dropped], cat.Unreadable(c.dropped))
			}
		})
	}
}

// An error before the first block (a stray key) is reported once, and the
// blocks load.
func TestBadPreamble(t *testing.T) {
	fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte("# catalogue\ntitle = 3 3\n\n" + catalogue)}}
	var l diag.List
	cat := Load(fsys, cfg, &l)
	if items := l.Items(); len(items) != 1 || items[0].Line != 2 {
		t.Fatalf("got %v", items)
	}
	if len(cat.List) != 2 {
		t.Errorf("blocks lost: %v", cat.IDs())
	}
}

// FuzzCatalogue feeds arbitrary text to the loader as the catalogue: the
// result is diagnostics on lines of that file, never a panic, and an
// indicator loaded is one whose block is in the text.
func FuzzCatalogue(f *testing.F) {
	f.Add(catalogue)
	f.Add(strings.Replace(catalogue, "unit = \"vehicules\"", "unit = 3", 1))
	f.Add("x = 1\n[[indicator]]\nid = \"a\"\nlabel = 2\n[[indicator]]\nid = \"b\"\nlabel = \"B\"\nkind = \"count\"\nunit = \"heures\"\n")
	f.Add("[[indicator]]\nid = \"a\"\nlabel = \"\"\"x\n[[indicator]]\n\"\"\"\n")
	f.Add("[[ indicator ]]\nid = \"a\"\n[[indicator.target]]\nyear = \"2024\"\n")
	f.Add("[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"count\"\nunit = \"heures\"\npilot = \"DAMP\"\npilote = [1]\n")
	f.Add("[[indicator]]\nid = \"a\"\npilot = { x = 1 }\npilot.y = 2\n")
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{"data/indicateurs.toml": {Data: []byte(src)}}
		var l diag.List
		c := Load(fsys, cfg, &l)
		lines := strings.Count(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(src), "\n") + 1
		for _, d := range l.Items() {
			if d.File != CatalogueFile || d.Line < 0 || d.Line > lines || d.Col < 0 || d.Msg == "" {
				t.Fatalf("bad diagnostic for %q: %+v", src, d)
			}
		}
		for _, ind := range c.List {
			if !strings.Contains(src, ind.ID) {
				t.Fatalf("indicator %q is not in %q", ind.ID, src)
			}
		}
	})
}
