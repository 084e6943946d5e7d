// Package portrait finds the face on an identity document and cuts out the
// portrait around it, so that a document's portrait can be compared with
// profile photos and other documents' portraits (package photo).
//
// Faces are found by pigo (github.com/esimov/pigo), a pure-Go port of the
// pico face detector. Its face cascade, the file facefinder here, is a
// copy of cascade/facefinder in pigo v1.4.6 (MIT licence, Copyright (c)
// 2018 Endre Simo); a test checks the copy against the module's.
package portrait

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"image"
	"slices"

	"github.com/disintegration/imaging"
	pigo "github.com/esimov/pigo/core"
)

//go:embed facefinder
var cascade []byte

// ErrNoFace is returned when a picture holds no face to cut out.
var ErrNoFace = errors.New("portrait: no face found")

const (
	// detectSide is the longest side, in pixels, pictures are scaled down
	// to before detection: a document's portrait is a third of its height
	// or more, large enough at this size, and the detector's time grows
	// with the pixels.
	detectSide = 640
	// minScore is the least detection score (pigo's, the sum of its
	// trees' votes over a cluster of windows) that counts as a face:
	// below it, patterned backgrounds and guilloches come through.
	minScore = 5
	// Portrait framing around a detected face of side s: ID photos (ICAO
	// 9303, 35×45 mm) show head and shoulders, and over pigo's own sample
	// portrait the detected square is 0.77 of the photo's width and 0.61
	// of its height, centred on it.
	frameWidth  = 1.3
	frameHeight = 1.63
)

// A Face is a face found in a picture.
type Face struct {
	Box   image.Rectangle // the detected square, in the picture's pixels
	Score float32         // the detector's confidence: higher is surer
}

// Finder finds faces. It is safe for use by several goroutines.
type Finder struct {
	classifier *pigo.Pigo
}

// New loads the face cascade.
func New() (*Finder, error) {
	c, err := pigo.NewPigo().Unpack(cascade)
	if err != nil {
		return nil, fmt.Errorf("portrait: load cascade: %w", err)
	}
	return &Finder{classifier: c}, nil
}

// Faces returns the faces in a picture, surest first.
func (f *Finder) Faces(img image.Image) []Face {
	small := imaging.Fit(img, detectSide, detectSide, imaging.Box)
	faces := f.detect(small)
	for i := range faces {
		faces[i].Box = enlarge(faces[i].Box, small, img.Bounds())
	}
	return faces
}

// detect finds the faces in a picture scaled for detection, surest first,
// their boxes in its pixels.
func (f *Finder) detect(small *image.NRGBA) []Face {
	grey := imaging.Grayscale(small)
	sb := grey.Bounds()
	w, h := sb.Dx(), sb.Dy()
	if w < 16 || h < 16 {
		return nil
	}
	pixels := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			pixels[y*w+x] = grey.Pix[y*grey.Stride+4*x]
		}
	}
	short := min(w, h)
	params := pigo.CascadeParams{
		MinSize: max(short/10, 16), MaxSize: short, ShiftFactor: 0.1, ScaleFactor: 1.1,
		ImageParams: pigo.ImageParams{Pixels: pixels, Rows: h, Cols: w, Dim: w},
	}
	found := f.classifier.ClusterDetections(f.classifier.RunCascade(params, 0), 0.2)
	var faces []Face
	for _, d := range found {
		if d.Q < minScore {
			continue
		}
		half := d.Scale / 2
		faces = append(faces, Face{Box: image.Rect(d.Col-half, d.Row-half, d.Col+half, d.Row+half).Intersect(sb), Score: d.Q})
	}
	slices.SortFunc(faces, func(a, b Face) int { return cmp.Compare(b.Score, a.Score) }) // surest first
	return faces
}

// enlarge maps a box of small, the picture of bounds b scaled down, back
// to b.
func enlarge(r image.Rectangle, small *image.NRGBA, b image.Rectangle) image.Rectangle {
	scale := float64(b.Dx()) / float64(small.Bounds().Dx())
	at := func(v int) int { return int(float64(v) * scale) }
	return image.Rect(at(r.Min.X), at(r.Min.Y), at(r.Max.X), at(r.Max.Y)).Add(b.Min).Intersect(b)
}

// Frame is the portrait around a face: head and shoulders in ID-photo
// proportions, within bounds.
func Frame(face image.Rectangle, bounds image.Rectangle) image.Rectangle {
	c := image.Pt((face.Min.X+face.Max.X)/2, (face.Min.Y+face.Max.Y)/2)
	s := float64(max(face.Dx(), face.Dy()))
	hw, hh := int(s*frameWidth/2), int(s*frameHeight/2)
	return image.Rect(c.X-hw, c.Y-hh, c.X+hw, c.Y+hh).Intersect(bounds)
}

// A Portrait is the picture cut out around a face.
type Portrait struct {
	Image *image.NRGBA    // the cut-out, upright, its top-left corner at 0,0
	Box   image.Rectangle // where it was cut, in the picture's pixels
	Face  Face            // the face, its box in the picture's pixels
	// Turn is how far the picture was turned, counter-clockwise in
	// degrees (0, 90, 180 or 270), for its face to be upright: a document
	// photographed sideways.
	Turn int
}

// turns are the quarter turns Cut tries, in order (the first: none), and
// how each maps a point of the turned picture (w×h before turning) back.
var turns = []struct {
	degrees int
	turn    func(image.Image) *image.NRGBA
	back    func(p image.Point, w, h int) image.Point
}{
	{0, nil, func(p image.Point, w, h int) image.Point { return p }},
	{90, imaging.Rotate90, func(p image.Point, w, h int) image.Point { return image.Pt(w-p.Y, p.X) }},
	{270, imaging.Rotate270, func(p image.Point, w, h int) image.Point { return image.Pt(p.Y, h-p.X) }},
	{180, imaging.Rotate180, func(p image.Point, w, h int) image.Point { return image.Pt(w-p.X, h-p.Y) }},
}

// Cut cuts out the portrait around the surest face in a picture, in
// whichever quarter turn of it the face is surest (the detector also
// finds some faces upside down, less surely); ErrNoFace when there is
// none. The picture is scaled down once and the small copy turned; only
// the cut-out is turned at full size.
func (f *Finder) Cut(img image.Image) (*Portrait, error) {
	b := img.Bounds()
	small := imaging.Fit(img, detectSide, detectSide, imaging.Box)
	sw, sh := small.Bounds().Dx(), small.Bounds().Dy()
	var best *Portrait
	for _, t := range turns {
		turned := small
		if t.turn != nil {
			turned = t.turn(small)
		}
		faces := f.detect(turned)
		if len(faces) == 0 || best != nil && faces[0].Score <= best.Face.Score {
			continue
		}
		// Framed upright, then mapped back to the picture as given.
		back := func(r image.Rectangle) image.Rectangle {
			return enlarge(image.Rectangle{t.back(r.Min, sw, sh), t.back(r.Max, sw, sh)}.Canon(), small, b)
		}
		box := back(Frame(faces[0].Box, turned.Bounds()))
		face := faces[0]
		face.Box = back(face.Box)
		cut := imaging.Crop(img, box)
		if t.turn != nil {
			cut = t.turn(cut)
		}
		best = &Portrait{Image: cut, Box: box, Face: face, Turn: t.degrees}
	}
	if best == nil {
		return nil, ErrNoFace
	}
	return best, nil
}
