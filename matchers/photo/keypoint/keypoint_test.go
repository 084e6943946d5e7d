package keypoint

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/disintegration/imaging"
)

// scene draws a picture with detail: overlapping shapes of many colours,
// each with a texture of its own, softened as a camera would.
func scene(seed uint64, w, h int) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	img := imaging.New(w, h, color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255})
	for k := 0; k < 60; k++ {
		c := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		x0, y0 := rng.IntN(w), rng.IntN(h)
		rw, rh := 5+rng.IntN(w/5), 5+rng.IntN(h/5)
		round := rng.IntN(2) == 0
		stripe := 2 + rng.IntN(6)
		for y := max(0, y0-rh); y < min(h, y0+rh); y++ {
			for x := max(0, x0-rw); x < min(w, x0+rw); x++ {
				dx, dy := float64(x-x0)/float64(rw), float64(y-y0)/float64(rh)
				if round && dx*dx+dy*dy > 1 {
					continue
				}
				v := c
				if (x+y)/stripe%2 == 0 {
					v.R, v.G, v.B = v.R/2, v.G/2, v.B/2
				}
				img.SetNRGBA(x, y, v)
			}
		}
	}
	return imaging.Blur(img, 0.8)
}

func jpegCopy(t testing.TB, img image.Image, q int) image.Image {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDetect(t *testing.T) {
	pts := Detect(scene(1, 400, 300))
	if len(pts) < 100 {
		t.Fatalf("%d points in a detailed picture", len(pts))
	}
	if len(pts) > maxPoints {
		t.Fatalf("%d points, more than %d", len(pts), maxPoints)
	}
	for _, p := range pts {
		// The long side is scaled to Side, the short in proportion; a
		// point needs its descriptor's pixels around it.
		if p.X < patchRadius || p.X > Side-patchRadius || p.Y < patchRadius || p.Y > 192-patchRadius {
			t.Fatalf("point at (%.1f, %.1f), outside the 256×192 frame's inner part", p.X, p.Y)
		}
	}
	flat := imaging.New(300, 300, color.NRGBA{90, 140, 200, 255})
	if pts := Detect(flat); len(pts) != 0 {
		t.Errorf("%d points in a plain picture", len(pts))
	}
	if pts := Detect(imaging.New(20, 20, color.NRGBA{})); len(pts) != 0 {
		t.Errorf("%d points in a picture smaller than a descriptor", len(pts))
	}
	// The same picture, the same points.
	again := Detect(scene(1, 400, 300))
	if len(again) != len(pts) || again[0] != pts[0] || again[len(pts)-1] != pts[len(pts)-1] {
		t.Error("two detections of one picture differ")
	}
}

// TestMatchEdits: edited copies line up by the dozen, a different picture
// by a few points at most.
func TestMatchEdits(t *testing.T) {
	orig := scene(2, 500, 400)
	stored := Detect(jpegCopy(t, orig, 90))
	b := orig.Bounds()
	for _, c := range []struct {
		name   string
		edit   image.Image
		mirror bool
	}{
		{"JPEG quality 20", jpegCopy(t, orig, 20), false},
		{"resized to 30%", imaging.Resize(orig, 150, 0, imaging.Linear), false},
		{"brightness +30%", imaging.AdjustBrightness(orig, 30), false},
		{"greyscale", imaging.Grayscale(orig), false},
		{"cropped 20%, off centre", imaging.Crop(orig, image.Rect(90, 10, 490, 330)), false},
		{"turned 10°", imaging.Rotate(orig, 10, color.Black), false},
		{"turned -7°", imaging.Rotate(orig, -7, color.White), false},
		{"in a window", imaging.Paste(imaging.New(b.Dx()*5/4, b.Dy()*3/2, color.NRGBA{220, 220, 220, 255}), imaging.Resize(orig, b.Dx(), 0, imaging.Linear), image.Pt(b.Dx()/8, b.Dy()/3)), false},
		{"mirrored", imaging.FlipH(orig), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			edited := jpegCopy(t, c.edit, 85)
			query := Detect(edited)
			if c.mirror {
				query = Detect(imaging.FlipH(edited))
			}
			if n := Match(stored, query); n < 25 {
				t.Errorf("%d points line up (of %d stored, %d looked up)", n, len(stored), len(query))
			}
		})
	}
	// Mirrored, not looked up as a mirror image: no match.
	// (Symmetric shapes line up either way: a few more than by chance.)
	if n := Match(stored, Detect(imaging.FlipH(orig))); n > 20 {
		t.Errorf("the mirror image, unmirrored: %d points line up", n)
	}
	for seed := uint64(3); seed < 8; seed++ {
		if n := Match(stored, Detect(scene(seed, 500, 400))); n > 12 {
			t.Errorf("a different picture (%d): %d points line up", seed, n)
		}
	}
}

func TestMatchFewPoints(t *testing.T) {
	pts := Detect(scene(4, 300, 300))
	if n := Match(nil, pts); n != 0 {
		t.Errorf("nothing stored: %d", n)
	}
	if n := Match(pts, nil); n != 0 {
		t.Errorf("nothing looked up: %d", n)
	}
	if n := Match(pts[:1], pts[:1]); n != 1 {
		t.Errorf("one point against itself: %d", n)
	}
	if n := Match(pts, pts); n != len(pts) {
		t.Errorf("a picture against itself: %d of %d", n, len(pts))
	}
}

