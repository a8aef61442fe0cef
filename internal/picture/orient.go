package picture

import (
	"encoding/binary"
	"image"
)

// orientation reads the EXIF orientation (1 to 8) in the first bytes of a
// JPEG file: a phone stores a photo as its sensor saw it and says how to
// turn it. Browsers turn it; a re-encoded photo has no EXIF, so Publish
// turns the pixels instead. 1 (upright) when absent or unreadable.
func orientation(b []byte) int {
	o := 1
	segments(b, func(marker byte, seg []byte) bool {
		if marker == 0xE1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			o = exifOrientation(seg[6:])
			return false
		}
		return true
	})
	return o
}

// segments calls fn with each marker segment of the JPEG file b before its
// image data, until fn returns false or b ends.
func segments(b []byte, fn func(marker byte, seg []byte) bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return
		}
		marker := b[i+1]
		if marker == 0xDA || marker == 0xD9 { // image data: no header after it
			return
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) || !fn(marker, b[i+4:i+2+n]) {
			return
		}
		i += 2 + n
	}
}

// coefficients is the memory Go's decoder takes for the coefficients of a
// progressive JPEG's blocks (all kept until the last scan: 256 bytes a
// block of 8 × 8 pixels and component, by its sampling), 0 for a baseline
// one, from the frame header (SOF2) in b.
func coefficients(b []byte) int64 {
	var n int64
	segments(b, func(marker byte, seg []byte) bool {
		if marker != 0xC2 || len(seg) < 6 {
			return marker < 0xC0 || marker > 0xC2 // stop at the frame header
		}
		h, w, nc := int64(binary.BigEndian.Uint16(seg[1:])), int64(binary.BigEndian.Uint16(seg[3:])), int(seg[5])
		if len(seg) < 6+3*nc {
			return false
		}
		var hmax, vmax int64 = 1, 1
		for c := range nc {
			hmax, vmax = max(hmax, int64(seg[7+3*c]>>4)), max(vmax, int64(seg[7+3*c]&15))
		}
		mxx, myy := (w+8*hmax-1)/(8*hmax), (h+8*vmax-1)/(8*vmax)
		for c := range nc {
			n += mxx * myy * int64(seg[7+3*c]>>4) * int64(seg[7+3*c]&15) * 256
		}
		return false
	})
	return n
}

// exifOrientation reads tag 0x0112 of the first directory of a TIFF
// structure.
func exifOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > int64(len(t)) {
		return 1
	}
	n := int64(bo.Uint16(t[off:]))
	for k := range n {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // SHORT
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// upright returns m turned and flipped as the EXIF orientation o says.
func upright(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // half a turn
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // a quarter turn clockwise
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // a quarter turn anticlockwise
				dx, dy = y, w-1-x
			}
			copy(out.Pix[out.PixOffset(dx, dy):][:4], m.Pix[m.PixOffset(x, y):][:4])
		}
	}
	return out
}
