package evaluate

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo"
)

func TestRunOnPortraits(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	pics, err := Sources([]string{t.TempDir()}, 3, 160, 24, rng)
	if err != nil {
		t.Fatal(err)
	}
	if len(pics) != 24 {
		t.Fatalf("%d pictures", len(pics))
	}
	// An edit that changes nothing (but the JPEG quality) must be found
	// nearly every time; a real one runs through the same path.
	edits := []Edit{{"unchanged", 1, func(img *image.NRGBA, _ *rand.Rand) image.Image { return img }}}
	for _, e := range Edits(nil) {
		if e.Name == "mirrored" {
			edits = append(edits, e)
		}
	}
	r, err := Run(context.Background(), pics, edits, rng)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 24*23/2 {
		t.Errorf("%d pairs", r.Pairs)
	}
	for _, a := range r.Algos {
		if r.FalseMatch[a] > MaxFalseMatch {
			t.Errorf("%s: false matches %.4f at threshold %d", a, r.FalseMatch[a], r.Threshold[a])
		}
	}
	// Not all: re-encoding alone flips many bits of a flat picture's
	// perceptual hash, whose DCT coefficients sit near their median
	// (docs/photo-hashing.md).
	if r.Recall["unchanged"]["any"] < 0.9 {
		t.Errorf("unchanged pictures found %.2f of the time (thresholds %v)", r.Recall["unchanged"]["any"], r.Threshold)
	}
	if _, ok := r.Recall["mirrored"]["any"]; !ok && r.Recall["mirrored"] == nil {
		t.Error("no recall for the mirror images")
	}
	// Signatures: no pair of different pictures above the thresholds (the
	// allowance rounds down to none of 276 pairs), and re-encoded or
	// mirrored copies found every time.
	if r.Signature.AnyFalse != 0 {
		t.Errorf("signatures: false matches %.4f at %+v", r.Signature.AnyFalse, r.Signature.Thresholds)
	}
	for _, e := range edits {
		if got := r.Signature.Recall[e.Name][nScores]; got < 1 {
			t.Errorf("signatures found %s copies %.2f of the time", e.Name, got)
		}
		if got := r.Find.Found[e.Name]; got < 1 {
			t.Errorf("photos add found %s copies %.2f of the time", e.Name, got)
		}
	}
	if f := r.Find; f.False > 0.01 || f.WordCandidates > 1 || f.Worded > 1 {
		t.Errorf("photos add: %+v", f)
	}
	if c := r.Signature.Candidates; c > 1 {
		t.Errorf("candidates %.4f of pairs", c)
	}
	// Corners: within the allowance, and never losing a copy the
	// signature finds when unchanged (corners line up, or the picture is
	// too flat for them to say).
	if c := r.Corners; c.FalseMatch > MaxFalseMatch || c.Threshold < 2 {
		t.Errorf("corners: threshold %d, false matches %.4f", c.Threshold, c.FalseMatch)
	}
	if got := r.Corners.Both["unchanged"]; got != r.Signature.Recall["unchanged"][nScores] {
		t.Errorf("signature and corners found %.2f of the unchanged copies, the signature %.2f", got, r.Signature.Recall["unchanged"][nScores])
	}
	if r.Corners.BothFalse > r.Signature.AnyFalse {
		t.Errorf("signature and corners: false matches %.4f, more than the signature's %.4f", r.Corners.BothFalse, r.Signature.AnyFalse)
	}
	if c := r.Words.Candidates; c[0] < c[1] || c[1] < c[2] {
		t.Errorf("corner words: candidates %v, not fewer for more points", c)
	}
	if _, ok := r.Words.Found["mirrored"]; !ok {
		t.Error("corner words: no share for the mirror images")
	}
	var buf bytes.Buffer
	WriteTables(&buf, r)
	for _, want := range []string{"24 pictures, 276 pairs", "| phash |", "| mirrored | 99% |", "| whole+colour |", "| photos add |", "whose keys meet", "Corners (keypoint.Match)", "| signature and corners |", "Corner words (6 tables of 40 bits)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("tables lack %q:\n%s", want, buf.String())
		}
	}
}

