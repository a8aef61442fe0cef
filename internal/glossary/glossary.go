// Package glossary reads data/glossaire.toml, the abbreviations of the
// schema with their expansion, and marks the first use of each on a page
// with <abbr title="…">, so that « DAPM » or « VTFE » is explained where a
// reader first meets it.
package glossary

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"spaser/internal/diag"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
)

// File is the glossary's path in the source folder. It is optional.
const File = "data/glossaire.toml"

// maxTerm bounds a term's length: abbreviations are short, and every page
// is searched for every term.
const maxTerm = 40

// Term is one abbreviation.
type Term struct {
	Term       string   `toml:"term"`       // "VTFE", as written in the text
	Expansion  string   `toml:"expansion"`  // "véhicules à très faibles émissions"
	Definition string   `toml:"definition"` // optional: a sentence that explains it
	Source     string   `toml:"source"`     // optional: where the expansion is stated
	Pos        diag.Pos `toml:"-"`          // where it is written
}

type fileTOML struct {
	Terms []Term `toml:"terms"`
}

// Glossary is the site's terms, sorted for display (case-insensitive).
type Glossary struct {
	Terms []Term
}

// Load reads the glossary. A missing file is not an error: the site then
// has no glossary.
func Load(fsys fs.FS, l *diag.List) *Glossary {
	g := &Glossary{}
	if _, err := fs.Stat(fsys, File); err == nil {
		if src, ok := srcfile.Read(fsys, File, l); ok {
			g.Terms = parse(src, l)
		}
	} else if !srcfile.Missing(l, fsys, diag.Pos{File: File}, err) {
		return g
	}
	g.sort()
	return g
}

// sort puts the terms in the order of display (case-insensitive).
func (g *Glossary) sort() {
	slices.SortStableFunc(g.Terms, func(a, b Term) int {
		return strings.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term))
	})
}

// parse decodes and checks src; entries with an error are left out.
func parse(src []byte, l *diag.List) []Term {
	var f fileTOML
	if _, ok := tomlfile.Decode(l, File, 1, src, &f); !ok {
		return nil
	}
	lines := tomlfile.NewIndex(src).Lines("terms")
	seen := map[string]int{}
	var out []Term
	for i, t := range f.Terms {
		p := diag.Pos{File: File}
		if i < len(lines) {
			p.Line = lines[i]
		}
		t.Term = strings.TrimSpace(t.Term)
		t.Expansion = typo.Text(strings.TrimSpace(t.Expansion))
		t.Definition = typo.Text(strings.TrimSpace(t.Definition))
		t.Source = typo.Text(strings.TrimSpace(t.Source))
		if msg, hint := checkTerm(t); msg != "" {
			l.Errorf(p, hint, "%s", msg)
			continue
		}
		if line, dup := seen[t.Term]; dup {
			l.Errorf(p, fmt.Sprintf("Gardez une seule entrée ; l'autre est à la ligne %d.", line), "terme « %s » déclaré deux fois", t.Term)
			continue
		}
		seen[t.Term] = p.Line
		t.Pos = p
		out = append(out, t)
	}
	return out
}

// checkTerm returns what is wrong with t, and how to fix it, or "".
func checkTerm(t Term) (msg, hint string) {
	switch {
	case t.Term == "":
		return "terme sans sigle (term)", "Ajoutez term = \"DAPM\" : l'abréviation telle qu'elle est écrite dans le texte."
	case utf8.RuneCountInString(t.Term) > maxTerm:
		return fmt.Sprintf("terme trop long (%d caractères, maximum %d)", utf8.RuneCountInString(t.Term), maxTerm), "Un terme du glossaire est une abréviation : écrivez le sigle seul, et le nom complet dans expansion."
	case !wordEdge(t.Term, true) || !wordEdge(t.Term, false) || strings.ContainsAny(t.Term, "<>&\"\n\t"):
		return fmt.Sprintf("terme illisible : %q", t.Term), "Un terme commence et finit par une lettre ou un chiffre, sans guillemets ni < > &, par exemple \"VTFE\"."
	case t.Expansion == "":
		return fmt.Sprintf("terme « %s » sans forme développée (expansion)", t.Term), "Ajoutez expansion = \"…\" : le nom complet, tel que le document le donne. Si aucune source ne le donne, supprimez l'entrée."
	}
	return "", ""
}

// wordEdge reports whether the first (or last) rune of s is a letter or a
// digit, so that a term can be found as a whole word.
func wordEdge(s string, first bool) bool {
	var r rune
	if first {
		r, _ = utf8.DecodeRuneInString(s)
	} else {
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Title is what <abbr title> says for t: its expansion.
func (t Term) Title() string { return t.Expansion }
