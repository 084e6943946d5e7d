// Package keypoint finds corners in a picture and describes each by the
// brightness pattern around it, so that two pictures can be matched point
// by point under one similarity transform (a shift, a change of scale, a
// small turn). A copy that was cropped, resized, turned, framed in a
// screenshot, recoloured or mirrored keeps its corners where the transform
// puts them; a different picture that only looks alike (another person,
// framed the same way, on the same plain background) does not, as long as
// the pictures have detail of their own (docs/photo-hashing.md, "Corners").
//
// A point's descriptor is 256 brightness comparisons between pairs of
// places around it, each the mean of a 5×5 box (BRIEF, with pairs chosen
// for even, uncorrelated bits: pairs_table.go), so brightness, contrast and
// colour edits that keep the order of brightness keep it.
package keypoint

import (
	"cmp"
	"image"
	"math"
	"slices"

	"github.com/disintegration/imaging"
)

// Side is the long side, in pixels, a picture is scaled to before its
// corners are looked for; points' positions are in that frame.
const Side = 256

// levels are the scales, relative to Side, at which corners are looked
// for: a cropped copy, scaled up to Side, shows the original's corners
// larger, and a screenshot smaller; a descriptor tolerates about a
// quarter either way.
var levels = [...]float64{1, 0.75, 0.5625}

const (
	// perLevel is the most corners kept at each level, the strongest.
	perLevel = 100
	// patchRadius is how far from its corner a descriptor's pixels lie.
	patchRadius = 15
	// minResponse is the weakest corner kept: the smaller eigenvalue of
	// the brightness gradients' structure tensor, in squared grey levels
	// (0-255) per pixel: a change of 4 grey levels a pixel both ways. Camera
	// noise in flat areas makes corners of about 1, which no copy keeps.
	minResponse = 16
	// suppress is the radius in pixels within which only the strongest
	// corner is kept.
	suppress = 3
	// smooth is the radius of the box a descriptor's places are averaged
	// over.
	smooth = 2
)

// Point is a corner and its descriptor.
type Point struct {
	X, Y float32   // position in the picture scaled to Side, pixels
	Bits [4]uint64 // descriptor: 256 brightness comparisons
}

// Detect finds a picture's corners at every level, strongest first within
// a level. A flat picture (a plain background, a drawing in flat colours)
// has few or none.
func Detect(img image.Image) []Point {
	var out []Point
	eachLevel(img, levels[:], func(l float64, bright sums, cs []corner) {
		for _, c := range cs {
			out = append(out, Point{X: float32(float64(c.x) / l), Y: float32(float64(c.y) / l), Bits: bright.describe(c.x, c.y, &pairs)})
		}
	})
	return out
}

// eachLevel finds a picture's corners at each of the scales ls (relative
// to Side) and calls f with the scale, the level's brightness sums and its
// corners, strongest first. The sums are valid only until f returns: the
// levels share their working memory.
func eachLevel(img image.Image, ls []float64, f func(l float64, bright sums, cs []corner)) {
	b := img.Bounds()
	if b.Dx() < 1 || b.Dy() < 1 {
		return
	}
	scale := float64(Side) / float64(max(b.Dx(), b.Dy()))
	var m memory
	for _, l := range ls {
		w, h := max(1, int(math.Round(float64(b.Dx())*scale*l))), max(1, int(math.Round(float64(b.Dy())*scale*l)))
		g := grey(imaging.Resize(img, w, h, imaging.Linear), &m)
		if cs := g.corners(&m); len(cs) > 0 {
			f(l, summed(w, h, g.v, &m.bright), cs)
		}
	}
}

// memory is the corner search's working memory, made for a picture's first
// (largest) level and used again for the smaller ones: allocated anew at
// each, it was half of what signing a photo allocated.
type memory struct {
	grey, gx, gy, resp []float32
	xx, yy, xy, bright []float64
}

// floats returns n values of *buf, growing it when short; what they hold
// is left from before.
func floats[T float32 | float64](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	return (*buf)[:n]
}

// corner is a corner's place in a level and its strength.
type corner struct {
	x, y int
	r    float32
}

// plane is a picture's brightness, row by row.
type plane struct {
	w, h int
	v    []float32
}

// grey is a picture's brightness, in m's memory.
func grey(img *image.NRGBA, m *memory) plane {
	b := img.Bounds()
	p := plane{b.Dx(), b.Dy(), floats(&m.grey, b.Dx()*b.Dy())}
	for y := 0; y < p.h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*p.w]
		for x := 0; x < p.w; x++ {
			p.v[y*p.w+x] = 0.299*float32(row[4*x]) + 0.587*float32(row[4*x+1]) + 0.114*float32(row[4*x+2])
		}
	}
	return p
}

// sums is a summed-area table: at (x, y), the sum of the plane's values
// above and left of it, one row and column larger than the plane, so that
// any box's sum takes four reads.
type sums struct {
	w int // the plane's width + 1
	s []float64
}

// newSums is an empty table for a w × h plane, in buf: its first row and
// column zero, the rest to be written.
func newSums(w, h int, buf *[]float64) sums {
	t := sums{w + 1, floats(buf, (w+1)*(h+1))}
	clear(t.s[:t.w])
	for y := 1; y <= h; y++ {
		t.s[y*t.w] = 0
	}
	return t
}

