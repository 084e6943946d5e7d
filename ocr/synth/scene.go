package synth

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font/opentype"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// Level is a difficulty level of generated documents.
type Level string

// The difficulty levels.
const (
	// Clean is a flat scan: the document fills the frame, straight, sharp,
	// well lit, at 200 to 300 dpi.
	Clean Level = "clean"
	// Mild is a careful phone photo: the document on a table filling most of
	// the frame, tilted up to 5°, slight perspective, soft blur, uneven light,
	// JPEG at quality 65 to 85; some are turned 90° or upside down.
	Mild Level = "mild"
	// Hard is a careless photo: the document in a larger scene with clutter,
	// rotated up to 12°, in perspective, blurred, in low light, noisy,
	// JPEG at quality 45 to 70, zone characters 12 to 20 pixels high; some
	// turned 90° or upside down.
	Hard Level = "hard"
	// Tampered is a mild photo of a document with one digit of a checked
	// field changed after its check digits were computed.
	Tampered Level = "tampered"
)

// Levels lists every level, easiest first.
var Levels = []Level{Clean, Mild, Hard, Tampered}

// ParseLevel checks a level name.
func ParseLevel(s string) (Level, error) {
	for _, l := range Levels {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("synth: unknown level %q (want clean, mild, hard or tampered)", s)
}

// params are the ranges a level draws its degradations from.
type params struct {
	charPx     [2]float64 // zone character height in the final image, pixels
	cardFrac   [2]float64 // card width over frame width
	rotDeg     float64    // largest tilt either way
	persp      float64    // largest corner displacement, fraction of card width
	blur       [2]float64 // Gaussian sigma, pixels
	light      [2]float64 // overall brightness factor
	gradient   float64    // largest brightness fall-off across the frame
	noise      float64    // Gaussian noise sigma, grey levels
	jpegQ      [2]int
	pngShare   float64 // share written as PNG instead of JPEG
	turnShare  float64 // share turned by 90°, 180° or 270°
	table      bool    // on a table with clutter rather than a scanner bed
	distractor float64 // share with a printed page of other text beside the card
}

var levelParams = map[Level]params{
	Clean: {charPx: [2]float64{19, 30}, cardFrac: [2]float64{0.92, 0.97}, rotDeg: 0.7, blur: [2]float64{0, 0.4},
		light: [2]float64{0.97, 1.03}, noise: 1.5, jpegQ: [2]int{88, 95}, pngShare: 0.3},
	Mild: {charPx: [2]float64{15, 24}, cardFrac: [2]float64{0.72, 0.9}, rotDeg: 5, persp: 0.02, blur: [2]float64{0.4, 1.0},
		light: [2]float64{0.75, 1.0}, gradient: 0.25, noise: 4, jpegQ: [2]int{65, 85}, turnShare: 0.15, table: true},
	Hard: {charPx: [2]float64{12, 20}, cardFrac: [2]float64{0.4, 0.7}, rotDeg: 12, persp: 0.06, blur: [2]float64{0.7, 1.4},
		light: [2]float64{0.45, 0.7}, gradient: 0.3, noise: 7, jpegQ: [2]int{45, 70}, turnShare: 0.15, table: true,
		distractor: 0.3},
}

func init() { levelParams[Tampered] = levelParams[Mild] }

// Sample is one generated document photo and what it truly says.
type Sample struct {
	Level         Level      `json:"level"`
	Format        mrz.Format `json:"format"`
	Lines         []string   `json:"lines"` // the zone as printed
	Tampered      bool       `json:"tampered,omitempty"`
	TamperedField string     `json:"tampered_field,omitempty"`
	RotationDeg   float64    `json:"rotation_deg"` // tilt of the card, before any turn
	Turn          int        `json:"turn"`         // 0, 90, 180 or 270: the whole photo turned counter-clockwise
	CharHeightPx  float64    `json:"char_height_px"`
	// ZoneQuad is where the zone's text lies in the photo: its top-left,
	// top-right, bottom-right and bottom-left corners as read upright, in
	// pixels.
	ZoneQuad [4][2]float64 `json:"zone_quad"`
	Ext      string        `json:"ext"` // "jpg" or "png"
	Image    []byte        `json:"-"`   // the encoded photo
}

func between(rng *rand.Rand, r [2]float64) float64 { return r[0] + rng.Float64()*(r[1]-r[0]) }

// Generate makes one document photo at level.
func (fs *Fonts) Generate(rng *rand.Rand, level Level) (*Sample, error) {
	return fs.generate(rng, level, false)
}

// GenerateScrambled makes a document photo like Generate, but about half of
// the zone's characters are replaced by random ones (see Scramble): a zone
// that breaks the MRZ's rules, for training a model that reads characters
// by their shape rather than guessing them from their place in the zone.
func (fs *Fonts) GenerateScrambled(rng *rand.Rand, level Level) (*Sample, error) {
	return fs.generate(rng, level, true)
}

func (fs *Fonts) generate(rng *rand.Rand, level Level, scramble bool) (*Sample, error) {
	p, ok := levelParams[level]
	if !ok {
		return nil, fmt.Errorf("synth: unknown level %q", level)
	}
	format := []mrz.Format{mrz.TD3, mrz.TD3, mrz.TD3, mrz.TD1, mrz.TD1, mrz.TD1, mrz.TD2, mrz.MRVA, mrz.MRVB}[rng.IntN(9)]
	id := RandomIdentity(rng, format)
	s := &Sample{Level: level, Format: format, Lines: id.Lines()}
	if level == Tampered {
		s.Lines, s.TamperedField = Tamper(rng, format, s.Lines)
		s.Tampered = true
	}
	if scramble {
		s.Lines = Scramble(rng, s.Lines)
	}

	// Scale: the zone's characters must come out charPx high.
	s.CharHeightPx = between(rng, p.charPx)
	finalPxPerMM := s.CharHeightPx / (mrzPitchMM / ocrbAdvance * ocrbCapHeight)
	renderPxPerMM := math.Max(finalPxPerMM*1.4, 6)
	card, zone := fs.renderCard(rng, id, s.Lines, randomLayout(rng, format, renderPxPerMM))

	scale := finalPxPerMM / renderPxPerMM
	cw, ch := float64(card.Bounds().Dx())*scale, float64(card.Bounds().Dy())*scale
	frac := between(rng, p.cardFrac)
	fw := cw / frac
	fh := math.Max(fw*0.75, (ch+math.Abs(math.Sin(p.rotDeg*math.Pi/180))*cw)/frac)
	W, H := int(fw), int(fh)

	frame := image.NewRGBA(image.Rect(0, 0, W, H))
	if p.table {
		fs.drawTable(rng, frame, p.distractor, s.CharHeightPx)
	} else {
		v := uint8(235 + rng.IntN(20))
		draw.Draw(frame, frame.Bounds(), image.NewUniform(color.RGBA{v, v, v, 255}), image.Point{}, draw.Src)
	}

	// Where the card's corners land: scaled, tilted about a centre near the
	// frame's, then each corner pushed for perspective.
	s.RotationDeg = (rng.Float64()*2 - 1) * p.rotDeg
	th := s.RotationDeg * math.Pi / 180
	cx := fw/2 + (rng.Float64()-0.5)*(fw-cw)*0.5
	cy := fh/2 + (rng.Float64()-0.5)*(fh-ch)*0.5
	src := [4][2]float64{{0, 0}, {float64(card.Bounds().Dx()), 0},
		{float64(card.Bounds().Dx()), float64(card.Bounds().Dy())}, {0, float64(card.Bounds().Dy())}}
	var dst [4][2]float64
	for i, c := range src {
		x, y := c[0]*scale-cw/2, c[1]*scale-ch/2
		dst[i] = [2]float64{
			cx + x*math.Cos(th) - y*math.Sin(th) + (rng.Float64()*2-1)*p.persp*cw,
			cy + x*math.Sin(th) + y*math.Cos(th) + (rng.Float64()*2-1)*p.persp*cw,
		}
	}
	toCard, err := homography(dst, src)
	if err != nil {
		return nil, err
	}
	warpInto(frame, card, toCard)
	toFrame, err := homography(src, dst)
	if err != nil {
		return nil, err
	}
	for i, c := range zone {
		s.ZoneQuad[i] = project(toFrame, c)
	}

	var out image.Image = frame
	if sigma := between(rng, p.blur); sigma > 0.05 {
		out = imaging.Blur(out, sigma)
	}
	out = light(rng, out, between(rng, p.light), p.gradient*rng.Float64(), p.noise)
	if rng.Float64() < p.turnShare {
		s.Turn = []int{90, 180, 270}[rng.IntN(3)]
		switch s.Turn {
		case 90:
			out = imaging.Rotate90(out)
		case 180:
			out = imaging.Rotate180(out)
		case 270:
			out = imaging.Rotate270(out)
		}
		for i, p := range s.ZoneQuad {
			s.ZoneQuad[i] = turnPoint(p, s.Turn, float64(W), float64(H))
		}
	}

	var buf bytes.Buffer
	if rng.Float64() < p.pngShare {
		s.Ext = "png"
		err = png.Encode(&buf, out)
	} else {
		s.Ext = "jpg"
		q := p.jpegQ[0] + rng.IntN(p.jpegQ[1]-p.jpegQ[0]+1)
		err = jpeg.Encode(&buf, out, &jpeg.Options{Quality: q})
	}
	if err != nil {
		return nil, fmt.Errorf("synth: encode: %w", err)
	}
	s.Image = buf.Bytes()
	return s, nil
}

// drawTable paints a table top with grain, a few objects and, sometimes, a
// printed page whose text lines could be mistaken for a zone.
func (fs *Fonts) drawTable(rng *rand.Rand, img *image.RGBA, distractor, charPx float64) {
	b := img.Bounds()
	base := [3]float64{float64(60 + rng.IntN(140)), float64(50 + rng.IntN(120)), float64(40 + rng.IntN(100))}
	freq := 0.02 + rng.Float64()*0.05
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			g := 1 + 0.12*math.Sin(float64(y)*freq+3*math.Sin(float64(x)*0.004)) + 0.05*math.Sin(float64(x+y)*0.15)
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = clamp(base[0]*g), clamp(base[1]*g), clamp(base[2]*g), 255
		}
	}
	for n := rng.IntN(4); n > 0; n-- { // pens, coasters, other papers
		w, h := 10+rng.IntN(b.Dx()/3), 10+rng.IntN(b.Dy()/3)
		x, y := rng.IntN(b.Dx()), rng.IntN(b.Dy())
		c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		draw.Draw(img, image.Rect(x, y, x+w, y+h), image.NewUniform(c), image.Point{}, draw.Src)
	}
	if rng.Float64() < distractor {
		// A page of running text at about the zone's size, in a corner.
		w, h := b.Dx()/3, b.Dy()/2
		x0, y0 := []int{0, b.Dx() - w}[rng.IntN(2)], []int{0, b.Dy() - h}[rng.IntN(2)]
		draw.Draw(img, image.Rect(x0, y0, x0+w, y0+h), image.NewUniform(color.RGBA{240, 240, 235, 255}), image.Point{}, draw.Src)
		words := []string{"invoice", "total", "payment", "contract", "2026", "terms", "amount", "due", "ltd", "no."}
		for y := y0 + int(2*charPx); y < y0+h-int(charPx); y += int(charPx * 1.8) {
			line := ""
			for len(line) < 60 {
				line += pick(rng, words) + " "
			}
			fs.text(img, []*opentype.Font{fs.regular}, charPx*1.3, x0+int(charPx), y, line, color.RGBA{20, 20, 20, 255})
		}
	}
}

