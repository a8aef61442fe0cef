package config

import (
	"regexp"
	"sort"
	"strings"

	"spaser/internal/diag"
)

// Fact is a fact the site records about its indicators ([[facts]] in
// data/site.toml): who pilots one, where it comes from… Each indicator of
// data/indicateurs.toml fills it with a line key = "…"; the indicator's page
// shows it under its label, only when filled (or Empty, when given).
type Fact struct {
	Key   string `toml:"key"`
	Label string `toml:"label"`
	// List: shown in the list of indicators too, as written (short).
	List bool `toml:"list"`
	// Empty is shown when an indicator does not fill the fact; without it,
	// the fact is left out.
	Empty string `toml:"empty"`
	// Values, when given, is the closed list of what the fact may be, with
	// the text shown for each (the value itself when the text is empty).
	Values map[string]string `toml:"values"`
}

// ValueKeys lists the values a fact may take, sorted; none for a free text.
func (f Fact) ValueKeys() []string {
	out := make([]string, 0, len(f.Values))
	for k := range f.Values {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var factKeyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkFacts checks the declarations (indicator.Load checks that a key is
// not one of an indicator's own).
func (c *Config) checkFacts(l *diag.List) {
	blocks := c.blocks(len(c.Facts), "facts")
	seen := map[string]bool{}
	for i, f := range c.Facts {
		p := blocks[i]("key")
		switch {
		case !factKeyRe.MatchString(f.Key):
			l.Errorf(p, "Écrivez la clé en minuscules sans accents, chiffres et _, par exemple key = \"pilote\" : c'est le nom de la ligne dans data/indicateurs.toml.", "information (facts) sans clé correcte : %q", f.Key)
		case seen[f.Key]:
			l.Errorf(p, "Chaque information est déclarée une fois : supprimez l'une des deux.", "information %s déclarée deux fois", f.Key)
		}
		seen[f.Key] = true
		if strings.TrimSpace(f.Label) == "" {
			l.Errorf(p, "Ajoutez label = \"…\" : l'intitulé affiché sur la page de chaque indicateur, par exemple \"Service pilote\".", "information %s sans intitulé (label)", f.Key)
		}
	}
}

// Fact returns the declaration of the fact key.
func (c *Config) Fact(key string) (Fact, bool) {
	for _, f := range c.Facts {
		if f.Key == key {
			return f, true
		}
	}
	return Fact{}, false
}

// FactKeys lists the declared facts' keys, in order.
func (c *Config) FactKeys() []string {
	out := make([]string, 0, len(c.Facts))
	for _, f := range c.Facts {
		out = append(out, f.Key)
	}
	return out
}
