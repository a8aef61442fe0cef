package scaffold_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser"
	"spaser/internal/build"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/scaffold"
	"spaser/internal/sitetest"
)

func prepare(t *testing.T, dir string) (*build.Loaded, []diag.Diagnostic) {
	t.Helper()
	ld, l, err := build.Prepare(build.Options{Source: dir, Defaults: spaser.Layouts})
	if err != nil {
		t.Fatal(err)
	}
	var errs []diag.Diagnostic
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return ld, errs
}

func TestYearFileParsesAndFillsBlanks(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	rel, n, err := scaffold.Year(dir, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if rel != "data/valeurs/2025.toml" || n != 29 {
		t.Errorf("Year = %s, %d", rel, n)
	}
	p := filepath.Join(dir, rel)
	text, _ := os.ReadFile(p)
	for _, w := range []string{
		"[vehicules-faibles-emissions]\ncount = \"\"", "Objectif en 2025 : au moins 40 % (VFE) à partir de 2025.",
		"Dernière valeur publiée, pour 2022 : 40 véhicules sur 92 (43,5 %).", "[heures-insertion]\nvalue = \"\"",
		"[[produits-biologiques-restauration.detail]]\nlabel = \"Restaurants du personnel\"\ncount = \"\"",
		"Type : montant ; unité : € HT.",
	} {
		if !strings.Contains(string(text), w) {
			t.Errorf("missing %q", w)
		}
	}
	// As created: the site builds as before, 2025 without figures.
	ld, errs := prepare(t, dir)
	if len(errs) > 0 {
		t.Fatalf("errors with the new file: %v", errs)
	}
	if m := ld.Site.Catalogue.ByID["heures-insertion"].ValueAt(2025); m != nil {
		t.Errorf("an empty file gave a value: %+v", m)
	}
	// Half filled: a count without its total is pointed at.
	half := strings.Replace(string(text), "[vehicules-faibles-emissions]\ncount = \"\"", "[vehicules-faibles-emissions]\ncount = 41", 1)
	if err := os.WriteFile(p, []byte(half), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs = prepare(t, dir); len(errs) != 1 || !strings.Contains(errs[0].Msg, "nombre (count) sans total ni pourcentage pour l'indicateur vehicules-faibles-emissions") {
		t.Fatalf("half-filled block: %v", errs)
	}
	// Filled in as the file says: the blanks replaced, the source written.
	var out []string
	for _, line := range strings.Split(string(text), "\n") {
		switch {
		case strings.HasPrefix(line, "count = \"\""):
			line = "count = 3"
		case strings.HasPrefix(line, "total = \"\""):
			line = "total = 4" + line[len("total = \"\""):]
		case strings.HasPrefix(line, "value = \"\""):
			line = "value = 1500.5" + line[len("value = \"\""):]
		case strings.HasPrefix(line, "source = \"\""):
			line = `source = "Rapport annuel 2025"`
		}
		out = append(out, line)
	}
	if err := os.WriteFile(p, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	ld, errs = prepare(t, dir)
	if len(errs) > 0 {
		t.Fatalf("errors once filled: %v", errs)
	}
	for _, ind := range ld.Site.Catalogue.List {
		if m := ind.ValueAt(2025); m == nil || !m.Known() {
			t.Errorf("%s: no 2025 value once filled", ind.ID)
		}
	}
	// Never overwritten.
	if _, _, err := scaffold.Year(dir, 2025); err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("second call: %v", err)
	}
	after, _ := os.ReadFile(p)
	if string(after) != strings.Join(out, "\n") {
		t.Error("the filled file was changed")
	}
	var e *scaffold.Error
	if _, _, err := scaffold.Year(dir, 2031); !errors.As(err, &e) || !strings.Contains(e.Msg, "hors de la période") {
		t.Errorf("2031: %v", err)
	}
}

func TestAction(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	res, err := scaffold.Action(dir, "content/axes/1-transition-ecologique/1-climat/", "5-velos", "Acheter des vélos")
	if err != nil {
		t.Fatal(err)
	}
	if res.File != "content/axes/1-transition-ecologique/1-climat/5-velos.md" || res.Weight != 5 || res.Warning != "" {
		t.Errorf("res = %+v", res)
	}
	ld, errs := prepare(t, dir)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	found := false
	for _, p := range ld.Site.Pages {
		if p.Src != nil && p.Src.File == res.File {
			found = true
			if p.Kind != "action" || p.NumberedLabel() != "Action\u00a01.5" || p.Title != "Acheter des vélos" {
				t.Errorf("page: kind %s, %q, %q", p.Kind, p.NumberedLabel(), p.Title)
			}
		}
	}
	if !found {
		t.Error("the new action is not published")
	}
	if _, err := scaffold.Action(dir, "axes/1-transition-ecologique/1-climat", "5-velos", ""); err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("overwrote: %v", err)
	}
	for enjeu, want := range map[string]string{
		"axes/9-nulle-part": "n'existe pas",
		"presentation":      "n'est pas dans le schéma",
	} {
		if _, err := scaffold.Action(dir, enjeu, "1-x", ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", enjeu, err, want)
		}
	}
	if _, err := scaffold.Action(dir, "axes/1-transition-ecologique/1-climat", "Vélos électriques", ""); err == nil || !strings.Contains(err.Error(), "« velos-electriques »") {
		t.Errorf("bad name: %v", err)
	}
	res, err = scaffold.Action(dir, "axes/1-transition-ecologique", "5-mer", "")
	if err != nil || !strings.Contains(res.Warning, "ce dossier est au niveau « Axe » du schéma, pas « Enjeu » : la nouvelle page sera au niveau « Enjeu ».") {
		t.Errorf("level warning: %+v %v", res, err)
	}
}

func TestIndicatorAppendsOnly(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	p := filepath.Join(dir, indicator.CatalogueFile)
	before, _ := os.ReadFile(p)
	if _, err := scaffold.Indicator(dir, "velos-achetes"); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(after), string(before)) {
		t.Fatal("the existing text of the catalogue was changed")
	}
	if _, errs := prepare(t, dir); len(errs) > 0 {
		t.Fatalf("errors with the commented block: %v", errs)
	}
	for id, want := range map[string]string{"velos-achetes": "déjà", "heures-insertion": "existe déjà", "Vélos": "« velos »"} {
		if _, err := scaffold.Indicator(dir, id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", id, err, want)
		}
	}
	// Completed and uncommented as the block says, it is a valid indicator.
	block := string(after[len(before):])
	var out []string
	for _, line := range strings.Split(block, "\n") {
		if strings.HasPrefix(line, "#") && len(line) > 1 && line[1] != ' ' {
			line = line[1:]
		}
		switch {
		case strings.HasPrefix(line, "label ="):
			line = `label = "Nombre de vélos achetés"`
		case strings.HasPrefix(line, "year ="):
			line = "year = 2026"
		case strings.HasPrefix(line, "value ="):
			line = "value = 30"
		}
		out = append(out, line)
	}
	if err := os.WriteFile(p, append(before, strings.Join(out, "\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	ld, errs := prepare(t, dir)
	if len(errs) > 0 {
		t.Fatalf("errors once completed: %v", errs)
	}
	if ind := ld.Site.Catalogue.ByID["velos-achetes"]; ind == nil || len(ind.Targets) != 1 {
		t.Errorf("indicator not loaded: %+v", ind)
	}
}

func TestNoCatalogueFileIsCreated(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	if err := os.Remove(filepath.Join(dir, indicator.CatalogueFile)); err != nil {
		t.Fatal(err)
	}
	if _, err := scaffold.Indicator(dir, "premier"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, indicator.CatalogueFile)); err != nil || !strings.Contains(string(b), `#id = "premier"`) {
		t.Errorf("%v %s", err, b)
	}
}

func TestBrokenCatalogueStops(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	p := filepath.Join(dir, indicator.CatalogueFile)
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(b, "\n[[indicator]]\nid = “x”\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := scaffold.Year(dir, 2025)
	var pr *scaffold.Problems
	if !errors.As(err, &pr) || len(pr.Items) != 1 || !strings.Contains(pr.Items[0].Msg, "guillemets typographiques") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/valeurs/2025.toml")); !os.IsNotExist(err) {
		t.Error("a file was written despite the errors")
	}
}

// An indicator computed from the DECP has nothing to fill in.
func TestYearTextSkipsDECPIndicators(t *testing.T) {
	cat := &indicator.Catalogue{List: []*indicator.Indicator{{ID: "decp-marches", Label: "Marchés notifiés", Kind: indicator.Count, Unit: indicator.Units["marches"], Decp: "marches"}}}
	text := scaffold.YearText(cat, 2025)
	if strings.Contains(text, "#[decp-marches]") || !strings.Contains(text, "rien à saisir ici") {
		t.Errorf("%s", text)
	}
}
