package ocr

import (
	"image"
	"image/draw"
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
// T = m·(1 + k·(s/128 − 1)) over a window×window neighbourhood (clipped at
// the edges), where m and s are the neighbourhood's mean and standard
// deviation. Window sums slide: per-column sums over the window's rows are
// updated row by row and summed along each row, so the cost does not depend
// on the window and the memory is two rows, not two integral images (whose
// allocation alone took a fifth of the zone search).
func (g *gray) sauvola(window int, k float64) []bool {
	w, h := g.w, g.h
	r := window / 2
	colSum := make([]int64, w) // per column, the sum over the window's rows
	colSq := make([]int64, w)  // and the sum of squares
	dark := make([]bool, w*h)
	top, bottom := 0, 0 // colSum covers rows [top, bottom)
	for y := 0; y < h; y++ {
		for ; bottom < min(h, y+r+1); bottom++ {
			row := g.pix[bottom*w : bottom*w+w]
			for x, v := range row {
				colSum[x] += int64(v)
				colSq[x] += int64(v) * int64(v)
			}
		}
		for ; top < max(0, y-r); top++ {
			row := g.pix[top*w : top*w+w]
			for x, v := range row {
				colSum[x] -= int64(v)
				colSq[x] -= int64(v) * int64(v)
			}
		}
		rows := bottom - top
		var sum, sq int64
		left, right := 0, 0 // sum covers columns [left, right)
		row := g.pix[y*w : y*w+w]
		for x, v := range row {
			for ; right < min(w, x+r+1); right++ {
				sum += colSum[right]
				sq += colSq[right]
			}
			for ; left < max(0, x-r); left++ {
				sum -= colSum[left]
				sq -= colSq[left]
			}
			n := float64((right - left) * rows)
			m := float64(sum) / n
			variance := max(float64(sq)/n-m*m, 0)
			// v < m·(1−k) + (m·k/128)·√variance, without the square
			// root: a below the threshold's constant part is dark; above
			// it, compare squares.
			a := float64(v) - m*(1-k)
			b := m * k / 128
			dark[y*w+x] = a < 0 || a*a < b*b*variance
		}
	}
	return dark
}

// toImage wraps g as an image.Gray sharing its pixels.
func toImage(g *gray) *image.Gray {
	return &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
}
