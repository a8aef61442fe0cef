package glossary

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

// TestUsed: the terms written as whole words, once each, in reading order.
func TestUsed(t *testing.T) {
	g := &Glossary{Terms: []Term{{Term: "EA"}, {Term: "GES"}, {Term: "VFE"}, {Term: "VTFE"}, {Term: "PNAD 2"}, {Term: "PNAD"}}}
	got := g.Used("Objectif VTFE, GES", "les EAU, VFE et GES", "PNAD 2")
	var names []string
	for _, t := range got {
		names = append(names, t.Term)
	}
	if want := []string{"VTFE", "GES", "VFE", "PNAD 2", "PNAD"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Used = %q, want %q", names, want)
	}
	if (*Glossary)(nil).Used("GES") != nil {
		t.Error("a nil glossary uses terms")
	}
}

// adopt loads glossary src (none when "") and adopts aliases.
func adopt(t *testing.T, src string, aliases ...Alias) (*Glossary, string) {
	t.Helper()
	l := &diag.List{}
	fsys := fstest.MapFS{}
	if src != "" {
		fsys[File] = &fstest.MapFile{Data: []byte(src)}
	}
	g := Load(fsys, l)
	g.Adopt(aliases, l)
	var all []string
	for _, d := range l.Items() {
		all = append(all, d.String())
	}
	return g, strings.Join(all, "\n")
}

func at(line int) diag.Pos { return diag.Pos{File: "data/indicateurs.toml", Line: line, Col: 1} }

// TestAdopt: a label_meaning the glossary lacks is kept as a glossary term
// (its text is never lost) and warns at its line with the exact entry to
// add; one the glossary has says so; one that differs says which is shown.
func TestAdopt(t *testing.T) {
	const vfe = "[[terms]]\nterm = \"VFE\"\nexpansion = \"véhicules à faibles émissions\"\n"
	for _, tc := range []struct {
		name, glossary string
		aliases        []Alias
		terms          string // Term=Expansion, sorted
		want           []string
	}{
		{"moved nowhere yet", "", []Alias{{"VFE", " véhicules à faibles émissions ", at(9)}, {"VFE", "véhicules à faibles émissions", at(16)}},
			"VFE=véhicules à faibles émissions",
			[]string{"data/indicateurs.toml:9:1: avertissement\u00a0: label_meaning est remplacé par le glossaire : déplacez l'explication de « VFE »",
				"ajoutez à data/glossaire.toml (une seule fois par sigle) :\n[[terms]]\nterm = \"VFE\"\nexpansion = \"véhicules à faibles émissions\"\nEn attendant, l'explication reste affichée.",
				"data/indicateurs.toml:16:1: avertissement\u00a0: label_meaning est remplacé par le glossaire : « VFE » est expliqué plus haut de la même façon",
				"l'entrée à ajouter à data/glossaire.toml est donnée pour data/indicateurs.toml:9."}},
		{"already there", vfe, []Alias{{"VFE", "véhicules à faibles émissions", at(9)}},
			"VFE=véhicules à faibles émissions",
			[]string{"data/indicateurs.toml:9:1: avertissement\u00a0: label_meaning est remplacé par le glossaire : « VFE » y est déjà expliqué", "data/glossaire.toml:1 l'explique déjà de la même façon : supprimez cette ligne."}},
		{"differs", vfe, []Alias{{"VFE", "voitures \"propres\"", at(9)}},
			"VFE=véhicules à faibles émissions",
			[]string{"« VFE » est expliqué autrement ailleurs", "celle de data/glossaire.toml:1 (« véhicules à faibles émissions ») ; celle-ci (« voitures \"propres\" ») ne l'est pas"}},
		{"beside others", vfe, []Alias{{"AB", "agriculture biologique", at(3)}},
			"AB=agriculture biologique|VFE=véhicules à faibles émissions",
			[]string{"term = \"AB\"\nexpansion = \"agriculture biologique\""}},
		{"quoted for TOML", "", []Alias{{"AB", `agri "bio" \ 2`, at(3)}},
			"AB=agri \"bio\" \\ 2",
			[]string{`expansion = "agri \"bio\" \\ 2"`}},
		{"no label", "", []Alias{{"", "véhicules à faibles émissions", at(5)}},
			"",
			[]string{"data/indicateurs.toml:5:1: erreur\u00a0: label_meaning sans sigle à expliquer : l'objectif n'a pas de nom (label)", "term = \"SIGLE\"\nexpansion = \"véhicules à faibles émissions\""}},
		{"not an acronym", "", []Alias{{"Objectif (loi)", "loi climat", at(5)}},
			"",
			[]string{"erreur\u00a0: label_meaning sans sigle à expliquer : le nom de l'objectif n'est pas un sigle (« Objectif (loi) »)"}},
		{"empty", "", []Alias{{"VFE", " ", at(5)}},
			"",
			[]string{"avertissement\u00a0: label_meaning vide : il n'explique rien"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, msgs := adopt(t, tc.glossary, tc.aliases...)
			var terms []string
			for _, term := range g.Terms {
				terms = append(terms, term.Term+"="+term.Expansion)
			}
			if got := strings.Join(terms, "|"); got != tc.terms {
				t.Errorf("terms %q, want %q", got, tc.terms)
			}
			for _, w := range tc.want {
				if !strings.Contains(msgs, w) {
					t.Errorf("diagnostics:\n%s\nwant %q", msgs, w)
				}
			}
			if len(msgs) == 0 {
				t.Error("no diagnostic")
			}
		})
	}
}

// TestMarkColon: « VFE : véhicules à faibles émissions », a chart's note,
// explains the term already: it is not marked there.
func TestMarkColon(t *testing.T) {
	g := &Glossary{Terms: []Term{{Term: "VFE", Expansion: "véhicules à faibles émissions"}, {Term: "GES", Expansion: "gaz à effet de serre"}}}
	page := "<main><p>VFE\u00a0: véhicules à faibles émissions ; GES : gaz ; VFE</p></main>"
	want := "<main><p>VFE\u00a0: véhicules à faibles émissions ; <abbr title=\"gaz à effet de serre\">GES</abbr> : gaz ; VFE</p></main>"
	if got := string(g.Mark([]byte(page))); got != want {
		t.Errorf("Mark:\n got %s\nwant %s", got, want)
	}
}
