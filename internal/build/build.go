// Package build runs the whole pipeline: load (configuration, content,
// indicators) → check (every problem at once) → assemble → render in
// parallel → publish atomically.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/indicator"
	"spaser/internal/markdown"
	"spaser/internal/publish"
	"spaser/internal/render"
	"spaser/internal/site"
)

// Options say what to build and where.
type Options struct {
	Source   string // the site's folder
	Dest     string // the output folder; default Source/public
	BaseURL  string // overrides data/site.toml's base_url
	Defaults fs.FS  // the default layouts (spaser.Layouts)
	Workers  int    // parallel renderers; default GOMAXPROCS
}

// Result is what a build did.
type Result struct {
	Pages    int
	Files    int
	Duration time.Duration
	Diags    []diag.Diagnostic // warnings of a successful build
}

// UsageError is a problem with the command's arguments, not the content.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Loaded is a site read and assembled, ready to render.
type Loaded struct {
	FS        fs.FS
	Site      *site.Site
	Templates *render.Templates
	Tree      *content.Tree
}

// Load reads and assembles the site at opts.Source without writing
// anything. The diagnostics list every problem found.
func Load(opts Options) (*Loaded, *diag.List, error) {
	if opts.BaseURL != "" {
		if _, err := config.ParseBaseURL(opts.BaseURL); err != nil {
			return nil, nil, &UsageError{fmt.Sprintf("--base-url %q invalide : %v (exemples : https://www.exemple.fr/spaser/ ou /spaser/)", opts.BaseURL, err)}
		}
	}
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, nil, &UsageError{fmt.Sprintf("dossier source %s illisible : %v", opts.Source, err)}
	}
	fsys := root.FS()
	l := &diag.List{}
	cfg := config.Load(fsys, l)
	if cfg == nil {
		return nil, l, nil
	}
	baseStr := cfg.BaseURL
	if opts.BaseURL != "" {
		baseStr = opts.BaseURL
	}
	if baseStr == "" {
		baseStr = "/"
	}
	base, err := config.ParseBaseURL(baseStr)
	if err != nil {
		return nil, l, nil // reported by config.Load
	}
	tree := content.Load(fsys, l)
	cat := indicator.Load(fsys, cfg, l)
	s := site.New(cfg, base, tree, cat, l)
	tmpl := render.Load(fsys, opts.Defaults, l)
	return &Loaded{FS: fsys, Site: s, Templates: tmpl, Tree: tree}, l, nil
}

// Run builds the site. On any content error it returns a *diag.ListError
// and leaves the destination as it was.
//
// Each page is rendered (its Markdown body, then its layout) and written at
// once, into a temporary folder that replaces the destination only when the
// whole build succeeded: memory holds a rendered page per worker, not the
// whole site.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = path.Join(opts.Source, "public")
	}
	ld, l, err := Load(opts)
	if err != nil {
		return nil, err
	}
	if l.HasErrors() {
		if ld != nil {
			// Nothing will be written; the bodies are still converted so
			// that broken links are reported with every other problem.
			if err := renderPages(ld, nil, opts.Workers, l); err != nil {
				return nil, err
			}
		}
		return nil, l.Err()
	}
	dir, err := publish.Begin(opts.Dest, opts.Source)
	if err != nil {
		return nil, &UsageError{err.Error()}
	}
	res, err := write(ld, dir, opts.Workers, l)
	if err == nil && l.HasErrors() {
		err = l.Err()
	}
	if err != nil {
		dir.Abort()
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		dir.Abort()
		return nil, err
	}
	res.Duration = time.Since(start)
	res.Diags = l.Items()
	return res, nil
}

// parallel calls fn for every page on workers goroutines; each gets its
// own diagnostics list, merged into l. It returns the first error.
func parallel(pages []*site.Page, workers int, l *diag.List, fn func(*site.Page, *diag.List) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *site.Page)
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local diag.List
			for p := range jobs {
				if err := fn(p, &local); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			l.Merge(&local)
			mu.Unlock()
		}()
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return firstErr
}

