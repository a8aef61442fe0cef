package render

import (
	"regexp"
	"strconv"

	"spaser/internal/diag"
)

// LayoutError is a layout that failed while a page was being rendered (a
// field or function that does not exist, a value of the wrong type): where
// in the layout, and Go's account of it. That account stays in English: it
// quotes the layout's own words, which the fix needs.
type LayoutError struct {
	Pos    diag.Pos
	Detail string
}

func (e *LayoutError) Error() string {
	return diag.Diagnostic{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col}.Where() + " : " + e.Detail
}

// LayoutHint is the advice given with a LayoutError.
const LayoutHint = "Corrigez le gabarit à cet endroit : vérifiez le nom du champ ou de la fonction et ce qu'elle reçoit (voir « Les mises en page » dans le README), ou supprimez ce fichier de layouts/ pour reprendre la mise en page par défaut."

// goTemplateErr is the form of text/template's and html/template's errors:
// "template: page.html:2:7: executing …", "html/template:page.html:2: …",
// "template: page.html:2: unexpected …".
var goTemplateErr = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// locate finds the layout file, line and column of a template error. files
// maps a template's name to the file it was read from.
func locate(err error, files map[string]string) (diag.Pos, string, bool) {
	m := goTemplateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Pos{}, "", false
	}
	file, ok := files[m[1]]
	if !ok {
		return diag.Pos{}, "", false
	}
	line, _ := strconv.Atoi(m[2])
	pos := diag.Pos{File: file, Line: line}
	if m[3] != "" {
		col, _ := strconv.Atoi(m[3])
		pos.Col = col + 1 // Go counts bytes from 0
	}
	return pos, m[4], true
}
