package keypoint

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrBadEncoding is returned by Decode for bytes Encode did not write.
var ErrBadEncoding = errors.New("keypoint: bad encoding")

const (
	// format is the first byte of an encoding: the layout below, and the
	// descriptor's pairs and levels it was made with (2: the learned
	// pairs of pairs_table.go).
	format = 2
	// pointBytes is one point's size: X and Y at 1/64 pixel, two bytes
	// each, then the 256 bits.
	pointBytes = 4 + 32
	// maxPoints is the most points an encoding holds (Detect keeps at most
	// perLevel at each level).
	maxPoints = perLevel * len(levels)
	// subpixel is how many steps a pixel's position is stored in.
	subpixel = 64
)

// Encode writes points compactly (36 bytes a point), for a store to keep.
func Encode(points []Point) []byte {
	points = points[:min(len(points), maxPoints)]
	out := make([]byte, 3, 3+pointBytes*len(points))
	out[0] = format
	binary.LittleEndian.PutUint16(out[1:], uint16(len(points)))
	for _, p := range points {
		out = binary.LittleEndian.AppendUint16(out, position(p.X))
		out = binary.LittleEndian.AppendUint16(out, position(p.Y))
		for _, w := range p.Bits {
			out = binary.LittleEndian.AppendUint64(out, w)
		}
	}
	return out
}

func position(v float32) uint16 {
	return uint16(min(max(math.Round(float64(v)*subpixel), 0), math.MaxUint16))
}

// Decode reads what Encode wrote.
func Decode(b []byte) ([]Point, error) {
	if len(b) < 3 || b[0] != format {
		return nil, fmt.Errorf("%w: %d bytes without a format %d header", ErrBadEncoding, len(b), format)
	}
	n := int(binary.LittleEndian.Uint16(b[1:]))
	if n > maxPoints || len(b) != 3+n*pointBytes {
		return nil, fmt.Errorf("%w: %d points in %d bytes", ErrBadEncoding, n, len(b))
	}
	points := make([]Point, n)
	for i := range points {
		r := b[3+i*pointBytes:]
		points[i].X = float32(binary.LittleEndian.Uint16(r)) / subpixel
		points[i].Y = float32(binary.LittleEndian.Uint16(r[2:])) / subpixel
		for k := range points[i].Bits {
			points[i].Bits[k] = binary.LittleEndian.Uint64(r[4+8*k:])
		}
	}
	return points, nil
}