func TestEncode(t *testing.T) {
	pts := Detect(scene(5, 400, 300))
	got, err := Decode(Encode(pts))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pts) {
		t.Fatalf("%d points back of %d", len(got), len(pts))
	}
	for i := range pts {
		if got[i].Bits != pts[i].Bits || abs32(got[i].X-pts[i].X) > 0.5/subpixel || abs32(got[i].Y-pts[i].Y) > 0.5/subpixel {
			t.Fatalf("point %d: %+v back as %+v", i, pts[i], got[i])
		}
	}
	if n := Match(got, pts); n != len(pts) {
		t.Errorf("decoded points match %d of %d", n, len(pts))
	}
	if pts, err := Decode(Encode(nil)); err != nil || len(pts) != 0 {
		t.Errorf("no points: %v, %v", pts, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	good := Encode(Detect(scene(6, 300, 300)))
	for name, b := range map[string][]byte{
		"empty":          nil,
		"other format":   append([]byte{format + 1}, good[1:]...),
		"cut short":      good[:len(good)-1],
		"one byte extra": append(append([]byte{}, good...), 0),
		"too many":       {format, 0xff, 0xff},
	} {
		if _, err := Decode(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(Detect(scene(7, 200, 200))))
	f.Add([]byte{format, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		pts, err := Decode(b)
		if err != nil {
			return
		}
		if again := Encode(pts); !bytes.Equal(again, b) {
			t.Errorf("%d bytes decode to %d points that encode to %d bytes", len(b), len(pts), len(again))
		}
	})
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func BenchmarkDetect(b *testing.B) {
	img := scene(8, 1000, 1000)
	small := imaging.Fit(img, 256, 256, imaging.Box)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Detect(small)
	}
}

func BenchmarkMatch(b *testing.B) {
	stored := Detect(scene(9, 400, 400))
	query := Detect(scene(10, 400, 400))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Match(stored, query)
	}
}

func BenchmarkProbes(b *testing.B) {
	small := imaging.Fit(scene(8, 1000, 1000), 256, 256, imaging.Box)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Probes(small)
	}
}

// TestDetectAll: the picture's points are Detect's, and the mirror
// image's mostly Detect's of the flipped picture, at the same places
// (sums of floating-point numbers in another order, and ties between
// neighbouring corners broken left first, make the rest differ).
func TestDetectAll(t *testing.T) {
	img := scene(13, 400, 300)
	points, mirrored, probes := DetectAll(img)
	if !slices.Equal(probes, Probes(img)) {
		t.Error("probes differ from Probes'")
	}
	want := Detect(img)
	if len(points) != len(want) || len(mirrored) != len(points) {
		t.Fatalf("%d points and %d mirrored, Detect %d", len(points), len(mirrored), len(want))
	}
	for i := range want {
		if points[i] != want[i] {
			t.Fatalf("point %d: %+v, Detect %+v", i, points[i], want[i])
		}
	}
	flipped := map[[4]uint64]Point{}
	for _, p := range Detect(imaging.FlipH(img)) {
		flipped[p.Bits] = p
	}
	same := 0
	for _, m := range mirrored {
		if f, ok := flipped[m.Bits]; ok && abs32(f.X-m.X) < 0.01 && abs32(f.Y-m.Y) < 0.01 {
			same++
		}
	}
	if same < len(mirrored)*8/10 {
		t.Errorf("%d of %d mirrored points are the flipped picture's", same, len(mirrored))
	}
	if n := Match(Detect(imaging.FlipH(img)), mirrored); n < len(mirrored)*9/10 {
		t.Errorf("the flipped picture's points line up with %d of %d mirrored", n, len(mirrored))
	}
}

// TestLineUp: pairings that one allowed transform maps onto their stored
// points count, each point once; outliers and transforms beyond Match's
// limits do not.
func TestLineUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	transformed := func(n int, scale, deg, ox, oy float64, outliers int) []Pairing {
		s, c := math.Sincos(deg * math.Pi / 180)
		var ps []Pairing
		for i := 0; i < n; i++ {
			qx, qy := 20+rng.Float64()*200, 20+rng.Float64()*200
			sx, sy := scale*(c*qx-s*qy)+ox, scale*(s*qx+c*qy)+oy
			ps = append(ps, Pairing{Stored: i, Query: i, SX: float32(sx), SY: float32(sy), QX: float32(qx), QY: float32(qy)})
		}
		for i := 0; i < outliers; i++ {
			ps = append(ps, Pairing{Stored: n + i, Query: n + i, SX: float32(rng.Float64() * 256), SY: float32(rng.Float64() * 256),
				QX: float32(rng.Float64() * 256), QY: float32(rng.Float64() * 256)})
		}
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		return ps
	}
	twice := transformed(12, 1, 0, 5, 5, 0)
	for i := range twice {
		p := twice[i]
		p.Query += 100 // another query point on the same stored point
		twice = append(twice, p)
	}
	tests := []struct {
		name     string
		ps       []Pairing
		min, max int
	}{
		{"none", nil, 0, 0},
		{"one", transformed(1, 1, 0, 0, 0, 0), 1, 1},
		{"scaled 1.2, turned 5°, outliers", transformed(20, 1.2, 5, 10, -5, 10), 20, 21},
		{"scaled 0.6, turned -15°", transformed(15, 0.6, -15, 30, 40, 5), 15, 16},
		{"scaled 3: beyond the limits", transformed(20, 3, 0, 0, 0, 0), 0, 2},
		{"turned 45°: beyond the limits", transformed(20, 1, 45, 0, 0, 0), 0, 2},
		{"outliers only", transformed(0, 1, 0, 0, 0, 30), 0, 3},
		{"each stored point once", twice, 12, 12},
		{"a negative index", []Pairing{{Stored: -1}, {Query: 1}}, 0, 0},
	}
	for _, tt := range tests {
		if n := LineUp(tt.ps); n < tt.min || n > tt.max {
			t.Errorf("%s: %d lined up, want %d to %d", tt.name, n, tt.min, tt.max)
		}
	}
}
