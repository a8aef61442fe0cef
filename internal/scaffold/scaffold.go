// Package scaffold writes the files of `spaser new`: next year's values
// file, a new action page, a new indicator in the catalogue. Each is
// prefilled and commented in French so that editors fill blanks, and none
// ever replaces an existing file or rewrites existing text.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/markdown"
	"spaser/internal/slug"
)

// Error is a reason not to write anything, with how to proceed.
type Error struct {
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "\n    → " + e.Hint
}

// Problems is returned when the site's files must be fixed first.
type Problems struct{ Items []diag.Diagnostic }

func (p *Problems) Error() string {
	var b strings.Builder
	for _, d := range p.Items {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	b.WriteString("Corrigez d'abord ces erreurs (spaser check les liste toutes) : rien n'a été écrit.")
	return b.String()
}

// site is what the templates need from the source folder.
type site struct {
	dir  string
	fsys fs.FS
	cfg  *config.Config
	cat  *indicator.Catalogue
}

// open reads the configuration and the catalogue; errors in them stop
// everything (the generated file would be wrong), others do not concern us.
func open(dir string, withCatalogue bool) (*site, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &Error{Msg: fmt.Sprintf("dossier source %s illisible : %v", dir, err), Hint: "Indiquez le dossier du site avec --source."}
	}
	s := &site{dir: dir, fsys: root.FS()}
	var l diag.List
	s.cfg = config.Load(s.fsys, &l)
	if s.cfg != nil && withCatalogue {
		s.cat = indicator.Load(s.fsys, s.cfg, &l)
	}
	var stop []diag.Diagnostic
	for _, d := range l.Items() {
		if d.Severity == diag.Error && (d.File == config.File || d.File == indicator.CatalogueFile) {
			stop = append(stop, d)
		}
	}
	if len(stop) > 0 || s.cfg == nil {
		return nil, &Problems{Items: stop}
	}
	return s, nil
}

// create writes a new file, never replacing one.
func create(dir, rel string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &Error{Msg: rel + " existe déjà : rien n'a été écrit.", Hint: "Modifiez ce fichier directement, ou choisissez un autre nom."}
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// wrap cuts text into lines of at most width characters, each starting
// with prefix.
func wrap(text, prefix string, width int) string {
	var b strings.Builder
	line := prefix
	for _, w := range strings.Fields(text) {
		if len([]rune(line))+1+len([]rune(w)) > width && line != prefix {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = prefix
		}
		if line != prefix {
			line += " "
		}
		line += w
	}
	if line != prefix {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// plain turns the typographic spaces of formatted figures into ordinary
// ones, for comments that editors read in a text editor.
func plain(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

// checkName refuses a file or id that would be refused by the build,
// suggesting the right spelling.
func checkName(what, name string) error {
	if slug.Valid(name) {
		return nil
	}
	hint := "Utilisez des minuscules sans accents, des chiffres et des tirets."
	if s := markdown.Slug(name); s != "" {
		hint = fmt.Sprintf("Écrivez par exemple « %s » : minuscules sans accents, chiffres et tirets.", s)
	}
	return &Error{Msg: fmt.Sprintf("%s incorrect : « %s »", what, name), Hint: hint}
}

// contentRel turns the folder an editor typed (content/axes/1-x, axes/1-x/,
// ./content/axes/1-x) into a path inside content/.
func contentRel(dir string) string {
	d := path.Clean(filepath.ToSlash(dir))
	d = strings.TrimPrefix(d, "./")
	d = strings.TrimPrefix(d, content.Dir+"/")
	if d == content.Dir || d == "." {
		return ""
	}
	return d
}
