package imagefile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// corner is a 40×20 white image with a black 10×10 block at its top left,
// the same picture as testdata/images/corner*.
func corner() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 10, 10), image.NewUniform(color.Black), image.Point{}, draw.Src)
	return img
}

// darkCorner says which corner of img holds the black block.
func darkCorner(t *testing.T, img image.Image) string {
	t.Helper()
	b := img.Bounds()
	lum := func(x, y int) uint32 {
		r, g, bb, _ := img.At(x, y).RGBA()
		return (r + g + bb) / 3
	}
	corners := map[string][2]int{
		"top-left": {b.Min.X + 3, b.Min.Y + 3}, "top-right": {b.Max.X - 4, b.Min.Y + 3},
		"bottom-left": {b.Min.X + 3, b.Max.Y - 4}, "bottom-right": {b.Max.X - 4, b.Max.Y - 4},
	}
	found := ""
	for name, p := range corners {
		if lum(p[0], p[1]) < 0x4000 {
			if found != "" {
				t.Fatalf("dark in %s and %s", found, name)
			}
			found = name
		}
	}
	return found
}

// jpegWithOrientation encodes img as JPEG with an EXIF APP1 segment that
// holds orientation o, big-endian, right after the start-of-image marker.
func jpegWithOrientation(t *testing.T, img image.Image, o uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	tiffBody := []byte("MM\x00\x2a\x00\x00\x00\x08" + // header, IFD at 8
		"\x00\x01" + // one entry
		"\x01\x12\x00\x03\x00\x00\x00\x01") // tag 0x0112, SHORT, count 1
	tiffBody = binary.BigEndian.AppendUint16(tiffBody, o)
	tiffBody = append(tiffBody, 0, 0, 0, 0, 0, 0) // padding, next IFD 0
	seg := append([]byte("Exif\x00\x00"), tiffBody...)
	app1 := []byte{0xFF, 0xE1}
	app1 = binary.BigEndian.AppendUint16(app1, uint16(len(seg)+2))
	app1 = append(app1, seg...)
	data := buf.Bytes()
	return append(append(append([]byte{}, data[:2]...), app1...), data[2:]...)
}

func encode(t *testing.T, img image.Image, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "images", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDecodeFormatsAndOrientation(t *testing.T) {
	img := corner()
	tests := []struct {
		name       string
		data       []byte
		format     string
		w, h       int
		darkCorner string
	}{
		{"PNG", encode(t, img, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), "png", 40, 20, "top-left"},
		{"JPEG", encode(t, img, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }), "jpeg", 40, 20, "top-left"},
		{"GIF", encode(t, img, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }), "gif", 40, 20, "top-left"},
		{"BMP", encode(t, img, func(b *bytes.Buffer, m image.Image) error { return bmp.Encode(b, m) }), "bmp", 40, 20, "top-left"},
		{"TIFF", encode(t, img, func(b *bytes.Buffer, m image.Image) error { return tiff.Encode(b, m, nil) }), "tiff", 40, 20, "top-left"},
		{"WebP", fixture(t, "corner.webp"), "webp", 40, 20, "top-left"},
		// Orientation 6: the camera was turned; show the image turned 90°
		// clockwise, so the stored top left ends at the top right.
		{"JPEG EXIF orientation 6", jpegWithOrientation(t, img, 6), "jpeg", 20, 40, "top-right"},
		{"JPEG EXIF orientation 3", jpegWithOrientation(t, img, 3), "jpeg", 40, 20, "bottom-right"},
		{"JPEG EXIF orientation 8", jpegWithOrientation(t, img, 8), "jpeg", 20, 40, "bottom-left"},
		{"JPEG EXIF orientation 2", jpegWithOrientation(t, img, 2), "jpeg", 40, 20, "top-right"},
		{"WebP EXIF orientation 6", fixture(t, "corner-exif6.webp"), "webp", 20, 40, "top-right"},
		{"TIFF orientation tag 6", fixture(t, "corner-orient6.tif"), "tiff", 20, 40, "top-right"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, format, err := Decode(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if format != tc.format {
				t.Errorf("format %q, want %q", format, tc.format)
			}
			if s := got.Bounds().Size(); s.X != tc.w || s.Y != tc.h {
				t.Fatalf("size %v, want %dx%d", s, tc.w, tc.h)
			}
			if c := darkCorner(t, got); c != tc.darkCorner {
				t.Errorf("dark block at %s, want %s", c, tc.darkCorner)
			}
		})
	}
}

// pngClaiming is a valid PNG header (with correct CRC) claiming w×h pixels
// and no image data: a decompression bomb's calling card.
func pngClaiming(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)))
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrUnsupportedImage},
		{"text", []byte("P<UTOERIKSSON<<ANNA<MARIA"), ErrUnsupportedImage},
		{"PDF", []byte("%PDF-1.7\n1 0 obj\n"), ErrUnsupportedImage},
		{"bomb", pngClaiming(100_000, 100_000), ErrImageTooLarge},
		{"zero size", pngClaiming(0, 10), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Decode(tc.data)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
	// A truncated JPEG is a JPEG, but not a decodable one.
	full := encode(t, corner(), func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	if _, _, err := Decode(full[:len(full)/2]); err == nil {
		t.Fatal("truncated JPEG decoded")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encode(&testing.T{}, corner(), func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }))
	f.Add(jpegWithOrientation(&testing.T{}, corner(), 6))
	f.Add(pngClaiming(1<<20, 1<<20))
	for _, name := range []string{"corner.webp", "corner-exif6.webp", "corner-orient6.tif"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "images", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, _, err := Decode(data)
		if err != nil {
			return
		}
		if b := img.Bounds(); int64(b.Dx())*int64(b.Dy()) > MaxPixels {
			t.Fatalf("decoded %v past the pixel limit", b)
		}
	})
}
