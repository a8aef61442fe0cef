// Package render executes the layouts (html/template) for each page and
// prepares the static assets, named by a hash of their content so that hosts
// can cache them for a year.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/site"
	"spaser/internal/srcfile"
	"spaser/internal/typo"
)

// Dir is the layouts folder, in a site and in the defaults.
const Dir = "layouts"

// Templates are the parsed layouts and the assets.
type Templates struct {
	sets   map[string]*template.Template // by page kind
	files  map[string]layoutFile         // by template name: the file it was read from
	ids    map[string]map[string]bool    // by page kind: the ids its layouts write
	Assets map[string]Asset              // by name in layouts/assets
}

// Asset is a static file with its fingerprinted output path.
type Asset struct {
	Out  string // "assets/style.3f2a9c1b.css"
	Data []byte
	Read func() io.Reader // instead of Data, for a large file made as it is written
}

// defaultSuffix marks, in a diagnostic, a layout read from the defaults.
const defaultSuffix = " (mise en page par défaut)"

// overlay reads a layout file from the site first, then from the defaults.
type overlay struct{ site, def fs.FS }

// read returns the layout name and the file it was read from. Only a file
// the site does not have comes from the defaults: one it has but that
// cannot be read (a link out of the site's folder) is an error, not
// silently replaced.
func (o overlay) read(name string) ([]byte, string, error) {
	p := path.Join(Dir, name)
	if o.site != nil {
		b, err := fs.ReadFile(o.site, p)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return b, p, err
		}
	}
	b, err := fs.ReadFile(o.def, p)
	return b, p + defaultSuffix, err
}

