package picture

import (
	"image"
	"image/draw"
)

// average returns src averaged over k × k blocks (the last columns and
// rows that make no whole block are left out): the first step of reducing
// a photo k times too wide or more. Each pixel counts once, which a
// filter reducing much at once also does but several times slower; the
// Catmull-Rom filter then has little left to do. Rows are converted one at
// a time, so the memory is the output's.
func average(src image.Image, k int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	row := image.NewRGBA(image.Rect(0, 0, w*k, 1))
	sum := make([]uint32, w*4)
	n := uint32(k * k)
	for y := range h {
		clear(sum)
		for dy := range k {
			draw.Draw(row, row.Rect, src, image.Pt(b.Min.X, b.Min.Y+y*k+dy), draw.Src)
			for x := range w * k {
				p, s := row.Pix[x*4:x*4+4], sum[x/k*4:x/k*4+4]
				s[0] += uint32(p[0])
				s[1] += uint32(p[1])
				s[2] += uint32(p[2])
				s[3] += uint32(p[3])
			}
		}
		o := out.Pix[y*out.Stride:]
		for i, v := range sum {
			o[i] = uint8((v + n/2) / n)
		}
	}
	return out
}
