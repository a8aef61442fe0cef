package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/indicator"
	"spaser/internal/markdown"
	"spaser/internal/typo"
)

// SiteOptions are what `spaser new site` asks for.
type SiteOptions struct {
	Collectivite string
	Title        string // "SPASER 2025-2030" when empty
	Start, End   int
	Levels       []config.Level
}

var periodRe = regexp.MustCompile(`^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$`)

// ParsePeriod reads "2025-2030".
func ParsePeriod(s string) (start, end int, err error) {
	m := periodRe.FindStringSubmatch(s)
	if m != nil {
		start, _ = strconv.Atoi(m[1])
		end, _ = strconv.Atoi(m[2])
	}
	if m == nil || !config.ValidPeriod(start, end) {
		return 0, 0, &Error{Msg: fmt.Sprintf("période illisible : « %s »", s), Hint: "Écrivez la première et la dernière année du schéma : --periode 2025-2030."}
	}
	return start, end, nil
}

// Site writes a new, minimal site in dir: its settings, a home page, the
// schema with one example page per level, and an indicator catalogue with
// commented examples. Nothing is written when one of its files exists.
func Site(dir string, o SiteOptions) ([]string, error) {
	if strings.TrimSpace(o.Collectivite) == "" {
		return nil, &Error{Msg: "nom de la collectivité manquant", Hint: "Indiquez-le avec --collectivite \"Ville de …\"."}
	}
	if len(o.Levels) == 0 {
		return nil, &Error{Msg: "aucun niveau de schéma", Hint: "Indiquez les niveaux avec --niveaux \"Axe,Action\"."}
	}
	if o.Title == "" {
		o.Title = fmt.Sprintf("SPASER %d-%d", o.Start, o.End)
	}
	files := siteFiles(o)
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.rel))); !errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{
				Msg:  fmt.Sprintf("%s existe déjà dans %s : rien n'a été écrit", f.rel, dir),
				Hint: "Choisissez un dossier vide, ou un nouveau dossier : spaser new site ne remplace jamais un fichier.",
			}
		}
	}
	var written []string
	for _, f := range files {
		if err := create(dir, f.rel, []byte(f.text)); err != nil {
			return written, err
		}
		written = append(written, f.rel)
	}
	return written, nil
}

type siteFile struct{ rel, text string }

// siteFiles are the files of a new site, in the order they are written.
func siteFiles(o SiteOptions) []siteFile {
	root := markdown.Slug(o.Levels[0].Plural)
	if root == "" {
		root = "schema"
	}
	leaf := fmt.Sprintf("%q, %q", exampleIDs[0], exampleIDs[1])
	files := []siteFile{
		{config.File, siteTOML(o, root)},
		{indicator.CatalogueFile, catalogueTOML(o)},
		{content.Dir + "/_index.md", homeMD(o, root)},
		{content.Dir + "/" + root + "/_index.md", schemaMD(o)},
	}
	dir := content.Dir + "/" + root
	for i, lv := range o.Levels {
		name := "1-" + markdown.Slug(lv.Singular)
		last := i == len(o.Levels)-1
		rel := dir + "/" + name + "/_index.md"
		if last {
			rel = dir + "/" + name + ".md"
		}
		dir += "/" + name
		ids := ""
		if last {
			ids = leaf
		}
		files = append(files, siteFile{rel, levelMD(o, i, ids)})
	}
	return files
}

// exampleIDs are the indicators of the new catalogue: the two that any
// SPASER follows (article L2111-3 asks for its social and environmental
// considerations in number of contracts).
var exampleIDs = []string{"marches-clause-sociale", "marches-clause-environnementale"}