// summed is the table of a plane's values (w × h), in buf.
func summed(w, h int, v []float32, buf *[]float64) sums {
	t := newSums(w, h, buf)
	for y := 0; y < h; y++ {
		var row float64
		for x := 0; x < w; x++ {
			row += float64(v[y*w+x])
			t.s[(y+1)*t.w+x+1] = t.s[y*t.w+x+1] + row
		}
	}
	return t
}

// tensorSums are the tables of the gradients' products gx², gy² and gx·gy,
// made in one pass.
func tensorSums(w, h int, gx, gy []float32, m *memory) (xx, yy, xy sums) {
	xx, yy, xy = newSums(w, h, &m.xx), newSums(w, h, &m.yy), newSums(w, h, &m.xy)
	for y := 0; y < h; y++ {
		var rxx, ryy, rxy float64
		for x := 0; x < w; x++ {
			a, b := gx[y*w+x], gy[y*w+x]
			rxx += float64(a * a)
			ryy += float64(b * b)
			rxy += float64(a * b)
			k, above := (y+1)*xx.w+x+1, y*xx.w+x+1
			xx.s[k] = xx.s[above] + rxx
			yy.s[k] = yy.s[above] + ryy
			xy.s[k] = xy.s[above] + rxy
		}
	}
	return xx, yy, xy
}

// box is the sum over the (2r+1)² pixels around (x, y), which must lie r
// pixels inside the plane.
func (t sums) box(x, y, r int) float64 {
	x0, y0, x1, y1 := x-r, y-r, x+r+1, y+r+1
	return t.s[y1*t.w+x1] - t.s[y0*t.w+x1] - t.s[y1*t.w+x0] + t.s[y0*t.w+x0]
}

// corners finds corners in a level's plane (Shi-Tomasi: the smaller
// eigenvalue of the structure tensor of the brightness gradients, summed
// over a window; large where brightness changes in two directions), at
// most perLevel, strongest first.
func (p plane) corners(m *memory) []corner {
	w, h := p.w, p.h
	margin := patchRadius + smooth + 1
	if w <= 2*margin || h <= 2*margin {
		return nil
	}
	// Sobel gradients, then their products summed over 5×5 windows. The
	// gradients are zero on the plane's edges.
	gx, gy := floats(&m.gx, w*h), floats(&m.gy, w*h)
	for _, g := range [][]float32{gx, gy} {
		clear(g[:w])
		clear(g[(h-1)*w:])
		for y := 1; y < h-1; y++ {
			g[y*w], g[y*w+w-1] = 0, 0
		}
	}
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			i := y*w + x
			v := p.v
			gx[i] = (v[i-w+1] + 2*v[i+1] + v[i+w+1] - v[i-w-1] - 2*v[i-1] - v[i+w-1]) / 8
			gy[i] = (v[i+w-1] + 2*v[i+w] + v[i+w+1] - v[i-w-1] - 2*v[i-w] - v[i-w+1]) / 8
		}
	}
	xx, yy, xy := tensorSums(w, h, gx, gy, m)
	// Only the responses near enough the corners looked at are made, and
	// read.
	resp := floats(&m.resp, w*h)
	const win = 2
	for y := margin - suppress; y < h-margin+suppress; y++ {
		for x := margin - suppress; x < w-margin+suppress; x++ {
			a, c, b := xx.box(x, y, win), yy.box(x, y, win), xy.box(x, y, win)
			d := a - c
			resp[y*w+x] = float32((a + c - math.Sqrt(d*d+4*b*b)) / (2 * (2*win + 1) * (2*win + 1)))
		}
	}
	var cs []corner
	for y := margin; y < h-margin; y++ {
		for x := margin; x < w-margin; x++ {
			if v := resp[y*w+x]; v >= minResponse && strongest(resp, w, x, y) {
				cs = append(cs, corner{x, y, v})
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b corner) int { return cmp.Compare(b.r, a.r) }) // strongest first
	return cs[:min(len(cs), perLevel)]
}

// strongest says whether no other pixel within suppress of (x, y) has a
// stronger response; of equal ones, the first in reading order wins.
func strongest(resp []float32, w, x, y int) bool {
	v := resp[y*w+x]
	for dy := -suppress; dy <= suppress; dy++ {
		for dx := -suppress; dx <= suppress; dx++ {
			o := resp[(y+dy)*w+x+dx]
			if o > v || (o == v && (dy < 0 || (dy == 0 && dx < 0))) {
				return false
			}
		}
	}
	return true
}

// describe compares the brightness of the pairs of places around (x, y),
// each the mean of the (2·smooth+1)² pixels around it, so that noise and
// JPEG's blocks do not decide a comparison.
func (t sums) describe(x, y int, pattern *[256][4]int8) (bits [4]uint64) {
	for i, pr := range pattern {
		a := t.box(x+int(pr[0]), y+int(pr[1]), smooth)
		b := t.box(x+int(pr[2]), y+int(pr[3]), smooth)
		if a < b {
			bits[i/64] |= 1 << (i % 64)
		}
	}
	return bits
}
