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
	"spaser/internal/cachefile"
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
	if b := cachefile.Read(file, maxOut(info, data)); b != nil && (bytes.Equal(b, data) || made(b, info)) {
		return b, nil
	}
	out, err := Publish(name, data)
	if err != nil {
		return nil, err
	}
	c.store(file, out)
	return out, nil
}

// maxOut bounds the size of what Publish makes of data: data itself or
// smaller, or a reduced image, at worst stored uncompressed.
func maxOut(info Info, data []byte) int64 {
	w, h := info.Out()
	return int64(len(data)) + int64(w)*int64(h)*5 + 1<<20
}

// made reports whether b is a whole image as Publish makes of info: its
// header, a body that decodes, and nothing after the image's end. What
// Publish encodes ends there; an original kept as it is was compared
// whole by the caller.
func made(b []byte, info Info) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	w, h := info.Out()
	if info.orient >= 5 && !info.reduced() && bytes.HasPrefix(b, []byte{0xFF, 0xD8}) && orientation(b) == info.orient {
		w, h = h, w // kept as it was: stored sideways, turned by its EXIF
	}
	if err != nil || format != info.Format || cfg.Width != w || cfg.Height != h || !bytes.HasSuffix(b, ends[format]) {
		return false
	}
	n := int64(w) * int64(h) * int64(bytesPerPixel(cfg.ColorModel))
	if n > MaxDecoded {
		return false
	}
	release := budget.take(n)
	defer release()
	_, _, err = image.Decode(bytes.NewReader(b))
	return err == nil
}

// ends are the last bytes of a JPEG (EOI) and a PNG (IEND chunk) file.
var ends = map[string][]byte{"jpeg": {0xFF, 0xD9}, "png": {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}}

// store keeps b as file; a cache that cannot be written only makes the
// builds slower.
func (c Cache) store(file string, b []byte) {
	if os.MkdirAll(c.Dir, 0o755) == nil {
		_ = cachefile.Write(file, b)
	}
}
