// Package content reads content/: Markdown pages with TOML front matter
// between +++ lines. A folder with an _index.md is a section; the folder tree
// is the structure of the site.
package content

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"spaser/internal/diag"
	"spaser/internal/slug"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
)

// Dir is the content folder inside the source folder.
const Dir = "content"

// FrontMatter is what an editor may write between the +++ lines.
type FrontMatter struct {
	Title      string   `toml:"title"`
	ShortTitle string   `toml:"short_title"`
	Summary    string   `toml:"summary"`
	Weight     int      `toml:"weight"`
	ODD        []int    `toml:"odd"`
	Indicators []string `toml:"indicators"`
	Draft      bool     `toml:"draft"`
	Layout     string   `toml:"layout"`
	Menu       bool     `toml:"menu"`

	// Description is the page's meta description for search engines, when
	// it should differ from the summary.
	Description string `toml:"description"`
}

// Page is one Markdown file.
type Page struct {
	File      string // path from the source folder: content/axes/_index.md
	Rel       string // path from content/: axes/_index.md
	IsSection bool   // an _index.md
	FM        FrontMatter
	Body      []byte // the Markdown; nil once build.Prepare has converted it
	BodyLine  int    // line of the file where Body starts

	Parent   *Page
	Children []*Page // ordered by weight, then title

	fmSrc  []byte
	fmLine int
}

// PageDir is the folder that the page at rel (from content/) stands for:
// its own for a section, else the file path without .md
// ("axes/1-climat/2-vehicules").
func PageDir(rel string) string {
	if isSection(rel) {
		return path.Dir(rel)
	}
	return strings.TrimSuffix(rel, ".md")
}

func isSection(rel string) bool { return path.Base(rel) == "_index.md" }

// KeyPos is the position of a front matter key, for diagnostics found later.
func (p *Page) KeyPos(key string) diag.Pos {
	line, col := tomlfile.KeyAt(p.fmSrc, 0, key)
	if line == 0 {
		return diag.Pos{File: p.File, Line: 1}
	}
	return diag.Pos{File: p.File, Line: p.fmLine + line - 1, Col: col}
}

var keyLineRe = regexp.MustCompile(`^\s*[A-Za-z0-9_-]+\s*=`)

// ValuePos is the position of the nth (0-based) occurrence of the text
// "value", quotes included, in the value of key (a list may span several
// lines); KeyPos when it is not found.
func (p *Page) ValuePos(key, value string, nth int) diag.Pos {
	kp := p.KeyPos(key)
	if kp.Col == 0 {
		return kp
	}
	lines := strings.Split(string(p.fmSrc), "\n")
	quoted := strconv.Quote(value)
	for i := kp.Line - p.fmLine; i < len(lines); i++ {
		text := lines[i]
		if i > kp.Line-p.fmLine && keyLineRe.MatchString(text) {
			break
		}
		from := 0
		if i == kp.Line-p.fmLine {
			from = strings.Index(text, "=")
		}
		for from >= 0 {
			j := strings.Index(text[from:], quoted)
			if j < 0 {
				break
			}
			if nth == 0 {
				return diag.Pos{File: p.File, Line: p.fmLine + i, Col: utf8.RuneCountInString(text[:from+j]) + 1}
			}
			nth--
			from += j + len(quoted)
		}
	}
	return kp
}

// Tree is the whole content folder.
type Tree struct {
	Home  *Page
	Pages []*Page          // every published page, sorted by Rel
	ByRel map[string]*Page // by Rel
	Files []string         // other files (images, PDF) to copy as they are, by Rel

	unreadable map[string]bool // pages that exist but could not be read, by Rel
}

