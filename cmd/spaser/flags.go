package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
)

// parseFlags parses args with fs, telling mistakes in French (the flag
// package words them in English). It returns flag.ErrHelp for -h, another
// error after printing it and the usage, nil otherwise.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	usage := fs.Usage
	fs.Usage = func() {} // flag calls it on every mistake: printed once, below
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	fs.Usage = usage
	if err == nil {
		return nil
	}
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return err
	}
	fmt.Fprintf(stderr, "spaser %s : %s\n\n", fs.Name(), frenchFlagError(err))
	fs.Usage()
	return err
}

// parseCommand parses a command's flags and refuses extra arguments. It
// returns ok = false with the exit status when the command must stop: 0
// after -h, 2 after a usage mistake (already explained on stderr).
func parseCommand(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	if err := parseFlags(fs, args, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "spaser %s : argument inattendu « %s »\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

var (
	undefinedRe = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	needsArgRe  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	invalidRe   = regexp.MustCompile(`^invalid (?:value|boolean value) "(.*)" for (?:flag )?-+([^:]*): (.*)$`)
)

func frenchFlagError(err error) string {
	msg := err.Error()
	if m := undefinedRe.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("option inconnue --%s", m[1])
	}
	if m := needsArgRe.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("l'option --%s attend une valeur", m[1])
	}
	if m := invalidRe.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("valeur « %s » invalide pour l'option --%s", m[1], m[2])
	}
	return msg
}

// printOptions lists the options of fs in French, as --name VALEUR.
func printOptions(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		arg := ""
		switch {
		case name == "":
		case f.Name == "source" || f.Name == "dest":
			arg = " DOSSIER"
		case f.Name == "base-url":
			arg = " URL"
		case f.Name == "annee":
			arg = " AAAA"
		case f.Name == "o":
			arg = " FICHIER"
		case name == "int":
			arg = " N"
		default:
			arg = " TEXTE"
		}
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-" // -o, as the usage line and the guide write it
		}
		fmt.Fprintf(w, "  %s%s%s\n        %s", dash, f.Name, arg, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, " (par défaut : %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// sourceFlag defines --source, the site folder of the commands that read a
// whole site.
func sourceFlag(fs *flag.FlagSet) *string {
	return fs.String("source", ".", "dossier du site (contient content/, data/ et éventuellement layouts/)")
}
