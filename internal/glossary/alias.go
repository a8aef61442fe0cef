package glossary

import (
	"fmt"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
)

// Alias is a term explained outside the glossary: the label_meaning of an
// indicator's target (« VFE », « véhicules à faibles émissions »), which
// the glossary replaces. It is still read, so that no explanation an
// editor wrote disappears from the site, and each one warns until it is
// moved to data/glossaire.toml.
type Alias struct {
	Term      string   // the target's label
	Expansion string   // label_meaning, as written
	Pos       diag.Pos // where label_meaning is written
}

// aliasKey is the deprecated key, named in the messages.
const aliasKey = "label_meaning"

// Adopt adds to g the terms of aliases that the glossary lacks, so that
// they are explained as glossary terms (next to charts, on every page and
// on the glossary page), and tells at each alias what to do instead: the
// lines to add to the glossary, or that the glossary already has it. An
// alias that cannot be a glossary term is an error, never dropped quietly.
func (g *Glossary) Adopt(aliases []Alias, l *diag.List) {
	if len(aliases) == 0 {
		return
	}
	byTerm := map[string]Term{}
	for _, t := range g.Terms {
		byTerm[t.Term] = t
	}
	added := false
	for _, a := range aliases {
		raw := strings.TrimSpace(a.Expansion)
		t := Term{Term: strings.TrimSpace(a.Term), Expansion: typo.Text(raw), Pos: a.Pos}
		if t.Expansion == "" {
			l.Warnf(a.Pos, "Supprimez cette ligne ; pour expliquer un sigle, ajoutez-le à "+File+".", "%s vide : il n'explique rien", aliasKey)
			continue
		}
		if msg, _ := checkTerm(t); msg != "" {
			what := fmt.Sprintf("le nom de l'objectif n'est pas un sigle (« %s »)", t.Term)
			if t.Term == "" {
				what = "l'objectif n'a pas de nom (label)"
			}
			l.Errorf(a.Pos, fmt.Sprintf("%s explique un nom d'objectif écrit comme un sigle (label = \"VFE\"), et il est remplacé par %s. Supprimez cette ligne et, si un sigle est à expliquer, ajoutez-le à %s :\n%s", aliasKey, File, File, entry("SIGLE", raw)),
				"%s sans sigle à expliquer : %s", aliasKey, what)
			continue
		}
		have, ok := byTerm[t.Term]
		switch {
		case !ok:
			byTerm[t.Term] = t
			g.Terms = append(g.Terms, t)
			added = true
			l.Warnf(a.Pos, fmt.Sprintf("Les sigles s'expliquent dans %s, qui les explique aussi à côté des graphiques et sur la page « Glossaire ». Supprimez cette ligne et ajoutez à %s (une seule fois par sigle) :\n%s\nEn attendant, l'explication reste affichée.", File, File, entry(t.Term, raw)),
				"%s est remplacé par le glossaire : déplacez l'explication de « %s »", aliasKey, t.Term)
		case have.Expansion == t.Expansion:
			if have.Pos.File == File {
				l.Warnf(a.Pos, fmt.Sprintf("%s l'explique déjà de la même façon : supprimez cette ligne.", where(have.Pos)), "%s est remplacé par le glossaire : « %s » y est déjà expliqué", aliasKey, t.Term)
			} else {
				l.Warnf(a.Pos, fmt.Sprintf("Supprimez cette ligne ; l'entrée à ajouter à %s est donnée pour %s.", File, where(have.Pos)), "%s est remplacé par le glossaire : « %s » est expliqué plus haut de la même façon", aliasKey, t.Term)
			}
		default:
			l.Warnf(a.Pos, fmt.Sprintf("Le site n'affiche qu'une explication par sigle, celle de %s (« %s ») ; celle-ci (« %s ») ne l'est pas. Supprimez cette ligne, ou corrigez l'explication là-bas.", where(have.Pos), have.Expansion, t.Expansion),
				"%s est remplacé par le glossaire : « %s » est expliqué autrement ailleurs", aliasKey, t.Term)
		}
	}
	if added {
		g.sort()
	}
}

// entry is the glossary entry of a term, as lines of data/glossaire.toml.
func entry(term, expansion string) string {
	return "[[terms]]\nterm = " + tomlfile.Quote(term) + "\nexpansion = " + tomlfile.Quote(expansion)
}

// where is "file:line".
func where(p diag.Pos) string { return fmt.Sprintf("%s:%d", p.File, p.Line) }
