package scaffold_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spaser/internal/markdown"
	"spaser/internal/scaffold"
)

func TestLevelNames(t *testing.T) {
	lv, err := scaffold.ParseLevels("chantier, Objectif stratégique ,Engagement,Mesure,Axe de travail,Thème/Thèmes/ce thème")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lv {
		got = append(got, l.Singular+"|"+l.Plural+"|"+l.Demonstrative)
	}
	want := []string{
		"Chantier|Chantiers|ce chantier",
		"Objectif stratégique|Objectifs stratégiques|cet objectif stratégique",
		"Engagement|Engagements|cet engagement",
		"Mesure|Mesures|cette mesure",
		"Axe de travail|Axes de travail|cet axe de travail",
		"Thème|Thèmes|ce thème",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for in, want := range map[string]string{"Enjeu": "Enjeux", "Niveau": "Niveaux", "Objectif général": "Objectifs généraux", "Priorité": "Priorités", "Axe": "Axes", "Pôle": "Pôles"} {
		if got := scaffold.Plural(in); got != want {
			t.Errorf("Plural(%s) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{"Orientation": "cette orientation", "Enjeu": "cet enjeu", "Action": "cette action", "Volet": "ce volet", "Ambition": "cette ambition", "Levier": "ce levier"} {
		if got := scaffold.Demonstrative(in); got != want {
			t.Errorf("Demonstrative(%s) = %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"", "Axe,,Action", "A/B/C/D", "1,2,3,4,5,6,7"} {
		if _, err := scaffold.ParseLevels(bad); err == nil {
			t.Errorf("ParseLevels(%q) accepted", bad)
		}
	}
}

func TestPeriod(t *testing.T) {
	if s, e, err := scaffold.ParsePeriod("2025-2030"); err != nil || s != 2025 || e != 2030 {
		t.Errorf("2025-2030: %d %d %v", s, e, err)
	}
	for _, bad := range []string{"2030-2025", "2025", "25-30", "1800-1801"} {
		if _, _, err := scaffold.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

// A new site never replaces a file: one existing file, nothing written.
func TestNewSiteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "content", "_index.md")
	os.MkdirAll(filepath.Dir(home), 0o755)
	os.WriteFile(home, []byte("mine"), 0o644)
	lv, _ := scaffold.ParseLevels("Axe,Action")
	_, err := scaffold.Site(dir, scaffold.SiteOptions{Collectivite: "C", Start: 2025, End: 2030, Levels: lv})
	if err == nil || !strings.Contains(err.Error(), "content/_index.md existe déjà") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(home); string(b) != "mine" {
		t.Error("the file was replaced")
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Error("other files were written")
	}
}

// No Val-de-Marne words in a new site.
func TestNewSiteIsGeneric(t *testing.T) {
	dir := t.TempDir()
	lv, _ := scaffold.ParseLevels("Orientation,Mesure")
	files, err := scaffold.Site(dir, scaffold.SiteOptions{Collectivite: "Ville d'Essai", Start: 2025, End: 2030, Levels: lv})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		for _, w := range []string{"Val-de-Marne", "DAPM", "Département", "Créteil", "0b5d4b"} {
			if strings.Contains(string(b), w) {
				t.Errorf("%s contains %q", f, w)
			}
		}
	}
	if len(files) != 6 || files[5] != "content/orientations/1-orientation/1-mesure.md" {
		t.Errorf("files: %v", files)
	}
}

// FuzzParseLevels: whatever --niveaux says, either a usage error or levels
// with names that make a folder name and a sentence.
func FuzzParseLevels(f *testing.F) {
	for _, s := range []string{"Axe,Action", "Chantier,Objectif,Engagement", "Axe/Axes/cet axe,,", "!!!,?", "Échelon/É/x", " , ", "a/b/c/d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lv, err := scaffold.ParseLevels(s)
		if err != nil {
			return
		}
		if len(lv) == 0 || len(lv) > scaffold.MaxLevels {
			t.Fatalf("%q: %d levels", s, len(lv))
		}
		for _, l := range lv {
			if markdown.Slug(l.Singular) == "" || markdown.Slug(l.Plural) == "" || l.Demonstrative == "" {
				t.Fatalf("%q: level %+v", s, l)
			}
		}
	})
}

var update = flag.Bool("update", false, "rewrite testdata/nouveau-site from spaser new site")

// TestNewSiteGolden compares the files of a new three-level site with
// testdata/nouveau-site ("go test ./internal/scaffold -update" after an
// intended change).
func TestNewSiteGolden(t *testing.T) {
	dir := t.TempDir()
	lv, _ := scaffold.ParseLevels("Chantier,Objectif,Engagement")
	files, err := scaffold.Site(dir, scaffold.SiteOptions{Collectivite: "Région d'Essai", Start: 2024, End: 2030, Levels: lv})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "nouveau-site")
	for _, f := range files {
		got, _ := os.ReadFile(filepath.Join(dir, f))
		want := filepath.Join(golden, filepath.FromSlash(f))
		if *update {
			os.MkdirAll(filepath.Dir(want), 0o755)
			if err := os.WriteFile(want, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if b, err := os.ReadFile(want); err != nil || string(b) != string(got) {
			t.Errorf("%s differs from %s (go test ./internal/scaffold -update if intended)", f, want)
		}
	}
}