// light applies brightness, a linear fall-off in a random direction and
// Gaussian noise.
func light(rng *rand.Rand, img image.Image, level, gradient, noise float64) *image.NRGBA {
	out := imaging.Clone(img)
	b := out.Bounds()
	dir := rng.Float64() * 2 * math.Pi
	dx, dy := math.Cos(dir), math.Sin(dir)
	norm := math.Abs(dx)*float64(b.Dx()) + math.Abs(dy)*float64(b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			t := (float64(x)*dx + float64(y)*dy) / norm
			if t < 0 {
				t++
			}
			f := level * (1 - gradient*t)
			n := rng.NormFloat64() * noise
			i := out.PixOffset(x, y)
			for c := 0; c < 3; c++ {
				out.Pix[i+c] = clamp(float64(out.Pix[i+c])*f + n + rng.NormFloat64()*noise*0.3)
			}
		}
	}
	return out
}

// homography returns the 3×3 projective map (row-major, h[8] = 1) taking
// each from[i] to to[i].
func homography(from, to [4][2]float64) ([9]float64, error) {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for col := 0; col < 8; col++ {
		piv := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[piv][col]) {
				piv = r
			}
		}
		if math.Abs(a[piv][col]) < 1e-12 {
			return [9]float64{}, fmt.Errorf("synth: degenerate quadrilateral")
		}
		a[col], a[piv] = a[piv], a[col]
		for r := 0; r < 8; r++ {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for c := col; c < 9; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	var h [9]float64
	for i := 0; i < 8; i++ {
		h[i] = a[i][8] / a[i][i]
	}
	h[8] = 1
	return h, nil
}

