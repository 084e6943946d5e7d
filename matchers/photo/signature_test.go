package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/disintegration/imaging"
)

func reencoded(t *testing.T, img image.Image, q int) image.Image {
	t.Helper()
	out, err := jpeg.Decode(bytes.NewReader(jpegBytes(t, img, q)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sign(t *testing.T, img image.Image) *Signature {
	t.Helper()
	s, err := Sign(img)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asStored is s encoded and decoded, as the store keeps it.
func asStored(t *testing.T, s *Signature) *Signature {
	t.Helper()
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var d Signature
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return &d
}

// The mirror image's view is the view with odd horizontal frequencies
// negated: what lets a signature find flipped copies without a second set
// of views stored.
func TestMirroredView(t *testing.T) {
	img := scene(3, 320, 240)
	got, want := view(imaging.FlipH(img)), view(img).mirrored()
	for i := range got.Luma {
		if math.Abs(float64(got.Luma[i]-want.Luma[i])) > 1e-4 {
			t.Fatalf("luma %d: %.5f, want %.5f", i, got.Luma[i], want.Luma[i])
		}
	}
	for i := range got.Chroma {
		if math.Abs(float64(got.Chroma[i]-want.Chroma[i])) > 1e-4 {
			t.Fatalf("chroma %d: %.5f, want %.5f", i, got.Chroma[i], want.Chroma[i])
		}
	}
}

func TestSignatureSurvivesEdits(t *testing.T) {
	th := DefaultThresholds()
	white := color.NRGBA{255, 255, 255, 255}
	edits := []struct {
		name string
		edit func(*image.NRGBA) image.Image
	}{
		{"JPEG quality 20", func(img *image.NRGBA) image.Image { return reencoded(t, img, 20) }},
		{"resized", func(img *image.NRGBA) image.Image { return imaging.Resize(img, 130, 0, imaging.Linear) }},
		{"greyscale", func(img *image.NRGBA) image.Image { return imaging.Grayscale(img) }},
		{"brightness", func(img *image.NRGBA) image.Image { return imaging.AdjustBrightness(img, 15) }},
		{"contrast", func(img *image.NRGBA) image.Image { return imaging.AdjustContrast(img, 30) }},
		{"saturation", func(img *image.NRGBA) image.Image { return imaging.AdjustSaturation(img, -60) }},
		{"mirrored", func(img *image.NRGBA) image.Image { return imaging.FlipH(img) }},
		{"white border", func(img *image.NRGBA) image.Image {
			b := img.Bounds()
			return imaging.Paste(imaging.New(b.Dx()+80, b.Dy()+80, white), img, image.Pt(40, 40))
		}},
		{"cropped", func(img *image.NRGBA) image.Image { return imaging.Crop(img, image.Rect(40, 10, 340, 250)) }},
		{"rotated 8°", func(img *image.NRGBA) image.Image { return imaging.Rotate(img, 8, white) }},
	}
	const n = 6
	originals := make([]*Signature, n)
	for seed := range originals {
		originals[seed] = sign(t, scene(uint64(seed), 400, 300))
	}
	for _, e := range edits {
		for seed := range originals {
			edited := sign(t, e.edit(scene(uint64(seed), 400, 300)))
			if s := Compare(originals[seed], edited); !th.Same(s) {
				t.Errorf("%s, scene %d: scores %+v, not the same photo", e.name, seed, s)
			}
			if s := Compare(edited, originals[seed]); s != Compare(originals[seed], edited) {
				t.Errorf("%s, scene %d: Compare is not symmetric", e.name, seed)
			}
			for other := range originals {
				if other != seed && th.Same(Compare(originals[other], edited)) {
					t.Errorf("%s of scene %d matches scene %d", e.name, seed, other)
				}
			}
		}
	}
}

// A greyscale copy has no colour to compare: only the brightness scores
// decide.
func TestGreyscaleHasNoColourScore(t *testing.T) {
	img := scene(1, 200, 200)
	s := Compare(sign(t, img), sign(t, imaging.Grayscale(img)))
	if s.WholeColour != -2 || s.WindowColour != -2 {
		t.Errorf("colour scores %v, %v for a greyscale copy", s.WholeColour, s.WindowColour)
	}
	if s.Whole < 0.999 {
		t.Errorf("whole %.4f: greyscale keeps the brightness", s.Whole)
	}
}

// textureBounds finds a photo inside a screenshot's plain margins, title
// bar and button: the same box as in the photo alone (which may leave out
// the photo's own plain parts).
func TestTextureBoundsInScreenshot(t *testing.T) {
	photo := scene(2, 120, 100)
	shot := imaging.New(220, 200, color.NRGBA{236, 236, 236, 255})
	draw.Draw(shot, image.Rect(0, 0, 220, 14), image.NewUniform(color.NRGBA{48, 48, 60, 255}), image.Point{}, draw.Src)
	draw.Draw(shot, image.Rect(20, 175, 130, 185), image.NewUniform(color.NRGBA{90, 90, 90, 255}), image.Point{}, draw.Src)
	shot = imaging.Paste(shot, photo, image.Pt(50, 40))
	got, want := textureBounds(lumaPlane(shot)), textureBounds(lumaPlane(photo)).Add(image.Pt(50, 40))
	near := func(a, b int) bool { return abs(a-b) <= 2 }
	if !near(got.Min.X, want.Min.X) || !near(got.Min.Y, want.Min.Y) || !near(got.Max.X, want.Max.X) || !near(got.Max.Y, want.Max.Y) {
		t.Errorf("box %v, want %v", got, want)
	}
}

func TestSignTooSmall(t *testing.T) {
	if _, err := Sign(image.NewNRGBA(image.Rect(0, 0, 5, 40))); err == nil {
		t.Error("a 5-pixel-wide picture signed")
	}
}

// BenchmarkSign times signing a decoded 1000×1000 photo (BenchmarkRead
// times decoding); BenchmarkSignSmall a 160×160 one, which fit scales
// up; BenchmarkCompare one comparison, as a lookup makes for each
// candidate.
func BenchmarkSign(b *testing.B) { benchmarkSign(b, 1000) }

func BenchmarkSignSmall(b *testing.B) { benchmarkSign(b, 160) }

func benchmarkSign(b *testing.B, side int) {
	imgs := make([]image.Image, 8)
	for i := range imgs {
		imgs[i] = scene(uint64(i), side, side)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Sign(imgs[i%len(imgs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "photos/s")
}

func BenchmarkCompare(b *testing.B) {
	sigs := make([]*Signature, 8)
	for i := range sigs {
		s, err := Sign(scene(uint64(i), 400, 400))
		if err != nil {
			b.Fatal(err)
		}
		sigs[i] = s
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Compare(sigs[i%8], sigs[(i+3)%8])
	}
}

// imaging desaturates in HSL, keeping each pixel's lightness: the
// lightness score sees through it where brightness does not.
func TestLightnessSeesThroughDesaturation(t *testing.T) {
	img := imaging.New(300, 240, color.NRGBA{30, 200, 40, 255}) // saturated green
	draw.Draw(img, image.Rect(0, 0, 150, 240), image.NewUniform(color.NRGBA{40, 40, 230, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(60, 60, 260, 200), image.NewUniform(color.NRGBA{230, 50, 40, 255}), image.Point{}, draw.Src)
	a, b := sign(t, img), sign(t, imaging.AdjustSaturation(img, -60))
	s := Compare(a, b)
	if s.Lightness <= DefaultThresholds().Lightness {
		t.Errorf("lightness %.4f after desaturation, not above its threshold", s.Lightness)
	}
	if s.Lightness <= s.Whole {
		t.Errorf("lightness %.4f, brightness %.4f: desaturation should move brightness more", s.Lightness, s.Whole)
	}
}

// Profile photos are often small: a screenshot of one, as of a large
// photo, keeps the photo inside the window findable. At 128 pixels the
// frame's steps were too few pixels apart to count until pictures were
// scaled up to the size larger ones are scaled down to (fit).
func TestSmallPhotoScreenshots(t *testing.T) {
	th := DefaultThresholds()
	for _, side := range []int{128, 180, 300, 400} {
		for seed := uint64(0); seed < 6; seed++ {
			photo := noisy(scene(seed, side, side*3/4), seed)
			small := imaging.Resize(photo, side*8/10, 0, imaging.Linear)
			shot := window(small, side*14/10, side*13/10, image.Pt(side*3/10, side/10))
			if s := Compare(sign(t, reencoded(t, photo, 90)), sign(t, reencoded(t, shot, 85))); !th.Same(s) {
				t.Errorf("%d pixels, scene %d: scores %+v, not the same photo", side, seed, s)
			}
		}
	}
}

// noisy adds a camera's noise to a picture: up to 5 of 255 up or down in
// each channel of each pixel.
func noisy(img *image.NRGBA, seed uint64) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 5))
	out := imaging.Clone(img)
	for i := range out.Pix {
		if i%4 != 3 {
			out.Pix[i] = uint8(max(0, min(255, int(out.Pix[i])+rng.IntN(11)-5)))
		}
	}
	return out
}

// TestFittedCorners: corners are looked for in the picture shrink made,
// unless shrink scaled it down by less than half, where they are looked
// for in the picture scaled with a linear filter instead of a box.
func TestFittedCorners(t *testing.T) {
	for _, c := range []struct {
		side   int
		linear bool
	}{{200, false}, {256, false}, {257, true}, {300, true}, {511, true}, {512, false}, {1000, false}} {
		img := lookAlike(1)
		img = imaging.Resize(img, c.side, c.side*3/4, imaging.Linear)
		views, corners := fitted(img, shrink(img))
		if vb := views.Bounds(); max(vb.Dx(), vb.Dy()) != 256 || corners.Bounds() != vb {
			t.Errorf("%d pixels: views %v, corners %v; want 256 pixels on the long side, both", c.side, vb, corners.Bounds())
			continue
		}
		if !c.linear {
			if corners != views {
				t.Errorf("%d pixels: corners in another picture than the views", c.side)
			}
			continue
		}
		if want := imaging.Fit(img, 256, 256, imaging.Linear); !bytes.Equal(corners.Pix, want.Pix) {
			t.Errorf("%d pixels: corners not in the picture scaled with a linear filter", c.side)
		}
		if bytes.Equal(corners.Pix, views.Pix) {
			t.Errorf("%d pixels: the box and linear filters gave the same picture", c.side)
		}
	}
}
