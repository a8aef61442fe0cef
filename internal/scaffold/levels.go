package scaffold

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"spaser/internal/config"
	"spaser/internal/markdown"
	"spaser/internal/typo"
)

// MaxLevels is the deepest schema `spaser new site` writes.
const MaxLevels = 6

// ParseLevels reads the level names of --niveaux: "Chantier,Objectif,
// Engagement", each name optionally followed by its plural and its
// demonstrative, "Axe/Axes/cet axe". What is left out is derived (Plural,
// Demonstrative); data/site.toml can correct it afterwards.
func ParseLevels(s string) ([]config.Level, error) {
	var out []config.Level
	for _, part := range strings.Split(s, ",") {
		f := strings.Split(part, "/")
		for i := range f {
			f[i] = strings.Join(strings.Fields(f[i]), " ")
		}
		if markdown.Slug(f[0]) == "" || len(f) > 3 || len(f) > 1 && f[1] != "" && markdown.Slug(f[1]) == "" {
			return nil, &Error{
				Msg:  fmt.Sprintf("noms de niveaux illisibles : « %s »", s),
				Hint: "Séparez les noms par des virgules, du plus haut au plus bas : --niveaux \"Chantier,Objectif,Engagement\" (au besoin avec le pluriel et le démonstratif : \"Axe/Axes/cet axe\").",
			}
		}
		lv := config.Level{Singular: typo.UpperFirst(f[0])}
		lv.Plural = Plural(lv.Singular)
		if len(f) > 1 && f[1] != "" {
			lv.Plural = typo.UpperFirst(f[1])
		}
		lv.Demonstrative = Demonstrative(lv.Singular)
		if len(f) > 2 && f[2] != "" {
			lv.Demonstrative = f[2]
		}
		out = append(out, lv)
	}
	if len(out) > MaxLevels {
		return nil, &Error{Msg: fmt.Sprintf("%d niveaux : c'est plus que les %d permis", len(out), MaxLevels), Hint: "Un schéma compte en général deux à quatre niveaux."}
	}
	return out, nil
}

// stopWords end the part of a name that takes the plural mark: « Axe de
// travail » → « Axes de travail ».
var stopWords = map[string]bool{"de": true, "du": true, "des": true, "d'": true, "à": true, "au": true, "aux": true, "en": true, "pour": true, "sur": true, "et": true}

// Plural writes the French plural of a level name, word by word up to a
// preposition: « Objectif stratégique » → « Objectifs stratégiques ».
func Plural(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		lw := strings.ToLower(w)
		if stopWords[lw] || strings.HasPrefix(lw, "d'") || strings.HasPrefix(lw, "d’") {
			break
		}
		words[i] = pluralWord(w)
	}
	return strings.Join(words, " ")
}

// pluralWord is the plural of one word, by the general rules and their
// usual exceptions.
func pluralWord(w string) string {
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "x") || strings.HasSuffix(lw, "z"):
		return w
	case lw == "pneu" || lw == "bleu":
		return w + "s"
	case strings.HasSuffix(lw, "eau") || strings.HasSuffix(lw, "au") || strings.HasSuffix(lw, "eu"):
		return w + "x"
	case strings.HasSuffix(lw, "al") && lw != "festival" && lw != "bal" && lw != "récital":
		return w[:len(w)-1] + "ux"
	case strings.HasSuffix(lw, "-") || w == "":
		return w
	}
	return w + "s"
}

// feminine lists level names whose gender the endings do not tell.
var genders = map[string]bool{ // true: feminine
	"axe": false, "enjeu": false, "objectif": false, "chantier": false, "engagement": false,
	"thème": false, "levier": false, "programme": false, "volet": false, "domaine": false,
	"défi": false, "pilier": false, "principe": false, "projet": false, "chapitre": false,
	"titre": false, "article": false, "secteur": false, "champ": false, "plan": false,
	"action": true, "orientation": true, "mesure": true, "priorité": true, "ambition": true,
	"fiche": true, "cible": true, "étape": true, "partie": true, "section": true,
	"thématique": true, "finalité": true, "initiative": true, "politique": true, "stratégie": true,
}

var feminineEndings = []string{"tion", "sion", "té", "ure", "ence", "ance", "ie", "ée", "ière", "ique", "ise", "ade", "elle", "ette", "ine"}

// Demonstrative writes « ce chantier », « cet objectif », « cette
// mesure »: the gender from a list of usual level names, else from the
// ending; an editor corrects a wrong guess in data/site.toml.
func Demonstrative(name string) string {
	lower := typo.LowerFirst(name)
	first := strings.ToLower(strings.Fields(name + " x")[0])
	fem, known := genders[first]
	if !known {
		for _, e := range feminineEndings {
			if strings.HasSuffix(first, e) {
				fem = true
			}
		}
	}
	switch {
	case fem:
		return "cette " + lower
	case startsWithVowel(first):
		return "cet " + lower
	}
	return "ce " + lower
}

func startsWithVowel(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return strings.ContainsRune("aâàeéèêëiîïoôuûùyh", r)
}
