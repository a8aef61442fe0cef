package markdown

import (
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Decorative is the title that marks an image as decorative: its text
// alternative is then empty on purpose (RGAA 1.2), ![](frise.png "décorative").
const Decorative = "décorative"

// ImageProblem is an image of the body that cannot be published as written.
type ImageProblem struct {
	BrokenLink
	NoAlt bool  // the file exists but the image has no text alternative
	Err   error // the file exists but cannot be published (Link.Err)
}

// resolveImage points an image next to the page (or from content/) to its
// published address, like a .md link, and requires a text alternative
// unless the image is marked decorative.
func resolveImage(n *ast.Image, src []byte, resolve Resolver, res *Result) {
	dest := string(n.Destination)
	target, _, ok := localPath(dest)
	if !ok || strings.HasPrefix(dest, "//") || dest == "" {
		return // an address on another site is not ours to check
	}
	line, col := nodeLine(n, src)
	if col > 0 {
		col-- // the "!" before "["
	}
	at := BrokenLink{Target: dest, Line: line, Col: col}
	if resolve != nil {
		to, ok := resolve(target)
		if !ok || to.Err != nil {
			res.Images = append(res.Images, ImageProblem{BrokenLink: at, Err: to.Err})
			return
		}
		n.Destination = []byte(to.Href)
		if to.Width > 0 && to.Height > 0 {
			n.SetAttributeString("width", []byte(strconv.Itoa(to.Width)))
			n.SetAttributeString("height", []byte(strconv.Itoa(to.Height)))
		}
	}
	if string(n.Title) == Decorative {
		n.Title = nil
		return
	}
	if strings.TrimSpace(plainText(n, src)) == "" {
		res.Images = append(res.Images, ImageProblem{BrokenLink: at, NoAlt: true})
	}
}

// fileNextToPage reports whether dest is a file beside the page or under
// it (deliberation.pdf, annexes/plan.pdf): published at its place in
// content/, it is linked by its address, not relatively to the page's.
func fileNextToPage(dest string) (target, frag string, ok bool) {
	if strings.HasPrefix(dest, "/") {
		return "", "", false
	}
	target, frag, ok = localPath(dest)
	if !ok || path.Ext(target) == "" {
		return "", "", false
	}
	return target, frag, true
}

// siteAddress reports whether dest is written as an address of the site
// (/axes/…/, /indicateurs/): it is checked, since such a link breaks when
// the site is published under a base path.
func siteAddress(dest string) (target, frag string, ok bool) {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	return localPath(dest)
}
