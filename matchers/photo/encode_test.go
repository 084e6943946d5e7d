package photo

import (
	"errors"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo/keypoint"
)

// Decoded signatures score as the originals do, within the rounding of a
// byte per coefficient, and keep their keys.
func TestSignatureRoundTrip(t *testing.T) {
	a := sign(t, scene(11, 300, 240))
	b := sign(t, reencoded(t, imaging.AdjustContrast(scene(11, 300, 240), 20), 50))
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if want := viewsEnd(a) + len(keypoint.Encode(a.Corners)); len(data) != want {
		t.Fatalf("%d bytes, want %d", len(data), want)
	}
	var d Signature
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if len(a.Corners) == 0 || len(d.Corners) != len(a.Corners) || keypoint.Match(d.Corners, a.Corners) != len(a.Corners) {
		t.Errorf("%d corners decoded of %d", len(d.Corners), len(a.Corners))
	}
	if len(d.Whole) != len(a.Whole) || len(d.Windows) != len(a.Windows) || len(d.Probes) != len(a.Probes) {
		t.Fatalf("views %d/%d/%d, want %d/%d/%d", len(d.Whole), len(d.Windows), len(d.Probes), len(a.Whole), len(a.Windows), len(a.Probes))
	}
	want, got := scoreList(Compare(a, b)), scoreList(Compare(&d, b))
	for k := range want {
		if math.Abs(got[k]-want[k]) > 0.003 {
			t.Errorf("score %d: %.4f decoded, %.4f before", k, got[k], want[k])
		}
	}
	if math.Abs(float64(d.Whole[0].Colour-a.Whole[0].Colour)) > 1.0/256 {
		t.Errorf("colour %.3f decoded, %.3f before", d.Whole[0].Colour, a.Whole[0].Colour)
	}
	ka, kd := a.IndexKeys(), d.IndexKeys()
	if len(ka) != len(a.Whole)+1+len(a.Windows) {
		t.Fatalf("%d index keys", len(ka))
	}
	off := 0
	for i := range ka {
		if ka[i] != kd[i] {
			off++
		}
	}
	if off > len(ka)/4 {
		t.Errorf("%d of %d keys changed by encoding", off, len(ka))
	}
}

// viewsEnd is where an encoded signature's views end and its corners
// begin.
func viewsEnd(s *Signature) int {
	return 4 + lumaLen + viewBytes*(len(s.Whole)+len(s.Windows)+len(s.Probes))
}

func scoreList(s Scores) [5]float64 {
	return [5]float64{s.Whole, s.WholeColour, s.Window, s.WindowColour, s.Lightness}
}

// Formats 1, before lightness, and 2, before corners, still decode: their
// views as they were, format 1 with a lightness that matches nothing, and
// both without corners, as a flat picture's (the scores decide alone).
func TestSignatureDecodeOldFormats(t *testing.T) {
	a := sign(t, scene(3, 200, 160))
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	end := viewsEnd(a)
	v1 := append([]byte{1, data[1], data[2], data[3]}, data[4+lumaLen:end]...)
	v2 := append([]byte{2}, data[1:end]...)
	for format, old := range map[int][]byte{1: v1, 2: v2} {
		d := Signature{Corners: a.Corners}
		if err := d.UnmarshalBinary(old); err != nil {
			t.Fatalf("format %d: %v", format, err)
		}
		s := Compare(&d, a)
		if s.Whole < 0.99 || (format == 1) != (s.Lightness <= 0) {
			t.Errorf("format %d scores %+v", format, s)
		}
		if len(d.Corners) != 0 || !CornersAgree(&d, a) {
			t.Errorf("format %d: %d corners", format, len(d.Corners))
		}
	}
}

