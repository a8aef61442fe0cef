package markdown

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Anchored is a link of the body to a #fragment: of this page (Href ""),
// or of the page or file at Href. The build checks, once every page is
// converted, that the page there has that id.
type Anchored struct {
	BrokenLink        // the link as written, and where
	Href       string // the resolved address without its fragment; "" for this page
	Frag       string // unescaped, without "#"
}

// anchorIDs adds to res.NoteIDs the id of a call of a footnote, as
// renderNoteRef writes it, and with the first call the note's. The calls
// come in the document's order, in which goldmark numbers them (RefIndex,
// set after this transformer runs).
func anchorIDs(n ast.Node, res *Result) {
	fl, ok := n.(*east.FootnoteLink)
	if !ok {
		return
	}
	if res.noteCalls == nil {
		res.noteCalls = map[int]int{}
	}
	k := res.noteCalls[fl.Index]
	res.noteCalls[fl.Index]++
	if k == 0 {
		res.NoteIDs = append(res.NoteIDs, fmt.Sprintf("note-fn:%d", fl.Index), fmt.Sprintf("note-fnref:%d", fl.Index))
		return
	}
	res.NoteIDs = append(res.NoteIDs, fmt.Sprintf("note-fnref%d:%d", k, fl.Index))
}

// sameAnchor records a link to a #fragment of the page itself.
func sameAnchor(n *ast.Link, src []byte, res *Result) {
	dest := string(n.Destination)
	if !strings.HasPrefix(dest, "#") {
		return
	}
	frag, err := url.PathUnescape(dest[1:])
	if err != nil {
		frag = dest[1:]
	}
	addAnchor(n, src, res, "", frag)
}

func addAnchor(n *ast.Link, src []byte, res *Result, href, frag string) {
	line, col := nodeLine(n, src)
	res.Anchors = append(res.Anchors, Anchored{BrokenLink: BrokenLink{Target: string(n.Destination), Line: line, Col: col}, Href: href, Frag: frag})
}
