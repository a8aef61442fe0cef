package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"spaser/internal/decp"
	"spaser/internal/typo"
)

const decpUsage = `Utilisation :
  spaser decp extraire --acheteur SIRET [--acheteur SIRET…] [--source DOSSIER] [--remplacer] FICHIER
      Garde, dans un fichier des données essentielles de la commande publique
      (DECP, JSON ou CSV, éventuellement .gz, par exemple le fichier consolidé
      national de data.gouv.fr), les seuls contrats de l’acheteur, et les écrit
      dans data/decp/ du site. Un SIREN (9 chiffres) garde tous ses SIRET.
      Un fichier existant n’est remplacé qu’avec --remplacer.
`

func runDecp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "extraire" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "aide") {
			fmt.Fprint(stdout, decpUsage)
			return 0
		}
		fmt.Fprint(stderr, decpUsage)
		return 2
	}
	fs := flag.NewFlagSet("decp extraire", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, decpUsage) }
	var ids multi
	fs.Var(&ids, "acheteur", "SIRET (14 chiffres) ou SIREN (9 chiffres) de l’acheteur ; répétable")
	source := fs.String("source", ".", "dossier du site (le fichier est écrit dans data/decp/)")
	replace := fs.Bool("remplacer", false, "remplace le fichier extrait s’il existe déjà")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case len(ids) == 0:
		fmt.Fprintf(stderr, "spaser decp extraire : indiquez l’acheteur avec --acheteur SIRET\n\n%s", decpUsage)
		return 2
	case len(pos) != 1:
		fmt.Fprintf(stderr, "spaser decp extraire : indiquez un seul FICHIER à filtrer\n\n%s", decpUsage)
		return 2
	}
	buyers, err := decp.NewBuyers(ids)
	if err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %v\n", err)
		return 2
	}
	format, gz, ok := decp.FormatOf(pos[0])
	if !ok {
		fmt.Fprintf(stderr, "spaser decp extraire : « %s » : les DECP se lisent en .json ou .csv (éventuellement .gz)\n", pos[0])
		return 2
	}
	return extract(pos[0], format, gz, buyers, ids, *source, *replace, stdout, stderr)
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func extract(input string, format decp.Format, gz bool, buyers decp.Buyers, ids []string, source string, replace bool, stdout, stderr io.Writer) int {
	in, err := os.Open(input)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "spaser decp extraire : %s introuvable : vérifiez le nom du fichier et le dossier d’où vous lancez la commande.\n", input)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %s illisible (%v) : vérifiez les droits de lecture du fichier.\n", input, err)
		return 1
	}
	defer in.Close()
	ext := ".json"
	if format == decp.CSV {
		ext = ".csv"
	}
	rel := filepath.Join("data", "decp", "decp-"+strings.Join(ids, "-")+ext)
	dest := filepath.Join(source, rel)
	if _, err := os.Stat(dest); err == nil && !replace {
		fmt.Fprintf(stderr, "spaser decp extraire : %s existe déjà ; relancez avec --remplacer pour le remplacer par ce nouvel extrait.\n", rel)
		return 1
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %v\n", err)
		return 1
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".decp-extrait-*")
	if err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %v\n", err)
		return 1
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	size := int64(0)
	if st, err := in.Stat(); err == nil {
		size = st.Size()
	}
	cr := &countingReader{r: in}
	start := time.Now()
	progress := progressFunc(stderr, cr, size)
	st, err := decp.Extract(cr, input, format, gz, buyers, tmp, progress)
	if progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// CreateTemp makes the file 0600: the extract is site data, readable
		// like the rest of data/ (as sheet.WriteFile does for values).
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %v\nAucun fichier n’a été écrit.\n", err)
		return 1
	}
	_, statErr := os.Stat(dest)
	if err := os.Rename(tmp.Name(), dest); err != nil {
		fmt.Fprintf(stderr, "spaser decp extraire : %v\n", err)
		return 1
	}
	verb := "écrits dans"
	if statErr == nil {
		verb = "écrits dans (remplace l’ancien)"
	}
	fmt.Fprintf(stdout, "%s lus dans %s, %s pour %s, %s %s en %s s.\n",
		typo.Count(float64(st.Read), "enregistrement", "enregistrements"), input, typo.Count(float64(st.Kept), "retenu", "retenus"),
		strings.Join(ids, ", "), verb, rel, typo.Number(time.Since(start).Seconds(), 1))
	if st.Kept == 0 {
		fmt.Fprintln(stderr, "Attention : aucun contrat de cet acheteur dans ce fichier ; vérifiez le SIRET (ou essayez son SIREN, les 9 premiers chiffres).")
	}
	return 0
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

// progressFunc shows, on a terminal only, how far the file is read, four
// times a second at most; elsewhere (CI logs) only the summary is written.
func progressFunc(stderr io.Writer, cr *countingReader, size int64) func(decp.ExtractStats) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	var last time.Time
	return func(s decp.ExtractStats) {
		if time.Since(last) < 250*time.Millisecond {
			return
		}
		last = time.Now()
		done := typo.Number(float64(cr.n)/1e6, 0) + " Mo"
		if size > 0 {
			done += " sur " + typo.Number(float64(size)/1e6, 0) + " Mo (" + typo.Percent(float64(cr.n)*100/float64(size)) + ")"
		}
		fmt.Fprintf(f, "\r\033[K%s lus, %s, %s", done, typo.Count(float64(s.Read), "enregistrement", "enregistrements"), typo.Count(float64(s.Kept), "retenu", "retenus"))
	}
}
