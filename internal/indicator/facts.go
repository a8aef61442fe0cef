package indicator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/tomlfile"
)

// Fact is one of the facts the site declares ([[facts]] in data/site.toml),
// as an indicator fills it: « Direction pilote : DAPM ».
type Fact struct {
	Key   string
	Label string
	Value string // as written in the catalogue: "DAPM", "true"; "" when not filled
	Text  string // as shown on the indicator's page
	Short string // as shown in the list of indicators: Value, or Text when not filled
	List  bool   // shown in the list of indicators too
}

// factKeys are the keys of the declared facts an indicator may write. A
// declared key that is one of an indicator's own is reported and left out.
func factKeys(cfg *config.Config, l *diag.List) []string {
	own := tomlfile.Keys(entryTOML{})
	var out []string
	for _, f := range cfg.Facts {
		if slices.Contains(own, f.Key) {
			p := diag.Pos{File: config.File, Line: tomlfile.Line(cfg.Source(), "facts")}
			l.Errorf(p, fmt.Sprintf("Choisissez une autre clé : %s est déjà une clé des indicateurs (%s).", f.Key, strings.Join(own, ", ")), "information %s : clé réservée", f.Key)
			continue
		}
		out = append(out, f.Key)
	}
	return out
}

// rawFacts reads the facts' keys of each [[indicator]] block of src, which
// decoded without error.
func rawFacts(src string) []map[string]any {
	var raw struct {
		Indicator []map[string]any `toml:"indicator"`
	}
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil
	}
	return raw.Indicator
}

// setFacts fills ind.Facts, in the order of the declarations, from the
// block's raw keys; a value that is not text, or not one of a closed list,
// is reported at its line.
func setFacts(ind *Indicator, raw map[string]any, keys []string, b block, cfg *config.Config, l *diag.List) {
	for _, key := range keys {
		decl, _ := cfg.Fact(key)
		f := Fact{Key: key, Label: decl.Label, List: decl.List}
		switch v := raw[key].(type) {
		case nil:
		case string:
			f.Value = strings.TrimSpace(v)
		case bool:
			f.Value = strconv.FormatBool(v)
		case int64:
			f.Value = strconv.FormatInt(v, 10)
		case float64:
			f.Value = strconv.FormatFloat(v, 'f', -1, 64)
		default:
			l.Errorf(b.at(key), fmt.Sprintf("« %s » attend un texte entre guillemets droits \"…\".", key), "la valeur de « %s » n'a pas le bon type", key)
		}
		f.Text = f.Value
		if f.Value != "" && decl.Values != nil {
			text, ok := decl.Values[f.Value]
			if !ok {
				hint := diag.DidYouMean(f.Value, decl.ValueKeys(), fmt.Sprintf("Valeurs possibles : %s ; ou déclarez celle-ci dans data/site.toml ([facts.values] de l'information %s).", strings.Join(decl.ValueKeys(), ", "), key))
				l.Errorf(b.at(key), hint, "indicateur %s : valeur inconnue %q pour « %s » (%s)", ind.ID, f.Value, decl.Label, key)
			}
			if text != "" {
				f.Text = text
			}
		}
		f.Short = f.Value
		if f.Value == "" {
			if decl.Empty == "" {
				continue
			}
			f.Text, f.Short = decl.Empty, decl.Empty
		}
		ind.Facts = append(ind.Facts, f)
	}
}
