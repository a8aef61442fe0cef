package tomlfile

import (
	"strings"
	"unicode/utf8"

	"spaser/internal/diag"
)

// Index holds where the keys of one TOML text are written, read once: a
// file with many entries asks for positions many times. It is a light
// reading of TOML lines, enough to place a diagnostic: BurntSushi/toml does
// not expose key positions.
type Index struct {
	src []byte
	// keys maps dotted key paths (array indexes left out, as toml.Key has
	// them) to the places where they are written, in order. Table headers
	// are recorded too, under the path of their table.
	keys map[string][]loc
}

// loc is where a key or a table header is written: 1-based line, and the
// 1-based column (in characters) of its first character.
type loc struct{ line, col int }

// NewIndex reads the key positions of src.
func NewIndex(src []byte) *Index {
	x := &Index{src: src, keys: map[string][]loc{}}
	var table []string
	inMultiline := false
	for i, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimSpace(raw)
		if inMultiline {
			if strings.Count(line, `"""`)%2 == 1 || strings.Count(line, `'''`)%2 == 1 {
				inMultiline = false
			}
			continue
		}
		at := loc{i + 1, utf8.RuneCountInString(raw[:len(raw)-len(strings.TrimLeft(raw, " \t"))]) + 1}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			name := strings.Trim(strings.SplitN(line, "#", 2)[0], " []")
			table = splitKey(name)
			x.add(table, at)
		default:
			key, rest, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			path := append(append([]string(nil), table...), splitKey(strings.TrimSpace(key))...)
			x.add(path, at)
			if strings.Count(rest, `"""`)%2 == 1 || strings.Count(rest, `'''`)%2 == 1 {
				inMultiline = true
			}
		}
	}
	return x
}

func (x *Index) add(path []string, at loc) {
	k := strings.Join(path, ".")
	x.keys[k] = append(x.keys[k], at)
}

// loc is where the nth occurrence of the dotted key is written (the last
// one when there are fewer), or the zero loc.
func (x *Index) loc(key string, nth int) loc {
	locs := x.keys[key]
	if len(locs) == 0 {
		return loc{}
	}
	return locs[min(nth, len(locs)-1)]
}

// Line returns the line where the table or key path is first written in
// src, or 0: the position of an entry for diagnostics found after decoding.
func Line(src []byte, path ...string) int { return NewIndex(src).Line(path...) }

// Lines returns the lines of every occurrence of path in src, in order: one
// per element of an array of tables.
func Lines(src []byte, path ...string) []int { return NewIndex(src).Lines(path...) }

// Nth is the position in file of the i-th element of an array of tables,
// from the lines Lines found: its header line, or the file alone when the
// element was not found there.
func Nth(file string, lines []int, i int) diag.Pos {
	p := diag.Pos{File: file}
	if i < len(lines) {
		p.Line = lines[i]
	}
	return p
}

// KeyAt is Index.KeyAt on src.
func KeyAt(src []byte, block int, path ...string) (line, col int) {
	return NewIndex(src).KeyAt(block, path...)
}

// Line is the line where path is first written, or 0.
func (x *Index) Line(path ...string) int { return x.loc(strings.Join(path, "."), 0).line }

// Lines are the lines of every occurrence of path, in order.
func (x *Index) Lines(path ...string) []int {
	var out []int
	for _, l := range x.keys[strings.Join(path, ".")] {
		out = append(out, l.line)
	}
	return out
}

// KeyAt returns where the key path (full dotted path, tables included) is
// written inside the table whose header is on line block, before the next
// element of the same array of tables; block 0 means anywhere in src. It
// returns 0, 0 when the key is not written there, so that a diagnostic can
// point at the faulty key rather than at the start of its block.
func (x *Index) KeyAt(block int, path ...string) (line, col int) {
	end := int(^uint(0) >> 1)
	if block > 0 && isHeader(x.src, block) {
		for _, locs := range x.keys {
			for i, l := range locs {
				if l.line == block && i+1 < len(locs) {
					end = locs[i+1].line
				}
			}
		}
	}
	for _, l := range x.keys[strings.Join(path, ".")] {
		if l.line > block && l.line < end {
			return l.line, l.col
		}
	}
	return 0, 0
}

// isHeader reports whether line n of src is a table header.
func isHeader(src []byte, n int) bool {
	return strings.HasPrefix(strings.TrimSpace(lineText(src, n)), "[")
}

func splitKey(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ".") {
		out = append(out, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return out
}