// renderPages converts the Markdown body of every page, reporting its
// problems (broken links) to l; when dir is not nil, it then renders the
// page's layout and writes the page at once. A page's body is dropped as
// soon as its page is written, so a layout may show its own page's body
// only.
func renderPages(ld *Loaded, dir *publish.Dir, workers int, l *diag.List) error {
	conv := markdown.New()
	s := ld.Site
	return parallel(s.Pages, workers, l, func(p *site.Page, l *diag.List) error {
		err := convertBody(ld, conv, p, l)
		if err == nil && dir != nil {
			var html []byte
			html, err = ld.Templates.Page(s, p)
			if err != nil {
				err = fmt.Errorf("page /%s : %w", p.URLPath, err)
			} else {
				err = dir.WriteFile(outFile(p), html)
			}
		}
		p.Body, p.Headings = "", nil
		return err
	})
}

// convertBody renders the Markdown of content page p into p.Body and
// p.Headings, and reports its broken links.
func convertBody(ld *Loaded, conv *markdown.Converter, p *site.Page, l *diag.List) error {
	if p.Src == nil || len(bytes.TrimSpace(p.Src.Body)) == 0 {
		return nil
	}
	res, err := conv.Convert(p.Src.Body, ld.Site.Resolver(p))
	if err != nil {
		return fmt.Errorf("%s : conversion Markdown impossible : %w", p.Src.File, err)
	}
	for _, b := range res.Broken {
		l.Errorf(diag.Pos{File: p.Src.File, Line: p.Src.BodyLine + b.Line - 1}, "Vérifiez le chemin du fichier .md visé : il s'écrit relativement à cette page (../autre-page.md) ou depuis content/ (/axes/…/page.md).", "lien vers une page inexistante : %s", b.Target)
	}
	if res.Demoted {
		l.Warnf(diag.Pos{File: p.Src.File, Line: p.Src.BodyLine}, "Le titre de la page (title) est le seul titre de niveau 1 : commencez les intertitres par ##.", "intertitres de niveau 1 (#) abaissés d'un niveau")
	}
	p.Body = template.HTML(res.HTML) // goldmark escapes text and omits raw HTML
	p.Headings = res.Headings
	return nil
}

// outFile is the file of page p in the output folder.
func outFile(p *site.Page) string {
	if strings.HasSuffix(p.URLPath, ".html") {
		return p.URLPath
	}
	return p.URLPath + "index.html"
}

// write renders and writes every page, then copies every other file into
// dir.
func write(ld *Loaded, dir *publish.Dir, workers int, l *diag.List) (*Result, error) {
	if err := renderPages(ld, dir, workers, l); err != nil {
		return nil, err
	}
	files, err := writeFiles(ld, dir)
	if err != nil {
		return nil, err
	}
	return &Result{Pages: len(ld.Site.Pages), Files: len(ld.Site.Pages) + files}, nil
}

func writeFiles(ld *Loaded, dir *publish.Dir) (int, error) {
	n := 0
	for _, a := range ld.Templates.Assets {
		if err := dir.WriteFile(a.Out, a.Data); err != nil {
			return n, err
		}
		n++
	}
	for _, rel := range ld.Tree.Files {
		if err := copyFile(ld.FS, path.Join(content.Dir, rel), dir.Path(rel)); err != nil {
			return n, err
		}
		n++
	}
	if sm, ok := render.Sitemap(ld.Site); ok {
		if err := dir.WriteFile("sitemap.xml", sm); err != nil {
			return n, err
		}
		n++
	}
	return n + 1, dir.WriteFile("robots.txt", render.Robots(ld.Site))
}

func copyFile(fsys fs.FS, from, to string) error {
	in, err := fsys.Open(from)
	if err != nil {
		return fmt.Errorf("%s : %w", from, err)
	}
	defer in.Close()
	if err := os.MkdirAll(path.Dir(to), 0o755); err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// IsUsage reports whether err is a usage error (exit status 2).
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}
