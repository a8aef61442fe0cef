package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"spaser/internal/config"
	"spaser/internal/scaffold"
)

const newUsage = `Utilisation :
  spaser new site DOSSIER --collectivite "…" --periode AAAA-AAAA [--niveaux "…"] [--titre "…"]
      Crée dans DOSSIER (vide ou nouveau) un site minimal, prêt à vérifier et
      construire : réglages, page d'accueil, une page d'exemple par niveau du
      schéma, catalogue d'indicateurs avec des exemples commentés.
      --niveaux : les noms des niveaux, du plus haut au plus bas (par défaut
      "Axe,Action"), par exemple "Chantier,Objectif,Engagement" ; pluriel et
      démonstratif sont déduits, ou donnés ainsi : "Axe/Axes/cet axe".
  spaser new annee AAAA [--source DOSSIER]
      Crée data/valeurs/AAAA.toml : chaque indicateur du catalogue y figure,
      en commentaire, avec son intitulé, son unité, son objectif et sa
      dernière valeur ; il reste à remplir les blancs.
  spaser new action DOSSIER-PARENT NOM [--titre "…"] [--source DOSSIER]
      Crée une page du dernier niveau du schéma dans le dossier de sa page
      parente, par exemple :
      spaser new action content/axes/1-premier-axe/2-second-enjeu 5-velos
  spaser new indicateur IDENTIFIANT [--source DOSSIER]
      Ajoute à la fin de data/indicateurs.toml un bloc commenté à compléter
      (le reste du fichier n'est pas modifié).

Aucun fichier existant n'est jamais écrasé.
`

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	what := args[0]
	switch what {
	case "-h", "--help", "-help", "help", "aide":
		fmt.Fprint(stdout, newUsage)
		return 0
	case "annee", "année", "action", "indicateur", "site":
	default:
		fmt.Fprintf(stderr, "spaser new : « %s » inconnu (site, annee, action ou indicateur)\n\n%s", what, newUsage)
		return 2
	}
	fs := flag.NewFlagSet("new "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, newUsage) }
	source := fs.String("source", ".", "dossier du site (contient content/ et data/)")
	title := fs.String("titre", "", "titre de la nouvelle page (action), ou du site (site ; par défaut « SPASER AAAA-AAAA »)")
	org := fs.String("collectivite", "", "nom de la collectivité (site seulement)")
	period := fs.String("periode", "", "première et dernière année du schéma, par exemple 2025-2030 (site seulement)")
	levels := fs.String("niveaux", "Axe,Action", "noms des niveaux du schéma, du plus haut au plus bas (site seulement)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	want := strings.Fields(map[string]string{"site": "DOSSIER", "annee": "AAAA", "année": "AAAA", "action": "DOSSIER-PARENT NOM", "indicateur": "IDENTIFIANT"}[what])
	switch {
	case len(pos) < len(want):
		fmt.Fprintf(stderr, "spaser new %s : il manque %s\n\n%s", what, strings.Join(want[len(pos):], " "), newUsage)
		return 2
	case len(pos) > len(want):
		fmt.Fprintf(stderr, "spaser new %s : argument inattendu « %s »\n\n%s", what, pos[len(want)], newUsage)
		return 2
	}
	switch what {
	case "site":
		return newSite(pos[0], *org, *period, *levels, *title, stdout, stderr)
	case "annee", "année":
		year, err := strconv.Atoi(pos[0])
		if err != nil || !config.ValidYear(year) {
			fmt.Fprintf(stderr, "spaser new annee : « %s » n'est pas une année (exemple : spaser new annee 2025)\n", pos[0])
			return 2
		}
		rel, n, err := scaffold.Year(*source, year)
		if err != nil {
			return newFailed(err, stderr)
		}
		fmt.Fprintf(stdout, "Créé : %s (%d indicateurs à remplir).\n", rel, n)
		fmt.Fprintf(stdout, "Ensuite : ouvrez ce fichier, remplacez les \"\" par les chiffres publiés de %d et leur source (un bloc laissé tel quel ne publie rien), puis lancez spaser check.\n", year)
	case "action":
		res, err := scaffold.Action(*source, pos[0], pos[1], *title)
		if err != nil {
			return newFailed(err, stderr)
		}
		if res.Warning != "" {
			fmt.Fprintf(stderr, "Attention : %s\n", res.Warning)
		}
		fmt.Fprintf(stdout, "Créé : %s (weight = %d, après les pages existantes).\n", res.File, res.Weight)
		fmt.Fprintln(stdout, "Ensuite : écrivez le titre, le résumé et le texte, ajoutez les indicateurs suivis, puis vérifiez avec spaser serve ou spaser check.")
	case "indicateur":
		rel, err := scaffold.Indicator(*source, pos[0])
		if err != nil {
			return newFailed(err, stderr)
		}
		fmt.Fprintf(stdout, "Bloc ajouté à la fin de %s pour l'indicateur %s (en commentaire : le reste du fichier n'a pas changé).\n", rel, pos[0])
		fmt.Fprintf(stdout, "Ensuite : complétez-le et retirez les # au début de ses lignes, ajoutez \"%s\" à la liste indicators de la page qui le suit, puis lancez spaser check.\n", pos[0])
	}
	return 0
}

func newFailed(err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "spaser new : %v\n", err)
	return 1
}

// parseInterspersed parses flags written before, between or after the
// positional arguments, as editors write them, and returns the latter.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args, fs.Output()); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newSite runs `spaser new site`: options wrong or missing are usage
// errors (2), an existing file a refusal (1).
func newSite(dir, org, period, levels, title string, stdout, stderr io.Writer) int {
	if strings.TrimSpace(org) == "" || period == "" {
		fmt.Fprintf(stderr, "spaser new site : indiquez --collectivite et --periode, par exemple :\n  spaser new site mon-spaser --collectivite \"Ville de Saint-Exemple\" --periode 2025-2030\n")
		return 2
	}
	start, end, err := scaffold.ParsePeriod(period)
	if err != nil {
		fmt.Fprintf(stderr, "spaser new site : %v\n", err)
		return 2
	}
	lv, err := scaffold.ParseLevels(levels)
	if err != nil {
		fmt.Fprintf(stderr, "spaser new site : %v\n", err)
		return 2
	}
	files, err := scaffold.Site(dir, scaffold.SiteOptions{Collectivite: strings.TrimSpace(org), Title: strings.TrimSpace(title), Start: start, End: end, Levels: lv})
	if err != nil {
		return newFailed(err, stderr)
	}
	fmt.Fprintf(stdout, "Site créé dans %s (%d fichiers) :\n", dir, len(files))
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "Ensuite : complétez data/site.toml (mentions légales, adresse du site), remplacez les pages d'exemple par le texte du schéma, puis lancez spaser check --source %s et spaser build --source %s.\n", dir, dir)
	return 0
}
