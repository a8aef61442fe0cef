package browsertest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"spaser/internal/diag"
	"spaser/internal/rgaa"
)

// go test ./internal/browsertest -run TestSiteInChromium -update-grid
// writes the results of the tests into data/rgaa/automatique.toml; without
// the flag, the suite fails when that file no longer says what the tests
// find, so that the published grid cannot drift from them.
var updateGrid = flag.Bool("update-grid", false, "écrit les résultats des tests dans data/rgaa/automatique.toml")

// finding is a failure of a test on a page, with the RGAA criterion it
// fails ("" for a rule of the project that is no RGAA criterion).
type finding struct{ crit, msg string }

// failer returns the function that fails test t with a message and adds it
// to found with its criterion.
func failer(t *testing.T, found *[]finding) func(crit, format string, a ...any) {
	return func(crit, format string, a ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, a...)
		*found = append(*found, finding{crit, msg})
		t.Error(msg)
	}
}

// decision is a criterion that the tests decide alone, on the pages where
// it applies: a pass is a pass, not only a failure a failure.
type decision struct {
	method, check string
	applies       func(structure, string) bool // the page's charts and tables, its address
}

func always(structure, string) bool         { return true }
func hasTable(s structure, _ string) bool   { return s.Tables > 0 }
func searchPage(_ structure, p string) bool { return p == "recherche/" }

// decisions: what the suite checks of each criterion it decides. The
// others get only the failures found (rgaa.AutoCheck): a person decides.
var decisions = map[string]decision{
	"3.2":   {rgaa.MethodAuto, "axe-core, règle color-contrast : contraste de chaque texte (les couleurs des graphiques sont vérifiées à la construction)", always},
	"5.4":   {rgaa.MethodScript, "chaque tableau a un titre <caption> non vide, en premier élément", hasTable},
	"5.7":   {rgaa.MethodScript, "chaque en-tête <th> est associé à ses cellules par scope=\"col\" ou scope=\"row\"", hasTable},
	"6.2":   {rgaa.MethodAuto, "axe-core, règle link-name : chaque lien a un intitulé", always},
	"7.3":   {rgaa.MethodScript, "recherche au clavier seul : saisie, Entrée, tabulation jusqu'au premier résultat", searchPage},
	"7.4":   {rgaa.MethodScript, "la saisie seule ne change ni l'adresse ni le focus ; la recherche part à la validation", searchPage},
	"7.5":   {rgaa.MethodScript, "zones role=\"status\" et role=\"alert\" présentes, affichées et vides au chargement ; le nombre de résultats dans la première, les erreurs dans la seconde", searchPage},
	"8.1":   {rgaa.MethodAuto, "le fichier construit commence par <!DOCTYPE html>", always},
	"8.3":   {rgaa.MethodAuto, "axe-core, règle html-has-lang : langue par défaut présente", always},
	"8.4":   {rgaa.MethodAuto, "axe-core, règle html-lang-valid : code de langue valide", always},
	"8.5":   {rgaa.MethodAuto, "axe-core, règle document-title : titre de page présent", always},
	"9.2":   {rgaa.MethodScript, "un seul <main>, un <header> et un <footer> de premier niveau, chaque <nav> nommé", always},
	"10.1":  {rgaa.MethodAuto, "aucun élément ni attribut de présentation dans le HTML construit", always},
	"10.7":  {rgaa.MethodScript, "à chaque tabulation : contour de focus de 2 px au moins, contraste de 3:1 avec le fond, dans la fenêtre", always},
	"10.11": {rgaa.MethodScript, "à 320 px de large, aucun défilement horizontal", always},
	"11.1":  {rgaa.MethodAuto, "axe-core, règle label ; le champ de recherche a un <label for>", always},
	"11.3":  {rgaa.MethodAuto, "le champ de recherche a la même étiquette sur toutes les pages du site", always},
	"12.1":  {rgaa.MethodScript, "menu principal, lien vers le plan du site et formulaire de recherche sur chaque page", always},
	"12.4":  {rgaa.MethodScript, "lien vers le plan du site dans le pied de page de chaque page", always},
	"12.5":  {rgaa.MethodScript, "formulaire de recherche dans l'en-tête de chaque page", always},
	"12.6":  {rgaa.MethodScript, "en-tête, menu principal nommé, contenu principal, pied de page et formulaire role=\"search\" sur chaque page", always},
	"12.7":  {rgaa.MethodScript, "la première tabulation atteint le lien d'évitement, qui mène le focus au contenu principal", always},
	"12.9":  {rgaa.MethodScript, "la tabulation parcourt toute la page et en sort, sans piège", always},
	"12.11": {rgaa.MethodScript, "après une recherche, la tabulation atteint le premier résultat", searchPage},
}

