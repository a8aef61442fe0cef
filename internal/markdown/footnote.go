package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// noteRefRenderer writes a footnote reference as goldmark does, but with a
// name that makes sense out of context (RGAA 6.1): a screen reader's list
// of links says « note 1 », not « 1 ». It replaces goldmark's renderer of
// footnote links (registered with a higher priority number).
type noteRefRenderer struct{}

func (noteRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteLink, renderNoteRef)
}

func renderNoteRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteLink)
	ref := ""
	if n.RefIndex > 0 {
		ref = fmt.Sprint(n.RefIndex)
	}
	fmt.Fprintf(w, `<sup id="note-fnref%s:%d"><a href="#note-fn:%d" class="footnote-ref" role="doc-noteref"><span class="visually-hidden">note </span>%d</a></sup>`, ref, n.Index, n.Index, n.Index)
	return ast.WalkContinue, nil
}
