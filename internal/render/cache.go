package render

import (
	"crypto/sha256"
	"io/fs"
	"sync"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/site"
)

// Cache keeps the layouts of the last Load for a program that loads the
// same site again and again: the preview, where parsing the layouts and
// preparing the assets was a third of the wait before a page could reload.
// Templates never change once loaded, so builds may share them.
type Cache struct {
	mu  sync.Mutex
	key [sha256.Size]byte
	t   *Templates
}

// Load is the package's Load, or the previous call's layouts when no
// layout file and no colour changed since. A nil Cache loads every time.
func (c *Cache) Load(siteFS, defaults fs.FS, l *diag.List, k config.Colors) *Templates {
	if c == nil {
		return Load(siteFS, defaults, l, k)
	}
	key, ok := inputs(overlay{siteFS, defaults}, k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok && c.t != nil && key == c.key {
		return c.t
	}
	t := Load(siteFS, defaults, l, k)
	c.t, c.key = nil, key
	if ok && t != nil {
		c.t = t
	}
	return t
}

// inputs hashes everything Load reads; ok is false when a file cannot be
// read (Load then reports it).
func inputs(o overlay, k config.Colors) (key [sha256.Size]byte, ok bool) {
	h := sha256.New()
	add := func(name string) bool {
		b, file, err := o.read(name)
		if err != nil {
			return false
		}
		for _, s := range []string{name, file} {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		h.Write(b)
		h.Write([]byte{0})
		return true
	}
	names := []string{"base.html"}
	for _, n := range o.list("partials") {
		names = append(names, "partials/"+n)
	}
	for _, k := range site.Kinds {
		names = append(names, k+".html")
	}
	for _, n := range o.list("assets") {
		names = append(names, "assets/"+n)
	}
	for _, n := range names {
		if !add(n) {
			return key, false
		}
	}
	h.Write([]byte(k.CSS())) // every colour the assets take

	copy(key[:], h.Sum(nil))
	return key, true
}
