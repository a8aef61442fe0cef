// Package cachefile reads and writes the files spaser keeps between builds
// (drawn charts, reduced images) under SPASER_CACHE_DIR. A cache folder is
// not trusted: anyone may have put anything there, so a read is bounded and
// refuses what is not a regular file, and a write is whole or nothing.
package cachefile

import (
	"io"
	"os"
	"path/filepath"
)

// Read returns the content of file, or nil when it is missing, not a
// regular file (a pipe would block the build) or larger than limit bytes
// (a huge file would exhaust its memory).
func Read(file string, limit int64) []byte {
	if fi, err := os.Lstat(file); err != nil || !fi.Mode().IsRegular() || fi.Size() > limit {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(b)) > limit {
		return nil
	}
	return b
}

// Write writes b to file whole or not at all, through a temporary file in
// the same folder: a build that stops midway leaves no truncated file for
// the next one.
func Write(file string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
