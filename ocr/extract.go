package ocr

import (
	"math"
	"slices"
	"sort"
)

// Line crops are resampled so that characters are about LineCharPx pixels
// high, one of the sizes the zone model was trained on; a second reading of
// a zone that did not come out valid uses AltCharPx, which OCR errs on
// differently.
const (
	LineCharPx = 32
	AltCharPx  = 26
)

// span is the extent of the band along its text direction, in work-plane
// units: every line of a zone starts and ends at the same place, so all
// lines are cropped over the union of their extents.
func (b band) span() (uMin, uMax float64) {
	uMin, uMax = math.Inf(1), math.Inf(-1)
	for _, l := range b.lines {
		uMin, uMax = math.Min(uMin, l.uMin), math.Max(uMax, l.uMax)
	}
	return uMin, uMax
}

// extend widens each line's extent while ink continues along it, so that
// fillers that ran together into one blob, which no character test keeps,
// stay inside the crop.
func (b band) extend(lc *locator) {
	cos, sin := math.Cos(b.angle), math.Sin(b.angle)
	inkNear := func(l *textLine, u float64) bool {
		for dv := -0.3 * l.height; dv <= 0.3*l.height; dv += 1 {
			v := l.vAt(u) + dv
			x, y := int(u*cos-v*sin+0.5), int(u*sin+v*cos+0.5)
			if x >= 0 && y >= 0 && x < lc.w && y < lc.h && lc.dark[y*lc.w+x] {
				return true
			}
		}
		return false
	}
	for _, l := range b.lines {
		for _, dir := range []float64{1, -1} {
			edge := l.uMax
			if dir < 0 {
				edge = l.uMin
			}
			gap := 0.0
			for u := edge; gap < 1.2*l.height && math.Abs(u-edge) < 12*l.height; u += dir {
				if inkNear(l, u) {
					gap = 0
					if dir > 0 {
						l.uMax = math.Max(l.uMax, u+0.2*l.height)
					} else {
						l.uMin = math.Min(l.uMin, u-0.2*l.height)
					}
				} else {
					gap++
				}
			}
		}
	}
}

// crops cuts each line of the band out of src, straightened along the line's
// own fit (so lines in perspective are each level), with the characters'
// lean undone (see slant), and scaled to charPx.
// scale maps work-plane coordinates to src; charPx is the character height
// wanted in the crop. With flip the crops are turned 180° and returned
// bottom line first, for a zone that is upside down.
func (b band) crops(src *gray, scale float64, flip bool, charPx float64) []*gray {
	out := b.render(src, scale, charPx, 0)
	if lo, hi, ok := b.paperSpan(out, charPx); ok {
		if t, ok := b.within(lo, hi); ok {
			b = t
			out = b.render(src, scale, charPx, 0)
		}
	}
	if k := slant(out); k != 0 {
		out = b.render(src, scale, charPx, k)
	}
	for _, g := range out {
		g.stretch()
		if flip {
			slices.Reverse(g.pix) // turned by 180°
		}
	}
	if flip {
		slices.Reverse(out)
	}
	return out
}

// cropMargin is the margin cut around a zone's lines, in character
// heights: a character and a fifth, as the zone model was trained on. (A
// model trained on two characters of margin, which protect a first or last
// character the locator missed, read hard photos worse; see
// ocr/tessdata/README.md.)
const cropMargin = 1.2

// render cuts each line of the band out of src, upright, over the band's
// span with cropMargin on either side; see crops. The crops undo a lean of
// the characters by k (see slant).
func (b band) render(src *gray, scale float64, charPx float64, k float64) []*gray {
	uMin, uMax := b.span()
	cos, sin := math.Cos(b.angle), math.Sin(b.angle)
	ch := b.charHeight()
	s := charPx / ch // output pixels per work-plane unit
	margin := cropMargin * ch
	half := 0.85 * ch
	start, end := uMin-margin, uMax+margin
	w := int((end - start) * s)
	h := int(2 * half * s)
	out := make([]*gray, len(b.lines))
	for i, l := range b.lines {
		g := newGray(w, h)
		for oy := 0; oy < h; oy++ {
			dv := float64(oy)/s - half
			for ox := 0; ox < w; ox++ {
				u := start + float64(ox)/s - k*dv
				v := l.vAt(u) + dv
				x, y := u*cos-v*sin, u*sin+v*cos
				// Work pixel i covers src pixels [i·scale, (i+1)·scale).
				val := src.sample((x+0.5)*scale-0.5, (y+0.5)*scale-0.5)
				g.pix[oy*w+ox] = uint8(val + 0.5)
			}
		}
		out[i] = g
	}
	return out
}

// within returns a copy of the band holding only the characters between u
// lo and hi, each line refitted to them and its extent kept inside; ok is
// false when a line would keep too few characters to be a zone line.
func (b band) within(lo, hi float64) (band, bool) {
	t := band{angle: b.angle, lines: make([]*textLine, len(b.lines))}
	for i, l := range b.lines {
		n := &textLine{}
		for _, c := range l.comps {
			if c.u >= lo && c.u <= hi {
				n.comps = append(n.comps, c)
			}
		}
		if len(n.comps) < 6 {
			return band{}, false
		}
		n.fit()
		// Keep the extent extend found (fillers that ran together are no
		// characters), inside the paper.
		n.uMin = max(lo, min(n.uMin, l.uMin))
		n.uMax = min(hi, max(n.uMax, l.uMax))
		t.lines[i] = n
	}
	return t, true
}