// Load reads content/ from fsys. Problems go to l; a tree is returned even
// when some pages could not be read, so that all problems are found at once.
func Load(fsys fs.FS, l *diag.List) *Tree {
	t := &Tree{ByRel: map[string]*Page{}, unreadable: map[string]bool{}}
	if st, err := fs.Stat(fsys, Dir); err != nil || !st.IsDir() {
		if err != nil && !srcfile.Missing(l, fsys, diag.Pos{File: Dir}, err) {
			return t
		}
		l.Errorf(diag.Pos{File: Dir}, "Créez le dossier content/ avec au moins un fichier content/_index.md (la page d'accueil).", "dossier content/ introuvable")
		return t
	}
	var rels []string // the .md files, read after the walk
	_ = fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			srcfile.Report(l, fsys, diag.Pos{File: p}, err)
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, Dir), "/")
		if rel == "" {
			return nil
		}
		base := path.Base(p)
		if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // editors' backup and system files
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l.Errorf(diag.Pos{File: p}, "Remplacez le lien symbolique par une copie du fichier dans le dossier du site.", "lien symbolique non pris en charge")
			return nil
		}
		if d.IsDir() {
			checkName(l, p, base)
			return nil
		}
		if path.Ext(p) != ".md" {
			if !Publishable(rel) {
				l.Errorf(diag.Pos{File: p}, "Seuls les images et les documents sont publiés tels quels ("+PublishedList()+") : une page s'écrit en Markdown (.md) ; retirez ce fichier de content/.", "type de fichier non publié : %s", base)
				return nil
			}
			t.Files = append(t.Files, rel)
			return nil
		}
		if base != "_index.md" {
			checkName(l, p, strings.TrimSuffix(base, ".md"))
		}
		rels = append(rels, rel)
		return nil
	})
	for i, pg := range readPages(fsys, rels, l) {
		rel := rels[i]
		switch {
		case pg == nil:
			t.unreadable[rel] = true // already reported; not reported again as missing
		case !pg.FM.Draft:
			t.Pages = append(t.Pages, pg)
			t.ByRel[rel] = pg
		}
	}
	t.link(l)
	return t
}

func checkName(l *diag.List, p, name string) {
	if !slug.Valid(name) {
		l.Errorf(diag.Pos{File: p}, "Renommez-le en minuscules sans accents ni espaces, avec seulement des lettres, des chiffres et des tirets, par exemple « 2-achats-responsables » : ce nom devient l'adresse de la page.", "nom de fichier ou de dossier incorrect : %q", name)
	}
}

// readPages reads the pages of rels (paths from content/) on as many
// goroutines as there are processors; a page is nil when its file could not
// be used, which is reported to l.
func readPages(fsys fs.FS, rels []string, l *diag.List) []*Page {
	pages := make([]*Page, len(rels))
	lists := make([]diag.List, runtime.GOMAXPROCS(0))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := range lists {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				pages[i] = safeReadPage(fsys, path.Join(Dir, rels[i]), rels[i], &lists[w])
			}
		}()
	}
	for i := range rels {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for w := range lists {
		l.Merge(&lists[w])
	}
	return pages
}

// safeReadPage is readPage, with a bug met on one file (of the TOML
// library, say) reported at that file instead of stopping the command.
func safeReadPage(fsys fs.FS, p, rel string, l *diag.List) (pg *Page) {
	defer func() {
		if r := recover(); r != nil {
			l.Errorf(diag.Pos{File: p}, "Le fichier est peut-être en cause : signalez l'erreur avec ce fichier à l'équipe technique.", "%v", diag.Internal(r))
			pg = nil
		}
	}()
	return readPage(fsys, p, rel, l)
}

func readPage(fsys fs.FS, p, rel string, l *diag.List) *Page {
	src, ok := srcfile.Read(fsys, p, l)
	if !ok {
		return nil
	}
	pg := &Page{File: p, Rel: rel, IsSection: isSection(rel)}
	fm, body, bodyLine, ok := split(src, p, l)
	if !ok {
		return nil
	}
	// The front matter is copied so that the file's buffer goes with the
	// body once the build has converted it.
	pg.fmSrc, pg.fmLine, pg.Body, pg.BodyLine = bytes.Clone(fm), 2, body, bodyLine
	if _, ok := tomlfile.Decode(l, p, 2, fm, &pg.FM); !ok {
		return nil
	}
	if strings.TrimSpace(pg.FM.Title) == "" && !misnamedTitle(fm) {
		l.Errorf(pg.KeyPos("title"), "Ajoutez un titre dans l'en-tête : title = \"…\"", "titre vide")
	}
	for _, n := range pg.FM.ODD {
		if n < 1 || n > 17 {
			l.Errorf(pg.KeyPos("odd"), "Les objectifs de développement durable sont numérotés de 1 à 17.", "numéro d'ODD inconnu : %d", n)
		}
	}
	return pg
}