func (o overlay) list(dir string) []string {
	seen := map[string]bool{}
	for _, f := range []fs.FS{o.site, o.def} {
		if f == nil {
			continue
		}
		entries, _ := fs.ReadDir(f, path.Join(Dir, dir))
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				seen[e.Name()] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Load parses the layouts of siteFS (may be nil) over the defaults, with
// the site's colours: the stylesheet, style.css, ends with them as custom
// properties (config.Colors.CSS), and the favicon is drawn in the accent
// colour (recolour).
func Load(siteFS, defaults fs.FS, l *diag.List, k config.Colors) *Templates {
	o := overlay{siteFS, defaults}
	t := &Templates{sets: map[string]*template.Template{}, files: map[string]layoutFile{}, ids: map[string]map[string]bool{}, Assets: map[string]Asset{}}
	for _, name := range o.list("assets") {
		b, _, err := o.read("assets/" + name)
		if err != nil {
			srcfile.Report(l, o.site, diag.Pos{File: path.Join(Dir, "assets", name)}, err)
			continue
		}
		b = recolour(name, b, k)
		b = minifyAsset(name, b)
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		t.Assets[name] = Asset{Out: "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext, Data: b}
	}
	base := template.New("base").Funcs(t.funcs())
	if !t.parse(o, base, "base.html", l) {
		return nil
	}
	for _, name := range o.list("partials") {
		if !t.parse(o, base, "partials/"+name, l) {
			return nil
		}
	}
	for _, k := range site.Kinds {
		set, err := base.Clone()
		if err != nil {
			l.Errorf(diag.Pos{File: Dir}, "", "mises en page : %v", err)
			return nil
		}
		if !t.parse(o, set, k+".html", l) {
			return nil
		}
		t.sets[k] = set
		t.ids[k] = layoutIDs(t.files, "base.html", k+".html")
	}
	return t
}

// recolour gives an asset the site's colours: the stylesheet ends with
// them, and the favicon's default accent is replaced with the site's.
func recolour(name string, b []byte, k config.Colors) []byte {
	switch name {
	case "style.css":
		return append(append([]byte{}, b...), k.CSS()...)
	case "favicon.svg":
		def := `"` + config.DefaultColors().Accent + `"`
		return bytes.ReplaceAll(b, []byte(def), []byte(`"`+k.Accent+`"`))
	}
	return b
}

// literalID is an id written as it is in a layout (not built by an action).
var literalID = regexp.MustCompile(`\bid="([^"{}]+)"`)

// layoutIDs are the literal ids of the named layouts and of every partial.
func layoutIDs(files map[string]layoutFile, names ...string) map[string]bool {
	ids := map[string]bool{}
	for name, f := range files {
		if strings.HasPrefix(name, "partials/") || slices.Contains(names, name) {
			for _, m := range literalID.FindAllStringSubmatch(f.text, -1) {
				ids[m[1]] = true
			}
		}
	}
	return ids
}

// IDs are the ids a page of kind has from its layouts: its text's headings
// must take others. Nil when the layouts could not be loaded.
func (t *Templates) IDs(kind string) map[string]bool {
	if t == nil {
		return nil
	}
	return t.ids[kind]
}

// parse adds the layout file name to set.
func (t *Templates) parse(o overlay, set *template.Template, name string, l *diag.List) bool {
	b, file, err := o.read(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		srcfile.Report(l, o.site, diag.Pos{File: file}, err)
		return false
	}
	if err != nil {
		l.Errorf(diag.Pos{File: path.Join(Dir, name)}, "Ajoutez ce fichier dans layouts/ ou supprimez la version incomplète du site pour reprendre celle par défaut.", "mise en page introuvable")
		return false
	}
	t.files[name] = layoutFile{path: file, text: string(b)}
	if _, err := set.New(name).Parse(string(b)); err != nil {
		pos, detail, ok := locate(err, t.files)
		if !ok {
			pos, detail = diag.Pos{File: file}, err.Error()
		}
		l.Errorf(pos, "Corrigez la syntaxe du gabarit (voir la documentation de html/template).", "gabarit invalide : %s", detail)
		return false
	}
	return true
}

// Page renders p. A layout's failure is a *LayoutError.
func (t *Templates) Page(s *site.Site, b *Built, p *site.Page) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Render(&buf, s, b, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render renders p into w, as Page does.
func (t *Templates) Render(w io.Writer, s *site.Site, b *Built, p *site.Page) error {
	set := t.sets[p.Kind]
	if set == nil {
		return fmt.Errorf("aucune mise en page pour le type de page %q", p.Kind)
	}
	out := w
	var page *bytes.Buffer
	if s.MarksAbbreviations(p) {
		page = marked.Get().(*bytes.Buffer)
		defer marked.Put(page)
		page.Reset()
		out = page
	}
	if err := set.ExecuteTemplate(out, "base", View{Site: s, Page: p, built: b}); err != nil {
		if errors.Is(err, ErrChartsPending) {
			return ErrChartsPending // not the layout's fault
		}
		if pos, detail, ok := locate(err, t.files); ok {
			return &LayoutError{Pos: pos, Detail: detail}
		}
		return err
	}
	if page != nil {
		_, err := w.Write(s.Terms.Mark(page.Bytes()))
		return err
	}
	return nil
}

// marked are the buffers a page is rendered into before its abbreviations
// are marked, reused from page to page.
var marked = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (t *Templates) funcs() template.FuncMap {
	m := template.FuncMap{
		"asset": func(s *site.Site, name string) (string, error) {
			a, ok := t.Assets[name]
			if !ok {
				return "", fmt.Errorf("fichier layouts/assets/%s introuvable", name)
			}
			return s.Base.Path + a.Out, nil
		},
		"num":     func(v float64) string { return typo.Number(v, 1) },
		"int":     func(v int) string { return typo.Number(float64(v), 0) },
		"year":    func(v int) string { return fmt.Sprint(v) },
		"typo":    typo.Text,
		"quoted":  typo.Quoted,
		"kind":    func(k indicator.Kind) string { return indicator.Kinds[k] },
		"plural":  plural,
		"add":     func(a, b int) int { return a + b },
		"hasText": func(s string) bool { return strings.TrimSpace(s) != "" },
		"lower":   strings.ToLower,
		"dict":    dict,
		"replace": strings.ReplaceAll,
		"dateFR":  typo.Date,
		"printID": printID,
		"cspMeta": func() string { return MetaCSP },
		"capital": config.Capital,
	}
	for k, v := range followUpFuncs() {
		m[k] = v
	}
	return m
}

// plural writes "1 action", "3 actions".
func plural(n int, one, many string) string {
	if n < 2 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// dict builds a map from key, value pairs, to pass several values to a
// partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict : nombre d'arguments impair")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict : clé %v qui n'est pas un texte", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
