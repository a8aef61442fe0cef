package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"spaser"
	"spaser/internal/build"
	"spaser/internal/compliance"
	"spaser/internal/config"
	"spaser/internal/diag"
)

// now is the clock of `spaser check`, the only command that reads it (for
// the elapsed years of the compliance summary); tests replace it.
var now = time.Now

func runCheck(args []string, stdout, stderr io.Writer) (code int) {
	var items []diag.Diagnostic
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := sourceFlag(fs)
	strict := fs.Bool("strict", false, "échoue aussi sur les avertissements (code de sortie 1)")
	format := fs.String("format", "texte", "texte, github (annotations d'un workflow GitHub) ou gitlab (rapport de qualité de code GitLab, en JSON sur la sortie standard ; le texte passe alors sur la sortie d'erreur)")
	deploy := fs.String("base-url", "", "adresse où le site est publié (celle que passe le fichier d'intégration continue) : avertit si elle diffère de base_url de data/site.toml")
	year := fs.Int("annee", 0, "année de référence du bilan L2111-3 : les années du schéma avant elle sont « écoulées » (par défaut : l'année en cours)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Utilisation : spaser check [--source DOSSIER] [--strict] [--annee AAAA]

Vérifie tout le site sans rien écrire (chaque page passe par sa mise en
page) : chaque problème est listé sous la forme fichier:ligne:colonne, avec
la façon de le corriger. Se termine par un bilan au regard de l'article
L2111-3 du Code de la commande publique.

Codes de sortie : 0 aucune erreur (des avertissements peuvent être affichés) ;
1 au moins une erreur, ou un avertissement avec --strict ; 2 erreur d'utilisation.

Options :
`)
		printOptions(fs, stderr)
	}
	if code, ok := parseCommand(fs, args, stderr); !ok {
		return code
	}
	annotate, known := checkFormats[*format]
	if !known {
		fmt.Fprintf(stderr, "spaser check : --format %s inconnu : texte, github ou gitlab\n", *format)
		return 2
	}
	if *format == "gitlab" {
		// The report is the standard output; the editor's text goes to
		// the job's log.
		report, write := stdout, annotate
		stdout = stderr
		defer func() {
			if err := write(report, items); err != nil {
				fmt.Fprintf(stderr, "spaser : %v\n", err)
			}
		}()
		annotate = nil
	}
	if wrongFolder("check", *source, stderr) {
		return 2
	}
	if *year == 0 {
		*year = now().Year()
	} else if !config.ValidYear(*year) {
		fmt.Fprintf(stderr, "spaser check : --annee %d invalide (une année, par exemple 2026)\n", *year)
		return 2
	}
	// The charts are not drawn: that takes time and tells nothing about
	// the content that the checks have not already told.
	ld, l, err := build.Prepare(build.Options{Source: *source, Defaults: spaser.Layouts, NoCharts: true})
	if err != nil {
		fmt.Fprintf(stderr, "spaser : %v\n", err)
		if build.IsUsage(err) {
			return 2
		}
		return 1
	}
	if ld != nil {
		ld.Site.Cfg.WarnPublication(l) // what a citizen needs: check only, builds stay quiet
	}
	if ld != nil && !l.HasErrors() {
		// Every page through its layout: a layout can fail on one page
		// only, which only rendering it tells.
		if _, err := ld.Write(build.Discard, 0, l); err != nil {
			fmt.Fprintf(stderr, "spaser : %v\n", err)
			return 1
		}
	}
	if ld != nil {
		ld.Site.Audit.CheckAge(now(), l)
		// Only check reads the clock: a build publishes the same site
		// whatever the day.
		ld.Site.Catalogue.CheckYearsOver(l, *year)
		checkAddress(l, *deploy, ld.Site.Cfg.BaseURL)
	}
	if ld != nil && !l.HasErrors() {
		warnUndated(ld.Built.Follow.Calendar, l)
	}
	items = l.Items()
	for _, d := range items {
		fmt.Fprintln(stdout, d.String())
	}
	if annotate != nil {
		if err := annotate(stdout, items); err != nil {
			fmt.Fprintf(stderr, "spaser : %v\n", err)
			return 1
		}
	}
	errs, warns := diag.Count(items)
	var rep *compliance.Report
	if ld != nil {
		rep = compliance.Compute(ld.Site.Cfg, ld.Site.Catalogue, ld.Built.Follow, *year)
		if rep.Stale() {
			warns++
		}
	}
	if len(items) > 0 {
		fmt.Fprintln(stdout)
	}
	switch {
	case errs > 0:
		fmt.Fprintf(stdout, "Vérification : %s. Corrigez les erreurs : la construction échouerait.\n", diag.SummaryOf(errs, warns))
	case warns > 0:
		fmt.Fprintf(stdout, "Vérification : %s. Le site peut être construit.\n", diag.SummaryOf(errs, warns))
	default:
		fmt.Fprintln(stdout, "Vérification : aucun problème. Le site peut être construit.")
	}
	if rep != nil {
		fmt.Fprintln(stdout)
		rep.Write(stdout)
	} else {
		fmt.Fprintln(stdout, "\nBilan L2111-3 impossible tant que data/site.toml n'est pas lisible.")
	}
	if errs > 0 || *strict && warns > 0 {
		if errs == 0 {
			fmt.Fprintln(stdout, "\nÉchec : des avertissements restent et --strict est demandé.")
		}
		return 1
	}
	return 0
}
