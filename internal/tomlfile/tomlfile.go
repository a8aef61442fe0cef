// Package tomlfile decodes the editors' TOML (data files and front matter)
// into typed structs and turns every problem into a French diagnostic with
// the line it is on: syntax errors, values of the wrong type, and unknown keys
// (a typo such as "wieght" must not pass silently).
package tomlfile

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"spaser/internal/diag"
)

// Decode decodes src, the TOML text of file whose first line is line
// firstLine of that file, into v (a pointer to a struct with toml tags).
// Problems go to l. It returns false when src is not valid TOML or a value has
// the wrong type; unknown keys are reported but do not stop the decoding.
func Decode(l *diag.List, file string, firstLine int, src []byte, v any) (toml.MetaData, bool) {
	return DecodeWith(l, file, firstLine, src, v, nil)
}

// DecodeWith is Decode with keys that v has no field for but that are
// allowed: extra maps a table's dotted path ("indicator") to them. They are
// not reported, and are offered in suggestions; the caller reads them.
func DecodeWith(l *diag.List, file string, firstLine int, src []byte, v any, extra map[string][]string) (toml.MetaData, bool) {
	if e := checkLimits(src); e != nil {
		l.Errorf(diag.Pos{File: file, Line: e.line + firstLine - 1}, e.hint, "%s", e.msg)
		return toml.MetaData{}, false
	}
	md, err := toml.Decode(string(src), v)
	if err != nil {
		reportDecodeError(l, file, firstLine, src, err)
		return md, false
	}
	reportUndecoded(l, file, firstLine, src, md, reflect.TypeOf(v), extra)
	return md, checkNumbers(l, file, firstLine, src, v)
}

// Keys lists the toml keys of the struct v, embedded structs' included:
// those an editor may write in its table.
func Keys(v any) []string { return fieldNames(reflect.TypeOf(v), nil) }

var lastKeyRe = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func reportDecodeError(l *diag.List, file string, firstLine int, src []byte, err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col := pe.Position.Line, pe.Position.Col
		msg, hint := explainSyntax(pe, src)
		l.Errorf(diag.Pos{File: file, Line: line + firstLine - 1, Col: col}, hint, "%s", msg)
		return
	}
	if m := lastKeyRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		msg, hint := explainType(lastPiece(m[2]), m[3])
		l.Errorf(diag.Pos{File: file, Line: line + firstLine - 1, Col: keyCol(src, line, lastPiece(m[2]))}, hint, "%s", msg)
		return
	}
	l.Errorf(diag.Pos{File: file, Line: firstLine}, "Vérifiez la syntaxe du fichier.", "TOML illisible (%s)", err)
}

// keyCol is the column of key on line n of src, or 0.
func keyCol(src []byte, n int, key string) int {
	text := lineText(src, n)
	if i := strings.Index(text, key); i >= 0 {
		return utf8.RuneCountInString(text[:i]) + 1
	}
	return 0
}

func lastPiece(key string) string {
	if i := strings.LastIndex(key, "."); i >= 0 {
		return key[i+1:]
	}
	return key
}

var typeNames = map[string]string{
	"string":  "un texte entre guillemets droits \"…\"",
	"integer": "un nombre entier, sans guillemets",
	"float":   "un nombre, sans guillemets (avec un point décimal : 43.5)",
	"boolean": "true ou false, sans guillemets",
	"slice":   "une liste entre crochets [ … ]",
	"map":     "une table",
}

var incompatibleRe = regexp.MustCompile(`TOML value has type (\w+); destination has type ([\w ()-]+)`)

func explainType(key, tech string) (msg, hint string) {
	if m := incompatibleRe.FindStringSubmatch(tech); m != nil {
		want := typeNames[m[2]]
		if want == "" {
			want = m[2]
		}
		return fmt.Sprintf("la valeur de « %s » n'a pas le bon type", key),
			fmt.Sprintf("« %s » attend %s.", key, want)
	}
	return fmt.Sprintf("valeur incorrecte pour « %s » (%s)", key, tech), "Vérifiez la valeur de cette clé."
}

