// Package publish writes a build into a temporary folder beside the
// destination and swaps it in only when the build succeeded, so that a failed
// build leaves the last good site exactly as it was, and files of removed
// pages disappear.
package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a build in progress.
type Dir struct {
	dest string
	tmp  string
}

// Begin checks that dest may be replaced and creates the temporary folder.
// source is the site's source folder, which dest must never be or contain.
func Begin(dest, source string) (*Dir, error) {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	if err := checkDest(absDest, absSrc); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(absDest), 0o755); err != nil {
		return nil, fmt.Errorf("impossible de créer le dossier parent de %s : %w", dest, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(absDest), "."+filepath.Base(absDest)+"-construction-")
	if err != nil {
		return nil, fmt.Errorf("impossible de créer un dossier temporaire à côté de %s : %w", dest, err)
	}
	return &Dir{dest: absDest, tmp: tmp}, nil
}

// checkDest refuses a destination whose replacement would delete the
// editors' files.
func checkDest(dest, src string) error {
	if dest == src || isWithin(src, dest) {
		return fmt.Errorf("le dossier de destination %s contient les sources du site : choisissez un dossier dédié, par exemple public/", dest)
	}
	for _, d := range []string{"content", "data", "layouts"} {
		if isWithin(dest, filepath.Join(src, d)) || dest == filepath.Join(src, d) {
			return fmt.Errorf("le dossier de destination %s est dans %s/ : choisissez un dossier dédié, par exemple public/", dest, d)
		}
	}
	entries, err := os.ReadDir(dest)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("dossier de destination illisible : %w", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		return fmt.Errorf("le dossier de destination %s n'est pas vide et ne contient pas de site construit (pas d'index.html) : il serait remplacé ; choisissez un autre dossier ou videz-le", dest)
	}
	return nil
}

// isWithin reports whether path is inside dir.
func isWithin(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// path is where a file of the site (slash path) is written, its folder
// created.
func (d *Dir) path(name string) (string, error) {
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	return p, mkdir(filepath.Dir(p))
}

// WriteFile writes one file of the site; safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Copy writes one file of the site from r; safe for concurrent use.
func (d *Dir) Copy(name string, r io.Reader) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	out, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 64<<10) // r may come in many small pieces
	if _, err := io.Copy(w, r); err != nil {
		out.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// mkdir creates dir and its missing parents. Most pages have a folder of
// their own in an existing one: a single system call, where os.MkdirAll
// would first look at the folder and its parent.
func mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	switch {
	case err == nil || errors.Is(err, fs.ErrExist):
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	}
	return err
}

// Commit replaces the destination with the new build. It cleans up after
// itself when it fails: the caller need not call Abort.
func (d *Dir) Commit() error {
	err := d.swap()
	if err != nil {
		d.Abort()
	}
	return err
}

func (d *Dir) swap() error {
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(d.dest); err == nil {
		old = d.tmp + ".ancien"
		if err := os.Rename(d.dest, old); err != nil {
			return fmt.Errorf("impossible de remplacer %s : %w", d.dest, err)
		}
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest) // put the last good site back
		}
		return fmt.Errorf("impossible d'installer le nouveau site dans %s : %w", d.dest, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the temporary folder; the destination is untouched.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }
