package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"spaser/internal/scaffold"
)

const newUsage = `Utilisation :
  spaser new annee AAAA [--source DOSSIER]
      Crée data/valeurs/AAAA.toml : chaque indicateur du catalogue y figure,
      en commentaire, avec son intitulé, son unité, son objectif et sa
      dernière valeur ; il reste à remplir les blancs.
  spaser new action DOSSIER-DE-L-ENJEU NOM [--titre "…"] [--source DOSSIER]
      Crée une page d'action dans le dossier d'un enjeu, par exemple :
      spaser new action content/axes/1-transition-ecologique/1-climat 5-velos
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
	case "annee", "année", "action", "indicateur":
	default:
		fmt.Fprintf(stderr, "spaser new : « %s » inconnu (annee, action ou indicateur)\n\n%s", what, newUsage)
		return 2
	}
	fs := flag.NewFlagSet("new "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, newUsage) }
	source := fs.String("source", ".", "dossier du site (contient content/ et data/)")
	title := fs.String("titre", "", "titre de la nouvelle page (action seulement)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	want := strings.Fields(map[string]string{"annee": "AAAA", "année": "AAAA", "action": "DOSSIER-DE-L-ENJEU NOM", "indicateur": "IDENTIFIANT"}[what])
	switch {
	case len(pos) < len(want):
		fmt.Fprintf(stderr, "spaser new %s : il manque %s\n\n%s", what, strings.Join(want[len(pos):], " "), newUsage)
		return 2
	case len(pos) > len(want):
		fmt.Fprintf(stderr, "spaser new %s : argument inattendu « %s »\n\n%s", what, pos[len(want)], newUsage)
		return 2
	}
	switch what {
	case "annee", "année":
		year, err := strconv.Atoi(pos[0])
		if err != nil || year < 1990 || year > 2100 {
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
