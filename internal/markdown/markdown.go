// Package markdown turns the body of a content page into HTML with goldmark:
// GFM tables, footnotes, heading anchors, French typography, and links
// between content files written as their .md path and resolved to page URLs.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"spaser/internal/safeurl"
	"spaser/internal/typo"
)

// Resolver maps a link to a content file, as written in the page (a path
// ending in .md, relative to the page or, starting with /, to content/), to
// the URL of its page, or of the file itself for an image or a document.
// ok is false when the content has no such file.
type Resolver func(target string) (Link, bool)

// Link is where a link goes, and for a document the words the link text
// ends with: its format and size, « PDF, 2,3 Mo » (RGAA 6.1, 13.3).
type Link struct {
	Href string
	Note string
	// An image's published size, for its width and height attributes (the
	// page does not move as it loads); 0 when unknown (SVG).
	Width, Height int
	Err           error // why the image cannot be published; nil when it can
}

// BrokenLink is a link to a content file that does not exist.
type BrokenLink struct {
	Target string // as written
	Line   int    // 1-based line in the body
	Col    int    // 1-based column of the link's "[" on that line, 0 if unknown
}

// Heading is a section heading of the body, for a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered body.
type Result struct {
	HTML     string
	Headings []Heading
	Broken   []BrokenLink
	Unsafe   []BrokenLink // links and images to javascript:, data:… (safeurl.Check): dropped, to be reported
	Images   []ImageProblem
	Demoted  bool // the body had level-1 headings, shifted one level down
	Warnings []Warning
	NoteIDs  []string   // the ids of its footnotes and their calls (its headings' are in Headings)
	Anchors  []Anchored // its links to a #fragment, checked once every page is converted (anchor.go)

	noteCalls map[int]int // the calls of each footnote met so far (anchorIDs)
}

// Converter renders bodies; it is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

var resolverKey = parser.NewContextKey()
var resultKey = parser.NewContextKey()

// New returns a Converter.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			// Alignment as a class (alignClass), not a style attribute: the
			// published site's CSP forbids inline styles.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.NewFootnote(
				extension.WithFootnoteIDPrefix("note-"),
				extension.WithFootnoteLinkTitle("Voir la note"),
				extension.WithFootnoteBacklinkTitle("Revenir au texte"),
				extension.WithFootnoteBacklinkHTML(`↩<span class="visually-hidden">&#160;retour à l’appel de la note ^^</span>`),
			),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
		),
		goldmark.WithRendererOptions(
			html.WithWriter(frenchWriter{html.NewWriter()}),
			renderer.WithNodeRenderers(util.Prioritized(noteRefRenderer{}, 100), // footnote.go
				util.Prioritized(quoteRenderer{}, 100)), // quote.go
		),
	)
	return &Converter{md: md}
}

// Convert renders body; resolve maps links to content files; taken are the
// ids the page's layout already uses, which no heading may take.
// A body beyond the limits (CheckLimits) is not parsed: the error is a
// *LimitError.
func (c *Converter) Convert(body []byte, resolve Resolver, taken map[string]bool) (*Result, error) {
	if err := CheckLimits(body); err != nil {
		return nil, err
	}
	res := &Result{}
	ctx := parser.NewContext(parser.WithIDs(&ids{taken: taken, used: map[string]bool{}, next: map[string]int{}}))
	ctx.Set(resolverKey, resolve)
	ctx.Set(resultKey, res)
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := c.md.Convert(body, buf, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	res.HTML = buf.String()
	return res, nil
}

// buffers are reused from body to body: each body's HTML is copied out at
// its exact size, and the build makes no garbage of growing buffers.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// frenchWriter applies French typography to the text goldmark writes (not to
// code, which goes through RawWrite).
type frenchWriter struct{ html.Writer }

func (w frenchWriter) Write(out util.BufWriter, source []byte) {
	// Read in place, not copied: typo.Text keeps nothing of its argument,
	// and this is every piece of text of every page.
	s := unsafe.String(unsafe.SliceData(source), len(source))
	if t := typo.Text(s); t != s { // most text needs no change
		source = []byte(t)
	}
	w.Writer.Write(out, source)
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	res := pc.Get(resultKey).(*Result)
	resolve, _ := pc.Get(resolverKey).(Resolver)
	demote := hasLevelOne(doc)
	res.Demoted = demote
	var ems []*ast.Emphasis
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Emphasis:
			ems = append(ems, n)
		case *ast.Heading:
			if demote && n.Level < 6 {
				n.Level++
			}
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idb), Text: typo.Text(plainText(n, src))})
		case *east.FootnoteLink:
			anchorIDs(n, res)
		case *ast.Link:
			if unsafeDest(n, n.Destination, src, res) {
				break
			}
			resolveLink(n, src, resolve, res)
		case *ast.Image:
			if unsafeDest(n, n.Destination, src, res) {
				break
			}
			resolveImage(n, src, resolve, res)
		case *ast.AutoLink:
			unsafeDest(n, n.URL(src), src, res)

		case *east.TableCell:
			if c := alignClass[n.Alignment]; c != "" {
				n.SetAttributeString("class", []byte(c))
			}
			if _, ok := n.Parent().(*east.TableHeader); ok {
				n.SetAttributeString("scope", []byte("col"))
			}
		}
		return ast.WalkContinue, nil
	})
	markQuotes(ems, src) // quote.go
	checkBlocks(doc, src, res)
}

