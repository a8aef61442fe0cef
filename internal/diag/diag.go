// Package diag holds the one error type of the generator: a problem found in
// the editors' files, with its position, a French message and how to fix it.
// Every step of the build reports through it so that all problems of a run
// are listed together, in the same form, in the terminal and in the preview.
package diag

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Severity tells whether a problem stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem in one file.
type Diagnostic struct {
	File     string // slash path relative to the source folder
	Line     int    // 1-based; 0 when the whole file is concerned
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Msg      string // what is wrong, in French
	Hint     string // how to fix it, in French; may be empty
}

func (d Diagnostic) Error() string { return d.String() }

// String formats the diagnostic as "fichier:ligne:colonne: erreur : message (hint)".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Where())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("avertissement\u00a0: ")
	} else {
		b.WriteString("erreur\u00a0: ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("\n    → ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Where is the "file:line:col" prefix, as precise as the position is known.
func (d Diagnostic) Where() string {
	s := d.File
	if s == "" {
		s = "(site)"
	}
	if d.Line > 0 {
		s += fmt.Sprintf(":%d", d.Line)
		if d.Col > 0 {
			s += fmt.Sprintf(":%d", d.Col)
		}
	}
	return s
}

// Pos is a position in a file, for the code that finds problems.
type Pos struct {
	File string
	Line int
	Col  int
}

// List collects diagnostics. The zero value is ready to use; it is not safe
// for concurrent use (each parallel step keeps its own and merges).
type List struct {
	items []Diagnostic
}

// Errorf adds an error at p.
func (l *List) Errorf(p Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: Error, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf adds a warning at p.
func (l *List) Warnf(p Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: Warning, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Add appends d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge appends all of o's diagnostics.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// Items returns the diagnostics sorted by file, line and column, so that the
// output does not depend on the order in which parallel steps finished, each
// once (a layout fails the same way for every page it renders).
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Msg != b.Msg {
			return a.Msg < b.Msg
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Hint < b.Hint
	})
	return slices.Compact(out)
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	return slices.ContainsFunc(l.items, func(d Diagnostic) bool { return d.Severity == Error })
}

// Err returns the list as an error when it holds at least one error, nil otherwise.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{Items: l.Items()}
}

// ListError is the error a failed step returns: every problem found.
type ListError struct {
	Items []Diagnostic
}

func (e *ListError) Error() string {
	var b strings.Builder
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Count counts the errors and the warnings of items (from List.Items, where
// a problem found several times is listed once).
func Count(items []Diagnostic) (errors, warnings int) {
	for _, d := range items {
		if d.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// Summary is a French one-line count such as "2 erreurs, 1 avertissement".
func Summary(items []Diagnostic) string { return SummaryOf(Count(items)) }

// SummaryOf is Summary for counts already made.
func SummaryOf(errors, warnings int) string {
	return plural(errors, "erreur", "erreurs") + ", " + plural(warnings, "avertissement", "avertissements")
}

func plural(n int, one, many string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Internal is the error for a bug of spaser met during a build (a panic,
// recovered so that no goroutine takes the program down): said as such,
// never blamed on the content.
func Internal(r any) error {
	return fmt.Errorf("erreur interne du générateur (%v) : signalez-la à l'équipe technique", r)
}