func TestSignatureDecodeErrors(t *testing.T) {
	good, err := sign(t, scene(1, 100, 100)).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	noWhole := append([]byte{}, good...)
	noWhole[1] = 0
	for name, data := range map[string][]byte{
		"empty":        nil,
		"other format": append([]byte{9}, good[1:]...),
		"short":        good[:len(good)-1],
		"long":         append(append([]byte{}, good...), 0),
		"no whole":     noWhole,
		"no corners":   good[:len(good)-len(keypoint.Encode(nil))-1],
	} {
		var s Signature
		if err := s.UnmarshalBinary(data); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzSignatureDecode: any bytes decode or fail cleanly, and what decodes
// encodes back to the same bytes (less the rounding of unit length).
func FuzzSignatureDecode(f *testing.F) {
	s, err := Sign(scene(2, 64, 64))
	if err != nil {
		f.Fatal(err)
	}
	good, err := s.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte{1, 1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Signature
		if err := s.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := s.MarshalBinary()
		if data[0] == signatureFormat && (err != nil || len(again) != len(data)) {
			t.Fatalf("re-encoded to %d bytes (%v), from %d", len(again), err, len(data))
		}
		Compare(&s, &s)
		s.Finds(s.IndexKeys(), s.KeyData())
	})
}

// An edited copy's query keys meet one of the original's index keys, and
// the pair passes the check, as Find asks the store, for the edits that
// move the picture most.
func TestKeysFindEditedCopies(t *testing.T) {
	orig := scene(4, 400, 300)
	b := orig.Bounds()
	stored := sign(t, reencoded(t, orig, 90))
	for name, img := range map[string]*Signature{
		"cropped 20%": sign(t, imaging.Crop(orig, image.Rect(b.Dx()/5, b.Dy()/10, b.Dx(), b.Dy()))),
		"mirrored":    sign(t, imaging.FlipH(orig)),
		"rotated 10°": sign(t, imaging.Rotate(orig, 10, color.White)),
		"greyscale":   sign(t, imaging.Grayscale(orig)),
	} {
		if !img.Finds(stored.IndexKeys(), stored.KeyData()) {
			t.Errorf("%s: no checked key pair within %d bits with a chunk within %d", name, KeyMaxDistance, KeyChunkRadius)
		}
	}
}

// The check of key pairs lets through only photos with a pair of views,
// behind keys that meet, scoring near a threshold, and drops some whose
// keys meet by chance; photos stored without key data are not checked.
func TestKeyCheck(t *testing.T) {
	var sigs []*Signature
	for seed := uint64(20); seed < 40; seed++ {
		sigs = append(sigs, sign(t, scene(seed, 240, 180)))
	}
	th := scoreList(Scores(DefaultThresholds()))
	dropped := 0
	for i, stored := range sigs {
		keys, data := stored.IndexKeys(), stored.KeyData()
		if len(data) != len(keys)*keyDataBytes {
			t.Fatalf("%d bytes of key data for %d keys", len(data), len(keys))
		}
		for j, query := range sigs {
			if i == j {
				continue
			}
			q := query.KeyQuery(DefaultThresholds(), "")
			_, meet := q.Near(keys, nil) // no key data: unchecked
			found := query.Finds(keys, data)
			q.Verify = nil
			if _, unchecked := q.Near(keys, nil); unchecked != meet {
				t.Fatalf("pictures %d, %d: without key data %v, unchecked %v", i, j, meet, unchecked)
			}
			switch {
			case found && !meet:
				t.Fatalf("pictures %d, %d: found, but no keys meet", i, j)
			case meet && !found:
				dropped++
			case found:
				// Some pair scores within the margin (and rounding) of a
				// threshold, so Compare's best does too.
				sc, near := scoreList(Compare(query, stored)), false
				for k := range sc {
					margin := KeyCheckMargin + 0.005
					if k == 1 || k == 3 {
						margin *= 2
					}
					near = near || sc[k] > th[k]-margin
				}
				if !near {
					t.Errorf("pictures %d, %d found with scores %.4f", i, j, sc)
				}
			}
		}
	}
	if dropped == 0 {
		t.Error("no pair of pictures whose keys meet was dropped")
	}
	t.Logf("%d pairs dropped by the check", dropped)
}
