package sheet

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/indicator"
)

// Plan is what an import would write.
type Plan struct {
	File    string   // the values file, relative to the site: data/valeurs/AAAA.toml
	Exists  bool     // the file is there already
	Text    string   // its new text
	Changes []string // what would change, in French, one line each
}

// Import reads g as the values of year for the site fsys and returns what
// it would write; its problems go to l, at their cells. It returns nil when
// g cannot be imported.
func Import(fsys fs.FS, year int, g Grid, l *diag.List) *Plan {
	rows := g.rows(l)
	if l.HasErrors() {
		return nil
	}
	rows = filled(rows)
	p := &Plan{File: indicator.ValuesFile(year)}
	header := fmt.Sprintf("# Valeurs des indicateurs pour l’année %d (le nom du fichier est l’année),\n# importées d’un tableur par « spaser import annee %d ».\n", year, year)
	var notes map[string]string
	old, err := fs.ReadFile(fsys, p.File)
	if err == nil {
		p.Exists = true
		header, notes = comments(string(old))
	} else if !errors.Is(err, fs.ErrNotExist) {
		l.Errorf(diag.Pos{File: p.File}, "Vérifiez les droits de lecture du fichier.", "fichier de valeurs illisible : %v", err)
		return nil
	}
	text, cells := valuesText(rows, header, notes)
	p.Text = text
	if !validate(fsys, p.File, text, cells, g.Name, l) {
		return nil
	}
	var before []*Row
	if p.Exists {
		quiet := &diag.List{}
		if cfg := config.Load(fsys, quiet); cfg != nil {
			before = filled(Rows(indicator.Load(fsys, cfg, quiet), year))
		}
	}
	p.Changes = changes(before, rows)
	return p
}

// validate loads the site with text as the values file, as a build would,
// and reports the problems of that file at their cells. The problems of the
// other files are reported as they are when they are errors: the import
// cannot be checked without the catalogue.
func validate(fsys fs.FS, file, text string, cells map[int]string, sheet string, l *diag.List) bool {
	ov := overlay{FS: fsys, name: file, file: fstest.MapFS{file: {Data: []byte(text), Mode: 0o644}}}
	ll := &diag.List{}
	if cfg := config.Load(ov, ll); cfg != nil {
		indicator.Load(ov, cfg, ll)
	}
	ok := true
	for _, d := range ll.Items() {
		if d.File != file {
			if d.Severity == diag.Error {
				l.Add(d)
				ok = false
			}
			continue
		}
		d.File, d.Line, d.Col = cellOf(cells, d.Line, sheet), 0, 0
		l.Add(d)
		if d.Severity == diag.Error {
			ok = false
		}
	}
	return ok
}

// cellOf is the cell a line of the written file comes from: the line's own
// cell, or the nearest one above (a block's header names the row).
func cellOf(cells map[int]string, line int, sheet string) string {
	for ; line > 0; line-- {
		if c, ok := cells[line]; ok {
			return c
		}
	}
	return sheet
}

// overlay is a site with one file replaced (or added).
type overlay struct {
	fs.FS
	name string
	file fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if name == o.name {
		return o.file.Open(name)
	}
	return o.FS.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.FS, name)
	if name != path.Dir(o.name) {
		return entries, err
	}
	mine, _ := fs.ReadDir(o.file, name)
	out := mine
	for _, e := range entries {
		if e.Name() != path.Base(o.name) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// changes lists, in French, what turns before into after.
func changes(before, after []*Row) []string {
	key := func(r *Row) [2]string { return [2]string{r.ID, r.Part} }
	old := map[[2]string]*Row{}
	for _, r := range before {
		old[key(r)] = r
	}
	var out []string
	for _, r := range after {
		o, ok := old[key(r)]
		delete(old, key(r))
		if !ok {
			out = append(out, name(r)+" : ajouté ("+summary(r)+")")
			continue
		}
		for _, c := range columns {
			if c.Key == "" || c.Key == "label" {
				continue
			}
			a, b := o.Values[c.Key], r.Values[c.Key]
			if a != b {
				out = append(out, fmt.Sprintf("%s : %s : %s → %s", name(r), c.Key, describe(a), describe(b)))
			}
		}
	}
	for _, r := range before {
		if _, ok := old[key(r)]; ok {
			out = append(out, name(r)+" : retiré ("+summary(r)+")")
		}
	}
	return out
}

func name(r *Row) string {
	if r.Part == "" {
		return r.ID
	}
	return r.ID + ", détail « " + r.Part + " »"
}

func summary(r *Row) string {
	var parts []string
	for _, c := range columns {
		if v, ok := r.Values[c.Key]; ok && c.Key != "" && c.Key != "label" {
			parts = append(parts, c.Key+" "+describe(v))
		}
	}
	if len(parts) == 0 {
		return "sans chiffre"
	}
	return strings.Join(parts, ", ")
}

// Write writes the plan's file in the site at dir, whole or not at all.
func (p *Plan) Write(dir string) error {
	dst := filepath.Join(dir, filepath.FromSlash(p.File))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return WriteFile(dst, []byte(p.Text))
}

// WriteFile writes data to dst whole or not at all: through a temporary file
// of the same folder, renamed, so that an interrupted write never leaves an
// editor with a truncated spreadsheet or values file.
func WriteFile(dst string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".spaser-*"+filepath.Ext(dst))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