// project maps p through the projective map h.
func project(h [9]float64, p [2]float64) [2]float64 {
	w := h[6]*p[0] + h[7]*p[1] + h[8]
	return [2]float64{(h[0]*p[0] + h[1]*p[1] + h[2]) / w, (h[3]*p[0] + h[4]*p[1] + h[5]) / w}
}

// turnPoint is where point p of a w×h image lands when imaging turns the
// image counter-clockwise by turn degrees.
func turnPoint(p [2]float64, turn int, w, h float64) [2]float64 {
	switch turn {
	case 90:
		return [2]float64{p[1], w - p[0]}
	case 180:
		return [2]float64{w - p[0], h - p[1]}
	case 270:
		return [2]float64{h - p[1], p[0]}
	}
	return p
}

// warpInto draws card into frame: each frame pixel that h maps inside the
// card takes the card's bilinear sample there.
func warpInto(frame, card *image.RGBA, h [9]float64) {
	fb, cb := frame.Bounds(), card.Bounds()
	cw, ch := float64(cb.Dx()-1), float64(cb.Dy()-1)
	for y := 0; y < fb.Dy(); y++ {
		for x := 0; x < fb.Dx(); x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			w := h[6]*fx + h[7]*fy + h[8]
			u, v := (h[0]*fx+h[1]*fy+h[2])/w, (h[3]*fx+h[4]*fy+h[5])/w
			if u < 0 || v < 0 || u > cw || v > ch {
				continue
			}
			x0, y0 := int(u), int(v)
			x1, y1 := min(x0+1, cb.Dx()-1), min(y0+1, cb.Dy()-1)
			ax, ay := u-float64(x0), v-float64(y0)
			o := frame.PixOffset(x, y)
			for c := 0; c < 3; c++ {
				p00 := float64(card.Pix[card.PixOffset(x0, y0)+c])
				p10 := float64(card.Pix[card.PixOffset(x1, y0)+c])
				p01 := float64(card.Pix[card.PixOffset(x0, y1)+c])
				p11 := float64(card.Pix[card.PixOffset(x1, y1)+c])
				frame.Pix[o+c] = clamp((p00*(1-ax)+p10*ax)*(1-ay) + (p01*(1-ax)+p11*ax)*ay)
			}
		}
	}
}
