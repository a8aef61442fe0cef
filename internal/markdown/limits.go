package markdown

import (
	"bytes"
	"fmt"
)

// The limits of a page's Markdown, checked before goldmark parses it: its
// parser takes time that grows with the square of some counts (nested
// blocks, footnotes, reference definitions), so that a small hostile or
// mistaken file could hold the build for minutes. Each is far above what
// a page of a SPASER uses.
const (
	MaxBodySize     = 256 << 10 // bytes of Markdown in one page (some 40 000 words)
	MaxBrackets     = 10000     // [ of links, images and notes
	MaxBlockDepth   = 16        // quotes and lists opened on one line (> > - …)
	MaxIndent       = 64        // columns of indentation of a line
	MaxFootnotes    = 500       // footnote definitions ([^1]: …)
	MaxFootnoteRefs = 5000      // footnote calls ([^1])
	MaxReferences   = 2000      // link reference definitions ([nom]: adresse)
)

// LimitError is a page beyond one of the limits, at Line of its body.
type LimitError struct {
	Line      int
	Msg, Hint string
}

func (e *LimitError) Error() string { return fmt.Sprintf("ligne %d : %s", e.Line, e.Msg) }

// CheckLimits reports the first limit body goes beyond, or nil. It reads
// each byte once.
func CheckLimits(body []byte) *LimitError {
	if len(body) > MaxBodySize {
		return &LimitError{1, fmt.Sprintf("texte de la page trop long (%d Ko, maximum %d Ko)", len(body)>>10, MaxBodySize>>10),
			"Découpez le texte en plusieurs pages."}
	}
	if n := bytes.Count(body, []byte("[")); n > MaxBrackets {
		return &LimitError{1, fmt.Sprintf("trop de liens ou de crochets [ (%d, maximum %d)", n, MaxBrackets), "Découpez le texte en plusieurs pages."}
	}
	if n := bytes.Count(body, []byte("[^")); n > MaxFootnoteRefs {
		return &LimitError{1, fmt.Sprintf("trop d'appels de notes (%d, maximum %d)", n, MaxFootnoteRefs), "Découpez le texte en plusieurs pages."}
	}
	notes, refs := 0, 0
	fence := byte(0)
	for n, rest := 1, body; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		indent, depth, i := 0, 0, 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			indent += 1 + 3*boolInt(line[i] == '\t')
		}
		if fence != 0 {
			if bytes.HasPrefix(bytes.TrimLeft(line, " \t>"), []byte{fence, fence, fence}) {
				fence = 0
			}
			continue
		}
		if indent > MaxIndent {
			return &LimitError{n, fmt.Sprintf("ligne trop indentée (%d colonnes, maximum %d)", indent, MaxIndent),
				"Retirez les espaces en début de ligne : une liste s'imbrique sur quelques niveaux au plus."}
		}
		for i < len(line) {
			w := marker(line[i:])
			if w == 0 {
				break
			}
			depth++
			for i += w; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			}
		}
		if depth > MaxBlockDepth {
			return &LimitError{n, fmt.Sprintf("trop de citations ou de listes imbriquées (%d, maximum %d)", depth, MaxBlockDepth),
				"Une citation (>) ou une liste (-) s'imbrique sur quelques niveaux au plus."}
		}
		head := line[i:]
		switch {
		case bytes.HasPrefix(head, []byte("```")) || bytes.HasPrefix(head, []byte("~~~")):
			fence = head[0]
		case bytes.HasPrefix(head, []byte("[^")) && bytes.Contains(head, []byte("]:")):
			if notes++; notes > MaxFootnotes {
				return &LimitError{n, fmt.Sprintf("trop de notes de bas de page (plus de %d)", MaxFootnotes), "Découpez le texte en plusieurs pages."}
			}
		case len(head) > 0 && head[0] == '[' && bytes.Contains(head, []byte("]:")):
			if refs++; refs > MaxReferences {
				return &LimitError{n, fmt.Sprintf("trop de définitions de liens [nom]: adresse (plus de %d)", MaxReferences), "Écrivez les liens directement : [texte](adresse)."}
			}
		}
	}
	return nil
}

// marker is the width of the block quote or list marker at the start of
// b (">", "- ", "1. "), or 0.
func marker(b []byte) int {
	switch {
	case b[0] == '>':
		return 1
	case (b[0] == '-' || b[0] == '*' || b[0] == '+') && (len(b) == 1 || b[1] == ' ' || b[1] == '\t'):
		return 1
	}
	i := 0
	for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i > 0 && i < len(b) && (b[i] == '.' || b[i] == ')') && (i+1 == len(b) || b[i+1] == ' ' || b[i+1] == '\t') {
		return i + 1
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
