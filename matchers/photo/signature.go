package photo

import (
	"image"
	"image/color"
	"math"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo/keypoint"
)

// A Signature describes a photo for deciding whether another photo is an
// edited copy of it. Where a 64-bit hash keeps only whether each of 64
// frequencies is above their median (and so flips bits wherever a flat
// picture puts many near it), a signature keeps the frequencies
// themselves, of the brightness and of the colour, and compares them by
// angle; it describes several views of the picture, so that trimmed
// borders, crops, rotations and screenshots still meet a view of the
// original. docs/photo-hashing.md has the measurements behind each choice.
type Signature struct {
	// Whole pictures: as trimmed of uniform borders, untrimmed (when
	// trimming took something), the box of its textured content (when
	// smaller: a portrait without its plain background), and the largest
	// rectangle of straight edges in it (when there is one: a screenshot's
	// photo without the window around it).
	Whole []View
	// Windows of the trimmed picture: 90% of each side at 3×3 positions
	// and 80% at 5×5, so that a copy cropped by up to a fifth meets one
	// of them nearly aligned.
	Windows []View
	// Probes are what the other photo's views are compared with: the
	// whole views, the trimmed picture turned back by ±5° and ±10°, and
	// the mirror images of all these.
	Probes []View
	// Lightness holds the 8×8 lowest DCT frequencies but the mean, at
	// unit length, of the whole picture's lightness ((max + min) / 2 of
	// its channels, untrimmed): what a saturation change in HSL, as most
	// editors make it, keeps, where it moves brightness (luma) between
	// regions of different hue; and, untrimmed, what brightening keeps of
	// a light picture whose sky it clips to white and trimming then takes.
	Lightness [lumaLen]float32
	// Corners are the picture's corners (keypoint.Detect of the picture
	// scaled to 256 pixels, untrimmed): where the picture has detail they
	// tell a copy from a look-alike the scores accept (CornersAgree).
	Corners []keypoint.Point
	// mirrored are the mirror image's corners, for looking up others; not
	// encoded.
	mirrored []keypoint.Point
	// probes are the corners a lookup asks the store's word index with
	// (keypoint.Probes); not encoded.
	probes []keypoint.Probe
}

// A View is the description of one picture: low frequencies of its
// brightness and colour over a 32×32 thumbnail.
type View struct {
	// Luma holds the 8×8 lowest DCT frequencies of the brightness but
	// the mean (so adding brightness changes nothing), scaled to unit
	// length (so contrast changes nothing).
	Luma [lumaLen]float32
	// Chroma holds the 4×4 lowest frequencies, mean included, of the
	// blue-minus-brightness and red-minus-brightness planes, scaled to
	// unit length (so desaturation changes nothing).
	Chroma [chromaLen]float32
	// Colour is how colourful the picture is: the root mean square of its
	// chroma, 0-255. Below MinColour the chroma is noise and not compared
	// (a greyscale copy).
	Colour float32
}

const (
	thumb     = 32 // side of the thumbnail the frequencies are taken from
	lumaK     = 8  // luma frequencies per axis
	chromaK   = 4  // chroma frequencies per axis
	lumaLen   = lumaK*lumaK - 1
	chromaLen = 2 * chromaK * chromaK
	// MinColour is the Colour below which a view's chroma is not compared.
	MinColour = 2
)

// dctCos[u][x] is cos(π/32·(x+½)·u), the DCT-II basis.
var dctCos = func() (t [thumb][thumb]float64) {
	for u := range t {
		for x := range t[u] {
			t[u][x] = math.Cos(math.Pi / thumb * (float64(x) + 0.5) * float64(u))
		}
	}
	return t
}()

// Sign computes a picture's signature.
func Sign(img image.Image) (*Signature, error) {
	if err := checkSize(img.Bounds()); err != nil {
		return nil, err
	}
	return signFitted(fitted(img, shrink(img))), nil
}

