package build

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"spaser/internal/diag"
	"spaser/internal/sitetest"
	"spaser/internal/srcfile"
)

// brokenSites are the fixture site with one mistake each, as editors make
// them, and the one diagnostic each must give: the exact place
// (file:line:column) and message, and the start of the fix.
var brokenSites = []struct {
	name    string
	changes map[string]string
	where   string
	msg     string
	hint    string
	warning bool
}{
	{
		name:    "unknown front matter key, a typo",
		changes: map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\nwieght = 2\n+++\n"},
		where:   "content/page.md:3:1", msg: "« wieght » : clé inconnue", hint: "Vouliez-vous dire « weight » ?",
	},
	{
		name:    "unknown front matter key, in French",
		changes: map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n  poid = 2\n+++\n"},
		where:   "content/page.md:3:3", msg: "« poid » : clé inconnue", hint: "Vouliez-vous dire « weight » ?",
	},
	{
		name:    "unknown key in a values file",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nvalue = 61234\nsourse = \"Données\"\n"},
		where:   "data/valeurs/2024.toml:3:1", msg: "« sourse » : clé inconnue", hint: "Vouliez-vous dire « source » ?",
	},
	{
		name:    "unknown key in the catalogue",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "pilot = \"DA\"", "pilot = \"DA\"\nunite = \"heures\"", 1)},
		where:   "data/indicateurs.toml:7:1", msg: "« unite » : clé inconnue", hint: "Vouliez-vous dire « unit » ?",
	},
	{
		name:    "unknown key in the configuration",
		changes: map[string]string{"data/site.toml": strings.Replace(fixture["data/site.toml"], "contact = ", "contcat = ", 1)},
		where:   "data/site.toml:7:1", msg: "« contcat » : clé inconnue", hint: "Vouliez-vous dire « contact » ?",
	},
	{
		name:    "unknown indicator id on a page",
		changes: map[string]string{"content/axes/2-social/1-emploi/1-insertion.md": "+++\ntitle = \"Action insertion\"\nindicators = [\"heures\", \"clauses-sociales\"]\n+++\n"},
		where:   "content/axes/2-social/1-emploi/1-insertion.md:3:25", msg: "indicateur inconnu : \"clauses-sociales\"", hint: "Vérifiez l'identifiant dans data/indicateurs.toml.",
	},
	{
		name:    "unknown indicator id on a page, a typo",
		changes: map[string]string{"content/axes/2-social/1-emploi/1-insertion.md": "+++\ntitle = \"Action insertion\"\nindicators = [\"heurres\"]\n+++\n"},
		where:   "content/axes/2-social/1-emploi/1-insertion.md:3:15", msg: "indicateur inconnu : \"heurres\"", hint: "Vouliez-vous dire « heures » ?",
	},
	{
		name:    "unknown indicator id in a values file",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nvalue = 61234\n\n[clause]\ncount = 40\ntotal = 92\n"},
		where:   "data/valeurs/2024.toml:4:1", msg: "indicateur inconnu : \"clause\"", hint: "Vouliez-vous dire « clauses » ?",
	},
	{
		name:    "duplicate indicator id in the catalogue",
		changes: map[string]string{"data/indicateurs.toml": fixture["data/indicateurs.toml"] + "\n[[indicator]]\nid = \"heures\"\nlabel = \"Autres heures\"\nkind = \"count\"\nunit = \"heures\"\n"},
		where:   "data/indicateurs.toml:23:1", msg: "identifiant d'indicateur en double : \"heures\"", hint: "Chaque indicateur a un identifiant unique ; l'autre est à la ligne 1.",
	},
	{
		name:    "duplicate indicator id on a page",
		changes: map[string]string{"content/axes/2-social/1-emploi/1-insertion.md": "+++\ntitle = \"Action insertion\"\nindicators = [\n  \"heures\",\n  \"heures\",\n]\n+++\n"},
		where:   "content/axes/2-social/1-emploi/1-insertion.md:5:3", msg: "indicateur cité deux fois dans la même page : \"heures\"", hint: "Supprimez le doublon",
	},
	{
		name:    "same indicator twice in a values file",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nvalue = 61234\n\n[heures]\nvalue = 3\n"},
		where:   "data/valeurs/2024.toml:4:2", msg: "le bloc [heures] est écrit deux fois", hint: "Il est déjà ouvert à la ligne 1",
	},
	{
		name:    "values for a year after the period",
		changes: map[string]string{"data/valeurs/2030.toml": "[heures]\nvalue = 1\n"},
		where:   "data/valeurs/2030.toml", msg: "valeurs pour l'année 2030, hors de la période du schéma", hint: "Les années possibles vont de 2022",
	},
	{
		name:    "values for a year before data_from",
		changes: map[string]string{"data/valeurs/2019.toml": "[heures]\nvalue = 1\n"},
		where:   "data/valeurs/2019.toml", msg: "valeurs pour l'année 2019, hors de la période du schéma", hint: "Les années possibles vont de 2022",
	},
	{
		name:    "target after the period",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "year = 2024", "year = 2034", 1)},
		where:   "data/indicateurs.toml:8:1", msg: "objectif pour l'année 2034, hors de la période du schéma", hint: "Les années possibles",
	},
	{
		name:    "share above 100 %",
		changes: map[string]string{"data/valeurs/2024.toml": "[clauses]\nshare = 143.5\n"},
		where:   "data/valeurs/2024.toml:2:1", msg: "pourcentage supérieur à 100 (143.5) pour l'indicateur clauses", hint: "share est un pourcentage de 0 à 100",
	},
	{
		name:    "share target above 100 %",
		changes: map[string]string{"data/indicateurs.toml": fixture["data/indicateurs.toml"] + "[[indicator.target]]\nyear = 2025\nvalue = 110\n"},
		where:   "data/indicateurs.toml:23:1", msg: "objectif 2025 impossible : 110", hint: "Un objectif est un nombre positif",
	},
	{
		name:    "count above its total",
		changes: map[string]string{"data/valeurs/2024.toml": "[clauses]\ntotal = 92\ncount = 94\n"},
		where:   "data/valeurs/2024.toml:3:1", msg: "nombre supérieur au total (94 sur 92) pour l'indicateur clauses", hint: "Le nombre (count) ne peut pas dépasser le total",
	},
	{
		name:    "count above its total in a detail",
		changes: map[string]string{"data/valeurs/2024.toml": "[clauses]\nsource = \"x\"\n[[clauses.detail]]\nlabel = \"Site A\"\ncount = 5\ntotal = 4\n"},
		where:   "data/valeurs/2024.toml:5:1", msg: "nombre supérieur au total (5 sur 4) pour l'indicateur clauses", hint: "Le nombre (count) ne peut pas dépasser le total",
	},
	{
		name:    "negative number",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nsource = \"Données\"\nvalue = -61234\n"},
		where:   "data/valeurs/2024.toml:3:1", msg: "nombre négatif pour l'indicateur heures : value = -61234", hint: "une valeur est positive ou nulle",
	},
	{
		name:    "share and total together",
		changes: map[string]string{"data/valeurs/2024.toml": "[clauses]\ncount = 40\ntotal = 92\nshare = 43.5\n"},
		where:   "data/valeurs/2024.toml:4:1", msg: "share et total donnés ensemble pour l'indicateur clauses", hint: "Le pourcentage se calcule à partir de count et total",
	},
	{
		name:    "target with a year and a deadline",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "year = 2024\n", "year = 2024\nby = 2025\n", 1)},
		where:   "data/indicateurs.toml:9:1", msg: "objectif de l'indicateur heures avec year et by", hint: "Écrivez year = AAAA pour un palier",
	},
	{
		name:    "broken link between pages",
		changes: map[string]string{"content/axes/1-vert/1-climat/1-bas.md": "+++\ntitle = \"Action bas carbone\"\nindicators = [\"clauses\"]\n+++\n## Objectifs\n\nVoir aussi [l'action 1.2](2-hautt.md#objectifs).\n"},
		where:   "content/axes/1-vert/1-climat/1-bas.md:7:12", msg: "lien vers une page inexistante : 2-hautt.md#objectifs", hint: "Vérifiez le chemin du fichier .md visé",
	},
	{
		name:    "missing _index.md",
		changes: map[string]string{"content/axes/2-social/1-emploi/_index.md": ""},
		where:   "content/axes/2-social/1-emploi/_index.md", msg: "fichier _index.md manquant pour le dossier content/axes/2-social/1-emploi", hint: "Chaque dossier de content/ a un fichier _index.md",
	},
	{
		name:    "missing home page",
		changes: map[string]string{"content/_index.md": ""},
		where:   "content/_index.md", msg: "page d'accueil introuvable", hint: "Créez content/_index.md",
	},
	{
		name:    "empty title",
		changes: map[string]string{"content/page.md": "+++\ntitle = \"  \"\n+++\nTexte.\n"},
		where:   "content/page.md:2:1", msg: "titre vide", hint: "Ajoutez un titre",
	},
	{
		name:    "no title at all",
		changes: map[string]string{"content/page.md": "+++\nweight = 2\n+++\nTexte.\n"},
		where:   "content/page.md:1", msg: "titre vide", hint: "Ajoutez un titre",
	},
	{
		name:    "curly quotes in front matter",
		changes: map[string]string{"content/page.md": "+++\ntitle = “Une page”\n+++\n"},
		where:   "content/page.md:2:9", msg: "guillemets typographiques dans une valeur TOML", hint: "Écrivez les textes entre guillemets droits",
	},
	{
		name:    "curly quotes in a data file",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nvalue = 61234\nsource = ”Rapport”\n"},
		where:   "data/valeurs/2024.toml:3:10", msg: "guillemets typographiques dans une valeur TOML", hint: "Écrivez les textes entre guillemets droits",
	},
	{
		name:    "unclosed front matter",
		changes: map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\n\nTexte.\n"},
		where:   "content/page.md:1", msg: "en-tête non fermé : la ligne +++ de fin est introuvable", hint: "Ajoutez une ligne +++",
	},
	{
		name:    "no front matter",
		changes: map[string]string{"content/page.md": "Texte sans en-tête.\n"},
		where:   "content/page.md:1", msg: "en-tête manquant : la première ligne doit être +++", hint: "Commencez le fichier par une ligne +++",
	},
	{
		name:    "number in quotes",
		changes: map[string]string{"content/page.md": "+++\ntitle = \"Une page\"\nweight = \"2\"\n+++\n"},
		where:   "content/page.md:3:1", msg: "la valeur de « weight » n'a pas le bon type", hint: "« weight » attend un nombre entier, sans guillemets.",
	},
	{
		name:    "decimal comma",
		changes: map[string]string{"data/valeurs/2024.toml": "[clauses]\nshare = 43,5\n"},
		where:   "data/valeurs/2024.toml:2:11", msg: "nombre écrit avec une virgule", hint: "Écrivez les nombres avec un point décimal",
	},
	{
		name:    "thousands with spaces",
		changes: map[string]string{"data/valeurs/2024.toml": "[heures]\nvalue = 61 234\n"},
		where:   "data/valeurs/2024.toml:2:11", msg: "nombre écrit avec des espaces", hint: "sans espace entre les milliers",
	},
	{
		name:    "unknown unit",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "unit = \"marches\"", "unit = \"marchés\"", 1)},
		where:   "data/indicateurs.toml:16:1", msg: "indicateur clauses : unité (unit) inconnue \"marchés\"", hint: "Vouliez-vous dire « marches » ?",
	},
	{
		// The block is dropped, not the catalogue; the page, the values
		// file and headline that cite it are not « indicateur inconnu ».
		name:    "type error in one indicator block",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "unit = \"heures\"", "unit = 3", 1)},
		where:   "data/indicateurs.toml:5:1", msg: "la valeur de « unit » n'a pas le bon type", hint: "« unit » attend un texte",
	},
	{
		name:    "unknown pilot direction",
		changes: map[string]string{"data/indicateurs.toml": strings.Replace(fixture["data/indicateurs.toml"], "pilot = \"DA\"", "pilot = \"AD\"", 1)},
		where:   "data/indicateurs.toml:6:1", msg: "indicateur heures : valeur inconnue \"AD\" pour « Service pilote » (pilot)", hint: "Vouliez-vous dire « DA » ?",
	},
	{
		name:    "file name with capitals and spaces",
		changes: map[string]string{"content/axes/1-vert/1-climat/Action 3.md": "+++\ntitle = \"Action 3\"\n+++\n"},
		where:   "content/axes/1-vert/1-climat/Action 3.md", msg: "nom de fichier ou de dossier incorrect : \"Action 3\"", hint: "Renommez-le en minuscules",
	},
	{
		name:    "indicator followed by no page",
		changes: map[string]string{"content/axes/2-social/_index.md": "+++\ntitle = \"Axe social\"\nweight = 2\n+++\n", "content/axes/2-social/1-emploi/1-insertion.md": "+++\ntitle = \"Action insertion\"\n+++\n"},
		where:   "data/indicateurs.toml:1", msg: "l'indicateur heures n'est suivi par aucune page", hint: "Ajoutez son identifiant", warning: true,
	},
}