// checkGrid turns the findings of the suite into the automatic results of
// the audit grid, for the pages of its sample, and writes them
// (-update-grid) or compares them with data/rgaa/automatique.toml.
func checkGrid(t *testing.T, bctx context.Context, dir string, counts map[string]structure, findings map[string][]finding) {
	const root = "../.."
	var l diag.List
	g, _ := rgaa.Load(os.DirFS(root), &l)
	if l.HasErrors() || g == nil {
		t.Fatalf("grille d'audit illisible : %v", l.Err())
	}
	markupFindings(t, dir, findings)
	auto := results(g, counts, findings)

	file := filepath.Join(root, rgaa.AutoFile)
	if !*updateGrid {
		var old rgaa.Auto
		if _, err := toml.DecodeFile(file, &old); err != nil {
			t.Fatalf("%s : %v (lancez go test ./internal/browsertest -run TestSiteInChromium -update-grid)", rgaa.AutoFile, err)
		}
		if !reflect.DeepEqual(normal(old), normal(*auto)) {
			t.Errorf("%s ne dit plus ce que trouvent les tests : relancez go test ./internal/browsertest -run TestSiteInChromium -update-grid, puis relisez la grille", rgaa.AutoFile)
		}
		return
	}
	auto.Date = time.Now().Format(time.DateOnly)
	auto.Environment, auto.Tools = environment(t, bctx)
	var b bytes.Buffer
	b.WriteString("# Résultats automatiques de l'audit RGAA, écrits par les tests :\n#   go test ./internal/browsertest -run TestSiteInChromium -update-grid\n# Ne modifiez pas ce fichier à la main : relancez la commande.\n\n")
	if err := toml.NewEncoder(&b).Encode(auto); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s écrit : %d critères décidés par les tests", rgaa.AutoFile, len(auto.Criteria))
}

// markupFindings adds the checks of the built files (no browser) to the
// findings: by page, and for the whole site (key "").
func markupFindings(t *testing.T, dir string, findings map[string][]finding) {
	found, err := rgaa.CheckSite(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Error(f)
		findings[f.Page] = append(findings[f.Page], finding{f.Criterion, f.Msg})
	}
}

// results are the automatic results for the sample of grid g.
func results(g *rgaa.Grid, counts map[string]structure, findings map[string][]finding) *rgaa.Auto {
	a := &rgaa.Auto{}
	partial := map[string][]rgaa.Defect{}
	decidedDefects := map[string][]rgaa.Defect{}
	for _, p := range g.Pages {
		for _, f := range slices.Concat(findings[p.Path], findings[""]) {
			if f.crit == "" {
				continue // a rule of the project, not of the RGAA
			}
			d := rgaa.Defect{Page: p.ID, Message: f.msg}
			if _, ok := decisions[f.crit]; ok {
				decidedDefects[f.crit] = append(decidedDefects[f.crit], d)
			} else {
				partial[f.crit] = append(partial[f.crit], d)
			}
		}
	}
	for _, c := range g.Criteria {
		d, ok := decisions[c.Number]
		if !ok {
			if ds := partial[c.Number]; len(ds) > 0 {
				a.Partial = append(a.Partial, rgaa.AutoCheck{Number: c.Number, Defects: ds})
			}
			continue
		}
		ac := rgaa.AutoCrit{Number: c.Number, Method: d.method, Check: d.check, Results: map[string]string{}, Defects: decidedDefects[c.Number]}
		for _, p := range g.Pages {
			switch {
			case slices.ContainsFunc(ac.Defects, func(x rgaa.Defect) bool { return x.Page == p.ID }):
				ac.Results[p.ID] = rgaa.NC
			case d.applies(counts[p.Path], p.Path):
				ac.Results[p.ID] = rgaa.C
			default:
				ac.Results[p.ID] = rgaa.NA
			}
		}
		a.Criteria = append(a.Criteria, ac)
	}
	return a
}

// normal is a without what changes from run to run: the date and the
// versions of the tools.
func normal(a rgaa.Auto) rgaa.Auto {
	a.Date, a.Environment, a.Tools = "", nil, nil
	return a
}

// environment names the browser and the tools of the tests, with their
// versions.
func environment(t *testing.T, bctx context.Context) (env, tools []string) {
	res, err := chromedp.Call(bctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	product := strings.NewReplacer("HeadlessChrome/", "Chromium ", "Chrome/", "Chromium ").Replace(res.Product)
	var axe struct{ Version string }
	if b, err := os.ReadFile("../../node_modules/axe-core/package.json"); err != nil || json.Unmarshal(b, &axe) != nil {
		t.Fatalf("version d'axe-core illisible : %v", err)
	}
	env = []string{product + " sans interface (Linux), fenêtre de 1 280 × 900 px et de 320 × 640 px, avec et sans JavaScript"}
	tools = []string{
		"axe-core " + axe.Version + ", règles WCAG 2.1 niveaux A et AA, sur chaque page",
		"tests de spaser dans le navigateur (internal/browsertest) : structure, titres, tableaux, clavier et focus à chaque tabulation, 320 px, espacement du texte, recherche, sans JavaScript",
		"contrôles de spaser sur le HTML construit (internal/rgaa) : balisage de présentation, type de document, étiquettes, titres de tableaux, tailles de texte",
	}
	return env, tools
}