// signFitted signs a picture as fitted scaled it: its views from small
// (fitted's views), its corners from cornered (fitted's corners).
func signFitted(small, cornered *image.NRGBA) *Signature {
	trimmed, trimBox := trimmedBox(small, alikeLuma)
	s := &Signature{Whole: []View{view(trimmed)}}
	if trimmed.Bounds() != small.Bounds() {
		s.Whole = append(s.Whole, view(small))
	}
	bright := lumaPlane(trimmed)
	if r := textureBounds(bright); r != trimmed.Bounds() {
		s.Whole = append(s.Whole, view(imaging.Crop(trimmed, r)))
	}
	if f, ok := framed(small, trimmed, trimBox, bright); ok {
		s.Whole = append(s.Whole, view(f))
	}
	// Windows and turned probes are cut from the trimmed picture at 96
	// pixels: each view keeps 32, and at 256 cutting, scaling and turning
	// them was most of the time.
	mid := imaging.Fit(trimmed, 96, 96, imaging.Box)
	mb := mid.Bounds()
	for _, w := range []struct {
		side float64
		n    int
	}{{0.9, 3}, {0.8, 5}} {
		cw, ch := int(float64(mb.Dx())*w.side), int(float64(mb.Dy())*w.side)
		for i := 0; i < w.n; i++ {
			for j := 0; j < w.n; j++ {
				x, y := (mb.Dx()-cw)*i/(w.n-1), (mb.Dy()-ch)*j/(w.n-1)
				s.Windows = append(s.Windows, view(imaging.Crop(mid, image.Rect(x, y, x+cw, y+ch))))
			}
		}
	}
	s.Lightness = lightness(small)
	s.Corners, s.mirrored, s.probes = keypoint.DetectAll(cornered)
	s.Probes = append(s.Probes, s.Whole...)
	for _, deg := range []float64{5, -5, 10, -10} {
		s.Probes = append(s.Probes, view(unturn(mid, deg)))
	}
	n := len(s.Probes)
	for _, v := range s.Probes[:n] {
		s.Probes = append(s.Probes, v.mirrored())
	}
	return s
}

// framed is the photo inside a screenshot's frame (frameBounds), found in
// the trimmed picture (bright is its plane) and a pixel of what trimming
// took (box, in small) on each side: trimming stops at the photo where
// the margin does, and the step that makes that side of the frame lies
// between the last row it took and the first it kept.
func framed(small, trimmed *image.NRGBA, box image.Rectangle, bright plane) (*image.NRGBA, bool) {
	in := trimmed
	if box != small.Bounds() {
		in = imaging.Crop(small, box.Inset(-1).Intersect(small.Bounds()))
		bright = lumaPlane(in)
	}
	r, ok := frameBounds(bright)
	if !ok {
		return nil, false
	}
	return imaging.Crop(in, r.Inset(frameInset)), true
}

// unturn turns a picture by deg degrees and keeps the largest centred
// rectangle of its proportions that holds no filled-in corner.
func unturn(img *image.NRGBA, deg float64) *image.NRGBA {
	b := img.Bounds()
	t := math.Abs(deg) * math.Pi / 180
	long := math.Max(float64(b.Dx())/float64(b.Dy()), float64(b.Dy())/float64(b.Dx()))
	f := 1 / (math.Cos(t) + math.Sin(t)*long)
	r := imaging.Rotate(img, deg, color.Black)
	rb := r.Bounds()
	w, h := int(float64(b.Dx())*f), int(float64(b.Dy())*f)
	x, y := (rb.Dx()-w)/2, (rb.Dy()-h)/2
	return imaging.Crop(r, image.Rect(x, y, x+w, y+h))
}

// view describes one picture.
func view(img image.Image) View {
	t := imaging.Resize(img, thumb, thumb, imaging.Box)
	var luma, cb, cr [thumb * thumb]float64
	var colour float64
	for i := range luma {
		p := t.Pix[4*i : 4*i+3]
		y := 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
		luma[i], cb[i], cr[i] = y, float64(p[2])-y, float64(p[0])-y
		colour += cb[i]*cb[i] + cr[i]*cr[i]
	}
	var v View
	lowFrequencies(luma[:], lumaK, false, v.Luma[:])
	lowFrequencies(cb[:], chromaK, true, v.Chroma[:chromaLen/2])
	lowFrequencies(cr[:], chromaK, true, v.Chroma[chromaLen/2:])
	unit(v.Luma[:])
	unit(v.Chroma[:])
	v.Colour = float32(math.Sqrt(colour / (2 * thumb * thumb)))
	return v
}

