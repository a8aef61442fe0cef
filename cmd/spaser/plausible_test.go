package main

import (
	"bytes"
	"testing"

	"spaser/internal/sitetest"
)

// check reads the clock (or --annee) to question the values of a year not
// over; --strict makes the warning fail.
func TestCheckYearNotOver(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	var out, errb bytes.Buffer
	code := run([]string{"check", "--source", dir, "--annee", "2022", "--strict"}, &out, &errb)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	mustContain(t, out.String(), "data/valeurs/2022.toml:16:1: avertissement\u00a0: valeur de 2022 pour l'indicateur vehicules-faibles-emissions, alors que l'année n'est pas terminée")
	out.Reset()
	if code := run([]string{"check", "--source", dir, "--annee", "2023"}, &out, &errb); code != 0 || bytes.Contains(out.Bytes(), []byte("pas terminée")) {
		t.Errorf("2023: exit %d\n%s", code, out.String())
	}
}

// check run from content/ says where to run it, not to create data/site.toml.
func TestCheckFromContent(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", dir + "/content"}, &out, &errb); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	mustContain(t, errb.String(), "spaser check : data/site.toml introuvable ici, mais présent dans le dossier parent : la commande est lancée depuis un sous-dossier du site (content/ ?).\n    → Lancez-la depuis le dossier du site (cd .. puis spaser check), ou ajoutez --source ")
}
