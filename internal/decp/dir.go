package decp

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// Dir is the folder of the site's DECP files.
const Dir = "data/decp"

// CountDir reads every DECP file of dir (sorted by name, so that the
// result does not depend on the file system) and counts the contracts of
// buyers notified up to today. The first file that cannot be read to the
// end stops the count: its figures would be incomplete.
func CountDir(fsys fs.FS, dir string, buyers Buyers, last time.Time, w *Warnings) (*Report, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	k := NewCounter(buyers, last, w)
	var files []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if _, _, ok := FormatOf(name); !ok {
			if !strings.EqualFold(path.Ext(name), ".md") && !strings.EqualFold(path.Ext(name), ".txt") {
				w.add(path.Join(dir, name), 0, nil, "fichier ignoré : les DECP se lisent en .json ou .csv (éventuellement .gz)")
			}
			continue
		}
		files = append(files, path.Join(dir, name))
	}
	sort.Strings(files)
	for _, file := range files {
		if err := countFile(fsys, file, k, w); err != nil {
			return nil, err
		}
	}
	r := k.Report()
	r.Files = files
	return r, nil
}

func countFile(fsys fs.FS, file string, k *Counter, w *Warnings) error {
	f, err := fsys.Open(file)
	if err != nil {
		return &Error{File: file, Msg: "lecture impossible : " + err.Error()}
	}
	defer f.Close()
	format, gz, _ := FormatOf(file)
	return Read(f, file, format, gz, w, k.Add)
}