// paperSpan finds where the document's paper ends on either side of the
// zone in its line crops as render cut them (characters charPx high), and
// returns the span along the lines, in work-plane units, to keep. A card
// on a dark, patterned table (stripes, wood grain) gives the locator
// character-sized blobs that line up with the zone's lines and stretch them
// far beyond the card; a crop that is half table reads as fillers or as
// nothing. It reports ok only when it would
// cut: the paper is told by its brightness, each column's 85th percentile
// (ink covers less of a column than that), against the brightness at the
// band's characters, which are mostly the zone's own. The kept run of paper
// must still hold a zone line (28 characters), or nothing is cut: light
// falling off across a card must not cut its zone short.
func (b band) paperSpan(crops []*gray, charPx float64) (lo, hi float64, ok bool) {
	if len(crops) == 0 {
		return 0, 0, false
	}
	uMin, _ := b.span()
	s := charPx / b.charHeight()
	u0 := uMin - cropMargin*b.charHeight()
	w, h := crops[0].w, crops[0].h
	level := make([]float64, w)
	col := make([]uint8, h)
	for _, g := range crops {
		for x := 0; x < w; x++ {
			for y := 0; y < h; y++ {
				col[y] = g.pix[y*w+x]
			}
			slices.Sort(col)
			level[x] += float64(col[h*85/100]) / float64(len(crops))
		}
	}
	var at, us []float64 // paper level at each character, and where it is
	pitches := make([]float64, 0, len(b.lines))
	for _, l := range b.lines {
		p, _ := l.pitch()
		pitches = append(pitches, p*s)
		for _, c := range l.comps {
			us = append(us, c.u)
			if x := int((c.u - u0) * s); x >= 0 && x < w {
				at = append(at, level[x])
			}
		}
	}
	if len(at) == 0 {
		return 0, 0, false
	}
	ref := median(at)
	pitch := median(pitches)
	// Start from the middle of the band's characters.
	mid := int((median(us) - u0) * s)
	if mid < 0 || mid >= w || ref < 40 {
		return 0, 0, false
	}
	paper := func(x int) bool { return level[x] >= paperShare*ref }
	// Walk out from the middle; a dark stretch shorter than half a
	// character (a blot, a thick stroke) does not end the paper.
	walk := func(dir int) int {
		last, gap := mid, 0
		for x := mid; x >= 0 && x < w; x += dir {
			if paper(x) {
				last, gap = x, 0
				continue
			}
			if gap++; float64(gap) > 0.5*charPx {
				break
			}
		}
		return last
	}
	left, right := walk(-1), walk(1)
	if float64(right-left) < 28*pitch {
		return 0, 0, false
	}
	if left == 0 && right == w-1 {
		return 0, 0, false
	}
	return u0 + float64(left)/s, u0 + float64(right+1)/s, true
}

// paperShare is how bright a column must be, against the paper under the
// zone's characters, to count as the document's paper.
const paperShare = 0.7

// charHeight estimates the height of the zone's characters from their pitch:
// OCR-B at ICAO's ten characters per inch has capitals 0.97 pitch high. The
// pitch, a median of the distances between neighbours, is not swayed by
// characters that ran into a guilloche line or into each other, which make
// the components' own sizes too large.
func (b band) charHeight() float64 {
	pitches := make([]float64, 0, len(b.lines))
	for _, l := range b.lines {
		p, _ := l.pitch()
		pitches = append(pitches, p)
	}
	return ocrbCapPerPitch * median(pitches)
}

// ocrbCapPerPitch is OCR-B's cap height (0.701 em) over its advance (0.723 em).
const ocrbCapPerPitch = 0.701 / 0.723

// levels returns g's 2nd and 98th percentiles: its black and white, for
// the most part, past a few pixels of glare or of a shadow.
func (g *gray) levels() (lo, hi int) {
	var hist [256]int
	for _, p := range g.pix {
		hist[p]++
	}
	pct := func(q float64) int {
		target, acc := int(q*float64(len(g.pix))), 0
		for v, n := range hist {
			acc += n
			if acc > target {
				return v
			}
		}
		return 255
	}
	return pct(0.02), pct(0.98)
}

// stretch maps the 2nd percentile of g to black and the 98th to white, so
// that dim photos reach Tesseract with full contrast.
func (g *gray) stretch() {
	if len(g.pix) == 0 {
		return
	}
	lo, hi := g.levels()
	if hi-lo < 8 {
		return
	}
	var lut [256]uint8
	for v := range lut {
		lut[v] = uint8(math.Max(0, math.Min(255, float64(v-lo)*255/float64(hi-lo))))
	}
	for i, p := range g.pix {
		g.pix[i] = lut[p]
	}
}

// inkBalance compares the ink in the first and last thirds of the band:
// a zone's lines end in fillers, so in an upright zone the last third has
// less ink. It is the prior for which way up to read first.
func (b band) inkBalance() (first, last int) {
	uMin, uMax := b.span()
	third := (uMax - uMin) / 3
	for _, l := range b.lines {
		for _, c := range l.comps {
			switch {
			case c.u < uMin+third:
				first += c.n
			case c.u > uMax-third:
				last += c.n
			}
		}
	}
	return first, last
}

// median of a non-empty slice (sorted in place).
func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}
