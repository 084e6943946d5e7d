// Package imagefile decodes the image files people upload — JPEG, PNG,
// WebP, TIFF, BMP and GIF (its first frame) — safely: the size is checked
// from the header before any pixel is decoded, so that a small file
// claiming a huge image cannot exhaust memory, and the picture is turned
// upright as its EXIF orientation says (JPEG, WebP, TIFF).
package imagefile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // registers GIF
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/bmp"  // registers BMP
	_ "golang.org/x/image/tiff" // registers TIFF
	_ "golang.org/x/image/webp" // registers WebP
)

// MaxPixels is the largest image Decode accepts, in pixels (width×height).
// It is checked from the header before decoding, so that a small file that
// claims a huge size cannot exhaust memory.
const MaxPixels = 60_000_000

// Errors callers can branch on.
var (
	ErrUnsupportedImage = errors.New("imagefile: not an image in a supported format (JPEG, PNG, WebP, TIFF, BMP, GIF)")
	ErrImageTooLarge    = errors.New("imagefile: image too large")
)

// Decode decodes a JPEG, PNG, WebP, TIFF, BMP or GIF image and turns it
// upright as its EXIF orientation says. It returns the format's name.
func Decode(data []byte) (image.Image, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, "", ErrUnsupportedImage
		}
		return nil, "", fmt.Errorf("%w: %v", ErrUnsupportedImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, format, fmt.Errorf("%w: %s header gives %d×%d pixels", ErrUnsupportedImage, format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, format, fmt.Errorf("%w: %d×%d pixels, at most %d", ErrImageTooLarge, cfg.Width, cfg.Height, MaxPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, format, fmt.Errorf("imagefile: decode %s: %w", format, err)
	}
	return orient(img, exifOrientation(data)), format, nil
}

// orient applies an EXIF orientation (1 to 8) to img.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

// exifOrientation finds the EXIF orientation tag of a JPEG (APP1 segment),
// WebP (EXIF chunk) or TIFF (first IFD) file; 0 when there is none.
func exifOrientation(data []byte) int {
	switch {
	case len(data) > 4 && data[0] == 0xFF && data[1] == 0xD8:
		for i := 2; i+4 <= len(data); {
			if data[i] != 0xFF {
				return 0
			}
			marker := data[i+1]
			if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
				i += 2
				continue
			}
			if marker == 0xDA || marker == 0xD9 { // image data begins: no EXIF before it
				return 0
			}
			n := int(binary.BigEndian.Uint16(data[i+2:]))
			if n < 2 || i+2+n > len(data) {
				return 0
			}
			seg := data[i+4 : i+2+n]
			if marker == 0xE1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
				return tiffOrientation(seg[6:])
			}
			i += 2 + n
		}
	case len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		for i := 12; i+8 <= len(data); {
			n := int(binary.LittleEndian.Uint32(data[i+4:]))
			if n < 0 || i+8+n > len(data) {
				return 0
			}
			if string(data[i:i+4]) == "EXIF" {
				chunk := data[i+8 : i+8+n]
				if len(chunk) > 6 && string(chunk[:6]) == "Exif\x00\x00" {
					chunk = chunk[6:]
				}
				return tiffOrientation(chunk)
			}
			i += 8 + n + n%2
		}
	case len(data) > 8 && (string(data[:4]) == "II*\x00" || string(data[:4]) == "MM\x00*"):
		return tiffOrientation(data)
	}
	return 0
}

// tiffOrientation reads tag 0x0112 from the first IFD of TIFF-structured
// data (a TIFF file, or the body of an EXIF block).
func tiffOrientation(b []byte) int {
	if len(b) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(b[4:]))
	if off < 8 || off+2 > len(b) {
		return 0
	}
	n := int(bo.Uint16(b[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(b) {
			return 0
		}
		if bo.Uint16(b[e:]) == 0x0112 {
			v := int(bo.Uint16(b[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}
