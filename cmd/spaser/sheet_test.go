package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"spaser/internal/sitetest"
)

func TestExportImportCommands(t *testing.T) {
	site := sitetest.CopyDefault(t, "../..")
	values := filepath.Join(site, "data", "valeurs", "2022.toml")
	orig, err := os.ReadFile(values)
	if err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(t.TempDir(), "valeurs.xlsx")
	csv := filepath.Join(t.TempDir(), "valeurs.csv")
	var out, errb bytes.Buffer
	for _, args := range [][]string{
		{"export", "annee", "2022", "--source", site, "-o", xlsx},
		{"export", "--source", site, "annee", "2022", "--format", "csv", "-o", csv},
	} {
		if code := run(args, &out, &errb); code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errb.String())
		}
	}
	if code := run([]string{"export", "annee", "2022", "--source", site, "-o", csv}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "existe déjà") {
		t.Errorf("export over a file: exit %d, %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"export", "annee", "2022", "--source", site, "-o", "valeurs"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "-o valeurs n’a pas d’extension") {
		t.Errorf("export without an extension: exit %d, %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"import", "annee", "2022", xlsx, "--source", site}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Aucun changement : data/valeurs/2022.toml contient déjà ces valeurs.") {
		t.Errorf("round trip: exit %d, %s", code, out.String())
	}
	data, _ := os.ReadFile(csv)
	os.WriteFile(csv, bytes.Replace(data, []byte(";40;92;"), []byte(";41;92;"), 1), 0o644)
	out.Reset()
	if code := run([]string{"import", "annee", "2022", csv, "--source", site}, &out, &errb); code != 1 {
		t.Errorf("import over a file without --force: exit %d", code)
	}
	mustContain(t, out.String(), "vehicules-faibles-emissions : count : 40 → 41", "relancez avec --force")
	if now, _ := os.ReadFile(values); !bytes.Equal(now, orig) {
		t.Fatal("written without --force")
	}
	out.Reset()
	if code := run([]string{"import", "annee", "2022", csv, "--source", site, "--force"}, &out, &errb); code != 0 {
		t.Fatalf("--force: exit %d, %s", code, out.String())
	}
	if now, _ := os.ReadFile(values); !bytes.Equal(now, bytes.Replace(orig, []byte("count = 40"), []byte("count = 41"), 1)) {
		t.Errorf("written:\n%s", now)
	}
	os.WriteFile(csv, []byte("Identifiant;Valeur (value)\nvehicules-faibles-emissions;3\n"), 0o644)
	out.Reset()
	if code := run([]string{"import", "annee", "2022", csv, "--source", site, "--force"}, &out, &errb); code != 1 {
		t.Errorf("bad sheet: exit %d", code)
	}
	mustContain(t, out.String(), "valeurs.csv!B2: erreur", "rien n’a été écrit")
	for _, args := range [][]string{
		{"import", "annee", "2022"},
		{"import", "an", "2022", csv},
		{"export", "annee", "deux", "-o", xlsx},
		{"export", "annee", "2022", "-o", "x.ods"},
		{"export", "annee", "2022"},
	} {
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// The spreadsheet messages the guide quotes are those printed.
func TestGuideSheetMessages(t *testing.T) {
	guide, err := os.ReadFile("../../docs/guide-mise-a-jour.md")
	if err != nil {
		t.Fatal(err)
	}
	site := sitetest.CopyDefault(t, "../..")
	book := filepath.Join(t.TempDir(), "valeurs-2025.xlsx")
	var out, errb bytes.Buffer
	if code := run([]string{"export", "annee", "2025", "--source", site, "-o", book}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Valeurs", "G5", 94)
	f.SetCellValue("Valeurs", "H5", 92)
	f.SetCellValue("Valeurs", "K5", "Bilan 2025")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	run([]string{"import", "annee", "2025", book, "--source", site}, &out, &errb)
	line, _, _ := strings.Cut(out.String(), "\n")
	line = strings.ReplaceAll(line, "\u00a0", " ")
	if line != "Valeurs!G5: erreur : nombre supérieur au total (94 sur 92) pour l'indicateur vehicules-faibles-emissions" || !bytes.Contains(guide, []byte("`"+line+"`")) {
		t.Errorf("not in the guide: %q", line)
	}
	for _, quoted := range []string{"`vehicules-faibles-emissions : count : 40 → 41`", "Valeurs!G5"} {
		if !bytes.Contains(guide, []byte(quoted)) {
			t.Errorf("the guide no longer quotes %s", quoted)
		}
	}
}
