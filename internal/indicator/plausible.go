package indicator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/typo"
)

// The checks of this file find figures that are valid but probably wrong:
// they warn, and `spaser check --strict` fails on them.

// checkPlausible warns of a percentage typed as a fraction: 0.315 for
// 31,5 %, where the indicator's other years or targets are above 1.
func (c *Catalogue) checkPlausible(l *diag.List) {
	for _, ind := range c.List {
		if !ind.InPercent() {
			continue
		}
		for _, v := range ind.Values {
			for _, m := range append([]*Measure{v}, v.Details...) {
				p, key := typedPercent(ind, m)
				if p == nil || *p <= 0 || *p > 1 {
					continue
				}
				if ref, ok := above1(ind, v.Year); ok {
					l.Warnf(m.Pos, fmt.Sprintf("Un pourcentage s'écrit de 0 à 100 : pour %s, écrivez %s = %s (%s). Si le chiffre est bien inférieur à 1 %%, ignorez cet avertissement.",
						typo.Percent(*p*100), key, fmtDot(*p*100), ref),
						"%s = %s pour l'indicateur %s en %d : un pourcentage inférieur à 1 %%, alors que les autres chiffres dépassent 1 %%", key, fmtDot(*p), ind.ID, v.Year)
				}
			}
		}
	}
}

// typedPercent is the percentage as typed in m (share, or value for an
// indicator counted in %), with its key; nil when computed or absent.
func typedPercent(ind *Indicator, m *Measure) (*float64, string) {
	if ind.Kind == Share {
		return m.Share, "share"
	}
	return m.Value, "value"
}

// above1 finds a figure of ind above 1 in another year or in its targets.
func above1(ind *Indicator, year int) (string, bool) {
	for _, v := range ind.Values {
		if v.Year == year {
			continue
		}
		if n, ok := v.Number(ind.Kind); ok && n > 1 {
			return fmt.Sprintf("%s en %d", typo.Percent(n), v.Year), true
		}
	}
	for _, t := range ind.Targets {
		if t.Value > 1 {
			return fmt.Sprintf("objectif de %s en %d", typo.Percent(t.Value), t.Year), true
		}
	}
	return "", false
}

func fmtDot(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}

var yearNameRe = regexp.MustCompile(`^\d{4}\.toml$`)

// checkStrayYears warns of a values file the build does not read because
// it is not in data/valeurs/: data/2024.toml, data/valeur/2024.toml.
func checkStrayYears(fsys fs.FS, l *diag.List) {
	for _, root := range []string{"data", "content"} {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !yearNameRe.MatchString(d.Name()) || path.Dir(p) == ValuesDir {
				return nil
			}
			l.Warnf(diag.Pos{File: p}, fmt.Sprintf("Les valeurs d'une année se lisent dans %s/ : déplacez ce fichier en %s/%s.", ValuesDir, ValuesDir, d.Name()),
				"fichier de valeurs ignoré : il n'est pas dans %s/", ValuesDir)
			return nil
		})
	}
}

// CheckYearsOver warns of the values of a year that is not over at
// current (the year `spaser check` runs in, or its --annee) when they are
// not marked provisional. The build never calls it: what it publishes does
// not depend on the day it runs.
func (c *Catalogue) CheckYearsOver(l *diag.List, current int) {
	for _, ind := range c.List {
		for _, m := range ind.Values {
			if m.Year < current || m.Provisional || !m.Known() {
				continue
			}
			l.Warnf(m.Pos, fmt.Sprintf("L'année %d n'est pas terminée : si ce chiffre est partiel, ajoutez provisional = true dans son bloc ; sinon vérifiez l'année du fichier.", m.Year),
				"valeur de %d pour l'indicateur %s, alors que l'année n'est pas terminée", m.Year, ind.ID)
		}
	}
}
