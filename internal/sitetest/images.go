package sitetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
)

// Photo is a synthetic w × h picture with gradients and detail: it
// compresses as a photo does more than a flat image would.
func Photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			copy(m.Pix[m.PixOffset(x, y):], []uint8{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x*x + y*7) % 256), 255})
		}
	}
	return m
}

// JPEG is m encoded at quality q.
func JPEG(m image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		panic(err) // an in-memory image always encodes
	}
	return b.Bytes()
}

// PNG is m encoded without compression, as some tools save it.
func PNG(m image.Image) []byte {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&b, m); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Bomb is a PNG of one gray pixel whose header declares w × h: a small
// file that would take w × h bytes to decode (a decompression bomb).
func Bomb(w, h uint32) []byte {
	b := PNG(image.NewGray(image.Rect(0, 0, 1, 1)))
	// IHDR: width and height at bytes 16-23, its CRC at 29-32.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
