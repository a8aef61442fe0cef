package decp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"spaser/internal/diag"
)

// Format is the shape of a DECP file.
type Format int

const (
	JSON Format = iota + 1 // {"marches":{"marche":[…]}} (2.0.1+) or {"marches":[…]} (2.0.0)
	CSV                    // the tabular file of decp.info, one row per contract × titulaire
)

// FormatOf tells the format from the file name (".json", ".csv", either
// followed by ".gz"), and whether the file is compressed.
func FormatOf(name string) (f Format, gz bool, ok bool) {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".gz") {
		gz, n = true, strings.TrimSuffix(n, ".gz")
	}
	switch {
	case strings.HasSuffix(n, ".json"):
		return JSON, gz, true
	case strings.HasSuffix(n, ".csv"):
		return CSV, gz, true
	}
	return 0, false, false
}

// maxValue bounds the bytes one contract (or one CSV row) may take: the
// decoder buffers a whole value, so a broken file cannot exhaust memory.
const maxValue = 16 << 20

// Error is a file that cannot be read to the end: its figures would be
// incomplete, so none is computed from it.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return diag.Diagnostic{File: e.File, Line: e.Line, Col: e.Col, Msg: e.Msg}.Where() + " : " + e.Msg
}

// Pos is where the error is, for a diagnostic.
func (e *Error) Pos() diag.Pos { return diag.Pos{File: e.File, Line: e.Line, Col: e.Col} }

var errTooBig = errors.New("valeur trop grande")

// Read streams the contracts of one file to each, in file order. Defects
// of a record are reported to warn; a file that cannot be read to the end
// returns an *Error with its line and column. r is decompressed when gz.
func Read(r io.Reader, file string, f Format, gz bool, w *Warnings, each func(*Contract)) error {
	if gz {
		z, err := gzip.NewReader(r)
		if err != nil {
			return &Error{File: file, Msg: "fichier .gz illisible : " + err.Error()}
		}
		defer z.Close()
		r = z
	}
	lr := newLineReader(r)
	switch f {
	case CSV:
		return readCSV(lr, file, w, each)
	default:
		return scanJSON(lr, file, func(el element) error {
			if c := parseJSON(el, file, w); c != nil {
				each(c)
			}
			return nil
		})
	}
}

// lineReader counts bytes and remembers recent line starts, to turn the
// decoder's byte offsets into line and column; it also refuses to read far
// past the value being decoded (see allow).
type lineReader struct {
	r       io.Reader
	n       int64   // bytes read so far
	dropped int     // newlines forgotten before nl
	nl      []int64 // offsets of the newlines still remembered
	max     int     // len(nl) that triggers forgetting
	limit   int64
	bom     bool
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), bom: true, max: 1 << 16}
}

// allow lets the decoder read maxValue more bytes.
func (lr *lineReader) allow() { lr.limit = lr.n + maxValue }

func (lr *lineReader) Read(p []byte) (int, error) {
	if lr.limit > 0 {
		if lr.n >= lr.limit {
			return 0, errTooBig
		}
		if rest := lr.limit - lr.n; int64(len(p)) > rest {
			p = p[:rest]
		}
	}
	k, err := lr.r.Read(p)
	if lr.bom && k > 0 {
		lr.bom = false
		if bytes.HasPrefix(p[:k], []byte("\xef\xbb\xbf")) { // UTF-8 byte order mark
			copy(p, p[3:k])
			k -= 3
		}
	}
	buf := p[:k]
	for off := 0; ; {
		i := bytes.IndexByte(buf[off:], '\n')
		if i < 0 {
			break
		}
		lr.nl = append(lr.nl, lr.n+int64(off+i))
		off += i + 1
	}
	lr.n += int64(k)
	if len(lr.nl) >= lr.max { // forget old lines, amortized: max doubles while they are recent
		keep := sort.Search(len(lr.nl), func(i int) bool { return lr.nl[i] >= lr.n-4*maxValue })
		lr.dropped += keep
		lr.nl = append(lr.nl[:0], lr.nl[keep:]...)
		if len(lr.nl) > lr.max/2 {
			lr.max *= 2
		}
	}
	return k, err
}

// pos is the 1-based line and column of a byte offset (column 0 when the
// start of that line is forgotten).
func (lr *lineReader) pos(off int64) (line, col int) {
	i := sort.Search(len(lr.nl), func(i int) bool { return lr.nl[i] >= off })
	line = lr.dropped + i + 1
	switch {
	case i > 0:
		col = int(off - lr.nl[i-1])
	case lr.dropped == 0:
		col = int(off) + 1
	}
	return line, col
}

// Warnings collects the defects of the records, at most maxPerFile per
// file so that a national file full of defects stays readable; Dropped
// counts the others.
type Warnings struct {
	List    diag.List
	perFile map[string]int
	keys    map[string]bool
	Dropped int
}

const maxPerFile = 50

func (w *Warnings) add(file string, line int, c *Contract, format string, args ...any) {
	if w == nil {
		return
	}
	if w.perFile == nil {
		w.perFile = map[string]int{}
	}
	if w.perFile[file] >= maxPerFile {
		w.Dropped++
		return
	}
	w.perFile[file]++
	msg := fmt.Sprintf(format, args...)
	if c != nil {
		msg = c.What() + " : " + msg
	}
	w.List.Warnf(diag.Pos{File: file, Line: line}, "", "%s", msg)
}

// unknownKey reports a key outside the format once per file.
func (w *Warnings) unknownKey(file string, line int, key string) {
	if w == nil {
		return
	}
	if w.keys == nil {
		w.keys = map[string]bool{}
	}
	if w.keys[file+"\x00"+key] {
		return
	}
	w.keys[file+"\x00"+key] = true
	if len(key) > 60 {
		key = key[:60] + "…"
	}
	w.add(file, line, nil, "champ %q hors du format DECP : ignoré (signalé une fois par fichier)", key)
}
