package scaffold

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/tomlfile"
)

// ActionResult says what Action wrote.
type ActionResult struct {
	File    string // content/axes/…/5-nom.md
	Weight  int
	Warning string // a doubt worth telling, e.g. the folder is not an enjeu
}

// Action writes a new action page named name (a file name without .md) in
// the folder enjeu of the schema. title may be empty: a title is then made
// from the name, to be rewritten.
func Action(dir, enjeu, name, title string) (*ActionResult, error) {
	name = strings.TrimSuffix(name, ".md")
	if err := checkName("nom de fichier", name); err != nil {
		return nil, err
	}
	s, err := open(dir, false)
	if err != nil {
		return nil, err
	}
	rel := contentRel(enjeu)
	root := s.cfg.Schema.Root
	if rel != root && !strings.HasPrefix(rel, root+"/") {
		return nil, &Error{
			Msg:  fmt.Sprintf("le dossier %s n'est pas dans le schéma (content/%s/)", enjeu, root),
			Hint: fmt.Sprintf("Indiquez le dossier de la page parente, dans content/%s/ (par exemple content/%s/1-premier/2-second).", root, root),
		}
	}
	var l diag.List
	tree := content.Load(s.fsys, &l)
	sec := tree.ByRel[path.Join(rel, "_index.md")]
	if sec == nil {
		return nil, &Error{
			Msg:  fmt.Sprintf("le dossier content/%s n'existe pas ou n'a pas de fichier _index.md", rel),
			Hint: "Vérifiez le chemin du dossier de la page parente (voir le dossier content/), ou créez d'abord son _index.md.",
		}
	}
	res := &ActionResult{File: path.Join(content.Dir, rel, name+".md"), Weight: 1}
	for _, c := range sec.Children {
		if c.FM.Weight >= res.Weight {
			res.Weight = c.FM.Weight + 1
		}
	}
	levels := s.cfg.Schema.Levels
	depth := strings.Count(rel, "/") // 1 for axes/1-x: the folder is a level-1 page
	if want := len(levels) - 1; depth != want && want >= 1 {
		res.Warning = fmt.Sprintf("ce dossier est au niveau %s du schéma, pas %s : la nouvelle page sera au niveau %s.",
			levelName(levels, depth), levelName(levels, want), levelName(levels, depth+1))
	}
	if title == "" {
		title = titleFrom(name)
	}
	demonstrative := "cette page"
	if n := min(depth+1, len(levels)); n >= 1 && levels[n-1].Demonstrative != "" {
		demonstrative = levels[n-1].Demonstrative
	}
	if err := create(dir, res.File, []byte(actionText(title, res.Weight, demonstrative))); err != nil {
		return nil, err
	}
	return res, nil
}

// levelName names level n for a message, « Axe » (no article: the
// levels' genders are unknown), or by its number past the configured ones.
func levelName(levels []config.Level, n int) string {
	if n >= 1 && n <= len(levels) {
		return "« " + levels[n-1].Singular + " »"
	}
	return strconv.Itoa(n)
}

// titleFrom makes a provisional title of a file name: "5-flotte-velos" →
// "Flotte velos".
func titleFrom(name string) string {
	words := strings.Split(name, "-")
	for len(words) > 1 && strings.Trim(words[0], "0123456789") == "" {
		words = words[1:]
	}
	t := strings.Join(words, " ")
	r := []rune(t)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

func actionText(title string, weight int, demonstrative string) string {
	return fmt.Sprintf(`+++
# Nouvelle page créée par « spaser new action ». Les lignes qui commencent
# par # sont des explications : elles ne sont pas publiées.
title = %[1]s
# ↑ obligatoire : le titre complet, dans les mots du schéma.
# short_title = ""
# ↑ facultatif (retirez le #) : titre court pour le menu et le fil d'Ariane.
summary = ""
# ↑ une ou deux phrases tirées du texte : le résumé affiché dans les listes.
weight = %[2]d
# ↑ l'ordre parmi les pages de la rubrique ; %[2]d la place après les autres.
odd = []
# ↑ les objectifs de développement durable (1 à 17) : par exemple [12, 13].
indicators = []
# ↑ les indicateurs suivis, par leur id de data/indicateurs.toml : ["id-1", "id-2"].
# draft = true
# ↑ retirez le # pour ne pas encore publier cette page (brouillon).
+++

## Éléments de contexte

Texte de %[3]s à rédiger.

## Objectifs

À rédiger.

## Indicateurs

À rédiger.
`, tomlString(title), weight, demonstrative)
}

// tomlString writes s as a TOML basic string on one line: a title typed
// with a line break or a tab gets spaces instead.
func tomlString(s string) string {
	return tomlfile.Quote(strings.NewReplacer("\n", " ", "\t", " ").Replace(s))
}
