package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"spaser/internal/config"
	"spaser/internal/indicator"
)

// Indicator appends to data/indicateurs.toml a commented block for a new
// indicator id. The existing text of the file is left byte for byte as it
// was: the block is only appended.
func Indicator(dir, id string) (string, error) {
	if err := checkName("identifiant d'indicateur", id); err != nil {
		return "", err
	}
	s, err := open(dir, true)
	if err != nil {
		return "", err
	}
	if s.cat.ByID[id] != nil {
		return "", &Error{
			Msg:  fmt.Sprintf("l'indicateur %s existe déjà dans %s (ligne %d) : rien n'a été écrit", id, indicator.CatalogueFile, s.cat.ByID[id].Pos.Line),
			Hint: "Choisissez un autre identifiant, ou modifiez le bloc existant.",
		}
	}
	p := filepath.Join(dir, filepath.FromSlash(indicator.CatalogueFile))
	old, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if strings.Contains(string(old), fmt.Sprintf("#id = %q", id)) {
		return "", &Error{
			Msg:  fmt.Sprintf("un bloc en commentaire pour l'indicateur %s est déjà dans %s : rien n'a été écrit", id, indicator.CatalogueFile),
			Hint: "Complétez ce bloc et retirez les # au début de ses lignes.",
		}
	}
	block := indicatorText(id, s.cfg.PeriodEnd, s.cfg.Facts, indicator.UnitIDs(s.cat.Units))
	if len(old) > 0 && !strings.HasSuffix(string(old), "\n") {
		block = "\n" + block
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(block); err != nil {
		f.Close()
		return "", err
	}
	return indicator.CatalogueFile, f.Close()
}

func indicatorText(id string, year int, facts []config.Fact, units []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
# ---------------------------------------------------------------------------
# Nouvel indicateur %[1]q, ajouté par « spaser new indicateur %[1]s ».
# Pour l'activer : complétez les valeurs, puis retirez le # collé au début de
# chaque ligne du bloc (les lignes « # » suivies d'une espace sont des
# explications). Ensuite, ajoutez "%[1]s" à la liste indicators de la page
# qui le suit, et vérifiez avec spaser check.
# ---------------------------------------------------------------------------
#[[indicator]]
#id = %[1]q
#label = ""
# ↑ obligatoire : l'intitulé tel que le schéma le formule.
#short_label = ""
# ↑ facultatif : un libellé court pour les listes.
#kind = "share"
# ↑ "count" (un nombre), "value" (un montant en euros) ou "share" (un nombre
#   sur un total : le site calcule le pourcentage).
#unit = "marches"
`, id)
	b.WriteString(wrap("↑ ce qui est compté : "+strings.Join(units, ", ")+". La loi (article L2111-3) demande des indicateurs en nombre de contrats (marches, consultations) ou en valeur (euros_ht).", "# ", 78))
	fmt.Fprintf(&b, `#direction = "up"
# ↑ "up" : plus c'est mieux ; "down" : moins c'est mieux.
`)
	for _, f := range facts {
		fmt.Fprintf(&b, "#%s = \"\"\n", f.Key)
		what := "↑ facultatif : « " + f.Label + " »"
		if keys := f.ValueKeys(); len(keys) > 0 {
			what += ", l'une de ces valeurs : " + strings.Join(keys, ", ")
		}
		b.WriteString(wrap(what+" (déclaré dans data/site.toml, [[facts]]).", "# ", 78))
	}
	fmt.Fprintf(&b, `#definition = ""
# ↑ facultatif : ce qui est compté, d'après le schéma.
#
# Un objectif chiffré : un bloc par palier (retirez les # pour l'activer).
#[[indicator.target]]
#year =
# ↑ l'année à partir de laquelle l'objectif s'applique (%[1]d au plus).
#value =
# ↑ la valeur visée : un pourcentage pour un indicateur "share".
#source = ""
# ↑ d'où vient l'objectif (le schéma, une loi).
`, year)
	return b.String()
}
