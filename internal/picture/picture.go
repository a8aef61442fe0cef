// Package picture prepares the images of the content for the web: it reads
// their size from their header, refuses those too large to decode safely,
// and reduces and compresses JPEG and PNG photos wider than the page can
// show. Its output depends only on the file: byte-identical from build to
// build.
package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // its header gives its size
	"image/jpeg"
	"image/png"
	"io"
	"path"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // its header gives its size

	"spaser/internal/typo"
)

// MaxWidth is the widest image published, in pixels. The text column is at
// most 60rem, 960 CSS pixels (layouts/assets/style.css: --wrap less its
// padding); high-density screens (phones, most laptops) draw 2 pixels per
// CSS pixel, so 1 920 pixels stay sharp there, and wider ones only weigh
// more. Height is not limited: an image is scaled to the column's width.
const MaxWidth = 1920

// Quality is the JPEG quality of a re-encoded photo: at 82 the loss does
// not show on screen, and a photo weighs a third of what it does at 95.
const Quality = 82

// MaxDecoded bounds the memory of the images decoded and reduced at once
// (budget.go), 400 MB: a 48-megapixel photo is reduced within it. A file
// whose decoding alone would take more (about 130 megapixels of photo, or
// a small file that declares a huge image: a decompression bomb) is
// refused from its header; an image whose reduction would take more (a
// very tall one) is published as it is.
const MaxDecoded = 400_000_000

// maxSide bounds each side: no screen or print needs more.
const maxSide = 30000

