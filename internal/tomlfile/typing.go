package tomlfile

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

var (
	percentRe   = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=\s*([-+]?\d+(?:[.,]\d+)?)\s*%`)
	invisibleRe = regexp.MustCompile("[\u00a0\u202f\u2007\u2009\u200b\ufeff]")
)

// explainTyping explains the syntax errors that come from how a line was
// typed rather than from TOML itself: a « % » after a number, an invisible
// no-break space (word processors put them around = and :), a list whose
// comma is missing. ok is false for the other errors.
func explainTyping(pe toml.ParseError, line string) (msg, hint string, ok bool) {
	if m := percentRe.FindStringSubmatch(line); m != nil {
		n := strings.Replace(m[2], ",", ".", 1)
		return "nombre suivi de « % »",
			fmt.Sprintf("Écrivez le nombre seul, avec un point décimal : %s = %s (le site ajoute « %% »).", m[1], n), true
	}
	if loc := invisibleRe.FindStringIndex(line); loc != nil {
		col := utf8.RuneCountInString(line[:loc[0]]) + 1
		return fmt.Sprintf("espace insécable invisible à la colonne %d", col),
			"Remplacez-la par une espace ordinaire, ou retapez la ligne (un traitement de texte en met autour de = et de :).", true
	}
	if strings.Contains(pe.Message, "expected a comma (',') or array terminator") {
		return "virgule manquante dans une liste",
			"Séparez les éléments d'une liste par des virgules : [\"a\", \"b\"].", true
	}
	if strings.Contains(pe.Message, "expected '.' or '='") {
		return "signe = manquant",
			"Chaque ligne s'écrit « clé = valeur », par exemple title = \"…\".", true
	}
	return "", "", false
}
