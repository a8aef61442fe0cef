package render

import (
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// minifier shrinks the stylesheet and the search script of layouts/assets
// (the files stay readable in the repository). Measured on the default
// site, gzip -6: style.css 3.9 → 3.2 KB, recherche.js 1.7 → 1.25 KB. The
// pages themselves are not minified: on the HTML, with the inline charts,
// the gain was 1.2 % after gzip (about 50 bytes a page), not worth the risk.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	return m
}()

var minifiable = map[string]string{".css": "text/css", ".js": "text/javascript"}

// minifyAsset returns the minified content of an asset, or b itself for
// other files or when the minifier fails (the file is then served as it is).
func minifyAsset(name string, b []byte) []byte {
	mt, ok := minifiable[path.Ext(name)]
	if !ok {
		return b
	}
	out, err := minifier.Bytes(mt, b)
	if err != nil {
		return b
	}
	return out
}
