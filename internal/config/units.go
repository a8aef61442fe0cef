package config

import (
	"fmt"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/slug"
	"spaser/internal/tomlfile"
)

// Unit is a unit the site declares ([[units]] in data/site.toml), beside
// the built-in ones (indicator.Units), or in place of one with the same id.
type Unit struct {
	ID       string `toml:"id"`
	Singular string `toml:"singular"`
	Plural   string `toml:"plural"`
	// Legal says how the unit counts for article L2111-3, which asks for
	// indicators "en nombre de contrats ou en valeur": LegalContracts,
	// LegalValue, or "" for neither.
	Legal string `toml:"legal"`
}

// The values of Unit.Legal.
const (
	LegalContracts = "contracts"
	LegalValue     = "value"
)

// unitID reports whether id can name a unit: a slug whose words may also
// be joined by "_". Unlike a slug, a unit id never becomes an address: it
// is only written in data files (unit = "…"), where "_" has always been
// accepted.
func unitID(id string) bool { return slug.Valid(strings.ReplaceAll(id, "_", "-")) }

func (c *Config) checkUnits(l *diag.List) {
	blocks := c.blocks(len(c.Units), "units")
	seen := map[string]int{}
	for i, u := range c.Units {
		at := blocks[i]
		p := at("")
		switch {
		case !unitID(u.ID):
			l.Errorf(at("id"), "Écrivez un identifiant en minuscules sans accents, chiffres, tirets ou _, par exemple id = \"repas\".", "unité (units) sans identifiant correct : %q", u.ID)
		case seen[u.ID] > 0:
			l.Errorf(at("id"), fmt.Sprintf("Chaque unité est déclarée une fois ; l'autre est à la ligne %d.", seen[u.ID]), "unité %s déclarée deux fois", u.ID)
		default:
			seen[u.ID] = p.Line
		}
		if u.Singular == "" || u.Plural == "" {
			l.Errorf(p, "Renseignez singular et plural, par exemple singular = \"entreprise\" et plural = \"entreprises\".", "unité %s sans nom au singulier ou au pluriel", u.ID)
		}
		if u.Legal != "" && u.Legal != LegalContracts && u.Legal != LegalValue {
			hint := diag.DidYouMean(u.Legal, []string{LegalContracts, LegalValue},
				"legal vaut \"contracts\" (l'unité compte des contrats), \"value\" (un montant en € HT) ; omettez-le pour une autre unité.")
			l.Errorf(at("legal"), hint, "unité %s : legal inconnu %q", u.ID, u.Legal)
		}
	}
}

// blocks places diagnostics in the n elements of the array of tables path:
// blocks[i](key) is where key is written in element i, or its header when
// it is not written there.
func (c *Config) blocks(n int, path ...string) []func(key string) diag.Pos {
	idx := tomlfile.NewIndex(c.src)
	lines := idx.Lines(path...)
	out := make([]func(string) diag.Pos, n)
	for i := range out {
		p := tomlfile.Nth(File, lines, i)
		out[i] = func(key string) diag.Pos {
			if key == "" || p.Line == 0 {
				return p
			}
			if line, col := idx.KeyAt(p.Line, append(append([]string(nil), path...), key)...); line > 0 {
				return diag.Pos{File: File, Line: line, Col: col}
			}
			return p
		}
	}
	return out
}
