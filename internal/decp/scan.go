package decp

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// The decoder has already checked each contract's JSON, so its fields are
// walked here directly on the bytes: no map, no reflection, which makes
// the count several times faster than json.Unmarshal.

// eachField calls fn with every key and raw value of a JSON object, or
// returns false when raw is not an object. key is only valid during the
// call (no allocation for the common key without escapes).
func eachField(raw []byte, fn func(key []byte, val []byte)) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i++
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == '}' {
			return true
		}
		if raw[i] == ',' {
			i++
			continue
		}
		end := skipValue(raw, i)
		key := raw[i:end]
		if len(key) >= 2 && key[0] == '"' {
			key = key[1 : len(key)-1]
			if bytes.IndexByte(key, '\\') >= 0 {
				key = []byte(jsonString(raw[i:end]))
			}
		}
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ':' {
			i = skipSpace(raw, i+1)
		}
		vend := skipValue(raw, i)
		fn(key, raw[i:vend])
		i = vend
	}
}

// eachItem calls fn with every element of a JSON array.
func eachItem(raw []byte, fn func(val []byte)) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return
	}
	i++
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == ']' {
			return
		}
		if raw[i] == ',' {
			i++
			continue
		}
		end := skipValue(raw, i)
		fn(raw[i:end])
		i = end
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// skipValue returns the end of the value starting at i.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(b)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
		j++
	}
	return j
}

// jsonString reads a JSON string value ("" for anything else).
func jsonString(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '"' {
		return ""
	}
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') < 0 {
		if utf8.Valid(in) {
			return string(in)
		}
		return strings.ToValidUTF8(string(in), "\uFFFD")
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