func siteTOML(o SiteOptions, root string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# ---------------------------------------------------------------------------
# Réglages du site du %[1]s de %[2]s, créés par « spaser new site ».
# Changez les textes entre guillemets et les nombres ; les noms placés avant
# le signe = sont attendus tels quels. Une ligne qui commence par # est un
# commentaire. Le README (« Publier le SPASER d'une autre collectivité »)
# décrit chaque réglage ; « spaser check » vérifie tout.
# ---------------------------------------------------------------------------

title = %[3]s
collectivite = %[4]s
# L'adresse publique du site, par exemple "https://www.exemple.fr/spaser/"
# (vide : le site fonctionne à la racine de n'importe quelle adresse).
base_url = ""
period_start = %[5]d
period_end = %[6]d
# Première année pour laquelle des valeurs peuvent être publiées (par défaut
# period_start ; plus tôt si le schéma cite des chiffres antérieurs).
data_from = %[5]d
# Date d'adoption du schéma (AAAA-MM-JJ), à indiquer.
adoption_date = ""
# Le service à contacter, affiché dans les mentions légales.
contact = %[4]s
contact_email = ""
# Les indicateurs mis en avant sur la page d'accueil (leurs id).
headline = []

# Le schéma : le dossier content/%[7]s et ses niveaux, du plus haut au plus
# bas. « demonstrative » sert dans des phrases comme « les indicateurs de
# cette mesure » : corrigez-le si le genre deviné est faux.
[schema]
root = %[8]s
`, o.Title, o.Collectivite, tomlString(o.Title), tomlString(o.Collectivite), o.Start, o.End, root, tomlString(root))
	for _, lv := range o.Levels {
		fmt.Fprintf(&b, "\n[[schema.levels]]\nsingular = %s\nplural = %s\ndemonstrative = %s\n",
			tomlString(lv.Singular), tomlString(lv.Plural), tomlString(lv.Demonstrative))
	}
	fmt.Fprintf(&b, `
# Mentions légales : l'éditeur, le directeur ou la directrice de la
# publication (une fonction suffit), l'adresse et l'hébergeur, à compléter.
[publication]
publisher = %[1]s
director = ""
address = ""
host = ""

# Déclaration d'accessibilité : elle est calculée à partir de la grille
# d'audit RGAA, data/rgaa/grille.toml (voir le README, « La déclaration
# d'accessibilité »). Sans grille, le site se déclare « non conforme ».

# Couleurs du site (en hexadécimal), vérifiées à la construction (contraste
# d'au moins 4,5:1 pour un texte). Sans ce bloc, des couleurs neutres.
# Retirez les # pour choisir les vôtres :
#[colors]
#accent = "#1f4e79"         # liens, titres, boutons
#accent_bg = "#eef2f6"      # fond teinté (« En bref »)
#background_alt = "#f4f5f6" # en-têtes de tableaux, pied de page

# Les informations affichées sur la fiche de chaque indicateur. Chaque
# indicateur les renseigne dans data/indicateurs.toml par une ligne
# « clé = "…" » ; une information non renseignée n'est pas affichée.
# list = true : elle figure aussi dans la liste des indicateurs.
[[facts]]
key = "pilote"
label = "Service pilote"
list = true
# Pour une liste fermée de valeurs, avec le texte affiché pour chacune :
#[facts.values]
#DA = "DA (Direction des achats)"

# Unités : celles du README (marches, consultations, euros_ht, heures,
# personnes…) sont toujours disponibles. Déclarez les autres ainsi ; legal
# dit comment l'unité compte pour l'article L2111-3 : "contracts" (des
# contrats), "value" (un montant en € HT), ou rien.
#[[units]]
#id = "entreprises"
#singular = "entreprise"
#plural = "entreprises"
`, tomlString(o.Collectivite))
	return b.String()
}

func homeMD(o SiteOptions, root string) string {
	return fmt.Sprintf(`+++
# La page d'accueil. Les lignes qui commencent par # sont des explications :
# elles ne sont pas publiées. Remplacez le texte sous la ligne +++ par la
# présentation du schéma (adoption, ambitions).
title = %s
summary = %s
+++

%s publie ici son schéma de promotion des achats socialement et écologiquement responsables (SPASER) pour les années %d à %d, comme le prévoit l'article L2111-3 du Code de la commande publique, avec les indicateurs qui en suivent la mise en œuvre.

Le schéma s'organise en %s : voir [le sommaire du schéma](/%s/_index.md).
`, tomlString("Schéma de promotion des achats socialement et écologiquement responsables"),
		tomlString(fmt.Sprintf("Le schéma de promotion des achats socialement et écologiquement responsables de %s, %d-%d, et ses indicateurs de suivi.", o.Collectivite, o.Start, o.End)),
		o.Collectivite, o.Start, o.End, levelList(o.Levels), root)
}

// levelList names the levels: « chantiers, objectifs et engagements ».
func levelList(levels []config.Level) string {
	var words []string
	for _, lv := range levels {
		words = append(words, typo.LowerFirst(lv.Plural))
	}
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}

func schemaMD(o SiteOptions) string {
	return fmt.Sprintf(`+++
# Le sommaire du schéma : ses %s, puis leurs sous-parties. Chaque dossier
# placé ici est une page de niveau « %s » ; il doit avoir son _index.md.
title = %s
summary = %s
+++
`, typo.LowerFirst(o.Levels[0].Plural), o.Levels[0].Singular,
		tomlString("Les "+typo.LowerFirst(o.Levels[0].Plural)+" du schéma"),
		tomlString("Le schéma, "+levelWord(o.Levels[0])+" par "+levelWord(o.Levels[0])+"."))
}

func levelWord(lv config.Level) string { return typo.LowerFirst(lv.Singular) }

// levelMD is the example page of level i; ids are the indicators it
// follows, for the last level.
func levelMD(o SiteOptions, i int, ids string) string {
	lv := o.Levels[i]
	about := fmt.Sprintf("Exemple de page de niveau « %s ». Ce fichier devient une adresse du site : son nom (1-%s) se renomme librement (minuscules sans accents, chiffres, tirets).",
		lv.Singular, markdown.Slug(lv.Singular))
	if i+1 < len(o.Levels) {
		about = fmt.Sprintf("Exemple de page de niveau « %s ». Son dossier devient une adresse du site : son nom (1-%s) se renomme librement (minuscules sans accents, chiffres, tirets). Ses sous-parties (%s) sont les dossiers et fichiers .md placés à côté de ce _index.md.",
			lv.Singular, markdown.Slug(lv.Singular), typo.LowerFirst(o.Levels[i+1].Plural))
	}
	about += " Pour une autre page du même niveau, copiez-le."
	indicators := ""
	if ids != "" {
		indicators = fmt.Sprintf("indicators = [%s]\n# ↑ les indicateurs que suit cette page, par leur id (data/indicateurs.toml).\n", ids)
	}
	return fmt.Sprintf(`+++
%stitle = %s
summary = ""
# ↑ une ou deux phrases : le résumé affiché dans les listes.
weight = 1
# ↑ l'ordre parmi les pages de même niveau ; les numéros en découlent.
%s+++

## Éléments de contexte

Le texte de %s, tel que le schéma l'écrit.
`, wrap(about, "# ", 78), tomlString(lv.Singular+" d'exemple"), indicators, lv.Demonstrative)
}

func catalogueTOML(o SiteOptions) string {
	return fmt.Sprintf(`# ---------------------------------------------------------------------------
# Catalogue des indicateurs de suivi du %[1]s de %[2]s.
# Un bloc [[indicator]] par indicateur (le README décrit chaque clé) ; ses
# valeurs annuelles vont dans data/valeurs/AAAA.toml (spaser new annee AAAA).
# N'inscrivez que des chiffres publiés, avec leur source.
# ---------------------------------------------------------------------------

[[indicator]]
id = "marches-clause-sociale"
label = "Nombre et part des marchés comprenant une clause sociale"
short_label = "Marchés avec une clause sociale"
kind = "share"
unit = "marches"
direction = "up"
# pilote = "…"  (une information déclarée dans data/site.toml, [[facts]])

[[indicator]]
id = "marches-clause-environnementale"
label = "Nombre et part des marchés comprenant une clause ou un critère environnemental"
short_label = "Marchés avec une considération environnementale"
kind = "share"
unit = "marches"
direction = "up"

# ---------------------------------------------------------------------------
# Exemples commentés : retirez les # d'un bloc pour l'utiliser, après l'avoir
# placé sous l'indicateur concerné et complété. Les chiffres sont ceux de
# votre schéma, jamais ceux de ces exemples.
# ---------------------------------------------------------------------------

# Un objectif par paliers : chaque objectif s'applique à partir de son année
# jusqu'au palier suivant (ici 30 %% dès %[3]d, puis 40 %% dès %[4]d).
#[[indicator.target]]
#year = %[3]d
#value = 30
#source = "SPASER, axe 1"
#[[indicator.target]]
#year = %[4]d
#value = 40
#source = "SPASER, axe 1"

# Plusieurs objectifs pour un même indicateur : chaque série a son nom.
#[[indicator.target]]
#year = %[4]d
#value = 20
#label = "marchés de travaux"
#source = "SPASER, axe 1"

# Un objectif propre à une partie de l'indicateur (comparé au détail de
# même nom dans les valeurs annuelles).
#[[indicator.target]]
#year = %[4]d
#value = 60
#breakdown = "Restauration collective"
#source = "SPASER, axe 2"

# La situation de départ : une année, ou une période dans les mots de la
# source quand elle ne donne pas d'année.
#[[indicator.baseline]]
#period = "à l'adoption du schéma"
#count = 12
#total = 80
#source = "SPASER, diagnostic"

# ---------------------------------------------------------------------------
# Autres sortes d'objectifs que les schémas fixent (voir le README, « Les
# objectifs »). Même usage : retirez les # et complétez.
# ---------------------------------------------------------------------------

# Une échéance : « d'ici fin %[5]d ». Avant l'échéance, la valeur est comparée
# à la droite qui va de la situation de départ datée à l'objectif. Un
# objectif sans année ni échéance s'applique à la fin du schéma.
#[[indicator.target]]
#by = %[5]d
#value = 100
#source = "SPASER, axe 1"

# Un plancher et un objectif : « 150 000 heures par an, jamais moins de
# 80 000 ».
#[[indicator.target]]
#year = %[3]d
#value = 150000
#floor = 80000
#source = "SPASER, axe 2"

# Un objectif relatif à une année de départ : doubler (factor = 2), ou une
# évolution en pourcentage (change = 50 pour +50 %%, change = -30 pour −30 %%).
# Le chiffre à atteindre est calculé dès que la valeur de l'année de départ
# est publiée.
#[[indicator.target]]
#by = %[5]d
#factor = 2
#baseline_year = %[3]d
#source = "SPASER, axe 2"

# « Au plus » (un maximum à ne pas dépasser) et une fourchette.
#[[indicator.target]]
#year = %[3]d
#at_most = 5
#source = "SPASER, axe 1"
#[[indicator.target]]
#year = %[3]d
#min = 10
#max = 20
#source = "SPASER, axe 3"

# Un jalon (obtenir un label, adopter une charte) : un indicateur de type
# "milestone", sans unité ; chaque année, done = true ou false (et la date
# une fois le jalon franchi) dans data/valeurs/AAAA.toml.
#[[indicator]]
#id = "label-achats-responsables"
#label = "Obtenir le label Relations fournisseurs et achats responsables"
#kind = "milestone"
#[[indicator.target]]
#by = %[5]d
#text = "obtenir le label"
#source = "SPASER, axe 3"

# Un engagement sans chiffre : un indicateur de type "qualitative", suivi
# chaque année par un court compte rendu (text = "…") dans
# data/valeurs/AAAA.toml.
#[[indicator]]
#id = "sourcing-ess"
#label = "Rencontrer les structures de l'économie sociale et solidaire avant chaque consultation importante"
#kind = "qualitative"
#[[indicator.target]]
#text = "rencontrer les structures de l'ESS avant chaque consultation importante"
#source = "SPASER, axe 2"
`, o.Title, o.Collectivite, o.Start, min(o.Start+2, o.End), o.End)
}
