package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"spaser/internal/tomlfile"
)

// valuesText writes rows as a values file. header is written first (the
// comments of the file it replaces), and notes[id] before the block of id.
// cells maps each written line to the cell it comes from, so that a problem
// the indicator package finds on a line is reported at its cell.
func valuesText(rows []*Row, header string, notes map[string]string) (text string, cells map[int]string) {
	var b strings.Builder
	cells = map[int]string{}
	line := 1
	emit := func(s, cell string) {
		b.WriteString(s)
		b.WriteByte('\n')
		if cell != "" {
			cells[line] = cell
		}
		line++
	}
	for _, s := range splitLines(header) {
		emit(s, "")
	}
	for _, r := range rows {
		if line > 1 {
			emit("", "")
		}
		if r.Part == "" {
			for _, s := range splitLines(notes[r.ID]) {
				emit(s, "")
			}
			emit("["+tomlKey(r.ID)+"]", r.Cells[idHeader])
		} else {
			emit("[["+tomlKey(r.ID)+".detail]]", r.Cells["label"])
		}
		for _, c := range columns {
			v, ok := r.Values[c.Key]
			if c.Key == "" || !ok {
				continue
			}
			emit(c.Key+" = "+tomlValue(v), r.Cells[c.Key])
		}
	}
	return b.String(), cells
}

func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var bareKeyRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKeyRe.MatchString(k) {
		return k
	}
	return tomlfile.Quote(k)
}

func tomlValue(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return tomlfile.Quote(v)
	}
	return tomlfile.Quote(fmt.Sprint(v)) // columns hold only the three types above
}

var tableRe = regexp.MustCompile(`^\s*\[\s*"?([^\[\]"]+)"?\s*\]\s*(#.*)?$`)

// comments keeps what a rewrite must not lose of the file it replaces: its
// opening comments, and the comments just above each indicator's block.
func comments(src string) (header string, notes map[string]string) {
	notes = map[string]string{}
	var pending []string
	seenTable := false
	for _, s := range strings.Split(src, "\n") {
		t := strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(t, "#"):
			pending = append(pending, strings.TrimRight(s, " \t\r"))
		case t == "":
			if !seenTable && len(pending) > 0 {
				header += strings.Join(pending, "\n") + "\n"
				pending = nil
			} else if seenTable {
				pending = nil
			}
		default:
			if m := tableRe.FindStringSubmatch(t); m != nil && len(pending) > 0 {
				notes[strings.TrimSpace(m[1])] = strings.Join(pending, "\n")
			}
			seenTable = true
			pending = nil
		}
	}
	return header, notes
}
