package config

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"spaser/internal/diag"
	"spaser/internal/typo"
)

// Articles is [articles] of data/site.toml: the article each name takes in
// a sentence (« publiées par le Département », « contacter la Direction »).
// Empty: guessed from the name's first word (Guess); "aucun": no article
// (« publiées par Paris », « données de Paris »).
type Articles struct {
	Collectivite string `toml:"collectivite"`
	Title        string `toml:"title"`
	Contact      string `toml:"contact"`
}

// Name is a name with its article, for template sentences.
type Name struct {
	Text    string
	Article string // "le", "la", "l’", "les" or "" (none)
}

// articles are the accepted values of an article, and the form they stand for.
var articles = map[string]string{"le": "le", "la": "la", "l'": "l’", "l’": "l’", "les": "les", "aucun": ""}

// masculine and feminine are the first words of public bodies' names whose
// gender is known, for the article guessed when the site gives none.
var (
	masculine = []string{"département", "conseil", "syndicat", "centre", "service", "pôle", "secrétariat", "groupement", "spaser", "schéma", "bureau", "cabinet", "territoire", "établissement"}
	feminine  = []string{"ville", "commune", "région", "métropole", "communauté", "collectivité", "direction", "mission", "délégation", "préfecture", "mairie", "agence", "sous-direction", "division", "cellule"}
)

// Guess is the article of name from its first word: « Département … » is
// masculine, « Direction … » feminine, a vowel elides (« l’Établissement »),
// anything else takes none (« Paris »).
func Guess(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '\'' || r == '’' || r == ',' })
	if len(words) == 0 {
		return ""
	}
	first := strings.ToLower(words[0])
	r, _ := utf8.DecodeRuneInString(words[0])
	switch {
	case contains(masculine, first) && !vowel(r):
		return "le"
	case contains(feminine, first) && !vowel(r):
		return "la"
	case (contains(masculine, first) || contains(feminine, first)) && vowel(r):
		return "l’"
	}
	return ""
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// vowel reports whether a word starting with r elides the article before
// it. A name starting with h is left alone: whether it elides depends on
// the word (« l’Hôtel », « la Haute-Garonne »); [articles] says which.
func vowel(r rune) bool {
	return strings.ContainsRune("aeiouyAEIOUYàâéèêëîïôöùûüÀÂÉÈÊËÎÏÔÖÙÛÜ", r)
}

// name is text with the article configured, or guessed.
func name(text, article string) Name {
	text = typo.Text(strings.TrimSpace(text))
	if a, ok := articles[strings.ToLower(strings.TrimSpace(article))]; ok {
		return Name{Text: text, Article: a}
	}
	if text == "" {
		return Name{}
	}
	return Name{Text: text, Article: Guess(text)}
}

// CollectiviteName is the collectivité's name with its article.
func (c *Config) CollectiviteName() Name { return name(c.Collectivite, c.Articles.Collectivite) }

// TitleName is the site's title (the schema's name) with its article.
func (c *Config) TitleName() Name { return name(c.Title, c.Articles.Title) }

// ContactName is the service to contact with its article.
func (c *Config) ContactName() Name { return name(c.Contact, c.Articles.Contact) }

// checkArticles reports an article that is none of the accepted words.
func (c *Config) checkArticles(l *diag.List) {
	for _, a := range []struct{ key, val string }{{"collectivite", c.Articles.Collectivite}, {"title", c.Articles.Title}, {"contact", c.Articles.Contact}} {
		if a.val == "" {
			continue
		}
		if _, ok := articles[strings.ToLower(strings.TrimSpace(a.val))]; !ok {
			l.Errorf(c.pos("articles", a.key), "Écrivez \"le\", \"la\", \"l'\", \"les\", ou \"aucun\" pour un nom sans article (« Paris »).", "article inconnu dans [articles] %s : %q", a.key, a.val)
		}
	}
}

// String is the name alone.
func (n Name) String() string { return n.Text }

// The is the name with its article: « le Département du Val-de-Marne ».
func (n Name) The() string {
	switch n.Article {
	case "":
		return n.Text
	case "l’":
		return "l’" + n.Text
	}
	return n.Article + " " + n.Text
}

// Of is « de » and the name: « du Département », « de la Direction »,
// « de l’Agence », « des Services », « de Paris », « d’Ivry ».
func (n Name) Of() string {
	switch n.Article {
	case "le":
		return "du " + n.Text
	case "les":
		return "des " + n.Text
	case "":
		if r, _ := utf8.DecodeRuneInString(n.Text); vowel(r) {
			return "d’" + n.Text
		}
		return "de " + n.Text
	}
	return "de " + n.The()
}

// To is « à » and the name: « au Département », « à la Direction ».
func (n Name) To() string {
	switch n.Article {
	case "le":
		return "au " + n.Text
	case "les":
		return "aux " + n.Text
	}
	return "à " + n.The()
}

// By is « par » and the name: « par le Département ».
func (n Name) By() string { return "par " + n.The() }

// Capital is s with an upper-case first letter, to start a sentence with a
// name's form: « Le Département ».
var Capital = typo.UpperFirst
