package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/disintegration/imaging"
)

// window draws a screenshot around photo: grey margins, a title bar
// across the top, a bar of interface below; the photo's top-left corner
// lands at at.
func window(photo *image.NRGBA, w, h int, at image.Point) *image.NRGBA {
	shot := imaging.New(w, h, color.NRGBA{236, 236, 236, 255})
	draw.Draw(shot, image.Rect(0, 0, w, h/14), image.NewUniform(color.NRGBA{48, 48, 60, 255}), image.Point{}, draw.Src)
	draw.Draw(shot, image.Rect(w/10, h-h/12, w*6/10, h-h/24), image.NewUniform(color.NRGBA{90, 90, 90, 255}), image.Point{}, draw.Src)
	return imaging.Paste(shot, photo, at)
}

// smooth is a photo with no texture to find it by: a soft diagonal
// gradient.
func smooth(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(60 + 100*(x+y)/(w+h))
			img.SetNRGBA(x, y, color.NRGBA{v, v / 2, 200 - v, 255})
		}
	}
	return img
}

// paleTop paints the upper half of a photo pale green, as light as the
// window's grey (236) within 6 of 255.
func paleTop(img *image.NRGBA) *image.NRGBA {
	b := img.Bounds()
	draw.Draw(img, image.Rect(0, 0, b.Dx(), b.Dy()/2), image.NewUniform(color.NRGBA{196, 255, 196, 255}), image.Point{}, draw.Src)
	return img
}

// stripes is a photo whose texture runs one way.
func stripes(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(40 + 60*y/h)
			if x/4%3 == 0 {
				v += 50
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v / 4 * 3, v / 2, 255})
		}
	}
	return img
}

func TestFrameBounds(t *testing.T) {
	near := func(a, b image.Rectangle) bool {
		d := func(x, y int) bool { return abs(x-y) <= 2 }
		return d(a.Min.X, b.Min.X) && d(a.Min.Y, b.Min.Y) && d(a.Max.X, b.Max.X) && d(a.Max.Y, b.Max.Y)
	}
	for _, tc := range []struct {
		name  string
		photo *image.NRGBA
	}{
		{"smooth", smooth(120, 100)},
		{"stripes", stripes(120, 100)},
		{"horizontal stripes", imaging.Transpose(stripes(100, 120))},
		{"scene", scene(2, 120, 100)},
		// Its upper half as light as the window's grey: the frame's top
		// and the top of its sides differ from the margin in colour only.
		{"pale top", paleTop(smooth(120, 100))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := image.Pt(50, 40)
			got, ok := frameBounds(lumaPlane(window(tc.photo, 220, 200, at)))
			want := tc.photo.Bounds().Add(at)
			if !ok || !near(got, want) {
				t.Errorf("frame %v (found %v), want %v", got, ok, want)
			}
			// The photo alone has no frame: its edges are the picture's.
			if got, ok := frameBounds(lumaPlane(tc.photo)); ok && tc.name != "scene" {
				t.Errorf("frame %v in the photo alone", got)
			}
		})
	}
	// A plain rectangle frames nothing to recognise.
	plain := imaging.New(120, 100, color.NRGBA{200, 120, 40, 255})
	if got, ok := frameBounds(lumaPlane(window(plain, 220, 200, image.Pt(50, 40)))); ok {
		t.Errorf("frame %v around a plain rectangle", got)
	}
}

// Trimming a screenshot takes its margins up to the photo on some sides:
// there the photo's side is the picture's border, no frame has the three
// sides inside it needs, and only the pixel of margin framed gives back
// shows the step.
func TestFrameWhereTrimmingStops(t *testing.T) {
	photo := scene(2, 120, 100)
	// The photo against the window's right side, below the title bar's
	// margin: trimming takes the margin on the right and above it.
	shot := window(photo, 200, 150, image.Pt(80, 12))
	trimmed, box := trimmedBox(shot, alikeLuma)
	if box.Size() != trimmed.Bounds().Size() || !bytes.Equal(imaging.Crop(shot, box).Pix, trimmed.Pix) {
		t.Fatalf("trimmedBox says %v, not where the trimmed picture lies", box)
	}
	if _, ok := frameBounds(lumaPlane(trimmed)); ok {
		t.Fatalf("trimmed to %v: frame found without the pixel given back; the test needs a screenshot it fails", box)
	}
	f, ok := framed(shot, trimmed, box, lumaPlane(trimmed))
	if !ok {
		t.Fatalf("trimmed to %v: no frame", box)
	}
	if got, want := f.Bounds().Size(), photo.Bounds().Inset(frameInset).Size(); abs(got.X-want.X) > 2 || abs(got.Y-want.Y) > 2 {
		t.Errorf("frame of %v, want the photo's %v", got, want)
	}
}
