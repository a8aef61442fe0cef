package indicator

import (
	"strings"
	"testing"
)

// A block as `spaser new annee` writes it publishes nothing; a figure typed
// between the quotes is pointed at; a half-filled block is an error.
func TestBlankBlocks(t *testing.T) {
	untouched := "[vfe]\ncount = \"\"\ntotal = \"\"\nshare = \"\"\nprovisional = false\nsource = \"\"\ncomment = \"\"\n\n[[vfe.detail]]\nlabel = \"Site A\"\ncount = \"\"\n"
	c, items := loadCat(t, map[string]string{"data/valeurs/2024.toml": untouched})
	if len(items) != 0 || c.ByID["vfe"].ValueAt(2024) != nil {
		t.Fatalf("untouched block: %v %+v", items, c.ByID["vfe"].ValueAt(2024))
	}
	filled := strings.Replace(untouched, "[[vfe.detail]]\nlabel = \"Site A\"\ncount = \"\"", "[[vfe.detail]]\nlabel = \"Site A\"\ncount = 3\ntotal = 4", 1)
	filled = strings.Replace(filled, "source = \"\"", "source = \"Rapport\"", 1)
	c, items = loadCat(t, map[string]string{"data/valeurs/2024.toml": filled + "\n[[vfe.detail]]\nlabel = \"Site B\"\ncount = \"\"\n"})
	if m := c.ByID["vfe"].ValueAt(2024); len(items) != 0 || m == nil || len(m.Details) != 1 || m.Details[0].Pos.Line != 9 {
		t.Fatalf("filled detail: %v %+v", items, m)
	}
	for src, want := range map[string]string{
		"[vfe]\ncount = \"40\"\n":                                              "2:10: erreur\u00a0: nombre entre guillemets : \"40\"\n    → Écrivez le nombre sans guillemets",
		"[vfe]\ncount = 40\ntotal = \"\"\nsource = \"R\"\n":                    "2:1: erreur\u00a0: nombre (count) sans total ni pourcentage pour l'indicateur vfe",
		"[vfe]\ncount = 4\ntotal = 9\nsource = \"\"\n":                         "4:1: avertissement\u00a0: chiffre sans source pour l'indicateur vfe",
		"[vfe]\nsource = \"R\"\n[[vfe.detail]]\nlabel = \"A\"\ncount = 2\n":    "5:1: erreur\u00a0: nombre (count) sans total ni pourcentage",
		"[vfe]\ncount = true\n":                                                "2:9: erreur\u00a0: un nombre est attendu ici",
		"[vfe]\ncount = nan\n":                                                 "2:1: erreur\u00a0: « count » : ce n'est pas un nombre",
		"[vfe]\nsource = \"R\"\n[[vfe.detail]]\nlabel = \"A\"\nshare = 1e16\n": "5:1: erreur\u00a0: « share » : nombre trop grand",
	} {
		_, items := loadCat(t, map[string]string{"data/valeurs/2024.toml": src})
		var all []string
		for _, d := range items {
			all = append(all, d.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), "data/valeurs/2024.toml:"+want) {
			t.Errorf("%q: got %q, want %q", src, all, want)
		}
	}
}
