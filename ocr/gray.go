package ocr

import (
	"image"
	"image/draw"
	"math"
)

// gray is an 8-bit luminance plane, row-major, with no padding.
type gray struct {
	w, h int
	pix  []uint8
}

func newGray(w, h int) *gray { return &gray{w: w, h: h, pix: make([]uint8, w*h)} }

func (g *gray) at(x, y int) uint8 { return g.pix[y*g.w+x] }

// toGray converts an image to luminance. JPEG's Y plane is used as it is.
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := newGray(b.Dx(), b.Dy())
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Y[(y+b.Min.Y-m.Rect.Min.Y)*m.YStride+(b.Min.X-m.Rect.Min.X):])
		}
	case *image.Gray:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Pix[(y+b.Min.Y-m.Rect.Min.Y)*m.Stride+(b.Min.X-m.Rect.Min.X):])
		}
	default:
		rgba, ok := img.(*image.NRGBA)
		if !ok {
			rgba = image.NewNRGBA(image.Rect(0, 0, g.w, g.h))
			draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
		}
		rb := rgba.Bounds()
		for y := 0; y < g.h; y++ {
			row := rgba.Pix[(y+b.Min.Y-rb.Min.Y)*rgba.Stride+(b.Min.X-rb.Min.X)*4:]
			for x := 0; x < g.w; x++ {
				r, gg, bb := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
				// ITU-R BT.601 luma, as JPEG uses.
				g.pix[y*g.w+x] = uint8((19595*r + 38470*gg + 7471*bb + 1<<15) >> 16)
			}
		}
	}
	return g
}

// shrink returns g scaled down by an integer factor f, each output pixel the
// mean of an f×f block.
func (g *gray) shrink(f int) *gray {
	if f <= 1 {
		return g
	}
	out := newGray(g.w/f, g.h/f)
	sums := make([]uint32, out.w)
	for oy := 0; oy < out.h; oy++ {
		clear(sums)
		for y := oy * f; y < oy*f+f; y++ {
			row := g.pix[y*g.w:]
			for ox := 0; ox < out.w; ox++ {
				for x := ox * f; x < ox*f+f; x++ {
					sums[ox] += uint32(row[x])
				}
			}
		}
		for ox := range sums {
			out.pix[oy*out.w+ox] = uint8(sums[ox] / uint32(f*f))
		}
	}
	return out
}

// sample returns the bilinear interpolation of g at (x, y), with pixel
// centres at integer coordinates; outside the plane it returns white.
func (g *gray) sample(x, y float64) float64 {
	if x < 0 || y < 0 || x > float64(g.w-1) || y > float64(g.h-1) {
		return 255
	}
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, g.w-1), min(y0+1, g.h-1)
	ax, ay := x-float64(x0), y-float64(y0)
	p00, p10 := float64(g.pix[y0*g.w+x0]), float64(g.pix[y0*g.w+x1])
	p01, p11 := float64(g.pix[y1*g.w+x0]), float64(g.pix[y1*g.w+x1])
	return (p00*(1-ax)+p10*ax)*(1-ay) + (p01*(1-ax)+p11*ax)*ay
}

// sauvola marks dark pixels by Sauvola's local threshold
// T = m·(1 + k·(s/128 − 1)) over a window×window neighbourhood, computed
// from integral images so its cost does not depend on the window.
func (g *gray) sauvola(window int, k float64) []bool {
	w, h := g.w, g.h
	sum := make([]float64, (w+1)*(h+1))
	sq := make([]float64, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var rs, rq float64
		for x := 0; x < w; x++ {
			v := float64(g.pix[y*w+x])
			rs += v
			rq += v * v
			i := (y+1)*(w+1) + x + 1
			sum[i] = sum[i-w-1] + rs
			sq[i] = sq[i-w-1] + rq
		}
	}
	r := window / 2
	dark := make([]bool, w*h)
	for y := 0; y < h; y++ {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		for x := 0; x < w; x++ {
			x0, x1 := max(0, x-r), min(w, x+r+1)
			n := float64((x1 - x0) * (y1 - y0))
			a, b, c, d := y0*(w+1)+x0, y0*(w+1)+x1, y1*(w+1)+x0, y1*(w+1)+x1
			m := (sum[d] - sum[b] - sum[c] + sum[a]) / n
			v := (sq[d]-sq[b]-sq[c]+sq[a])/n - m*m
			s := math.Sqrt(math.Max(v, 0))
			dark[y*w+x] = float64(g.pix[y*w+x]) < m*(1+k*(s/128-1))
		}
	}
	return dark
}

// toImage wraps g as an image.Gray sharing its pixels.
func toImage(g *gray) *image.Gray {
	return &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
}
