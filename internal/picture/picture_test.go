package picture

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

func inspect(t testing.TB, name string, data []byte) Info {
	t.Helper()
	info, err := Inspect(name, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// A photo wider than MaxWidth is reduced to it, keeping its proportions,
// and compressed; the same file always gives the same bytes.
func TestPublishReducesWidePhoto(t *testing.T) {
	data := sitetest.JPEG(sitetest.Photo(2560, 1920), 95)
	info := inspect(t, "photo.jpg", data)
	if w, h := info.Out(); w != 1920 || h != 1440 {
		t.Errorf("Out = %d × %d, want 1920 × 1440", w, h)
	}
	out, err := Publish("photo.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
	if err != nil || format != "jpeg" || cfg.Width != 1920 || cfg.Height != 1440 {
		t.Fatalf("published %s %d × %d (%v)", format, cfg.Width, cfg.Height, err)
	}
	if len(out) >= len(data)/2 {
		t.Errorf("published %d bytes from %d", len(out), len(data))
	}
	again, _ := Publish("photo.jpg", data)
	if !bytes.Equal(out, again) {
		t.Error("two publications of the same file differ")
	}
}

// An image narrow enough keeps its size; it is re-encoded only when that
// makes it smaller: an uncompressed PNG shrinks, an already compact JPEG
// is published as it is.
func TestPublishKeepsOriginalUnlessSmaller(t *testing.T) {
	raw := sitetest.PNG(sitetest.Photo(300, 200))
	out, err := Publish("schema.png", raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(raw) {
		t.Errorf("PNG not compressed: %d bytes from %d", len(out), len(raw))
	}
	if w, h := inspect(t, "schema.png", out).Out(); w != 300 || h != 200 {
		t.Errorf("PNG size changed: %d × %d", w, h)
	}
	small := sitetest.JPEG(sitetest.Photo(300, 200), 40)
	if out, _ := Publish("petite.jpg", small); !bytes.Equal(out, small) {
		t.Error("a JPEG that re-encoding does not shrink was changed")
	}
}

// A paletted image takes a byte a pixel once decoded.
func TestInspectPaletted(t *testing.T) {
	var b bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 3000, 20), color.Palette{color.Black, color.White})
	if err := png.Encode(&b, pal); err != nil {
		t.Fatal(err)
	}
	if info := inspect(t, "frise.png", b.Bytes()); info.Width != 3000 || info.bytesPerPixel != 1 {
		t.Errorf("paletted PNG: %+v", info)
	}
}

// A header that declares a huge image (a decompression bomb) is refused
// before anything is decoded, as is a file that is not an image.
func TestInspectRefuses(t *testing.T) {
	bomb := sitetest.Bomb(30000, 30000)
	for name, data := range map[string][]byte{
		"bombe.png":  bomb,
		"texte.jpg":  []byte("pas une image"),
		"coupee.png": sitetest.PNG(sitetest.Photo(10, 10))[:20],
	} {
		_, err := Inspect(name, bytes.NewReader(data))
		var e *Error
		if !errors.As(err, &e) || e.Hint == "" {
			t.Errorf("%s: err = %v", name, err)
			continue
		}
		if _, err := Publish(name, data); err == nil {
			t.Errorf("%s published", name)
		}
	}
	_, err := Inspect("bombe.png", bytes.NewReader(bomb))
	if !strings.Contains(err.Error(), "image trop grande pour être publiée (30\u202f000 × 30\u202f000 pixels)") {
		t.Errorf("bomb: %v", err)
	}
}

// A damaged image whose header is fine is an error, never a panic.
func TestPublishDamaged(t *testing.T) {
	data := sitetest.JPEG(sitetest.Photo(2400, 100), 90)
	_, err := Publish("abimee.jpg", data[:len(data)/2])
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("err = %v", err)
	}
}

// A photo taken sideways (EXIF orientation 6) is shown and published
// upright: its width and height are swapped, its pixels turned.
func TestOrientation(t *testing.T) {
	m := sitetest.Photo(2000, 800) // stored landscape, shown portrait
	m.Set(0, 0, color.RGBA{255, 255, 255, 255})
	data := withOrientation(sitetest.JPEG(m, 95), 6)
	info := inspect(t, "tournee.jpg", data)
	if info.Width != 800 || info.Height != 2000 || info.orient != 6 {
		t.Fatalf("info = %+v", info)
	}
	out, err := Publish("tournee.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil || got.Bounds().Dx() != 800 || got.Bounds().Dy() != 2000 {
		t.Fatalf("published %v (%v)", got.Bounds(), err)
	}
}

// withOrientation inserts an EXIF segment with orientation o after the
// JPEG's start marker.
func withOrientation(jpg []byte, o byte) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	return append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
}

func TestUpright(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 3, 2))
	m.Set(0, 0, color.RGBA{1, 0, 0, 255}) // top left
	for o, want := range map[int]image.Point{2: {2, 0}, 3: {2, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 2}, 8: {0, 2}} {
		u := upright(m, o)
		if r, _, _, _ := u.At(want.X, want.Y).RGBA(); r>>8 != 1 {
			t.Errorf("orientation %d: top left pixel not at %v", o, want)
		}
	}
}

// Reading the header of any file gives an Info or an *Error, never a
// panic, in bounded memory.
func FuzzInspect(f *testing.F) {
	f.Add("a.jpg", withOrientation(sitetest.JPEG(sitetest.Photo(8, 8), 80), 6))
	f.Add("a.png", sitetest.PNG(sitetest.Photo(8, 8)))
	f.Add("a.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		info, err := Inspect(name, bytes.NewReader(data))
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error not *Error: %v", err)
		}
		if err == nil && info.decoded() > MaxDecoded {
			t.Fatalf("accepted %+v", info)
		}
		orientation(data)
		if err == nil && info.decoded() < 1<<24 { // decoding a declared huge size is bounded, but slow to fuzz
			_, _ = Publish(name, data)
		}
	})
}

