// Command spaser builds the website of a SPASER (schéma de promotion des
// achats socialement et écologiquement responsables) from Markdown and TOML.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spaser"
	"spaser/internal/build"
	"spaser/internal/diag"
	"spaser/internal/typo"
)

const usage = `spaser — publie en ligne un SPASER (schéma de promotion des achats
socialement et écologiquement responsables) et ses indicateurs.

Utilisation :
  spaser build [--source DOSSIER] [--dest DOSSIER] [--base-url URL]
      Construit le site statique (dans public/ par défaut).
  spaser check [--source DOSSIER] [--strict] [--annee AAAA]
      Vérifie tout le site sans rien écrire et liste chaque problème, puis
      fait le bilan au regard de l'article L2111-3.
  spaser serve [--source DOSSIER] [--port N] [--open]
      Aperçu dans le navigateur (http://127.0.0.1:1313/), reconstruit et
      rechargé à chaque modification ; les erreurs s'affichent dans la page.
  spaser new site DOSSIER --collectivite "…" --periode AAAA-AAAA [--niveaux "…"]
  spaser new annee AAAA
  spaser new action DOSSIER-PARENT NOM
  spaser new indicateur IDENTIFIANT
      Crée un fichier prérempli et commenté (sans jamais en écraser un).
  spaser decp extraire --acheteur SIRET FICHIER
      Garde les seuls contrats de l'acheteur d'un fichier des données
      essentielles de la commande publique et les écrit dans data/decp/.
  spaser version
      Affiche la version du programme.
  spaser export annee AAAA -o FICHIER.xlsx|FICHIER.csv
  spaser import annee AAAA FICHIER [--force]
      Écrit les valeurs de l'année dans un tableur, puis relit le tableur
      rempli (chaque cellule vérifiée ; rien n'est remplacé sans --force).

Lancez « spaser COMMANDE -h » pour l'aide d'une commande.
`

func main() {
	os.Exit(safeRun(os.Args[1:], os.Stdout, os.Stderr))
}

// safeRun is run, with a bug of the generator reported in French with exit
// status 1 rather than a Go panic (whose status, 2, would say « usage »).
func safeRun(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "spaser : %v\n", diag.Internal(r))
			code = 1
		}
	}()
	return run(args, stdout, stderr)
}

// run is the whole command; it returns the exit status: 0 success, 1
// content errors, 2 usage errors.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "decp":
		return runDecp(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(args[1:], stdout, stderr)
	case "export":
		return runExport(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "-h", "--help", "-help", "help", "aide":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "spaser : commande inconnue « %s »\n\n%s", args[0], usage)
	return 2
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := sourceFlag(fs)
	dest := fs.String("dest", "", "dossier où écrire le site (par défaut : public/ dans le dossier du site)")
	baseURL := fs.String("base-url", "", "adresse publique du site, par exemple https://www.exemple.fr/spaser/ ou /spaser/ (par défaut : base_url de data/site.toml)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Utilisation : spaser build [--source DOSSIER] [--dest DOSSIER] [--base-url URL]\n\nConstruit le site statique. Options :\n")
		printOptions(fs, stderr)
	}
	if code, ok := parseCommand(fs, args, stderr); !ok {
		return code
	}
	if wrongFolder("build", *source, stderr) {
		return 2
	}
	res, err := build.Run(build.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Defaults: spaser.Layouts})
	if err != nil {
		return reportError(err, stderr)
	}
	for _, d := range res.Diags {
		fmt.Fprintln(stderr, d.String())
	}
	out := *dest
	if out == "" {
		out = *source + "/public"
	}
	fmt.Fprintf(stdout, "Site construit dans %s : %s pages, %s fichiers en %s ms.\n", out,
		typo.Number(float64(res.Pages), 0), typo.Number(float64(res.Files), 0),
		typo.Number(float64(res.Duration.Microseconds())/1000, 0))
	return 0
}

func reportError(err error, stderr io.Writer) int {
	var le *diag.ListError
	if errors.As(err, &le) {
		for _, d := range le.Items {
			fmt.Fprintln(stderr, d.String())
		}
		fmt.Fprintf(stderr, "\nÉchec de la construction : %s. Le site publié précédemment n'a pas été modifié.\n", diag.Summary(le.Items))
		return 1
	}
	fmt.Fprintf(stderr, "spaser : %v\n", err)
	if build.IsUsage(err) {
		return 2
	}
	return 1
}
