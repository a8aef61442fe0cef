package tomlfile

import (
	"strings"
)

// keyIndex maps dotted key paths (array indexes left out, as toml.Key has
// them) to the lines where they are written, in order. It is a light reading
// of TOML lines, enough to place a diagnostic: BurntSushi/toml does not expose
// key positions.
type keyIndex map[string][]int

func indexKeys(src []byte) keyIndex {
	idx := keyIndex{}
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
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			name := strings.Trim(strings.SplitN(line, "#", 2)[0], " []")
			table = splitKey(name)
			idx.add(table, i+1)
		default:
			key, rest, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			path := append(append([]string(nil), table...), splitKey(strings.TrimSpace(key))...)
			idx.add(path, i+1)
			if strings.Count(rest, `"""`)%2 == 1 || strings.Count(rest, `'''`)%2 == 1 {
				inMultiline = true
			}
		}
	}
	return idx
}

func (idx keyIndex) add(path []string, line int) {
	k := strings.Join(path, ".")
	idx[k] = append(idx[k], line)
}

// line returns the line of the nth occurrence of key, or 0 if not found.
func (idx keyIndex) line(key string, nth int) int {
	lines := idx[key]
	if len(lines) == 0 {
		return 0
	}
	if nth >= len(lines) {
		nth = len(lines) - 1
	}
	return lines[nth]
}

// Line returns the line where the table or key path is first written in
// src, or 0: the position of an entry for diagnostics found after decoding.
func Line(src []byte, path ...string) int {
	return indexKeys(src).line(strings.Join(path, "."), 0)
}

// Lines returns the lines of every occurrence of path, in order: one per
// element of an array of tables.
func Lines(src []byte, path ...string) []int {
	return indexKeys(src)[strings.Join(path, ".")]
}

func splitKey(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ".") {
		out = append(out, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return out
}