// lightness describes a picture's HSL lightness as a view does its
// brightness.
func lightness(img image.Image) [lumaLen]float32 {
	t := imaging.Resize(img, thumb, thumb, imaging.Box)
	var plane [thumb * thumb]float64
	for i := range plane {
		p := t.Pix[4*i : 4*i+3]
		plane[i] = (float64(max(p[0], p[1], p[2])) + float64(min(p[0], p[1], p[2]))) / 2
	}
	var out [lumaLen]float32
	lowFrequencies(plane[:], lumaK, false, out[:])
	unit(out[:])
	return out
}

// lowFrequencies writes the k×k lowest 2-D DCT-II coefficients of a
// thumb×thumb plane to out, row (vertical frequency) by row, leaving out
// the mean unless withMean.
func lowFrequencies(plane []float64, k int, withMean bool, out []float32) {
	var rows [thumb * lumaK]float64 // horizontal frequencies of each row (k ≤ lumaK)
	for y := 0; y < thumb; y++ {
		for u := 0; u < k; u++ {
			s := 0.0
			for x, c := range dctCos[u] {
				s += plane[y*thumb+x] * c
			}
			rows[y*k+u] = s
		}
	}
	i := 0
	for v := 0; v < k; v++ {
		for u := 0; u < k; u++ {
			if u == 0 && v == 0 && !withMean {
				continue
			}
			s := 0.0
			for y, c := range dctCos[v] {
				s += rows[y*k+u] * c
			}
			out[i] = float32(s)
			i++
		}
	}
}

func unit(x []float32) {
	n := 0.0
	for _, v := range x {
		n += float64(v) * float64(v)
	}
	if n == 0 {
		return
	}
	f := float32(1 / math.Sqrt(n))
	for i := range x {
		x[i] *= f
	}
}

// mirrored is the view of the mirror image: a horizontal flip negates the
// DCT coefficients of odd horizontal frequency and keeps the others.
func (v View) mirrored() View {
	m := v
	m.Luma = mirroredLuma(v.Luma)
	for i := range m.Chroma {
		if u := i % chromaK; u%2 == 1 {
			m.Chroma[i] = -m.Chroma[i]
		}
	}
	return m
}

// mirroredLuma is mirrored for 8×8 frequencies but the mean.
func mirroredLuma(l [lumaLen]float32) [lumaLen]float32 {
	i := 0
	for fv := 0; fv < lumaK; fv++ {
		for u := 0; u < lumaK; u++ {
			if u == 0 && fv == 0 {
				continue
			}
			if u%2 == 1 {
				l[i] = -l[i]
			}
			i++
		}
	}
	return l
}

// dot is the dot product of two vectors of a length, kept in four running
// sums, which the processor adds in parallel: Compare's time is almost
// all dot products, and one sum took 1.4 times as long.
func dot(a, b []float32) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return float64((s0 + s1) + (s2 + s3))
}

// Scores are the similarities of two signatures, each the best over the
// views compared. Luma and lightness similarities are cosines, -1 to 1;
// with colour, luma cosine plus chroma cosine, -2 to 2, or -2 when either
// photo has too little colour to compare.
type Scores struct {
	Whole        float64 `json:"whole"`         // a whole view of one against a probe of the other
	WholeColour  float64 `json:"whole_colour"`  // the same, brightness and colour together
	Window       float64 `json:"window"`        // a window of one against a probe of the other
	WindowColour float64 `json:"window_colour"` // the same, brightness and colour together
	Lightness    float64 `json:"lightness"`     // the whole pictures' lightness, either one mirrored
}

// Compare scores two signatures, in both directions: a copy may have been
// cropped from either.
func Compare(a, b *Signature) Scores {
	s := Scores{-1, -2, -1, -2, -1}
	mirror := mirroredLuma(b.Lightness)
	s.Lightness = max(dot(a.Lightness[:], b.Lightness[:]), dot(a.Lightness[:], mirror[:]))
	best(a.Whole, b.Probes, &s.Whole, &s.WholeColour)
	best(b.Whole, a.Probes, &s.Whole, &s.WholeColour)
	best(a.Windows, b.Probes, &s.Window, &s.WindowColour)
	best(b.Windows, a.Probes, &s.Window, &s.WindowColour)
	return s
}