func TestBrokenSites(t *testing.T) {
	for _, c := range brokenSites {
		t.Run(c.name, func(t *testing.T) {
			src := sitetest.New(t, with(fixture, c.changes))
			ld, l, err := Prepare(Options{Source: src, Defaults: defaultsFS()})
			if err != nil {
				t.Fatal(err)
			}
			checkOne(t, l.Items(), c.where, c.msg, c.hint, c.warning)
			if ld == nil {
				t.Error("the site could not be assembled")
			}
		})
	}
}

// checkOne asserts that items hold exactly one error (or, for a warning
// case, no error and that warning) at where with msg.
func checkOne(t *testing.T, items []diag.Diagnostic, where, msg, hint string, warning bool) {
	t.Helper()
	var errs []diag.Diagnostic
	found := false
	for _, d := range items {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
		if d.Where() == where && strings.HasPrefix(d.Msg, msg) && strings.Contains(d.Hint, hint) && (d.Severity == diag.Warning) == warning {
			found = true
		}
	}
	want := 1
	if warning {
		want = 0
	}
	if !found || len(errs) != want {
		var got strings.Builder
		for _, d := range items {
			got.WriteString(d.String() + "\n")
		}
		t.Errorf("want %d error(s) and %s: %s (→ %s…); got:\n%s", want, where, msg, hint, got.String())
	}
}