// checkBlocks adds the content warnings of n and the blocks in it, in
// document order. They read the text once the quotations are marked, so
// after the walk above; this one visits the blocks only, not every inline.
func checkBlocks(n ast.Node, src []byte, res *Result) {
	checkBlock(n, src, res)
	if n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock {
		checkLists(n, src, res)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeInline {
			checkBlocks(c, src, res)
		}
	}
}

// unsafeDest records the link or image n when its address dest may not be
// one of the site (safeurl.Check): the HTML writer would drop it silently.
func unsafeDest(n ast.Node, dest, src []byte, res *Result) bool {
	if safeurl.Check(string(dest)) == nil {
		return false
	}
	line, col := nodeLine(n, src)
	res.Unsafe = append(res.Unsafe, BrokenLink{Target: string(dest), Line: line, Col: col})
	return true
}

func hasLevelOne(doc *ast.Document) bool {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			return true
		}
	}
	return false
}

func resolveLink(n *ast.Link, src []byte, resolve Resolver, res *Result) {
	dest := string(n.Destination)
	target, frag, ok := contentTarget(dest)
	if !ok {
		target, frag, ok = siteAddress(dest)
	}
	if !ok {
		target, frag, ok = fileNextToPage(dest)
	}
	if !ok {
		sameAnchor(n, src, res)
		return
	}
	if resolve == nil {
		return
	}
	to, found := resolve(target)
	if !found {
		line, col := nodeLine(n, src)
		res.Broken = append(res.Broken, BrokenLink{Target: dest, Line: line, Col: col})
		return
	}
	if frag != "" {
		addAnchor(n, src, res, to.Href, frag[1:])
	}
	n.Destination = []byte(to.Href + frag)
	if to.Note != "" {
		n.AppendChild(n, ast.NewString([]byte(" ("+to.Note+")")))
	}
}

// contentTarget reports whether dest points to a content file: no scheme, a
// path ending in .md. It returns the unescaped path and the #fragment.
func contentTarget(dest string) (target, frag string, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	target, frag, ok = localPath(dest)
	if !ok || path.Ext(target) != ".md" {
		return "", "", false
	}
	return target, frag, true
}

// localPath is the path and the "#fragment" of dest, an address that
// names no scheme and no host; ok is false for any other (or one that
// does not parse).
func localPath(dest string) (p, frag string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	return u.Path, frag, true
}

// nodeLine is the 1-based line of the first text inside n and, when n is
// a link whose "[" precedes that text, the 1-based column of the "[".
func nodeLine(n ast.Node, src []byte) (line, col int) {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	text := off >= 0
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 || off > len(src) {
		return 1, 0
	}
	line = bytes.Count(src[:off], []byte("\n")) + 1
	if text && off > 0 && src[off-1] == '[' {
		start := bytes.LastIndexByte(src[:off-1], '\n') + 1
		col = utf8.RuneCount(src[start:off-1]) + 1
	}
	return line, col
}

func plainText(n ast.Node, src []byte) string { return textOf(n, src, nil) }

// textOf is the text inside n; a node for which leave is true stands as
// " … " instead of its text.
func textOf(n ast.Node, src []byte, leave func(ast.Node) bool) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if leave != nil && leave(c) {
			b.WriteString(" … ")
			return ast.WalkSkipChildren, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// ids makes heading anchors from their text: ASCII, lowercase, words joined
// by hyphens ("Éléments de contexte" → "elements-de-contexte"), unique in the
// page, and never one of taken. Accents are folded so that editors can
// write links by hand.
type ids struct {
	taken map[string]bool // the layout's own ids around the body
	used  map[string]bool
	next  map[string]int // the next number to try after base: n identical headings take linear time, not n²
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] || s.taken[id] {
		i := max(s.next[base], 2)
		for id = fmt.Sprintf("%s-%d", base, i); s.used[id] || s.taken[id]; id = fmt.Sprintf("%s-%d", base, i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
