package main

import (
	"bytes"
	"os"
	"path/filepath"
	"spaser/internal/sitetest"
	"strings"
	"testing"
)

// TestGuideExamples makes each mistake that docs/guide-mise-a-jour.md
// shows in a copy of the default site, runs spaser check, and requires
// every message printed (place, message and fix) to appear word for word
// in the guide (the no-break space after « erreur » aside): its examples
// stay real as the messages change.
func TestGuideExamples(t *testing.T) {
	guide, err := os.ReadFile("../../docs/guide-mise-a-jour.md")
	if err != nil {
		t.Fatal(err)
	}
	const action = "content/axes/1-transition-ecologique/1-climat/4-vehicules-faibles-emissions.md"
	type edit func(t *testing.T, dir string)
	sub := func(file, old, new string) edit {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, file)
			b, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(b), old) {
				t.Fatalf("%s: %q not found (%v)", file, old, err)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write := func(file, body string) edit {
		return func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendTo := func(file, text string) edit {
		return func(t *testing.T, dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, file))
			write(file, string(b)+text)(t, dir)
		}
	}
	cases := map[string]edit{
		"typo":         sub(action, "weight = 4", "wieght = 4"),
		"french key":   sub(action, "weight = 4", "poids = 4"),
		"id on a page": sub(action, `"vehicules-electriques-parc"]`, `"vehicule-electriques-parc"]`),
		"id in values": sub("data/valeurs/2022.toml", "[vehicules-faibles-emissions]", "[vehicules-faible-emissions]"),
		"duplicate id": appendTo("data/indicateurs.toml", "\n[[indicator]]\nid = \"heures-insertion\"\nlabel = \"Heures\"\nkind = \"count\"\nunit = \"heures\"\n"),
		"id twice":     sub(action, `indicators = ["vehicules-faibles-emissions", `, `indicators = ["vehicules-faibles-emissions", "vehicules-faibles-emissions", `),
		"table twice":  appendTo("data/valeurs/2022.toml", "\n[vehicules-faibles-emissions]\ncount = 1\n"),
		"lost header":  sub("data/valeurs/2022.toml", "comment = \"40 véhicules électriques sur 92 véhicules légers renouvelés\"\n", "comment = \"40 véhicules électriques sur 92 véhicules légers renouvelés\"\ncount = 3\n"),
		"percent":      sub("data/valeurs/2022.toml", "share = 31.5\n", "share = 31.5 %\n"),
		"nbsp":         sub("data/valeurs/2022.toml", "count = 40", "count\u00a0= 40"),
		"stray year":   write("data/2023.toml", "[heures-insertion]\nvalue = 61234\nsource = \"Bilan\"\n"),
		"half filled":  sub("data/valeurs/2022.toml", "total = 92\n", ""),
		"image alt": func(t *testing.T, dir string) {
			write(filepath.Dir(action)+"/parc.png", string(sitetest.PNG(sitetest.Photo(40, 30))))(t, dir)
			appendTo(action, "\n![](parc.png)\n")(t, dir)
		},
		"image size": func(t *testing.T, dir string) {
			write(filepath.Dir(action)+"/plan.png", string(sitetest.Bomb(25000, 25000)))(t, dir)
			appendTo(action, "\n![Le plan de renouvellement](plan.png)\n")(t, dir)
		},
		"anchor":       sub("content/presentation.md", "+++\n\n## Une volonté", "+++\n\nVoir [les enjeux](#les-enjeux-de-l-actualisation).\n\n## Une volonté"),
		"address link": sub("content/presentation.md", "+++\n\n## Une volonté", "+++\n\nVoir [les axes](/axes/).\n\n## Une volonté"),
		"year":         write("data/valeurs/2030.toml", "[heures-insertion]\nvalue = 1\n"),
		"share":        sub("data/valeurs/2022.toml", "share = 31.5", "share = 315"),
		"count":        sub("data/valeurs/2022.toml", "count = 40", "count = 94"),
		"negative":     sub("data/valeurs/2022.toml", "count = 40", "count = -40"),
		"share total":  sub("data/valeurs/2022.toml", "total = 92", "total = 92\nshare = 43.5"),
		"target year":  sub("data/indicateurs.toml", "year = 2025\nvalue = 40", "year = 2025\nby = 2025\nvalue = 40"),
		"link":         sub("content/axes/1-transition-ecologique/2-biodiversite/3-plastique-usage-unique.md", "2-perturbateurs-endocriniens.md", "2-perturbateur-endocriniens.md"),
		"index": func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "content/axes/2-inclusion-sociale/2-handicap/_index.md"))
		},
		"title":        sub(action, `title = "Poursuivre l'achat de véhicules à faibles et très faibles émissions en remplacement de véhicules thermiques"`, `title = ""`),
		"curly":        sub(action, `short_title = "Véhicules à faibles émissions"`, `short_title = “Véhicules à faibles émissions”`),
		"unclosed":     sub(action, "+++\n\n## Éléments", "\n## Éléments"),
		"no header":    sub("content/presentation.md", "+++\n", ""),
		"type":         sub(action, "weight = 4", `weight = "4"`),
		"comma":        sub("data/valeurs/2022.toml", "share = 31.5", "share = 31,5"),
		"spaces":       write("data/valeurs/2023.toml", "[heures-insertion]\nvalue = 61 234\nsource = \"Bilan 2023\"\n"),
		"unit":         sub("data/indicateurs.toml", `unit = "vehicules"`, `unit = "véhicules"`),
		"pilot":        sub("data/indicateurs.toml", `pilot = "DAPM"`, `pilot = "DAMP"`),
		"latin-1":      write("data/valeurs/2023.toml", "[heures-insertion]\nvalue = 61234\nsource = \"Bilan de la clause d'insertion, Direction de l'emploi\"\ncomment = \"Donn\xe9es arr\xeat\xe9es au 31 d\xe9cembre\"\n"),
		"binary":       write("content/axes/1-transition-ecologique/schema.md", "\x89PNG\r\n\x1a\n\x00\x00"),
		"not followed": sub(action, `indicators = ["vehicules-faibles-emissions", "vehicules-electriques-parc"]`, `indicators = ["vehicules-faibles-emissions"]`),
		"big": func(t *testing.T, dir string) {
			f, err := os.Create(filepath.Join(dir, "content/rapport.md"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(50 << 20); err != nil {
				t.Fatal(err)
			}
		},
		"link outside": func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(t.TempDir(), "valeurs-2023.toml"), filepath.Join(dir, "data/valeurs/2023.toml")); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, mistake := range cases {
		t.Run(name, func(t *testing.T) {
			dir := sitetest.CopyDefault(t, "../..")
			mistake(t, dir)
			var out, errb bytes.Buffer
			run([]string{"check", "--source", dir, "--annee", "2026"}, &out, &errb)
			report, _, _ := strings.Cut(out.String(), "\nVérification : ")
			if strings.TrimSpace(report) == "" {
				t.Fatalf("no message:\n%s%s", out.String(), errb.String())
			}
			report = strings.ReplaceAll(report, "\u00a0", " ") // the guide writes "erreur :" with a plain space
			for _, line := range strings.Split(strings.TrimSpace(report), "\n") {
				if !bytes.Contains(guide, []byte(line+"\n")) {
					t.Errorf("not in the guide: %q", line)
				}
			}
		})
	}
}
