package photo

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"slices"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo/keypoint"
	"github.com/idcheck/idcheck/store"
)

// keysNone is a store whose key lookups find nothing and keep what they
// were asked: what Find finds in it, it found by corner words.
type keysNone struct {
	store.Store
	asked []store.KeyQuery
}

func (s *keysNone) Candidates(_ context.Context, q store.KeyQuery) ([]store.Candidate, error) {
	s.asked = append(s.asked, q)
	return nil, nil
}

// flatPicture is a picture without corners: a soft gradient.
func flatPicture() *image.NRGBA {
	img := imaging.New(300, 300, color.White)
	for y := 0; y < 300; y++ {
		for x := 0; x < 300; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / 300), 90, uint8(y * 255 / 300), 255})
		}
	}
	return img
}

// TestFindByWords: edited copies of a picture with detail are found by
// their corners' words alone, and a look-alike is not even a candidate; a
// picture with detail leaves the photos with words out of its key lookup,
// a flat one does not, and a small one asks them nearer.
func TestFindByWords(t *testing.T) {
	ctx := context.Background()
	s := tempStore(t)
	for i, img := range []image.Image{lookAlike(1), lookAlike(2), flatPicture()} {
		if _, r, _ := addPicture(t, s, fmt.Sprintf("acc-%d", i+1), img, 90); (len(r.Words) > 0) != (i < 2) {
			t.Fatalf("picture %d stored with %d words", i+1, len(r.Words))
		}
	}
	screenshot := imaging.New(560, 520, color.NRGBA{236, 236, 236, 255})
	screenshot = imaging.Paste(screenshot, imaging.Resize(lookAlike(1), 320, 0, imaging.Linear), image.Pt(120, 90))
	for name, img := range map[string]image.Image{
		"JPEG quality 30": lookAlike(1),
		"cropped 20%":     imaging.Crop(lookAlike(1), image.Rect(50, 30, 370, 350)),
		"turned 10°":      imaging.Rotate(lookAlike(1), 10, color.White),
		"mirrored":        imaging.FlipH(lookAlike(1)),
		"screenshot":      screenshot,
	} {
		q, err := Read(jpegBytes(t, img, 30))
		if err != nil {
			t.Fatal(err)
		}
		ks := &keysNone{Store: s}
		got, err := Find(ctx, ks, q, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].AccountID != "acc-1" || got[0].SharedCorners < WordsShared || got[0].Distance > 64 {
			t.Errorf("%s: found %+v, want acc-1's photo by its corners", name, got)
		}
		if len(ks.asked) != 1 || ks.asked[0].Among != store.WordlessPhotos {
			t.Errorf("%s: key lookups %+v, want one among photos without words", name, ks.asked)
		}
	}
	// A look-alike, framed and coloured alike, shares no lined-up words.
	q, err := Read(jpegBytes(t, lookAlike(3), 90))
	if err != nil {
		t.Fatal(err)
	}
	wq, ok := q.Signature.WordQuery("")
	if !ok {
		t.Fatal("no word query")
	}
	if cands, err := s.WordCandidates(ctx, wq); err != nil || len(cands) != 0 {
		t.Errorf("a look-alike's candidates: %d, %v", len(cands), err)
	}
	// A flat picture asks every photo's keys.
	q, err = Read(jpegBytes(t, flatPicture(), 60))
	if err != nil {
		t.Fatal(err)
	}
	ks := &keysNone{Store: s}
	if _, err := Find(ctx, ks, q, ""); err != nil {
		t.Fatal(err)
	}
	if len(ks.asked) != 1 || ks.asked[0].Among != store.AllPhotos || ks.asked[0].MaxDistance != KeyMaxDistance {
		t.Errorf("flat picture: key lookups %+v, want one among every photo", ks.asked)
	}
	// A picture under MinWordSide, scaled up to be signed, has corners
	// but is filed under no words; it asks the keys of photos with words
	// only within WordedKeyDistance.
	small, err := Read(jpegBytes(t, imaging.Resize(lookAlike(1), 200, 0, imaging.Linear), 90))
	if err != nil {
		t.Fatal(err)
	}
	r, err := small.Record("acc-small", store.KindProfile, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(small.Signature.Corners) < MinWordCorners || len(r.Words) != 0 {
		t.Errorf("a 200-pixel picture with %d corners filed under %d words", len(small.Signature.Corners), len(r.Words))
	}
	ks = &keysNone{Store: s}
	if _, err := Find(ctx, ks, small, ""); err != nil {
		t.Fatal(err)
	}
	if !asksAll(ks.asked) {
		t.Errorf("200-pixel picture: key lookups %+v, want the photos without words and, nearer, those with", ks.asked)
	}
	// A copy resized to 30% is found by the keys it asks of the photos
	// with words.
	resized, err := Read(jpegBytes(t, imaging.Resize(lookAlike(1), lookAlike(1).Bounds().Dx()*3/10, 0, imaging.Linear), 90))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Find(ctx, s, resized, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].AccountID != "acc-1" || got[0].SharedCorners != 0 || got[0].Distance > WordedKeyDistance {
		t.Errorf("copy resized to 30%%: found %+v, want acc-1's photo by its keys", got)
	}
}

// asksAll says whether key lookups are those of a picture under
// MinWordSide: the photos without words as any picture asks them, then
// the photos with words within WordedKeyDistance.
func asksAll(asked []store.KeyQuery) bool {
	return len(asked) == 2 && asked[0].Among == store.WordlessPhotos && asked[0].MaxDistance == KeyMaxDistance &&
		asked[1].Among == store.WordedPhotos && asked[1].ChunkRadius == 0 && asked[1].MaxDistance == WordedKeyDistance
}

// TestIndexWords: a picture with detail is filed under each corner's
// words, with its position; a flat one under none; a signature read back
// from its encoding has no probes to ask with.
func TestIndexWords(t *testing.T) {
	s := sign(t, lookAlike(4))
	words, per, data := s.IndexWords()
	if n := len(s.Corners); n < MinWordCorners || len(words) != 6*n || per != 6 || len(data) != pointDataBytes*n {
		t.Fatalf("%d corners: %d words, %d a point, %d bytes of data", n, len(words), per, len(data))
	}
	for i, p := range s.Corners {
		w := p.Words()
		if words[per*i] != w[0] || words[per*i+per-1] != w[per-1] {
			t.Fatalf("corner %d filed under other words", i)
		}
		x := float32(binary.LittleEndian.Uint16(data[4*i:])) / pointScale
		y := float32(binary.LittleEndian.Uint16(data[4*i+2:])) / pointScale
		if d := max(x-p.X, p.X-x, y-p.Y, p.Y-y); d > 0.5/pointScale {
			t.Fatalf("corner %d at (%g, %g) kept at (%g, %g)", i, p.X, p.Y, x, y)
		}
	}
	q, ok := s.WordQuery("me")
	if !ok || len(q.Sets) != 2 || len(q.Sets[0]) != len(s.probes) || q.NotAccount != "me" || q.MinShared != WordsShared {
		t.Fatalf("word query of %d probes: %d sets, ok %v", len(s.probes), len(q.Sets), ok)
	}
	// Each probe asks with the words of its three turns, each word once.
	for set, descs := range [2]*[3][4]uint64{&s.probes[0].Upright, &s.probes[0].Mirrored} {
		want := map[uint64]bool{}
		for k := range descs {
			for _, w := range keypoint.Words(&descs[k]) {
				want[w] = true
			}
		}
		got := q.Sets[set][0]
		for _, w := range got {
			delete(want, w)
		}
		if len(want) != 0 || len(got) > 18 || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("set %d: probe 0 asks with %d words, %d of its words missing", set, len(got), len(want))
		}
	}
	for name, img := range map[string]image.Image{"flat": flatPicture(), "rectangles": scene(5, 400, 400)} {
		s := sign(t, img)
		if words, _, _ := s.IndexWords(); len(s.Corners) >= MinWordCorners || words != nil {
			t.Errorf("%s picture: %d corners, filed under %d words", name, len(s.Corners), len(words))
		}
	}
	if _, ok := asStored(t, s).WordQuery(""); ok {
		t.Error("a decoded signature asks by words")
	}
}