// TestUnreadableFiles: files that are not text, too big, outside the site or
// gone are reported in French, never with a panic.
func TestUnreadableFiles(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, src string)
		where string
		msg   string
		hint  string
	}{
		{"invalid UTF-8 (Latin-1)", func(t *testing.T, src string) {
			write(t, src, "content/page.md", "+++\ntitle = \"Une page\"\n+++\nCaf\xe9 cr\xe8me.\n")
		}, "content/page.md:4:4", "caractère illisible : le fichier n'est pas en UTF-8", "Enregistrez le fichier en UTF-8"},
		{"invalid UTF-8 in data", func(t *testing.T, src string) {
			write(t, src, "data/valeurs/2024.toml", "[heures]\nvalue = 1\nsource = \"R\xe9sultats\"\n")
		}, "data/valeurs/2024.toml:3:12", "caractère illisible : le fichier n'est pas en UTF-8", "Enregistrez le fichier en UTF-8"},
		{"binary file", func(t *testing.T, src string) {
			write(t, src, "content/page.md", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		}, "content/page.md:3", "fichier binaire (octet nul)", "Ce fichier n'est pas un texte"},
		{"50 MB page", func(t *testing.T, src string) {
			f, err := os.Create(filepath.Join(src, "content/page.md"))
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(50 << 20); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}, "content/page.md", "fichier trop volumineux (50 Mo, maximum 8 Mo)", "vérifiez qu'il s'agit du bon fichier"},
		{"50 MB values file", func(t *testing.T, src string) {
			p := filepath.Join(src, "data/valeurs/2024.toml")
			b := []byte("[heures]\nvalue = 1\n" + strings.Repeat("# commentaire\n", 50<<20/14))
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "data/valeurs/2024.toml", "fichier trop volumineux (50 Mo, maximum 8 Mo)", "vérifiez qu'il s'agit du bon fichier"},
		{"symbolic link to a file outside the site", func(t *testing.T, src string) {
			outside := filepath.Join(t.TempDir(), "2024.toml")
			if err := os.WriteFile(outside, []byte("[heures]\nvalue = 1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(src, "data/valeurs/2024.toml")
			os.Remove(p)
			if err := os.Symlink(outside, p); err != nil {
				t.Fatal(err)
			}
		}, "data/valeurs/2024.toml", "lien symbolique vers l'extérieur du dossier du site", "remplacez le lien par une copie"},
		{"configuration linked from outside", func(t *testing.T, src string) {
			outside := filepath.Join(t.TempDir(), "site.toml")
			if err := os.WriteFile(outside, []byte(fixture["data/site.toml"]), 0o644); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(src, "data/site.toml")
			os.Remove(p)
			if err := os.Symlink(outside, p); err != nil {
				t.Fatal(err)
			}
		}, "data/site.toml", "lien symbolique vers l'extérieur du dossier du site", "remplacez le lien par une copie"},
		{"layout linked from outside", func(t *testing.T, src string) {
			outside := filepath.Join(t.TempDir(), "page.html")
			if err := os.WriteFile(outside, []byte(`{{define "main"}}<p>propre</p>{{end}}`), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(src, "layouts"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(src, "layouts/page.html")); err != nil {
				t.Fatal(err)
			}
		}, "layouts/page.html", "lien symbolique vers l'extérieur du dossier du site", "remplacez le lien par une copie"},
		{"symbolic link in content/", func(t *testing.T, src string) {
			if err := os.Symlink("/etc/passwd", filepath.Join(src, "content/passwd.md")); err != nil {
				t.Fatal(err)
			}
		}, "content/passwd.md", "lien symbolique non pris en charge", "Remplacez le lien symbolique par une copie"},
		{"broken symbolic link", func(t *testing.T, src string) {
			if err := os.Symlink("nulle-part.toml", filepath.Join(src, "data/valeurs/2025.toml")); err != nil {
				t.Fatal(err)
			}
		}, "data/valeurs/2025.toml", "fichier introuvable", "relancez-la"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := sitetest.New(t, fixture)
			c.setup(t, src)
			_, l, err := Prepare(Options{Source: src, Defaults: defaultsFS()})
			if err != nil {
				t.Fatal(err)
			}
			checkOne(t, l.Items(), c.where, c.msg, c.hint, false)
			_, err = buildSite(t, src, filepath.Join(t.TempDir(), "out"), "")
			if err == nil {
				t.Error("the build succeeded")
			}
		})
	}
}

func write(t *testing.T, src, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFileVanishesMidBuild: a file listed when the site was read, then
// removed before it is copied (an editor moving files during a build), is
// reported as a content problem, in French, and nothing is published.
func TestFileVanishesMidBuild(t *testing.T) {
	files := with(fixture, map[string]string{"content/axes/1-vert/schema.pdf": "%PDF-1.4 essai"})
	src := sitetest.New(t, files)
	ld, l, err := Prepare(Options{Source: src, Defaults: defaultsFS()})
	if err != nil || l.HasErrors() {
		t.Fatalf("%v %v", err, l.Items())
	}
	if err := os.Remove(filepath.Join(src, "content/axes/1-vert/schema.pdf")); err != nil {
		t.Fatal(err)
	}
	mem := &memory{files: map[string]int{}}
	if _, err := ld.Write(mem, 2, l); err != nil {
		t.Fatalf("Write returned %v, want a diagnostic", err)
	}
	checkOne(t, l.Items(), "content/axes/1-vert/schema.pdf", "fichier introuvable", "supprimé pendant la construction", false)
	if _, ok := mem.files["axes/1-vert/schema.pdf"]; ok {
		t.Error("the vanished file was written")
	}
	// A page that vanishes between the listing and its reading.
	if err := os.Remove(filepath.Join(src, "content/page.md")); err != nil {
		t.Fatal(err)
	}
	l = &diag.List{}
	readGone(t, src, l)
}

// readGone reads a page that no longer exists, as content.Load does when a
// file vanishes after the folder was listed.
func readGone(t *testing.T, src string, l *diag.List) {
	t.Helper()
	root, err := os.OpenRoot(src)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if _, ok := srcfile.Read(root.FS(), "content/page.md", l); ok {
		t.Fatal("read a removed file")
	}
	checkOne(t, l.Items(), "content/page.md", "fichier introuvable", "supprimé pendant la construction", false)
}

// memory is a Sink that keeps the sizes of the files written.
type memory struct {
	mu    sync.Mutex
	files map[string]int
}

func (m *memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = len(data)
	return nil
}

func (m *memory) Copy(name string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return m.WriteFile(name, b)
}

// A site's own layout that fails: told at its line, once however many
// pages use it, and nothing published.
func TestLayoutErrors(t *testing.T) {
	for _, c := range []struct {
		name, layout, where, msg string
	}{
		{"unknown field, met while rendering", "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n<p>{{.Page.Resume}}</p>{{end}}\n",
			"layouts/section.html:2:11", `la mise en page échoue : executing "main" at <.Page.Resume>: can't evaluate field Resume`},
		{"unclosed action, met while parsing", "{{define \"main\"}}\n<h1>{{.Page.Title</h1>{{end}}\n",
			"layouts/section.html:2", "gabarit invalide : bad character U+003C '<'"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := sitetest.New(t, with(fixture, map[string]string{"layouts/section.html": c.layout}))
			dest := filepath.Join(t.TempDir(), "public")
			_, err := Run(Options{Source: src, Dest: dest, Defaults: defaultsFS()})
			var le *diag.ListError
			if !errors.As(err, &le) {
				t.Fatalf("want the layout's error, got %v", err)
			}
			checkOne(t, le.Items, c.where, c.msg, "Corrigez", false)
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("something was published: %v", err)
			}
		})
	}
}