func best(views, probes []View, luma, both *float64) {
	bestLuma, bestBoth := *luma, *both
	for i := range views {
		v := &views[i]
		for j := range probes {
			p := &probes[j]
			l := dot(v.Luma[:], p.Luma[:])
			bestLuma = max(bestLuma, l)
			// The chroma cosine is at most 1 (1.01: rounding): skip it when
			// even that would not beat the best.
			if v.Colour >= MinColour && p.Colour >= MinColour && l+1.01 > bestBoth {
				bestBoth = max(bestBoth, l+dot(v.Chroma[:], p.Chroma[:]))
			}
		}
	}
	*luma, *both = bestLuma, bestBoth
}

// Thresholds are the scores above which two signatures count as the same
// photo, one per kind of score.
type Thresholds Scores

// DefaultThresholds are those the robustness evaluation (idcheck
// eval-photos, seed 1, 300 pictures; docs/photo-hashing.md) set at a
// false-match rate of at most 0.1% between different pictures, any score
// counting and each letting through as many pairs, for signatures as the
// store keeps them (encoded).
func DefaultThresholds() Thresholds {
	return Thresholds{Whole: 0.9806, WholeColour: 1.8677, Window: 0.9839, WindowColour: 1.8622, Lightness: 0.9514}
}

// Same says whether any score is above its threshold.
func (t Thresholds) Same(s Scores) bool {
	return s.Whole > t.Whole || s.WholeColour > t.WholeColour || s.Window > t.Window || s.WindowColour > t.WindowColour ||
		s.Lightness > t.Lightness
}

// MinCorners is the fewest corners both pictures need for their corners to
// have a say (CornersAgree): a flat picture (a plain background, a drawing
// in flat colours) has too few to tell a copy from a look-alike.
const MinCorners = 50

// CornersLinedUp is the fewest corners of a looked-up picture that must
// line up with a stored picture's (keypoint.Match) for the two to be the
// same picture, when both have MinCorners. Of the pairs the scores accepted
// (docs/photo-hashing.md, "Corners in the decision"), different people
// lined up at most 8 (over 238 painted portraits on plain backgrounds and
// the evaluation's mix), and edited copies at least 10 (screenshots; black
// padding 15, every other edit 23 or more).
const CornersLinedUp = 10

// CornersAgree says whether the corners of a stored picture and a
// looked-up one let the scores' decision stand: when either has fewer than
// MinCorners corners, the scores decide alone; otherwise CornersLinedUp of
// the looked-up picture's corners, or its mirror image's, must line up
// with the stored picture's. Scores accept look-alikes (other people
// framed alike, on the same background) that corners, where a picture has
// detail, tell apart.
func CornersAgree(stored, query *Signature) bool {
	if min(len(stored.Corners), len(query.Corners)) < MinCorners {
		return true
	}
	return keypoint.Match(stored.Corners, query.Corners) >= CornersLinedUp ||
		len(query.mirrored) > 0 && keypoint.Match(stored.Corners, query.mirrored) >= CornersLinedUp
}

// textureBounds is the box of a picture's textured content: it trims rows
// and columns, from each side, in which fewer than 2% of neighbouring
// pixels differ in brightness by more than 8 (of 255). A screenshot's
// margins, title bar and the odd button go, and so does the plain
// background around the person in a portrait; the original photo loses
// the same background, so the two boxes agree.
func textureBounds(p plane) image.Rectangle {
	b, l := p.bounds, p.l
	w, h := b.Dx(), b.Dy()
	// textured says whether the line of n pixels from i, step apart, has
	// enough edges along it.
	textured := func(i, step, n int) bool {
		edges := 0
		for k := 1; k < n; k++ {
			if abs(l[i+k*step]-l[i+(k-1)*step]) > 8 {
				edges++
			}
		}
		return edges*50 > n
	}
	r := image.Rect(0, 0, w, h)
	for r.Min.Y < r.Max.Y && !textured(r.Min.Y*w+r.Min.X, 1, r.Dx()) {
		r.Min.Y++
	}
	for r.Max.Y > r.Min.Y && !textured((r.Max.Y-1)*w+r.Min.X, 1, r.Dx()) {
		r.Max.Y--
	}
	for r.Min.X < r.Max.X && !textured(r.Min.Y*w+r.Min.X, w, r.Dy()) {
		r.Min.X++
	}
	for r.Max.X > r.Min.X && !textured(r.Min.Y*w+r.Max.X-1, w, r.Dy()) {
		r.Max.X--
	}
	if r.Dx()*5 < w || r.Dy()*5 < h {
		return b // little texture anywhere: keep the picture whole
	}
	return r.Add(b.Min)
}
