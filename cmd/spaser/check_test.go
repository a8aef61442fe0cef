package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"spaser/internal/sitetest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCheckDefaultSite(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--source", "../.."}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
	mustContain(t, out.String(),
		"Vérification : 0 erreur, 4 avertissements. Le site peut être construit.",
		// The Val-de-Marne figures were published in the schéma, whose
		// adoption date is not given: no date is invented.
		"data/valeurs/2021.toml:1: avertissement", "date de publication des chiffres de 2021 non indiquée",
		"data/valeurs/2022.toml:1: avertissement", "date de publication des chiffres de 2022 non indiquée",
		"aucune adresse de contact", // data/site.toml has no e-mail nor form: the source gives none
		"(année de référence 2026)",
		"Années écoulées du schéma : 2023 à 2025.",
		"Derniers chiffres publiés : 2022 (il y a 4 ans).",
		"la loi demande une publication au moins tous les deux ans",
	)
	out.Reset()
	if code := run([]string{"check", "--source", "../..", "--strict"}, &out, &errb); code != 1 || !strings.Contains(out.String(), "--strict") {
		t.Errorf("--strict with stale figures: exit %d\n%s", code, out.String())
	}
	out.Reset()
	// In 2024 the figures are fresh: what remains is the contact and the
	// two undated years (the schéma does not give its adoption date).
	if code := run([]string{"check", "--source", "../..", "--strict", "--annee", "2024"}, &out, &errb); code != 1 || !strings.Contains(out.String(), "Vérification : 0 erreur, 3 avertissements.") || !strings.Contains(out.String(), "aucune adresse de contact") {
		t.Errorf("--annee 2024 --strict: exit %d\n%s", code, out.String())
	}
	if code := run([]string{"check", "--annee", "12"}, &out, &errb); code != 2 {
		t.Errorf("bad year: exit %d", code)
	}
}

func TestCheckListsEveryProblemAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"data/site.toml":           "title = \"T\"\ncollectivite = \"C\"\ncontact_email = \"achats@exemple.fr\"\nperiod_start = 2023\nperiod_end = 2026\n[schema]\nroot = \"axes\"\n[[schema.levels]]\nsingular = \"Axe\"\nplural = \"Axes\"\n",
		"data/indicateurs.toml":    "[[indicator]]\nid = \"a\"\nlabel = \"A\"\nkind = \"share\"\nunit = \"marches\"\n",
		"data/valeurs/2024.toml":   "[a]\ncount = 5\ntotal = 4\nsource = \"R\"\n",
		"content/_index.md":        "+++\ntitle = \"Accueil\"\npoids = 1\nindicators = [\"a\"]\n+++\nVoir [x](absente.md).\n",
		"content/axes/_index.md":   "+++\ntitle = \"Axes\"\n+++\n",
		"content/axes/1-a/page.md": "+++\ntitle = \"\"\n+++\n",
	}
	sitetest.Write(t, dir, files)
	var out, errb bytes.Buffer
	code := run([]string{"check", "--source", dir, "--annee", "2025"}, &out, &errb)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out.String())
	}
	mustContain(t, out.String(),
		"content/_index.md:3:1: erreur\u00a0: « poids » : clé inconnue\n    → Vouliez-vous dire « weight » ?",
		"content/axes/1-a/_index.md: erreur\u00a0: fichier _index.md manquant pour le dossier content/axes/1-a",
		"data/valeurs/2024.toml:2:1: erreur\u00a0: nombre supérieur au total (5 sur 4) pour l'indicateur a",
		"Vérification : 5 erreurs, 0 avertissement. Corrigez les erreurs : la construction échouerait.",
		"Bilan au regard de l'article L2111-3",
	)
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

// A layout that fails on one kind of page only: check renders every page,
// so it says so before a build would.
func TestCheckRendersThePages(t *testing.T) {
	dir := sitetest.CopyDefault(t, "../..")
	sitetest.Write(t, dir, map[string]string{"layouts/indicator.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n{{.Page.Indicateur}}{{end}}\n"})
	var out, errb bytes.Buffer
	code := run([]string{"check", "--source", dir}, &out, &errb)
	if want := "layouts/indicator.html:2:8: erreur\u00a0: la mise en page échoue : executing \"main\" at <.Page.Indicateur>: can't evaluate field Indicateur"; code != 1 || !strings.Contains(out.String(), want) {
		t.Errorf("exit %d, want 1 and %q:\n%s%s", code, want, out.String(), errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--source", "../..", "--port", port}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--port 8080") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

func TestNewCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"new", "annee", "deux-mille"}, &out, &errb); code != 2 {
		t.Errorf("bad year: exit %d", code)
	}
	if code := run([]string{"new", "page"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "« page » inconnu") {
		t.Errorf("unknown kind: exit %d %s", code, errb.String())
	}
	dir := sitetest.CopyDefault(t, "../..")
	out.Reset()
	if code := run([]string{"new", "annee", "2025", "--source", dir}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Créé : data/valeurs/2025.toml (29 indicateurs à remplir).") {
		t.Errorf("exit %d: %s %s", code, out.String(), errb.String())
	}
	errb.Reset()
	if code := run([]string{"new", "--source", dir, "annee", "2025"}, &out, &errb); code != 2 {
		t.Errorf("flag before the kind: exit %d", code)
	}
	if code := run([]string{"new", "annee", "--source", dir, "2025"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "existe déjà") {
		t.Errorf("second time: exit %d %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"new", "action", "--source", dir, "axes/2-inclusion-sociale/2-handicap", "2-esat", "--titre", "Recourir aux ESAT"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "2-handicap/2-esat.md (weight = 2") {
		t.Errorf("action: exit %d %s %s", code, out.String(), errb.String())
	}
	if code := run([]string{"check", "--source", dir, "--annee", "2024"}, &out, &errb); code != 0 {
		t.Errorf("check after new: exit %d\n%s", code, out.String())
	}
}

func TestFlagMistakesInFrench(t *testing.T) {
	for args, want := range map[string]string{
		"serve --nope":         "spaser serve : option inconnue --nope",
		"serve --port abc":     "spaser serve : valeur « abc » invalide pour l'option --port",
		"build --source":       "spaser build : l'option --source attend une valeur",
		"check --strict=peut":  "spaser check : valeur « peut » invalide pour l'option --strict",
		"new annee 2025 --tit": "spaser new annee : option inconnue --tit",
	} {
		var out, errb bytes.Buffer
		if code := run(strings.Fields(args), &out, &errb); code != 2 || !strings.HasPrefix(errb.String(), want+"\n") || strings.Count(errb.String(), "Utilisation") != 1 {
			t.Errorf("%s: exit %d\n%s", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "  --port N\n") || strings.Contains(errb.String(), "default") {
		t.Errorf("serve -h: exit %d\n%s", code, errb.String())
	}
}

// mustContain reports each of wants that out lacks.
func mustContain(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
}
