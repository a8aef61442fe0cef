package picture

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// settings name what Publish does: a cached image made with others is not
// used.
var settings = fmt.Sprintf("v1-%d-%d", MaxWidth, Quality)

// Cache keeps the published images from build to build in the folder Dir,
// by the SHA-256 of their file: reducing a photo takes about a second,
// reading it back a millisecond. With Dir "", nothing is kept. A folder
// that cannot be written only makes the builds slower.
type Cache struct{ Dir string }

// Publish is Publish, through the cache. A cached file is not trusted: one
// whose header is not that of the expected image is made again.
func (c Cache) Publish(name string, data []byte) ([]byte, error) {
	if c.Dir == "" {
		return Publish(name, data)
	}
	info, err := Inspect(name, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write([]byte(settings + "\x00"))
	h.Write(data)
	file := filepath.Join(c.Dir, hex.EncodeToString(h.Sum(nil))+strings.ToLower(path.Ext(name)))
	if b, err := os.ReadFile(file); err == nil && made(b, info) {
		return b, nil
	}
	out, err := Publish(name, data)
	if err != nil {
		return nil, err
	}
	c.store(file, out)
	return out, nil
}

// made reports whether b has the header of the published image of info.
func made(b []byte, info Info) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	w, h := info.Out()
	if info.orient >= 5 && !info.reduced() && bytes.HasPrefix(b, []byte{0xFF, 0xD8}) && orientation(b) == info.orient {
		w, h = h, w // kept as it was: stored sideways, turned by its EXIF
	}
	return err == nil && format == info.Format && cfg.Width == w && cfg.Height == h
}

// store writes file whole or not at all: a build that stops midway leaves
// no truncated image for the next one.
func (c Cache) store(file string, b []byte) {
	if os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return
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
}