var (
	decimalCommaRe = regexp.MustCompile(`=\s*[-+]?\d+,\d+\s*(#.*)?$`)
	spacedNumberRe = regexp.MustCompile(`=\s*[-+]?\d{1,3}([ \x{a0}\x{202f}]\d{3})+([.,]\d+)?\s*(#.*)?$`)
)

func explainSyntax(pe toml.ParseError, src []byte) (msg, hint string) {
	line := lineText(src, pe.Position.Line)
	if msg, hint, ok := strings.Cut(pe.Message, fieldSep); ok {
		return msg, hint
	}
	if msg, hint, ok := explainTyping(pe, line); ok {
		return msg, hint
	}
	switch {
	case decimalCommaRe.MatchString(line):
		return "nombre écrit avec une virgule",
			"Écrivez les nombres avec un point décimal, sans guillemets : 43.5 (le site affiche « 43,5 »)."
	case spacedNumberRe.MatchString(line):
		return "nombre écrit avec des espaces",
			"Écrivez les nombres sans espace entre les milliers : 60000 (le site affiche « 60 000 »)."
	case strings.ContainsAny(line, "“”«»„"):
		return "guillemets typographiques dans une valeur TOML",
			"Écrivez les textes entre guillemets droits \"…\" (les traitements de texte les remplacent par “…”) ; à l'intérieur du texte, « » restent permis."
	case strings.Contains(pe.Message, "has already been defined") || strings.Contains(pe.Message, "already been created"):
		return explainDuplicate(src, pe.Position.Line)
	case strings.Contains(pe.Message, "unexpected EOF") || strings.Contains(pe.Message, "unterminated") || strings.Contains(pe.Message, "newline"):
		return "texte non fermé", "Fermez le texte par un guillemet droit \" sur la même ligne, ou utilisez \"\"\" … \"\"\" pour un texte sur plusieurs lignes."
	case strings.Contains(pe.Message, "expected value"):
		return "valeur manquante ou mal écrite", "Écrivez la valeur après le signe = : un texte entre \"…\", un nombre, true ou false, ou une liste [ … ]."
	case strings.Contains(pe.Message, "bare keys") || strings.Contains(pe.Message, "expected a top-level item") || strings.Contains(pe.Message, "expected key separator"):
		return "ligne TOML incorrecte", "Chaque ligne s'écrit « clé = valeur » ; une clé ne contient que des lettres sans accent, des chiffres, - et _."
	}
	return "syntaxe TOML incorrecte (" + pe.Message + ")", "Vérifiez cette ligne : « clé = valeur », textes entre guillemets droits."
}

func lineText(src []byte, n int) string {
	lines := strings.Split(string(src), "\n")
	if n >= 1 && n <= len(lines) {
		return lines[n-1]
	}
	return ""
}

// reportUndecoded reports each key of src that v has no field for, with the
// line it is on and the nearest known key.
func reportUndecoded(l *diag.List, file string, firstLine int, src []byte, md toml.MetaData, t reflect.Type, extra map[string][]string) {
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return // the usual case: no need to index the keys' places
	}
	idx := NewIndex(src)
	seen, reported := map[string]int{}, 0
	unknown := make(map[string]bool, len(undecoded))
	for _, k := range undecoded {
		unknown[strings.Join(k, ".")] = true
	}
	for _, k := range undecoded {
		path := []string(k)
		if parentUndecoded(unknown, path) {
			continue // reported once, at the table that is unknown
		}
		if reported++; reported > maxUnknown {
			continue // counted, told once below
		}
		name := path[len(path)-1]
		parent := strings.Join(path[:len(path)-1], ".")
		if slices.Contains(extra[parent], name) {
			continue
		}
		join := strings.Join(path, ".")
		at := idx.loc(join, seen[join])
		seen[join]++
		hint := "Supprimez cette clé ou corrigez son nom."
		known := append(fieldNames(t, path[:len(path)-1]), extra[parent]...)
		if s := suggestKey(name, known); s != "" {
			hint = fmt.Sprintf("Vouliez-vous dire « %s » ?", s)
		} else if len(known) > 0 {
			hint = "Clés possibles ici : " + strings.Join(known, ", ") + "."
		}
		p := diag.Pos{File: file, Line: at.line + firstLine - 1, Col: at.col}
		if at.line == 0 {
			p = diag.Pos{File: file, Line: firstLine}
		}
		l.Errorf(p, hint, "« %s » : clé inconnue", name)
	}
	if reported > maxUnknown {
		l.Errorf(diag.Pos{File: file, Line: firstLine}, "Vérifiez qu'il s'agit du bon fichier.", "%d autres clés inconnues", reported-maxUnknown)
	}
}

