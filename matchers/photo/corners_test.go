package photo

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/disintegration/imaging"
)

// lookAlike draws one layout (a figure on a plain background, smooth
// shapes) with a fine texture of its own over it: pictures of one layout
// and different textures are look-alikes whose low frequencies agree and
// whose corners do not.
func lookAlike(texture uint64) *image.NRGBA {
	img := imaging.New(400, 400, color.NRGBA{90, 120, 160, 255})
	for y := 0; y < 400; y++ {
		for x := 0; x < 400; x++ {
			dx, dy := float64(x-200)/90, float64(y-160)/110
			switch {
			case dx*dx+dy*dy < 1:
				img.SetNRGBA(x, y, color.NRGBA{200, 160, 130, 255})
			case y > 270 && x > 90 && x < 310:
				img.SetNRGBA(x, y, color.NRGBA{60, 60, 80, 255})
			}
		}
	}
	rng := rand.New(rand.NewPCG(texture, 5))
	fine := image.NewNRGBA(image.Rect(0, 0, 50, 50))
	for i := range fine.Pix {
		fine.Pix[i] = uint8(rng.IntN(256))
	}
	fine = imaging.Resize(fine, 400, 400, imaging.CatmullRom)
	for i := 0; i < len(img.Pix); i += 4 {
		d := int(fine.Pix[i]) - 128
		for k := 0; k < 3; k++ {
			img.Pix[i+k] = uint8(min(max(int(img.Pix[i+k])+d/3, 0), 255))
		}
	}
	return img
}

// TestCornersTellLookAlikesApart: two pictures of one layout with
// different textures score as the same picture, and their corners say
// otherwise; edited copies keep their corners.
func TestCornersTellLookAlikesApart(t *testing.T) {
	a, b := sign(t, lookAlike(1)), sign(t, lookAlike(2))
	th := DefaultThresholds()
	if !th.Same(Compare(a, b)) {
		t.Fatalf("the look-alikes score %+v: not a test of corners", Compare(a, b))
	}
	if len(a.Corners) < MinCorners || len(b.Corners) < MinCorners {
		t.Fatalf("%d and %d corners", len(a.Corners), len(b.Corners))
	}
	if CornersAgree(a, b) {
		t.Error("the look-alikes' corners agree")
	}
	for name, img := range map[string]image.Image{
		"JPEG quality 30": reencoded(t, lookAlike(1), 30),
		"cropped 15%":     imaging.Crop(lookAlike(1), image.Rect(30, 40, 370, 380)),
		"turned 8°":       imaging.Rotate(lookAlike(1), 8, color.White),
		"mirrored":        imaging.FlipH(lookAlike(1)),
	} {
		c := sign(t, img)
		if !CornersAgree(a, c) {
			t.Errorf("%s: the corners do not agree", name)
		}
	}
	// Decoded, as the store keeps it, the stored side agrees as well.
	stored := asStored(t, a)
	if !CornersAgree(stored, sign(t, imaging.FlipH(lookAlike(1)))) || CornersAgree(stored, b) {
		t.Error("decoded, the corners decide otherwise")
	}
}

// TestFindLeavesLookAlikes: Find reports an edited copy and not a
// look-alike that the scores alone would report.
func TestFindLeavesLookAlikes(t *testing.T) {
	ctx := context.Background()
	s := tempStore(t)
	for i, img := range []image.Image{lookAlike(1), lookAlike(2)} {
		addPicture(t, s, fmt.Sprintf("acc-%d", i+1), img, 90)
	}
	q, err := Read(jpegBytes(t, imaging.FlipH(imaging.AdjustBrightness(lookAlike(1), 15)), 70))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Find(ctx, s, q, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].AccountID != "acc-1" {
		t.Errorf("found %+v, want acc-1's photo only", got)
	}
}
