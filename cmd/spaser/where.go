package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"spaser/internal/config"
)

// wrongFolder tells, when source has no data/site.toml but its parent
// has, that the command was run from inside the site (typically from
// content/), and how to run it. It returns false when source looks right.
func wrongFolder(cmd, source string, stderr io.Writer) bool {
	if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(config.File))); err == nil {
		return false
	}
	parent := filepath.Join(source, "..")
	if _, err := os.Stat(filepath.Join(parent, filepath.FromSlash(config.File))); err != nil {
		return false
	}
	fmt.Fprintf(stderr, "spaser %s : %s introuvable ici, mais présent dans le dossier parent : la commande est lancée depuis un sous-dossier du site (content/ ?).\n    → Lancez-la depuis le dossier du site (cd .. puis spaser %s), ou ajoutez --source %s\n",
		cmd, config.File, cmd, parent)
	return true
}
