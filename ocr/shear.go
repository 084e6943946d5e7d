package ocr

import "math"

// A photo taken from one side leans a zone's characters (perspective), and
// the model, trained mostly on upright print, then reads phantom characters
// into a line ("AKAZLAUSKAS" for KAZLAUSKAS). Crops undo the lean: slant
// measures it, render shears it back.

// minSlant is the least lean (pixels per pixel of height) worth undoing: a
// pixel over a 32-pixel character, a fifth of a stroke's width.
const minSlant = 0.03

// Lean candidates: ±maxSlant in steps of slantStep.
const (
	slantStep  = 0.0125
	slantSteps = 24
	maxSlant   = slantSteps * slantStep // 0.3, 17°
)

// slant estimates how far the characters of a zone's crops (all of one
// width) lean: the shift k, in pixels per pixel of height, with which a
// stroke's ink sits at x0 − k·(y − h/2), one k for all lines (on
// synthetic hard photos the lean at either end of a zone differs, but
// measuring each half apart errs more than the difference). It is the k
// that stacks the ink of all lines into the sharpest column profile:
// vertical strokes stack into tall, narrow peaks only when straightened.
// Ink is what is darker than the midpoint between a crop's paper and ink.
func slant(crops []*gray) float64 {
	type dot struct{ x, dy float64 }
	var ink []dot
	width, height := 0, 0
	for _, g := range crops {
		if len(g.pix) == 0 {
			continue
		}
		lo, hi := g.levels()
		if hi-lo < 8 {
			continue
		}
		width, height = max(width, g.w), max(height, g.h)
		mid := uint8((lo + hi) / 2)
		for y := 0; y < g.h; y++ {
			dy := float64(y) - float64(g.h)/2
			for x, p := range g.pix[y*g.w : (y+1)*g.w] {
				if p < mid {
					ink = append(ink, dot{float64(x), dy})
				}
			}
		}
	}
	if len(ink) == 0 {
		return 0
	}
	pad := maxSlant*float64(height)/2 + 1
	cols := make([]float64, width+int(2*pad)+2)
	best, bestScore := 0.0, -1.0
	// Smaller leans first, so that among equal scores the smaller wins.
	for i := 0; i <= 2*slantSteps; i++ {
		k := float64((i+1)/2) * slantStep
		if i%2 == 1 {
			k = -k
		}
		clear(cols)
		// Each pixel is shared between its two nearest columns: whole
		// pixels would favour no lean at all, which stacks the pixel
		// grid itself.
		for _, d := range ink {
			p := d.x + k*d.dy + pad
			c := int(p)
			f := p - float64(c)
			cols[c] += 1 - f
			cols[c+1] += f
		}
		score := 0.0
		for _, n := range cols {
			score += n * n
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if math.Abs(best) < minSlant {
		return 0
	}
	return best
}
