package tomlfile

import (
	"bytes"
	"fmt"
)

// The limits of a TOML document, checked before the TOML library reads
// it: its memory grows far faster than the text with nesting (a 400 Ko
// file of nested tables took 23 Go) and with the parts of a dotted key.
// Each is far above what the site's files use.
const (
	MaxDepth    = 16    // tables and lists nested in one another
	MaxKeyParts = 32    // parts of a dotted key (a.b.c)
	MaxKeyLen   = 256   // characters before the = of a key
	MaxElements = 50000 // keys, list elements and tables in one document
)

// limitError is a document beyond one of the limits, at a line of it.
type limitError struct {
	line      int
	msg, hint string
}

// checkLimits reads src once, skipping strings and comments, and returns
// the first limit it goes beyond, or nil.
func checkLimits(src []byte) *limitError {
	line, depth, elements := 1, 0, 0
	seg, dots := 0, 0 // start of the current key or value, and the dots in it
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
			seg, dots = i+1, 0
		case '#':
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j - 1
			} else {
				i = len(src)
			}
		case '"', '\'':
			end, lines := skipString(src, i)
			i, line = end, line+lines
		case '[', '{', ',', '=':
			if err := checkDots(line, dots); err != nil {
				return err
			}
			if c == '=' && len(bytes.TrimSpace(src[seg:i])) > MaxKeyLen {
				return &limitError{line, fmt.Sprintf("clé trop longue (plus de %d caractères)", MaxKeyLen), "Raccourcissez le nom de la clé."}
			}
			if c == '[' || c == '{' {
				if depth++; depth > MaxDepth {
					return &limitError{line, fmt.Sprintf("trop de tables ou de listes imbriquées (plus de %d niveaux)", MaxDepth), "Une valeur s'imbrique sur quelques niveaux au plus : vérifiez les crochets [ ] et les accolades { }."}
				}
			}
			if elements++; elements > MaxElements {
				return &limitError{line, fmt.Sprintf("trop d'éléments dans le fichier (plus de %d clés, valeurs de listes et tables)", MaxElements), "Répartissez les données en plusieurs fichiers."}
			}
			seg, dots = i+1, 0
		case ']', '}':
			if err := checkDots(line, dots); err != nil {
				return err
			}
			depth = max(depth-1, 0)
			seg, dots = i+1, 0
		case '.':
			dots++
		}
	}
	return checkDots(line, dots)
}

func checkDots(line, dots int) *limitError {
	if dots >= MaxKeyParts {
		return &limitError{line, fmt.Sprintf("clé composée de trop de parties (plus de %d : a.b.c…)", MaxKeyParts), "Écrivez la clé en quelques parties, ou en tables [a.b]."}
	}
	return nil
}

// skipString returns the index of the last quote of the string that
// starts at i, and the line breaks in it. An unclosed string ends at the
// end of its line (or of src, for a multi-line one): the parser reports it.
func skipString(src []byte, i int) (end, lines int) {
	q := src[i]
	basic := q == '"'
	triple := bytes.HasPrefix(src[i:], []byte{q, q, q})
	j := i + 1
	if triple {
		j = i + 3
	}
	for ; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && basic:
			if j+1 < len(src) && src[j+1] == '\n' {
				lines++
			}
			j++
		case c == '\n':
			if !triple {
				return j - 1, lines
			}
			lines++
		case c == q && (!triple || bytes.HasPrefix(src[j:], []byte{q, q, q})):
			if triple {
				// up to two more quotes belong to the string: """a""""" is a"".
				k := j + 3
				for k < len(src) && k < j+5 && src[k] == q {
					k++
				}
				return k - 1, lines
			}
			return j, lines
		}
	}
	return len(src) - 1, lines
}