func BenchmarkPublish(b *testing.B) {
	data := sitetest.JPEG(sitetest.Photo(4000, 3000), 92)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Publish("photo.jpg", data); err != nil {
			b.Fatal(err)
		}
	}
}

// Averaging over k × k blocks gives each block's mean, rounded.
func TestAverage(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 5, 2)) // the fifth column makes no block
	for x, v := range []uint8{10, 20, 30, 41, 255} {
		m.Set(x, 0, color.RGBA{v, 0, 0, 255})
		m.Set(x, 1, color.RGBA{v, 2, 0, 255})
	}
	got := average(m, 2)
	if got.Rect.Dx() != 2 || got.Rect.Dy() != 1 {
		t.Fatalf("size %v", got.Rect)
	}
	if !bytes.Equal(got.Pix, []uint8{15, 1, 0, 255, 36, 1, 0, 255}) {
		t.Errorf("Pix = %v", got.Pix)
	}
}

// An image so tall that reducing it would take more memory than allowed
// keeps its size: published as it is, not refused.
func TestTallImageKeptAsIs(t *testing.T) {
	info := Info{Format: "png", Width: 2400, Height: 8000, orient: 1, bytesPerPixel: 4}
	if w, h := info.Out(); w != 2400 || h != 8000 {
		t.Errorf("Out = %d × %d", w, h)
	}
	photo := Info{Format: "jpeg", Width: 8000, Height: 6000, orient: 6, bytesPerPixel: 3}
	if w, h := photo.Out(); w != 1920 || h != 1440 || photo.memory(true) > MaxDecoded {
		t.Errorf("48 Mpx photo: Out = %d × %d, memory %d", w, h, photo.memory(true))
	}
}

// The cache gives back what Publish made; a cached file that is not the
// expected image (damaged, or put there by someone else) is made again.
func TestCache(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	data := sitetest.JPEG(sitetest.Photo(2000, 100), 90)
	want, err := Publish("bandeau.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got, err := c.Publish("bandeau.jpg", data); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("through the cache: %d bytes, %v", len(got), err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*.jpg"))
	if len(files) != 1 {
		t.Fatalf("cache holds %q", files)
	}
	for _, bad := range [][]byte{[]byte("<script>"), sitetest.JPEG(sitetest.Photo(10, 10), 90)} {
		os.WriteFile(files[0], bad, 0o644)
		if got, _ := c.Publish("bandeau.jpg", data); !bytes.Equal(got, want) {
			t.Errorf("a cached %d bytes file was trusted", len(bad))
		}
	}
}

// A cached file is published only when it is a whole image: one with the
// expected header but a damaged or padded body is made again, and one far
// larger than any image Publish makes is not read (a pipe: see
// cachefile.TestReadPipe).
func TestCacheTampered(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	data := sitetest.JPEG(sitetest.Photo(2000, 100), 90)
	want, err := c.Publish("bandeau.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*.jpg"))
	if len(files) != 1 {
		t.Fatalf("cache holds %q", files)
	}
	file := files[0]
	for name, bad := range map[string][]byte{
		"truncated": want[:len(want)/2],
		"padded":    append(slices.Clip(want), "<script>alert(1)</script>"...),
	} {
		os.WriteFile(file, bad, 0o644)
		if got, _ := c.Publish("bandeau.jpg", data); !bytes.Equal(got, want) {
			t.Errorf("a %s cached file was trusted", name)
		}
	}
	os.Remove(file)
	os.WriteFile(file, nil, 0o644)
	if err := os.Truncate(file, 1<<40); err != nil {
		t.Skip("no sparse file:", err)
	}
	if got, _ := c.Publish("bandeau.jpg", data); !bytes.Equal(got, want) {
		t.Error("a huge cached file was read")
	}
}

// progressiveBomb is a few dozen bytes of progressive JPEG that declares
// w × h pixels in 4:4:4: its decoder allocates, besides the image, the
// coefficients of every block (4 bytes a pixel and component) before it
// reads any data.
func progressiveBomb(w, h int) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xC2, 0, 17, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3}
	for c := byte(1); c <= 3; c++ {
		b = append(b, c, 0x11, 0)
	}
	b = append(b, 0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 0, 0)
	return append(b, 0xFF, 0xD9)
}

// A progressive JPEG's coefficients count in its memory: one of 11 000 ×
// 11 000 pixels takes 1,8 GB to decode (363 MB of image), far beyond
// MaxDecoded; a baseline one of that size fits it. A progressive photo
// of 40 megapixels in 4:2:0, as cameras save them, is still published.
func TestInspectProgressive(t *testing.T) {
	if _, err := Inspect("bombe.jpg", bytes.NewReader(progressiveBomb(11000, 11000))); err == nil {
		t.Error("a progressive JPEG of 11 000 × 11 000 pixels is accepted")
	}
	photo := progressiveBomb(7700, 5200)
	photo[13] = 0x22 // 4:2:0: the luma sampled 2 × 2, the chroma 1 × 1
	info, err := Inspect("photo.jpg", bytes.NewReader(photo))
	if err != nil || !info.reduced() {
		t.Errorf("a progressive 40-megapixel photo: %v, reduced %v", err, info.reduced())
	}
}
