package markdown

import east "github.com/yuin/goldmark/extension/ast"

// alignClass is the class of a table cell aligned by its column's
// « :--: » marker; layouts/assets/style.css aligns them.
var alignClass = map[east.Alignment]string{
	east.AlignLeft:   "align-left",
	east.AlignCenter: "align-center",
	east.AlignRight:  "align-right",
}
