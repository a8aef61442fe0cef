// Package build runs the whole pipeline: load (configuration, content,
// indicators) → check (every problem at once) → assemble → render in
// parallel → publish atomically.
package build

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/echarts"
	"spaser/internal/figures"
	"spaser/internal/followup"
	"spaser/internal/glossary"
	"spaser/internal/indicator"
	"spaser/internal/markdown"
	"spaser/internal/picture"
	"spaser/internal/publish"
	"spaser/internal/render"
	"spaser/internal/rgaa"
	"spaser/internal/safeurl"
	"spaser/internal/search"
	"spaser/internal/site"
	"spaser/internal/srcfile"
)

// Options say what to build and where.
type Options struct {
	Source   string            // the site's folder
	Dest     string            // the output folder; default Source/public
	BaseURL  string            // overrides data/site.toml's base_url
	Defaults fs.FS             // the default layouts (spaser.Layouts)
	Workers  int               // parallel renderers; default GOMAXPROCS
	Charts   *echarts.Renderer // draws the charts; default echarts.New()
	NoCharts bool              // check only: the charts are not drawn
	Layouts  *render.Cache     // the preview: layouts reused from its previous build when unchanged; nil parses them every time
	Images   *picture.Cache    // reduced images kept between builds; nil: picture.DefaultCache()

	prewarm *echarts.Renderer // set by Prepare: warmed by Load once it knows a chart will be drawn
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
	// Built is what is computed from the assembled site: the follow-up
	// (by Load), then the bodies, search index and charts (by Prepare).
	Built *render.Built

	images *images // their headers read by Load, reduced by Prepare (images.go)
}

// ParseBaseURL reads the --base-url option of build and serve; its error
// is a *UsageError that shows two correct forms.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := config.ParseBaseURL(s)
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("--base-url %q invalide : %v (exemples : https://www.exemple.fr/spaser/ ou /spaser/)", s, err)}
	}
	return u, nil
}

