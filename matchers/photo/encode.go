package photo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/idcheck/idcheck/matchers/photo/keypoint"
)

// ErrBadSignature is returned when stored signature bytes cannot be read.
var ErrBadSignature = errors.New("photo: bad signature encoding")

// signatureFormat is the first byte of an encoded signature. Format 1
// had no lightness, format 2 no corners; both are still read, with a
// lightness that matches nothing and no corners (a flat picture's).
const signatureFormat = 3

// viewBytes is one encoded view: colour (2 bytes, 1/256ths), then each
// luma and chroma coefficient as a signed byte (1/127ths).
const viewBytes = 2 + lumaLen + chromaLen

// MarshalBinary encodes a signature in 4 + 63 (lightness) + 97 bytes per
// view, about 5 KB, then its corners (keypoint.Encode: 3 + 36 bytes a
// corner, up to about 11 KB): coefficients, components of unit vectors, a byte each. The
// cosines Compare takes of decoded views are within about 0.001 of the
// originals'; the robustness evaluation measures decoded signatures, as
// the store keeps them.
func (s *Signature) MarshalBinary() ([]byte, error) {
	if len(s.Whole) == 0 || len(s.Whole) > 255 || len(s.Windows) > 255 || len(s.Probes) > 255 {
		return nil, fmt.Errorf("photo: signature of %d whole views, %d windows, %d probes cannot be encoded",
			len(s.Whole), len(s.Windows), len(s.Probes))
	}
	out := []byte{signatureFormat, byte(len(s.Whole)), byte(len(s.Windows)), byte(len(s.Probes))}
	out = appendCoefficients(out, s.Lightness[:])
	for _, set := range [][]View{s.Whole, s.Windows, s.Probes} {
		for i := range set {
			out = set[i].appendBinary(out)
		}
	}
	return append(out, keypoint.Encode(s.Corners)...), nil
}

func (v *View) appendBinary(out []byte) []byte {
	out = binary.BigEndian.AppendUint16(out, uint16(min(math.Round(float64(v.Colour)*256), math.MaxUint16)))
	out = appendCoefficients(out, v.Luma[:])
	return appendCoefficients(out, v.Chroma[:])
}

// appendCoefficients appends components of a unit vector, a signed byte
// (1/127ths) each.
func appendCoefficients(out []byte, x []float32) []byte {
	for _, c := range x {
		out = append(out, byte(int8(math.Round(float64(c)*127))))
	}
	return out
}

// decodeCoefficients reads what appendCoefficients wrote into x, back at
// unit length (which rounding moved it off).
func decodeCoefficients(x []float32, b []byte) {
	for i := range x {
		x[i] = float32(int8(b[i])) / 127
	}
	unit(x)
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (s *Signature) UnmarshalBinary(data []byte) error {
	if len(data) < 4 || data[0] < 1 || data[0] > signatureFormat {
		return fmt.Errorf("%w: no format %d header", ErrBadSignature, signatureFormat)
	}
	format := data[0]
	light := 0 // bytes of lightness
	if format >= 2 {
		light = lumaLen
	}
	counts := [3]int{int(data[1]), int(data[2]), int(data[3])}
	if counts[0] == 0 {
		return fmt.Errorf("%w: no whole view", ErrBadSignature)
	}
	views := 4 + light + (counts[0]+counts[1]+counts[2])*viewBytes
	switch {
	case format < 3 && len(data) != views:
		return fmt.Errorf("%w: %d bytes, want %d", ErrBadSignature, len(data), views)
	case format == 3 && len(data) < views:
		return fmt.Errorf("%w: %d bytes, want at least %d", ErrBadSignature, len(data), views)
	}
	s.Corners, s.mirrored = nil, nil
	if format == 3 {
		corners, err := keypoint.Decode(data[views:])
		if err != nil {
			return fmt.Errorf("%w: corners: %v", ErrBadSignature, err)
		}
		s.Corners = corners
	}
	data = data[4:views]
	s.Lightness = [lumaLen]float32{}
	if light > 0 {
		decodeCoefficients(s.Lightness[:], data[:light])
		data = data[light:]
	}
	sets := [3][]View{}
	for k, n := range counts {
		sets[k] = make([]View, n)
		for i := range sets[k] {
			sets[k][i].decode(data[:viewBytes])
			data = data[viewBytes:]
		}
	}
	s.Whole, s.Windows, s.Probes = sets[0], sets[1], sets[2]
	return nil
}

func (v *View) decode(b []byte) {
	v.Colour = float32(binary.BigEndian.Uint16(b)) / 256
	decodeCoefficients(v.Luma[:], b[2:])
	decodeCoefficients(v.Chroma[:], b[2+lumaLen:])
}