// maxUnknown is how many unknown keys of one file are told one by one:
// beyond, a file is not the one its name says, and the rest are counted.
const maxUnknown = 100

// frenchKeys are the keys editors write in French, mapped to the key the
// files use: « poids » is not a typo of « weight », but it means it.
var frenchKeys = map[string]string{
	"poids": "weight", "poid": "weight", "ordre": "weight", "rang": "weight",
	"titre": "title", "titre_court": "short_title", "titrecourt": "short_title", "titre-court": "short_title",
	"resume": "summary", "résumé": "summary", "chapeau": "summary", "description": "summary",
	"indicateurs": "indicators", "indicateur": "indicators",
	"brouillon": "draft", "gabarit": "layout", "mise_en_page": "layout",
	"libelle": "label", "libellé": "label", "intitule": "label", "intitulé": "label",
	"libelle_court": "short_label", "libellé_court": "short_label",
	"unite": "unit", "unité": "unit", "type": "kind", "genre": "kind", "sens": "direction",
	"pilote": "pilot", "direction_pilote": "pilot", "ressources": "resources", "direction_ressources": "resources",
	"annexe": "in_annex", "définition": "definition",
	"annee": "year", "année": "year", "valeur": "value", "montant": "value", "nombre": "count",
	"part": "share", "pourcentage": "share", "taux": "share",
	"cible": "target", "objectif": "target", "objectifs": "target", "reference": "baseline", "référence": "baseline",
	"periode": "period", "période": "period", "manquant": "missing", "provisoire": "provisional",
	"commentaire": "comment", "details": "detail", "détail": "detail", "ventilation": "breakdown",
	"collectivité": "collectivite", "debut": "period_start", "début": "period_start", "fin": "period_end",
	"echeance": "by", "plancher": "floor", "au_plus": "at_most", "au_moins": "at_least", "facteur": "factor",
	"evolution": "change", "annee_de_depart": "baseline_year", "annee_depart": "baseline_year", "texte": "text",
	"fait": "done", "environ": "approx", "approximatif": "approx", "dont": "subset", "publie": "published",
	"date_publication": "published",
	"singulier":        "singular", "pluriel": "plural", "demonstratif": "demonstrative", "démonstratif": "demonstrative",
	"unites": "units", "unités": "units", "informations": "facts", "faits": "facts",
	"cle": "key", "clé": "key", "liste": "list", "vide": "empty", "valeurs": "values", "legale": "legal", "légal": "legal",
}

// suggestKey returns the known key an unknown one most likely stands for:
// a near spelling ("wieght") or its French name ("poids").
func suggestKey(name string, known []string) string {
	if s, ok := frenchKeys[strings.ToLower(name)]; ok {
		for _, k := range known {
			if k == s {
				return s
			}
		}
	}
	return diag.Suggest(name, known)
}

// parentUndecoded reports whether a table containing path is itself
// unknown; undecoded holds the unknown keys, joined with ".". One look-up
// per parent: a file of many unknown keys takes linear time.
func parentUndecoded(undecoded map[string]bool, path []string) bool {
	for i := 1; i < len(path); i++ {
		if undecoded[strings.Join(path[:i], ".")] {
			return true
		}
	}
	return false
}

// fieldNames lists the toml keys allowed at path inside type t.
func fieldNames(t reflect.Type, path []string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Map {
		if len(path) == 0 {
			return nil
		}
		return fieldNames(t.Elem(), path[1:])
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for _, f := range tomlFields(t) {
		name := strings.Split(f.Tag.Get("toml"), ",")[0]
		if name == "" {
			name = f.Name
		}
		if len(path) > 0 && name == path[0] {
			return fieldNames(f.Type, path[1:])
		}
		names = append(names, name)
	}
	if len(path) > 0 {
		return nil
	}
	return names
}
