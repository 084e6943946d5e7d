package portrait

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo"
)

// pigoFile reads a file of the pigo module this one builds with.
func pigoFile(t testing.TB, rel string) []byte {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/esimov/pigo").Output()
	if err != nil {
		t.Fatalf("locate pigo: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sample is pigo's sample portrait, a head-and-shoulders photo of 320×400.
func sample(t testing.TB) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(pigoFile(t, "testdata/sample.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// finder loads the face cascade.
func finder(t testing.TB) *Finder {
	t.Helper()
	f, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// signature describes a picture.
func signature(t testing.TB, img image.Image) *photo.Signature {
	t.Helper()
	p, err := photo.Describe(img)
	if err != nil {
		t.Fatal(err)
	}
	return p.Signature
}

// same compares two signatures at the default thresholds.
func same(a, b *photo.Signature) (photo.Scores, bool) {
	s := photo.Compare(a, b)
	return s, photo.DefaultThresholds().Same(s)
}

// scan is a picture as a camera or scanner hands it over: a JPEG of the
// quality, decoded.
func scan(t testing.TB, img image.Image, quality int) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// document lays portrait out on an ID card of 1000×630 (ID-1
// proportions): a pale background with fine lines, the portrait on the
// left at at, lines of dark "text" on the right.
func document(portrait image.Image, at image.Point) *image.NRGBA {
	card := imaging.New(1000, 630, color.NRGBA{222, 230, 236, 255})
	for y := 0; y < 630; y += 9 { // guilloche-like hairlines
		draw.Draw(card, image.Rect(0, y, 1000, y+1), image.NewUniform(color.NRGBA{200, 212, 226, 255}), image.Point{}, draw.Src)
	}
	draw.Draw(card, image.Rect(0, 0, 1000, 70), image.NewUniform(color.NRGBA{30, 60, 120, 255}), image.Point{}, draw.Src)
	for i := 0; i < 8; i++ {
		y := 120 + 55*i
		draw.Draw(card, image.Rect(380, y, 380+180+(i*97)%300, y+22), image.NewUniform(color.NRGBA{40, 40, 50, 255}), image.Point{}, draw.Src)
	}
	return imaging.Paste(card, portrait, at)
}

func TestCascadeIsPigos(t *testing.T) {
	if !bytes.Equal(cascade, pigoFile(t, "cascade/facefinder")) {
		t.Error("facefinder differs from the pigo module's cascade/facefinder")
	}
}

func TestFacesInSample(t *testing.T) {
	f := finder(t)
	faces := f.Faces(sample(t))
	if len(faces) != 1 {
		t.Fatalf("%d faces in the sample portrait, want 1: %v", len(faces), faces)
	}
	// The face is in the middle of the portrait and most of its width.
	b := faces[0].Box
	if c := (image.Point{(b.Min.X + b.Max.X) / 2, (b.Min.Y + b.Max.Y) / 2}); c.X < 130 || c.X > 190 || c.Y < 160 || c.Y > 240 || b.Dx() < 180 {
		t.Errorf("face %v (centre %v)", b, c)
	}
}

func TestNoFace(t *testing.T) {
	f := finder(t)
	plain := document(imaging.New(260, 325, color.NRGBA{180, 170, 160, 255}), image.Pt(50, 150))
	if _, err := f.Cut(plain); err != ErrNoFace {
		t.Errorf("a document without a face: %v, want ErrNoFace", err)
	}
	if faces := f.Faces(imaging.New(10, 10, color.White)); faces != nil {
		t.Errorf("faces %v in 10×10 pixels", faces)
	}
}

// The portrait cut out of a document matches the profile photo it was
// printed from: what lets an ID portrait be found among profile photos.
func TestCutMatchesProfilePhoto(t *testing.T) {
	f := finder(t)
	profile := sample(t)
	at := image.Pt(50, 150)
	printed := imaging.Resize(profile, 260, 325, imaging.Linear)
	scanned := scan(t, document(printed, at), 80)
	cut, err := f.Cut(scanned)
	if err != nil {
		t.Fatal(err)
	}
	want := printed.Bounds().Add(at)
	if face := cut.Face.Box; face.Intersect(want) != face || cut.Box.Intersect(want).Dx() < want.Dx()*7/10 || cut.Box.Intersect(want).Dy() < want.Dy()*7/10 {
		t.Errorf("face %v, portrait %v: want the face within the printed portrait %v, the portrait over most of it", face, cut.Box, want)
	}
	if cut.Image.Bounds().Size() != cut.Box.Size() {
		t.Errorf("cut-out %v, box %v", cut.Image.Bounds(), cut.Box)
	}
	a := signature(t, profile)
	if s, ok := same(a, signature(t, cut.Image)); !ok {
		t.Errorf("cut-out portrait does not match the profile photo: scores %+v", s)
	}
	// And the whole document does not: the portrait is what matches.
	if s, ok := same(a, signature(t, scanned)); ok {
		t.Errorf("the whole document matches the profile photo (scores %+v): the test proves nothing", s)
	}
}

// A document photographed sideways: Cut turns it until the face is
// upright, and says where, in the picture as given, it cut.
func TestCutSideways(t *testing.T) {
	f := finder(t)
	profile := sample(t)
	doc := document(imaging.Resize(profile, 260, 325, imaging.Linear), image.Pt(50, 150))
	upright, err := f.Cut(doc)
	if err != nil {
		t.Fatal(err)
	}
	a := signature(t, profile)
	for _, tc := range []struct {
		name string
		img  *image.NRGBA
		turn int
		// where a point of the upright document lands in the turned one
		to func(image.Point) image.Point
	}{
		{"clockwise", imaging.Rotate270(doc), 90, func(p image.Point) image.Point { return image.Pt(630-p.Y, p.X) }},
		{"anticlockwise", imaging.Rotate90(doc), 270, func(p image.Point) image.Point { return image.Pt(p.Y, 1000-p.X) }},
		{"upside down", imaging.Rotate180(doc), 180, func(p image.Point) image.Point { return image.Pt(1000-p.X, 630-p.Y) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cut, err := f.Cut(tc.img)
			if err != nil {
				t.Fatal(err)
			}
			want := image.Rectangle{tc.to(upright.Box.Min), tc.to(upright.Box.Max)}.Canon()
			d := func(a, b int) bool { return abs(a-b) <= 12 }
			if cut.Turn != tc.turn || !d(cut.Box.Min.X, want.Min.X) || !d(cut.Box.Min.Y, want.Min.Y) || !d(cut.Box.Max.X, want.Max.X) || !d(cut.Box.Max.Y, want.Max.Y) {
				t.Errorf("turn %d, box %v; want turn %d, box about %v", cut.Turn, cut.Box, tc.turn, want)
			}
			if s, ok := same(a, signature(t, cut.Image)); !ok {
				t.Errorf("cut-out does not match the profile photo: %+v", s)
			}
		})
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func BenchmarkCut(b *testing.B) {
	f := finder(b)
	doc := document(imaging.Resize(sample(b), 260, 325, imaging.Linear), image.Pt(50, 150))
	for b.Loop() {
		if _, err := f.Cut(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// The cut matches the profile photo however the document printed and
// photographed it: portrait sizes, places, JPEG quality, a slight tilt.
func TestCutAcrossLayouts(t *testing.T) {
	f := finder(t)
	profile := sample(t)
	a := signature(t, profile)
	for _, tc := range []struct {
		name    string
		w, h    int
		at      image.Point
		quality int
		tilt    float64
	}{
		{"small", 160, 200, image.Pt(60, 200), 85, 0},
		{"large", 320, 400, image.Pt(30, 110), 85, 0},
		{"right-hand", 260, 325, image.Pt(690, 150), 85, 0},
		{"low quality", 260, 325, image.Pt(50, 150), 40, 0},
		{"tilted 3°", 260, 325, image.Pt(50, 150), 85, 3},
		{"tilted -3°", 260, 325, image.Pt(50, 150), 85, -3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := image.Image(document(imaging.Resize(profile, tc.w, tc.h, imaging.Linear), tc.at))
			if tc.tilt != 0 {
				doc = imaging.Rotate(doc, tc.tilt, color.NRGBA{90, 90, 90, 255})
			}
			cut, err := f.Cut(scan(t, doc, tc.quality))
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := same(a, signature(t, cut.Image)); !ok {
				t.Errorf("cut %v (face %v) does not match the profile photo: %+v", cut.Box, cut.Face.Box, s)
			}
		})
	}
}

// A profile photo framed tighter than the document's portrait (cropped to
// 90% and 80% of each side, centred or towards the top) still matches the
// portrait cut from the document: the signature's windows cover crops up
// to a fifth.
func TestCutMatchesReframedProfiles(t *testing.T) {
	f := finder(t)
	full := sample(t)
	cut, err := f.Cut(document(imaging.Resize(full, 260, 325, imaging.Linear), image.Pt(50, 150)))
	if err != nil {
		t.Fatal(err)
	}
	b := signature(t, cut.Image)
	fb := full.Bounds()
	for _, tc := range []struct {
		name string
		keep float64 // of each side
		top  bool    // cut from the top rather than the centre
	}{{"90% centred", 0.9, false}, {"80% centred", 0.8, false}, {"90% from the top", 0.9, true}} {
		w, h := int(float64(fb.Dx())*tc.keep), int(float64(fb.Dy())*tc.keep)
		x, y := (fb.Dx()-w)/2, (fb.Dy()-h)/2
		if tc.top {
			y = 0
		}
		if s, ok := same(signature(t, imaging.Crop(full, image.Rect(x, y, x+w, y+h))), b); !ok {
			t.Errorf("%s: the profile photo does not match the cut portrait: %+v", tc.name, s)
		}
	}
}
