package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/sheet"
)

const exportUsage = `Utilisation : spaser export annee AAAA [--format xlsx|csv] -o FICHIER [--source DOSSIER] [--force]

Écrit les valeurs de l’année dans un tableur à remplir : une ligne par
indicateur (et par détail), les objectifs et la dernière valeur publiée en
lecture seule. Le format se déduit de l’extension du fichier (.xlsx, .csv).

Options :
`

const importUsage = `Utilisation : spaser import annee AAAA FICHIER [--source DOSSIER] [--force]

Lit un tableur rempli (.xlsx, ou .csv avec « ; » ou « , ») et vérifie
chaque cellule comme le fichier data/valeurs/AAAA.toml. Montre ce qui
changerait ; n’écrit le fichier de valeurs que s’il n’existe pas encore, ou
avec --force.

Options :
`

// yearArgs parses "annee AAAA [FILE]" and the options around them (editors
// type the options after the arguments).
func yearArgs(fs *flag.FlagSet, args []string, want int, stderr io.Writer) (year int, rest []string, code int, ok bool) {
	fs.SetOutput(stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, nil, 0, false
		}
		return 0, nil, 2, false
	}
	if len(pos) != want || pos[0] != "annee" {
		fmt.Fprintf(stderr, "spaser %s : écrivez « spaser %s annee AAAA", fs.Name(), fs.Name())
		if want == 3 {
			fmt.Fprint(stderr, " FICHIER")
		}
		fmt.Fprint(stderr, " »\n\n")
		fs.Usage()
		return 0, nil, 2, false
	}
	year, err = strconv.Atoi(pos[1])
	if err != nil || !config.ValidYear(year) {
		fmt.Fprintf(stderr, "spaser %s : année « %s » invalide (par exemple 2025)\n", fs.Name(), pos[1])
		return 0, nil, 2, false
	}
	return year, pos[2:], 0, true
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	source := sourceFlag(fs)
	format := fs.String("format", "", "xlsx ou csv (par défaut : l’extension du fichier)")
	out := fs.String("o", "", "le fichier à écrire, par exemple valeurs-2025.xlsx")
	force := fs.Bool("force", false, "remplace le fichier s’il existe")
	fs.Usage = func() { fmt.Fprint(stderr, exportUsage); printOptions(fs, stderr) }
	year, _, code, ok := yearArgs(fs, args, 2, stderr)
	if !ok {
		return code
	}
	if *out == "" {
		fmt.Fprint(stderr, "spaser export : indiquez le fichier à écrire avec -o, par exemple -o valeurs.xlsx\n\n")
		fs.Usage()
		return 2
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if f == "" {
		fmt.Fprintf(stderr, "spaser export : -o %s n’a pas d’extension : écrivez par exemple -o valeurs.xlsx ou -o valeurs.csv, ou ajoutez --format xlsx\n", *out)
		return 2
	}
	if f != "xlsx" && f != "csv" {
		fmt.Fprintf(stderr, "spaser export : format « %s » inconnu : --format xlsx ou --format csv\n", f)
		return 2
	}
	cat, code := loadCatalogue(*source, stderr)
	if cat == nil {
		return code
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		fmt.Fprintf(stderr, "spaser export : %s existe déjà ; choisissez un autre nom, ou ajoutez --force pour le remplacer\n", *out)
		return 1
	}
	var b bytes.Buffer
	var err error
	if f == "xlsx" {
		err = sheet.WriteXLSX(&b, cat, year)
	} else {
		err = sheet.WriteCSV(&b, cat, year)
	}
	if err == nil {
		err = sheet.WriteFile(*out, b.Bytes())
	}
	if err != nil {
		fmt.Fprintf(stderr, "spaser export : %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Valeurs %d écrites dans %s (%d indicateurs). Remplissez la feuille « %s », puis : spaser import annee %d %s\n",
		year, *out, len(cat.List), sheet.SheetName, year, *out)
	return 0
}

// loadCatalogue loads the catalogue and values of the site, printing their
// errors: an export of a site that does not load would be wrong.
func loadCatalogue(source string, stderr io.Writer) (*indicator.Catalogue, int) {
	fsys := os.DirFS(source)
	l := &diag.List{}
	cfg := config.Load(fsys, l)
	var cat *indicator.Catalogue
	if cfg != nil {
		cat = indicator.Load(fsys, cfg, l)
	}
	if l.HasErrors() || cat == nil {
		for _, d := range l.Items() {
			fmt.Fprintln(stderr, d.String())
		}
		fmt.Fprintf(stderr, "\nCorrigez d’abord ces erreurs (spaser check).\n")
		return nil, 1
	}
	return cat, 0
}

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	source := sourceFlag(fs)
	force := fs.Bool("force", false, "remplace le fichier de valeurs s’il existe")
	fs.Usage = func() { fmt.Fprint(stderr, importUsage); printOptions(fs, stderr) }
	year, rest, code, ok := yearArgs(fs, args, 3, stderr)
	if !ok {
		return code
	}
	g, err := readSheet(rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "spaser import : %s : %v\n", rest[0], err)
		return 1
	}
	l := &diag.List{}
	plan := sheet.Import(os.DirFS(*source), year, g, l)
	for _, d := range l.Items() {
		fmt.Fprintln(stdout, d.String())
	}
	if plan == nil {
		fmt.Fprintf(stdout, "\nImport impossible : %s. Corrigez le tableur ; rien n’a été écrit.\n", diag.Summary(l.Items()))
		return 1
	}
	if plan.Exists && len(plan.Changes) == 0 {
		fmt.Fprintf(stdout, "Aucun changement : %s contient déjà ces valeurs.\n", plan.File)
		return 0
	}
	fmt.Fprintf(stdout, "Changements dans %s :\n", plan.File)
	for _, c := range plan.Changes {
		fmt.Fprintf(stdout, "  %s\n", c)
	}
	if plan.Exists && !*force {
		fmt.Fprintf(stdout, "\nRien n’a été écrit : relancez avec --force pour remplacer %s.\n", plan.File)
		return 1
	}
	if err := plan.Write(*source); err != nil {
		fmt.Fprintf(stderr, "spaser import : %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "\n%s écrit. Vérifiez avec spaser check, puis regardez l’aperçu (spaser serve).\n", plan.File)
	return 0
}

func readSheet(name string) (sheet.Grid, error) {
	info, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return sheet.Grid{}, errors.New("fichier introuvable")
		}
		return sheet.Grid{}, err
	}
	if info.Size() > sheet.MaxFileSize {
		return sheet.Grid{}, fmt.Errorf("fichier trop gros (%d octets, au plus %d)", info.Size(), sheet.MaxFileSize)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return sheet.Grid{}, err
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return sheet.ReadXLSX(data)
	case ".csv":
		return sheet.ReadCSV(data, filepath.Base(name))
	case ".ods":
		return sheet.Grid{}, errors.New("format ODS non lu : dans LibreOffice, « Enregistrer sous » au format .xlsx ou .csv")
	}
	return sheet.Grid{}, errors.New("format inconnu : un fichier .xlsx ou .csv")
}