// Load reads and assembles the site at opts.Source without writing
// anything. The diagnostics list every problem found.
func Load(opts Options) (*Loaded, *diag.List, error) {
	var base *url.URL // --base-url, checked before anything is read
	if opts.BaseURL != "" {
		var err error
		if base, err = ParseBaseURL(opts.BaseURL); err != nil {
			return nil, nil, err
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
	if base == nil {
		if base, err = config.ParseBaseURL(cmp.Or(cfg.BaseURL, "/")); err != nil {
			return nil, l, nil // reported by config.Load
		}
	}
	// The layouts depend on nothing else: parsed meanwhile, they leave the
	// rest of the loading alone on the critical path.
	var tmpl *render.Templates
	tl := &diag.List{}
	parsed := make(chan struct{})
	go func() {
		defer close(parsed)
		defer func() {
			if r := recover(); r != nil {
				tmpl = nil
				tl.Errorf(diag.Pos{File: render.Dir}, "", "%v", diag.Internal(r))
			}
		}()
		tmpl = opts.Layouts.Load(fsys, opts.Defaults, tl, cfg.Colors)
	}()
	// The follow-up needs only the indicators: computed before the content
	// is read, it starts ECharts compiling as early as can be.
	cat := indicator.Load(fsys, cfg, l)
	built := &render.Built{Follow: followup.Compute(cat, site.Years(cfg))}
	if opts.prewarm != nil && slices.ContainsFunc(built.Follow.List, (*followup.Entry).HasChart) {
		// ECharts compiles while the rest loads; a site without a chart
		// does not pay for it.
		opts.prewarm.Prewarm()
	}
	tree := content.Load(fsys, l)
	s := site.New(cfg, base, tree, cat, l)
	s.FileSize = contentSize(fsys) // before the documents, which state their size
	imgs := inspectImages(fsys, tree.Files)
	s.Image = imgs.size
	terms := glossary.Load(fsys, l)
	terms.Adopt(cat.Aliases, l) // the deprecated label_meaning
	s.SetGlossary(terms)
	s.SetDocuments(l)
	grid, auto := rgaa.Load(fsys, l)
	s.SetAudit(grid, auto, l)
	<-parsed
	l.Merge(tl)
	return &Loaded{FS: fsys, Site: s, Templates: tmpl, Tree: tree, Built: built, images: imgs}, l, nil
}

// Prepare reads, checks and assembles the site, then converts every page
// body, so that broken links are reported with every other problem, and
// draws the charts (unless opts.NoCharts). It writes nothing: build, check
// and the preview all start here. ld is nil when the configuration could
// not be read; l lists every problem found.
func Prepare(opts Options) (*Loaded, *diag.List, error) {
	ld, l, charts, err := prepare(opts)
	if err == nil && charts != nil {
		err = ld.waitCharts(charts, l)
	}
	if err != nil {
		return nil, nil, err
	}
	return ld, l, nil
}

// prepare is Prepare, but leaves the charts being drawn when the content
// has no error: charts is then the drawing, which ld.waitCharts finishes.
func prepare(opts Options) (ld *Loaded, l *diag.List, charts *figures.Job, err error) {
	r := opts.Charts
	if r == nil {
		r = echarts.New()
	}
	if !opts.NoCharts {
		opts.prewarm = r
	}
	ld, l, err = Load(opts)
	if err != nil {
		return nil, nil, nil, err
	}
	if ld != nil && !l.HasErrors() && !opts.NoCharts {
		charts = figures.Start(context.Background(), ld.Site, ld.Built.Follow, r) // drawn while the bodies convert
		// Reduced while the bodies convert and the pages render: the pages
		// need only their sizes, known from their headers. Write waits.
		ld.images.start(ld.FS, *cmp.Or(opts.Images, defaultImages), opts.Workers)
	}
	var failure error
	if ld != nil {
		failure = convertBodies(ld, opts.Workers, l)
	}
	if charts != nil && (failure != nil || l.HasErrors()) {
		// Waited for even when the bodies had errors, so that no drawing
		// goes on behind the next build of the preview; the content's
		// problems are told rather than the charts'.
		ld.Built.Charts, _ = charts.Wait()
		charts = nil
	}
	if failure != nil {
		return nil, nil, nil, failure
	}
	return ld, l, charts, nil
}

// waitCharts waits for the charts and hands them to the layouts; an error
// is returned only when the content has none. A chart that could not be
// drawn is a problem of its indicator, told to l.
func (ld *Loaded) waitCharts(charts *figures.Job, l *diag.List) error {
	figs, err := charts.Wait()
	ld.Built.Charts = figs
	var de *figures.DrawError
	if errors.As(err, &de) {
		l.Errorf(de.Pos, "Vérifiez les valeurs de cet indicateur (nombre d'années, de séries) ; si elles sont correctes, signalez l'erreur à l'équipe technique.", "%v", de)
		return nil
	}
	if err != nil && !l.HasErrors() {
		return err
	}
	return nil
}

// Run builds the site. On any content error it returns a *diag.ListError
// and leaves the destination as it was.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	ld, l, charts, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	if l.HasErrors() {
		if ld != nil {
			ld.images.wait(l) // a damaged image is told with the other errors
		}
		return nil, l.Err()
	}
	dir, err := publish.Begin(opts.Dest, opts.Source)
	if err != nil {
		if charts != nil {
			charts.Wait() // no drawing left behind
		}
		return nil, &UsageError{err.Error()}
	}
	res, err := ld.writeWhileDrawing(dir, opts.Workers, l, charts)
	if err == nil && l.HasErrors() {
		err = l.Err()
	}
	if err != nil {
		dir.Abort()
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	res.Diags = l.Items()
	return res, nil
}

// parallel calls fn for every page on workers goroutines; each gets its
// own diagnostics list, merged into l. It returns the first error.
func parallel(pages []*site.Page, workers int, l *diag.List, fn func(int, *site.Page, *diag.List) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local diag.List
			for i := range jobs {
				if err := safely(func() error { return fn(i, pages[i], &local) }); errors.Is(err, errInternal) {
					local.Errorf(pagePos(pages[i]), "Le fichier est peut-être en cause : signalez l'erreur avec ce fichier à l'équipe technique.", "%v", err)
				} else if err != nil {
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
	for i := range pages {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return firstErr
}

// errInternal marks the error of a panic caught by safely.
var errInternal = errors.New("panique")

// safely runs fn; a panic in it becomes an error wrapping errInternal,
// never a crash of the whole command.
func safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w%.0w", diag.Internal(r), errInternal)
		}
	}()
	return fn()
}

// pagePos is the file a page comes from, for a diagnostic about it: its
// Markdown file, or its address for a generated page.
func pagePos(p *site.Page) diag.Pos {
	if p.Src != nil {
		return diag.Pos{File: p.Src.File}
	}
	return diag.Pos{File: "page /" + p.URLPath}
}

// bodyPos is line and col (0: unknown) of p's Markdown body as a place in
// its file, below the front matter.
func bodyPos(p *site.Page, line, col int) diag.Pos {
	return diag.Pos{File: p.Src.File, Line: p.Src.BodyLine + line - 1, Col: col}
}

// convertBodies renders the Markdown of every content page, so that broken
// links are reported with every other problem, before anything is written,
// and makes each page's entry in the search index. That is the last use of
// the Markdown: it is dropped, which keeps a large site's memory down.
func convertBodies(ld *Loaded, workers int, l *diag.List) error {
	conv := markdown.New()
	s, b := ld.Site, ld.Built
	b.Search = make([][]byte, len(s.Pages))
	bodies := make([]template.HTML, len(s.Pages))
	anchors := make(anchors, len(s.Pages))
	defer func() {
		b.SearchFile = search.Index(b.Search).File()
		b.Bodies = make(map[*site.Page]template.HTML, len(s.Pages))
		for i, p := range s.Pages {
			if bodies[i] != "" {
				b.Bodies[p] = bodies[i]
			}
		}
	}()
	err := parallel(s.Pages, workers, l, func(i int, p *site.Page, l *diag.List) error {
		entry, err := search.PageEntry(s, p, b.Follow)
		if err != nil {
			return fmt.Errorf("page /%s : index de recherche : %w", p.URLPath, err)
		}
		b.Search[i] = entry
		if p.Src == nil {
			return nil
		}
		defer func() { p.Src.Body = nil }()
		if len(bytes.TrimSpace(p.Src.Body)) == 0 {
			anchors.record(i, nil)
			return nil
		}
		res, err := conv.Convert(p.Src.Body, s.Resolver(p), ld.Templates.IDs(p.Kind))
		var le *markdown.LimitError
		if errors.As(err, &le) {
			l.Errorf(bodyPos(p, le.Line, 0), le.Hint, "%s", le.Msg)
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s : conversion Markdown impossible : %w", p.Src.File, err)
		}
		for _, b := range res.Broken {
			msg, hint := brokenLink(s, p, b.Target)
			l.Errorf(bodyPos(p, b.Line, b.Col), hint, "%s", msg)
		}
		for _, b := range res.Unsafe {
			l.Errorf(bodyPos(p, b.Line, b.Col), "Un lien mène à une page (https://…, ou le chemin d'un fichier .md), une adresse électronique (mailto:…) ou un numéro (tel:…) ; une image est un fichier placé dans content/.", "%v", safeurl.Check(b.Target))
		}
		reportImages(l, p, res.Images)
		if res.Demoted {
			l.Warnf(bodyPos(p, 1, 0), "Le titre de la page (title) est le seul titre de niveau 1 : commencez les intertitres par ##.", "intertitres de niveau 1 (#) abaissés d'un niveau")
		}
		for _, w := range res.Warnings {
			l.Warnf(bodyPos(p, w.Line, 0), w.Hint, "%s", w.Msg)
		}
		anchors.record(i, res)
		bodies[i] = template.HTML(res.HTML) // goldmark escapes text and omits raw HTML
		return nil
	})
	if err == nil {
		anchors.report(ld, l) // once every page's ids are known
	}
	return err
}

// Sink receives the files of a built site: a folder about to be published,
// or the memory of the preview server. Both methods are called from several
// goroutines at once.
type Sink interface {
	WriteFile(name string, data []byte) error // name is a slash path in the site; data is reused after the call
	Copy(name string, r io.Reader) error      // a file copied as it is (image, PDF)
}

// Discard is a Sink that keeps nothing: spaser check renders the whole site
// with it, to meet the layouts' errors, without writing anything.
var Discard Sink = discard{}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func (discard) Copy(_ string, r io.Reader) error {
	_, err := io.Copy(io.Discard, r) // a content file that cannot be read is a problem too
	return err
}

// Write renders every page of a prepared site and copies every other file
// into sink. A content file that can no longer be read (removed during the
// build) is reported to l; other failures are returned.
func (ld *Loaded) Write(sink Sink, workers int, l *diag.List) (*Result, error) {
	return ld.writeWhileDrawing(sink, workers, l, nil)
}

// writePages renders pages with b into sink. With b.ChartsPending, a page
// that shows a chart is not written but returned, in the order of pages.
func (ld *Loaded) writePages(sink Sink, b *render.Built, pages []*site.Page, workers int, l *diag.List) ([]*site.Page, error) {
	s := ld.Site
	later := make([]bool, len(pages))
	err := parallel(pages, workers, l, func(i int, p *site.Page, l *diag.List) error {
		buf := pageBufs.Get().(*bytes.Buffer)
		defer pageBufs.Put(buf)
		buf.Reset()
		err := ld.Templates.Render(buf, s, b, p)
		var le *render.LayoutError
		if errors.Is(err, render.ErrChartsPending) {
			later[i] = true
			return nil
		}
		if errors.As(err, &le) {
			// Once for every page of the layout: the list keeps one copy.
			l.Errorf(le.Pos, le.Hint(), "la mise en page échoue : %s", le.Detail)
			return nil
		}
		if err != nil {
			return fmt.Errorf("page /%s : %w", p.URLPath, err)
		}
		return sink.WriteFile(PageFile(p), buf.Bytes())
	})
	if err != nil {
		return nil, err
	}
	var rest []*site.Page
	for i, p := range pages {
		if later[i] {
			rest = append(rest, p)
		}
	}
	return rest, nil
}

// writeNonPages is writeFiles; a panic in it is a problem told to l.
func (ld *Loaded) writeNonPages(sink Sink, l *diag.List) error {
	err := safely(func() error { return writeFiles(ld, sink, l) })
	if errors.Is(err, errInternal) {
		l.Errorf(diag.Pos{File: "data"}, "Les fichiers de données sont peut-être en cause : signalez l'erreur à l'équipe technique.", "fichiers générés (données ouvertes, index de recherche) : %v", err)
		return nil
	}
	return err
}

// pageBufs are the buffers the pages are rendered into, reused from page
// to page: a sink does not keep the bytes it is given.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// PageFile is the file of page p in the built site: "axes/index.html" for
// "axes/", "404.html" for itself.
func PageFile(p *site.Page) string {
	if strings.HasSuffix(p.URLPath, ".html") {
		return p.URLPath
	}
	return p.URLPath + "index.html"
}

// counter is a Sink that counts the files its own sink took.
type counter struct {
	Sink
	n atomic.Int64
}

func (c *counter) WriteFile(name string, data []byte) error {
	return c.count(c.Sink.WriteFile(name, data))
}

func (c *counter) Copy(name string, r io.Reader) error { return c.count(c.Sink.Copy(name, r)) }

func (c *counter) count(err error) error {
	if err == nil {
		c.n.Add(1)
	}
	return err
}

// writeFiles writes every file but the pages: the layouts' assets, the
// generated files (render.Extra) and the content's other files.
func writeFiles(ld *Loaded, sink Sink, l *diag.List) error {
	ld.images.wait(l)
	server, err := render.ServerFiles(ld.Site)
	if err != nil {
		return err
	}
	generated := slices.AppendSeq(append(render.Extra(ld.Site, ld.Built), server...), maps.Values(ld.Templates.Assets))
	for _, a := range generated {
		var err error
		if a.Read != nil {
			err = sink.Copy(a.Out, a.Read())
		} else {
			err = sink.WriteFile(a.Out, a.Data)
		}
		if err != nil {
			return err
		}
	}
	taken := generatedNames(ld, generated)
	for _, rel := range ld.Tree.Files {
		if gen, ok := taken[strings.ToLower(rel)]; ok {
			l.Errorf(diag.Pos{File: path.Join(content.Dir, rel)}, "Renommez ce fichier ou déplacez-le dans un autre dossier de content/ : le site publié ne peut pas contenir deux fichiers à la même adresse.", "ce fichier prendrait la place de %s, produit par spaser", gen)
			continue
		}
		if b, ok := ld.images.out[rel]; ok {
			if err := sink.WriteFile(rel, b); err != nil {
				return err
			}
			continue
		}
		if err := copyFile(ld.FS, path.Join(content.Dir, rel), rel, sink, l); err != nil {
			return err
		}
	}
	return nil
}

// generatedNames maps the lower-cased name of every file spaser writes
// (pages, generated files, assets) to a description of it: a content file
// must never replace one, even on a host whose file names ignore case.
func generatedNames(ld *Loaded, generated []render.Asset) map[string]string {
	taken := make(map[string]string, len(ld.Site.Pages)+len(generated))
	for _, p := range ld.Site.Pages {
		name := PageFile(p)
		if p.Src != nil {
			name += " (page de " + p.Src.File + ")"
		}
		taken[strings.ToLower(PageFile(p))] = name
	}
	for _, a := range generated {
		taken[strings.ToLower(a.Out)] = a.Out
	}
	return taken
}

// copyFile copies a content file that is not a page. A file that vanished
// or became unreadable since it was listed is a problem of the content, told
// in French; a failure of the sink is returned.
func copyFile(fsys fs.FS, from, to string, sink Sink, l *diag.List) error {
	in, err := fsys.Open(from)
	if err != nil {
		srcfile.Report(l, fsys, diag.Pos{File: from}, err)
		return nil
	}
	defer in.Close()
	if err := sink.Copy(to, in); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == from || errors.Is(err, fs.ErrNotExist) {
			srcfile.Report(l, fsys, diag.Pos{File: from}, err)
			return nil
		}
		return fmt.Errorf("%s : copie impossible : %w", from, err)
	}
	return nil
}

// IsUsage reports whether err is a usage error (exit status 2).
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}
