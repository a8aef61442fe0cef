// Package publish writes a build into a temporary folder beside the
// destination and swaps it in only when the build succeeded, so that a failed
// build leaves the last good site exactly as it was, and files of removed
// pages disappear.
//
// spaser deletes only what it built: the destination is replaced only when
// it is empty or holds the Marker that every build writes, and never when it
// holds the sources. Temporary folders left by a build that was killed are
// removed by the next one.
package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Marker is the file every build writes at the root of the site it
// publishes: a folder without it is not spaser's to replace.
const Marker = ".spaser-construit"

const markerText = "Site construit par spaser : ce dossier est remplacé à chaque construction.\n"

// Dir is a build in progress.
type Dir struct {
	dest string
	tmp  string
}

// TempPattern is the name (a glob) of the temporary folders beside dest:
// .public-construction-PID-RANDOM for dest …/public. Projects list it in
// their .gitignore.
func TempPattern(dest string) string { return "." + filepath.Base(dest) + "-construction-*" }

// Begin checks that dest may be replaced and creates the temporary folder.
// source is the site's source folder, which dest must never be or contain.
func Begin(dest, source string) (*Dir, error) {
	absDest, err := resolve(dest)
	if err != nil {
		return nil, err
	}
	absSrc, err := resolve(source)
	if err != nil {
		return nil, err
	}
	if err := checkDest(absDest, absSrc); err != nil {
		return nil, err
	}
	parent := filepath.Dir(absDest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("impossible de créer le dossier parent de %s : %w", dest, err)
	}
	removeStale(parent, filepath.Base(absDest))
	prefix := strings.TrimSuffix(TempPattern(absDest), "*") + strconv.Itoa(os.Getpid()) + "-"
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("impossible de créer un dossier temporaire à côté de %s : %w", dest, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: absDest, tmp: tmp}, nil
}

// resolve makes p absolute with its symbolic links resolved, as far as it
// exists: a link must not hide that two folders are the same.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// checkDest refuses a destination whose replacement would delete the
// editors' files or anything spaser did not build.
func checkDest(dest, src string) error {
	if dest == src || Within(src, dest) {
		return fmt.Errorf("le dossier de destination %s contient les sources du site : choisissez un dossier dédié, par exemple public/", dest)
	}
	for _, d := range []string{"content", "data", "layouts"} {
		if Within(dest, filepath.Join(src, d)) || dest == filepath.Join(src, d) {
			return fmt.Errorf("le dossier de destination %s est dans %s/ : choisissez un dossier dédié, par exemple public/", dest, d)
		}
	}
	st, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err == nil && !st.IsDir() {
		return fmt.Errorf("la destination %s n'est pas un dossier : choisissez un dossier dédié, par exemple public/", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("dossier de destination illisible : %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dest, Marker)); err != nil {
		return fmt.Errorf("le dossier de destination %s n'est pas vide et n'a pas été construit par spaser (pas de fichier %s) : il serait remplacé en entier ; choisissez un dossier vide ou nouveau (un site construit par une version antérieure de spaser : videz-le une fois)", dest, Marker)
	}
	return nil
}

// Within reports whether path is strictly inside dir; both are absolute
// and clean. "/a/..proj" is inside "/a", "/a/../b" is not.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// removeStale removes the temporary folders beside dest (named base) left
// by builds that were killed: their process is gone. Another build running
// into the same destination keeps its own.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, TempPattern(base)))
	prefix := strings.TrimSuffix(TempPattern(base), "*")
	for _, m := range matches {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(m), prefix), "-")
		n, err := strconv.Atoi(pid)
		if err != nil || n == os.Getpid() || alive(n, m) {
			continue
		}
		_ = os.RemoveAll(m)
	}
}

// staleAge is when a temporary folder is deemed abandoned where the
// system cannot tell whether its process still runs.
const staleAge = 24 * time.Hour

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

// swap puts the new build in place. Where the system can exchange two
// folders in one step (Linux: renameat2 RENAME_EXCHANGE), there is never
// a moment without the destination; elsewhere the old site is moved aside
// then the new one moved in, two renames a few microseconds apart (a kill
// between them leaves the old site in the temporary folder, removed by the
// next build, which publishes again).
func (d *Dir) swap() error {
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(d.dest); err != nil {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return fmt.Errorf("impossible d'installer le nouveau site dans %s : %w", d.dest, err)
		}
		return nil
	}
	if ok, err := exchange(d.tmp, d.dest); ok {
		if err != nil {
			return fmt.Errorf("impossible de remplacer %s : %w", d.dest, err)
		}
		return os.RemoveAll(d.tmp) // now the old site
	}
	old := d.tmp + "-ancien"
	if err := os.Rename(d.dest, old); err != nil {
		return fmt.Errorf("impossible de remplacer %s : %w", d.dest, err)
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		_ = os.Rename(old, d.dest) // put the last good site back
		return fmt.Errorf("impossible d'installer le nouveau site dans %s : %w", d.dest, err)
	}
	return os.RemoveAll(old)
}

// Abort removes the temporary folder; the destination is untouched.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }
