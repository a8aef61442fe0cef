package serve

import (
	"fmt"
	"io"
	"io/fs"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/srcfile"
)

// excerptLine is a line of a source file shown around a problem.
type excerptLine struct {
	N     int
	Text  string
	Focus bool // the line of the problem
	Col   int  // on the focus line: the column to point at, 0 if unknown
}

// excerpt returns the line of d and n lines on each side, read from fsys as
// the build reads it; nil when d is not on a line of a readable text file.
func excerpt(fsys fs.FS, d diag.Diagnostic, n int) []excerptLine {
	if d.File == "" || d.Line <= 0 {
		return nil
	}
	var quiet diag.List
	text, ok := srcfile.Read(fsys, d.File, &quiet)
	if !ok {
		return nil
	}
	lines := strings.Split(string(text), "\n")
	if d.Line > len(lines) {
		return nil
	}
	var out []excerptLine
	for i := max(1, d.Line-n); i <= min(len(lines), d.Line+n); i++ {
		l := excerptLine{N: i, Text: strings.ReplaceAll(lines[i-1], "\t", tab)}
		if i == d.Line {
			l.Focus, l.Col = true, shownCol(lines[i-1], d.Col)
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1].Text == "" && !out[len(out)-1].Focus {
		out = out[:len(out)-1]
	}
	return out
}

// tab is how a tab is shown, so that the lines keep their indentation
// whatever the terminal's or browser's tab stops.
const tab = "    "

// shownCol is col (1-based, in characters of line) once the tabs before it
// are shown as tab, so that the caret points under the right character.
func shownCol(line string, col int) int {
	r := []rune(line)
	if col <= 1 || col-1 > len(r) {
		return col
	}
	return col + (len(tab)-1)*strings.Count(string(r[:col-1]), "\t")
}

// writeExcerpt prints an excerpt for the terminal:
//
//	   1 | +++
//	>  2 | title = “Accueil”
//	     |         ^
func writeExcerpt(w io.Writer, lines []excerptLine) {
	if len(lines) == 0 {
		return
	}
	width := len(fmt.Sprint(lines[len(lines)-1].N))
	for _, l := range lines {
		mark := " "
		if l.Focus {
			mark = ">"
		}
		fmt.Fprintf(w, "    %s %*d | %s\n", mark, width, l.N, l.Text)
		if l.Focus && l.Col > 0 {
			fmt.Fprintf(w, "      %s | %s^\n", strings.Repeat(" ", width), strings.Repeat(" ", l.Col-1))
		}
	}
}
