package build

import (
	"bytes"
	"image"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"spaser"
	"spaser/internal/picture"
	"spaser/internal/sitetest"
)

// A photo wider than the page is published reduced and compressed, a PNG
// compressed; every image is written with its published width and height. Builds give the same bytes, with or without
// the cache of reduced images.
func TestImagesReduced(t *testing.T) {
	const dir = "content/axes/1-vert/1-climat/"
	photo := sitetest.JPEG(sitetest.Photo(2400, 1600), 95)
	schema := sitetest.PNG(sitetest.Photo(200, 100))
	src := sitetest.New(t, withFiles(map[string]string{
		dir + "2-haut.md":  "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n![Le chantier](photo.jpg)\n\n![Le schéma](schema.png)\n",
		dir + "photo.jpg":  string(photo),
		dir + "schema.png": string(schema),
	}))
	cache := &picture.Cache{Dir: t.TempDir()}
	build := func(c *picture.Cache) map[string]string {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Run(Options{Source: src, Dest: out, Defaults: spaser.Layouts, Images: c}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	site := build(cache)
	sitetest.ContainsAll(t, site["axes/1-vert/1-climat/2-haut/index.html"],
		`alt="Le chantier" width="1920" height="1280">`,
		`alt="Le schéma" width="200" height="100">`)
	got := []byte(site["axes/1-vert/1-climat/photo.jpg"])
	cfg, format, err := image.DecodeConfig(bytes.NewReader(got))
	if err != nil || format != "jpeg" || cfg.Width != 1920 || cfg.Height != 1280 {
		t.Errorf("published photo: %s %d × %d %v", format, cfg.Width, cfg.Height, err)
	}
	if len(got) >= len(photo) {
		t.Errorf("photo: %d bytes published from %d", len(got), len(photo))
	}
	if n := len(site["axes/1-vert/1-climat/schema.png"]); n >= len(schema) {
		t.Errorf("PNG: %d bytes published from %d", n, len(schema))
	}
	if !maps.Equal(site, build(cache)) || !maps.Equal(site, build(&picture.Cache{})) {
		t.Error("two builds differ")
	}
}

// An image that is not one, one whose header declares a huge size (a
// decompression bomb) and one whose data is damaged are errors: at the
// line that shows them, or at the file for the damaged one, which only
// decoding it tells; nothing is published.
func TestImagesRefused(t *testing.T) {
	const dir = "content/axes/1-vert/1-climat/"
	bomb := sitetest.Bomb(25000, 25000)
	damaged := sitetest.JPEG(sitetest.Photo(2000, 50), 90)
	src := sitetest.New(t, withFiles(map[string]string{
		dir + "2-haut.md":  "+++\ntitle = \"Action haut\"\nweight = 2\n+++\n## Objectifs\n\n![Une bombe](bombe.png)\n\n![Un texte](texte.jpg)\n\n![Abîmée](abimee.jpg)\n",
		dir + "bombe.png":  string(bomb),
		dir + "texte.jpg":  "pas une image",
		dir + "abimee.jpg": string(damaged[:len(damaged)/2]),
	}))
	all := failedBuild(t, src, "")
	sitetest.ContainsAll(t, all,
		dir+"2-haut.md:7:1: erreur\u00a0: image trop grande pour être publiée (25\u202f000 × 25\u202f000 pixels) : bombe.png\n    → Réduisez-la dans un logiciel de retouche",
		dir+"2-haut.md:9:1: erreur\u00a0: image illisible : texte.jpg\n    → Le fichier n'est pas une image JPEG valide.",
		dir+"abimee.jpg: erreur\u00a0: image endommagée\n    → Son en-tête est lisible, mais pas son contenu.",
	)
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("public/ written")
	}
}

// BenchmarkRebuildPhotos is the preview's rebuild of the default site with
// a dozen 12-megapixel photos on a page, their reductions in the cache:
// compare with BenchmarkRebuildDefault. The first, cold build is reported
// as cold-s.
func BenchmarkRebuildPhotos(b *testing.B) {
	src := sitetest.CopyDefault(b, "../..")
	photo := sitetest.JPEG(sitetest.Photo(4000, 3000), 90)
	page := "+++\ntitle = \"Photos\"\n+++\n"
	for i := range 12 {
		name := "photo" + strconv.Itoa(i) + ".jpg"
		// Bytes after the end of the image make 12 different files.
		if err := os.WriteFile(filepath.Join(src, "content", name), append(slices.Clip(photo), byte(i)), 0o644); err != nil {
			b.Fatal(err)
		}
		page += "\n![Photo " + strconv.Itoa(i) + "](" + name + ")\n"
	}
	if err := os.WriteFile(filepath.Join(src, "content", "photos.md"), []byte(page), 0o644); err != nil {
		b.Fatal(err)
	}
	opts := Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), Defaults: spaser.Layouts, Images: &picture.Cache{Dir: b.TempDir()}}
	start := time.Now()
	if _, err := Run(opts); err != nil {
		b.Fatal(err)
	}
	cold := time.Since(start)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(cold.Seconds(), "cold-s")
}