// formats are the image files whose header is read, by extension; only
// JPEG and PNG are reduced. SVG is not published (content.Published: it
// can hold scripts); AVIF has no reader in Go's libraries and is copied
// without its size.
var formats = map[string]string{".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}

// Is reports whether name is an image file by its extension.
func Is(name string) bool { return formats[strings.ToLower(path.Ext(name))] != "" }

// Info is what the header of an image tells.
type Info struct {
	Format        string // "jpeg", "png", "gif", "webp"
	Width, Height int    // as shown (after the photo's EXIF orientation)
	orient        int    // EXIF orientation of a JPEG, 1 when upright
	bytesPerPixel int    // once decoded
	coefficients  int64  // what a progressive JPEG's decoder keeps besides the image
}

// Out is the size the image is published at: reduced to MaxWidth for a
// wider JPEG or PNG, its own otherwise, and for an image so tall that
// reducing it would take more than MaxDecoded (it is then published as
// it is).
func (i Info) Out() (w, h int) {
	if !i.reduced() {
		return i.Width, i.Height
	}
	return i.reducedSize()
}

func (i Info) reducible() bool { return i.Format == "jpeg" || i.Format == "png" }

func (i Info) reduced() bool {
	return i.reducible() && i.Width > MaxWidth && i.memory(true) <= MaxDecoded
}

func (i Info) reducedSize() (w, h int) {
	return MaxWidth, max(1, (i.Height*MaxWidth+i.Width/2)/i.Width)
}

// factor is k of the first step of a reduction: the image averaged over
// k × k blocks, still at least MaxWidth wide (reduce.go).
func (i Info) factor() int { return max(1, i.Width/MaxWidth) }

// memory is what Publish takes for the image at most: decoded, with the
// coefficients a progressive JPEG's decoder keeps meanwhile, or then, when
// reduce, averaged by factor and drawn at its published size (the filter
// keeps 4 float64 a pixel of the published width by the source's height),
// then turned upright.
func (i Info) memory(reduce bool) int64 {
	n := int64(i.Width) * int64(i.Height) * int64(i.bytesPerPixel)
	w, h := int64(i.Width), int64(i.Height)
	var after int64 // once decoded, the coefficients are garbage
	if reduce {
		k := int64(i.factor())
		ow, oh := i.reducedSize()
		after += (w / k) * (h / k) * 4       // averaged
		after += int64(ow) * (h / k) * 4 * 8 // the filter's rows
		w, h = int64(ow), int64(oh)
	}
	if i.orient != 1 {
		after += w * h * 4 * 2 // drawn, then turned
	}
	return n + max(i.coefficients, after)
}

// decoded is the memory Publish takes for the image.
func (i Info) decoded() int64 { return i.memory(i.reduced()) }

// Error is an image that cannot be published: what is wrong, in French
// and without the file's name, and how to fix it.
type Error struct {
	Msg, Hint string
}

func (e *Error) Error() string { return e.Msg }

const resaveHint = "Ouvrez l'image dans un logiciel de retouche et enregistrez-la de nouveau (en JPEG pour une photo, en PNG pour un schéma)."

// Inspect reads the header of the image file name from r, without
// decoding it; an error is an *Error.
func Inspect(name string, r io.Reader) (Info, error) {
	format := formats[strings.ToLower(path.Ext(name))]
	head := &bytes.Buffer{}
	cfg, got, err := image.DecodeConfig(io.TeeReader(io.LimitReader(r, headerLimit), head))
	if err != nil {
		return Info{}, &Error{Msg: "image illisible", Hint: fmt.Sprintf("Le fichier n'est pas une image %s valide. %s", strings.ToUpper(format), resaveHint)}
	}
	info := Info{Format: got, Width: cfg.Width, Height: cfg.Height, orient: 1, bytesPerPixel: bytesPerPixel(cfg.ColorModel)}
	if got == "jpeg" {
		info.orient = orientation(head.Bytes())
		info.coefficients = coefficients(head.Bytes())
		if info.orient >= 5 { // turned a quarter: shown the other way round
			info.Width, info.Height = info.Height, info.Width
		}
	}
	if info.Width <= 0 || info.Height <= 0 || info.Width > maxSide || info.Height > maxSide || info.memory(false) > MaxDecoded {
		return Info{}, &Error{
			Msg:  fmt.Sprintf("image trop grande pour être publiée (%s × %s pixels)", typo.Number(float64(info.Width), 0), typo.Number(float64(info.Height), 0)),
			Hint: fmt.Sprintf("Réduisez-la dans un logiciel de retouche avant de la placer dans content/ : %s pixels de large suffisent à l'écran (spaser refuse les images de plus de %s Mo une fois décompressées, environ 130 mégapixels).", typo.Number(MaxWidth, 0), typo.Number(MaxDecoded/1e6, 0)),
		}
	}
	return info, nil
}

// headerLimit is how much of a file Inspect reads at most: the JPEG
// segments before the image data (EXIF included) fit in it.
const headerLimit = 1 << 20

// bytesPerPixel is the memory a pixel of the color model m takes decoded.
func bytesPerPixel(m color.Model) int {
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4 at most
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// Publish returns the bytes to publish for data, the image file name:
// reduced to Out and re-encoded (JPEG at Quality, PNG at best compression)
// when wider than MaxWidth; re-encoded when that makes it smaller; data
// itself otherwise. A reduced image is always published reduced: the pages
// give its reduced size. Its header is read again: the file may have
// changed since the pages were made (the preview), and only its header
// says whether it can be decoded safely. An error is an *Error.
func Publish(name string, data []byte) ([]byte, error) {
	info, err := Inspect(name, bytes.NewReader(data))
	if err != nil || !info.reducible() {
		return data, err
	}
	release := budget.take(info.decoded())
	defer release()
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Msg: "image endommagée", Hint: "Son en-tête est lisible, mais pas son contenu. " + resaveHint}
	}
	reduce := info.reduced()
	img := src
	if reduce || info.orient != 1 {
		img = scale(src, info)
	}
	var out bytes.Buffer
	switch info.Format {
	case "jpeg":
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: Quality})
	default:
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, img)
	}
	if err != nil {
		return nil, err
	}
	if !reduce && out.Len() >= len(data) {
		return data, nil
	}
	return out.Bytes(), nil
}

// scale draws src upright at w × h with the Catmull-Rom filter, sharp
// without the halos of sharper ones.
func scale(src image.Image, info Info) image.Image {
	w, h := info.Out()
	if info.orient >= 5 { // the size before the orientation is applied
		w, h = h, w
	}
	if info.reduced() && info.factor() > 1 {
		src = average(src, info.factor())
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if dst.Rect.Size() == src.Bounds().Size() {
		draw.Copy(dst, image.Point{}, src, src.Bounds(), draw.Src, nil)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	}
	return upright(dst, info.orient)
}