// split separates the +++ front matter from the body.
func split(src []byte, file string, l *diag.List) (fm, body []byte, bodyLine int, ok bool) {
	const delim = "+++"
	if !bytes.HasPrefix(src, []byte(delim+"\n")) {
		if bytes.Equal(bytes.TrimSpace(src), []byte(delim)) {
			l.Errorf(diag.Pos{File: file, Line: 1}, "Ajoutez l'en-tête (title = \"…\") puis une ligne +++ de fin.", "en-tête non fermé : la ligne +++ de fin est introuvable")
			return nil, nil, 0, false
		}
		l.Errorf(diag.Pos{File: file, Line: 1}, "Commencez le fichier par une ligne +++, l'en-tête (title = \"…\"), puis une autre ligne +++ avant le texte.", "en-tête manquant : la première ligne doit être +++")
		return nil, nil, 0, false
	}
	rest := src[len(delim)+1:]
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		if end < 0 {
			ln = rest[off:]
		} else {
			ln = rest[off : off+end]
		}
		if string(bytes.TrimRight(ln, " \t")) == delim {
			fm = rest[:off]
			if end < 0 {
				return fm, nil, line + 1, true
			}
			return fm, rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	l.Errorf(diag.Pos{File: file, Line: 1}, "Ajoutez une ligne +++ après la dernière ligne de l'en-tête, avant le texte de la page.", "en-tête non fermé : la ligne +++ de fin est introuvable")
	return nil, nil, 0, false
}

// link sets parents and children and reports folders without _index.md.
func (t *Tree) link(l *diag.List) {
	sort.Slice(t.Pages, func(i, j int) bool { return t.Pages[i].Rel < t.Pages[j].Rel })
	t.Home = t.ByRel["_index.md"]
	if t.Home == nil && !t.unreadable["_index.md"] {
		l.Errorf(diag.Pos{File: "content/_index.md"}, "Créez content/_index.md : c'est la page d'accueil (un en-tête avec title, puis le texte d'introduction).", "page d'accueil introuvable")
	}
	missing := map[string]bool{}
	for _, pg := range t.Pages {
		if pg == t.Home {
			continue
		}
		dir := path.Dir(pg.Rel)
		if pg.IsSection {
			dir = path.Dir(dir)
		}
		parentRel := "_index.md"
		if dir != "." {
			parentRel = dir + "/_index.md"
		}
		parent := t.ByRel[parentRel]
		if parent == nil {
			if parentRel == "_index.md" {
				continue // the missing home page is reported once, above
			}
			if !missing[parentRel] && !t.unreadable[parentRel] {
				missing[parentRel] = true
				l.Errorf(diag.Pos{File: path.Join(Dir, parentRel)}, "Chaque dossier de content/ a un fichier _index.md (en-tête avec title, puis le texte d'introduction de la rubrique) : créez-le.", "fichier _index.md manquant pour le dossier %s", path.Join(Dir, path.Dir(parentRel)))
			}
			continue
		}
		pg.Parent = parent
		parent.Children = append(parent.Children, pg)
	}
	for _, pg := range t.Pages {
		SortPages(pg.Children)
	}
}

// Unreadable reports whether the page at rel (from content/) exists but
// could not be read: its problem is already reported, so links to it and
// what it would have said are not reported again.
func (t *Tree) Unreadable(rel string) bool { return t.unreadable[rel] }

// HasUnreadable reports whether some page could not be read.
func (t *Tree) HasUnreadable() bool { return len(t.unreadable) > 0 }

// SortPages orders pages by weight, then title, then file.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.FM.Weight != b.FM.Weight {
			return a.FM.Weight < b.FM.Weight
		}
		if a.FM.Title != b.FM.Title {
			return a.FM.Title < b.FM.Title
		}
		return a.Rel < b.Rel
	})
}
