// Package srcfile reads the editors' text files safely: a byte order mark
// and CRLF line endings are accepted, while invalid UTF-8, binary content and
// oversized files are reported in French instead of producing garbage.
package srcfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"unicode/utf8"

	"spaser/internal/diag"
	"spaser/internal/typo"
)

// MaxSize is the largest text file accepted: far above any page or data
// file, low enough that a mistaken copy of a video is caught.
const MaxSize = 8 << 20

// Read returns the text of name with a BOM removed and line endings as LF,
// or reports why it cannot be used and returns ok = false.
func Read(fsys fs.FS, name string, l *diag.List) (text []byte, ok bool) {
	p := diag.Pos{File: name}
	f, err := fsys.Open(name)
	if err != nil {
		Report(l, fsys, p, err)
		return nil, false
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if size > MaxSize {
		// With a decimal: 8.5 Mo must not read as "8 Mo, maximum 8 Mo".
		mb := typo.Number(float64(size)/(1<<20), 1)
		l.Errorf(p, "Un fichier de contenu ou de données dépasse rarement quelques dizaines de Ko : vérifiez qu'il s'agit du bon fichier.", "fichier trop volumineux (%s Mo, maximum %d Mo)", mb, MaxSize>>20)
		return nil, false
	}
	// A buffer of the file's size: two reads, where io.ReadAll would make
	// one per doubling of its buffer.
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, MaxSize+1))
	b := buf.Bytes()
	if err != nil {
		Report(l, fsys, p, err)
		return nil, false
	}
	if len(b) > MaxSize {
		l.Errorf(p, "Vérifiez qu'il s'agit du bon fichier.", "fichier trop volumineux (plus de %d Mo)", MaxSize>>20)
		return nil, false
	}
	return Normalize(b, p, l)
}

// Normalize checks and normalizes text already read.
func Normalize(b []byte, p diag.Pos, l *diag.List) ([]byte, bool) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(b, 0); i >= 0 {
		p.Line = bytes.Count(b[:i], []byte("\n")) + 1
		l.Errorf(p, "Ce fichier n'est pas un texte : enregistrez-le en texte brut (UTF-8) ou retirez-le du dossier.", "fichier binaire (octet nul)")
		return nil, false
	}
	if !utf8.Valid(b) {
		line, col := firstInvalid(b)
		p.Line, p.Col = line, col
		l.Errorf(p, "Enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer sous » → encodage UTF-8).", "caractère illisible : le fichier n'est pas en UTF-8")
		return nil, false
	}
	if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	}
	return b, true
}

func firstInvalid(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return line, col
}

// Report tells in French why the file at p could not be opened or read.
// fsys, when not nil, is asked whether the file is a symbolic link, the
// usual reason why a file of the site cannot be opened.
func Report(l *diag.List, fsys fs.FS, p diag.Pos, err error) {
	if fsys != nil && !errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := fs.Lstat(fsys, p.File); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			l.Errorf(p, "Le générateur ne lit que les fichiers du dossier du site : remplacez le lien par une copie du fichier (ou déplacez le fichier dans le dossier du site).", "lien symbolique vers l'extérieur du dossier du site")
			return
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Errorf(p, "Le fichier a peut-être été déplacé ou supprimé pendant la construction : relancez-la.", "fichier introuvable")
	case errors.Is(err, fs.ErrPermission):
		l.Errorf(p, "Vérifiez les droits de lecture du fichier.", "lecture interdite")
	default:
		l.Errorf(p, "Vérifiez que le fichier est dans le dossier du site et n'est pas un lien vers l'extérieur.", "lecture impossible : %v", err)
	}
}

// Missing reports whether err, from fs.Stat, says that the file does not
// exist (and not that it exists but cannot be reached); otherwise it
// reports the problem to l.
func Missing(l *diag.List, fsys fs.FS, p diag.Pos, err error) bool {
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	Report(l, fsys, p, err)
	return false
}