func TestPictureKey(t *testing.T) {
	for path, want := range map[string]string{
		"/usr/share/wallpapers/Flow/contents/images/5120x2880.jpg":      "/usr/share/wallpapers/Flow",
		"/usr/share/wallpapers/Flow/contents/images_dark/5120x2880.jpg": "/usr/share/wallpapers/Flow",
		"/usr/share/backgrounds/gnome/pixels-l.webp":                    "/usr/share/backgrounds/gnome/pixels",
		"/usr/share/backgrounds/gnome/pixels-d.webp":                    "/usr/share/backgrounds/gnome/pixels",
	} {
		if got := pictureKey(path); got != want {
			t.Errorf("%s: %s", path, got)
		}
	}
}

func TestCutouts(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, img image.Image) {
		t.Helper()
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A figure: a red square in the middle of a transparent picture.
	figure := image.NewNRGBA(image.Rect(0, 0, 100, 80))
	draw.Draw(figure, image.Rect(30, 20, 70, 60), image.NewUniform(color.NRGBA{200, 0, 0, 255}), image.Point{}, draw.Src)
	write("a.png", figure)
	// An opaque picture is not cut out: left out.
	write("b.png", imaging.New(50, 50, color.NRGBA{0, 0, 255, 255}))
	if err := os.WriteFile(filepath.Join(dir, "c.png"), []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("d.png", figure)
	pics, err := Cutouts(dir, 64, 10, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(pics) != 2 {
		t.Fatalf("%d pictures, want the two cut out", len(pics))
	}
	for i, p := range pics {
		if p.Bounds() != image.Rect(0, 0, 64, 64) {
			t.Errorf("picture %d is %v", i, p.Bounds())
		}
		if c := p.NRGBAAt(32, 32); c.R < 180 || c.G > 20 || c.B > 20 {
			t.Errorf("picture %d: the figure is %v", i, c)
		}
		if c := p.NRGBAAt(0, 0); c.A != 255 || c == p.NRGBAAt(32, 32) {
			t.Errorf("picture %d: the background is %v", i, c)
		}
	}
	if pics[0].NRGBAAt(0, 0) == pics[1].NRGBAAt(0, 0) {
		t.Error("both figures on one background colour")
	}
	if pics, _ := Cutouts(dir, 64, 1, rand.New(rand.NewPCG(1, 1))); len(pics) != 1 {
		t.Errorf("%d pictures for a total of 1", len(pics))
	}
	if _, err := Cutouts(t.TempDir(), 64, 10, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("no error for a directory without cut-out pictures")
	}
	if _, err := Cutouts(filepath.Join(dir, "missing"), 64, 10, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("no error for a missing directory")
	}
}

// blotches draws a picture with detail of its own: random colours on a
// coarse grid, smoothly scaled up. (Shapes drawn in flat colours would not
// do: their corners are all alike, and share words across pictures.)
func blotches(seed uint64) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 2))
	small := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for i := range small.Pix {
		small.Pix[i] = uint8(rng.IntN(256))
		if i%4 == 3 {
			small.Pix[i] = 255
		}
	}
	return imaging.Resize(small, 400, 400, imaging.CatmullRom)
}

// TestWordsShared: a turned and mirrored copy shares words at many of
// its corners, a different picture at few. (The copy keeps the picture's
// scale: words are cut from descriptors at a few scales only, and a copy
// between them shares far fewer; docs/photo-scale.md.)
func TestWordsShared(t *testing.T) {
	stored := file(cornersOf(blotches(1)).points)
	copied := imaging.FlipH(imaging.CropCenter(imaging.Rotate(blotches(1), 9, color.White), 400, 400))
	if n := askedOf(copied).shared(stored); n < 50 {
		t.Errorf("a turned mirror image shares words at %d corners", n)
	}
	if n := askedOf(blotches(2)).shared(stored); n > 8 {
		t.Errorf("a different picture shares words at %d corners", n)
	}
}

func TestRunStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pics, err := Sources([]string{t.TempDir()}, 1, 96, 10, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, pics, Edits(nil), rand.New(rand.NewPCG(1, 1))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestTextured: textured portraits have the corners plain ones lack, enough
// to be filed under their corners' words.
func TestTextured(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		plain, err := photo.Sign(Portrait(rand.New(rand.NewPCG(seed, 2)), 256))
		if err != nil {
			t.Fatal(err)
		}
		textured, err := photo.Sign(Textured(rand.New(rand.NewPCG(seed, 2)), 256))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(textured.Corners); n < photo.MinWordCorners || n <= len(plain.Corners) {
			t.Errorf("seed %d: %d corners textured, %d plain", seed, n, len(plain.Corners))
		}
	}
}
