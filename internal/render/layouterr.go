package render

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Hint is the advice for a LayoutError: a site's own layout is the site's
// to fix; a default one may fail because of a site layout it calls.
func (e *LayoutError) Hint() string {
	if strings.HasSuffix(e.Pos.File, defaultSuffix) {
		return "Erreur dans une mise en page par défaut : si le site remplace certaines mises en page (dossier layouts/), vérifiez-les ou retirez-les ; sinon, signalez-la à l'équipe technique."
	}
	return "Corrigez le gabarit à cet endroit : vérifiez le nom du champ ou de la fonction et ce qu'elle reçoit (voir « Les mises en page » dans le README), ou supprimez ce fichier de layouts/ pour reprendre la mise en page par défaut."
}

// goTemplateErr is the form of text/template's and html/template's errors:
// "template: page.html:2:7: executing …", "html/template:page.html:2: …",
// "template: page.html:2: unexpected …".
var goTemplateErr = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// layoutFile is a layout as read: where from, and its text, to count
// columns in characters as every other diagnostic does (Go counts bytes).
type layoutFile struct {
	path string
	text string
}

// locate finds the layout file, line and column of a template error. files
// maps a template's name to the file it was read from.
func locate(err error, files map[string]layoutFile) (diag.Pos, string, bool) {
	m := goTemplateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Pos{}, "", false
	}
	file, ok := files[m[1]]
	if !ok {
		return diag.Pos{}, "", false
	}
	line, _ := strconv.Atoi(m[2])
	pos := diag.Pos{File: file.path, Line: line}
	if m[3] != "" {
		col, _ := strconv.Atoi(m[3]) // bytes from 0
		pos.Col = runeCol(file.text, line, col)
	}
	return pos, m[4], true
}

// runeCol is the 1-based column, in characters, of byte offset col of line
// in text.
func runeCol(text string, line, col int) int {
	for range line - 1 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return col + 1
		}
		text = text[i+1:]
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return utf8.RuneCountInString(text[:min(col, len(text))]) + 1
}
