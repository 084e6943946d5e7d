package photo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/bits"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/store"
)

// scene draws a picture of random shapes on a gradient: different seeds
// make different pictures.
func scene(seed uint64, w, h int) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 9))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	c1 := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(int(c1.R) * x / w), uint8(int(c1.G) * y / h), c1.B, 255})
		}
	}
	for i := 0; i < 12; i++ {
		c := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		x, y := rng.IntN(w), rng.IntN(h)
		r := image.Rect(x, y, x+20+rng.IntN(w/3), y+20+rng.IntN(h/3))
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	return img
}

func jpegBytes(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func distance(a, b []store.Hash, algo string) int {
	for _, x := range a {
		for _, y := range b {
			if x.Algo == algo && y.Algo == algo {
				return bits.OnesCount64(x.Value ^ y.Value)
			}
		}
	}
	return 64
}

// hashRadius is how near, in bits, mild edits keep the perceptual hash;
// eval-photos measures the thresholds that hold for all the edits.
const hashRadius = 10

func TestEditsStayNear(t *testing.T) {
	orig := scene(1, 480, 360)
	p, err := Read(jpegBytes(t, orig, 90))
	if err != nil {
		t.Fatal(err)
	}
	padded := imaging.New(480+200, 360+160, color.NRGBA{255, 255, 255, 255})
	padded = imaging.Paste(padded, orig, image.Pt(100, 80))
	edits := map[string]image.Image{
		"re-encoded at quality 30": orig, // encoded below
		"half size":                imaging.Resize(orig, 240, 0, imaging.Lanczos),
		"white border":             padded,
		"brighter":                 imaging.AdjustBrightness(orig, 15),
		"grey":                     imaging.Grayscale(orig),
	}
	for name, img := range edits {
		q := 90
		if name == "re-encoded at quality 30" {
			q = 30
		}
		e, err := Read(jpegBytes(t, img, q))
		if err != nil {
			t.Fatal(err)
		}
		if d := distance(p.Hashes, e.Hashes, PHash); d > hashRadius {
			t.Errorf("%s: phash %d bits off", name, d)
		}
	}
	// A mirror image is near through the mirrored hashes.
	m, err := Read(jpegBytes(t, imaging.FlipH(orig), 90))
	if err != nil {
		t.Fatal(err)
	}
	if d := distance(p.Hashes, m.Mirrored, PHash); d > hashRadius {
		t.Errorf("mirror: %d bits off", d)
	}
	// A different picture is far.
	o, err := Read(jpegBytes(t, scene(2, 480, 360), 90))
	if err != nil {
		t.Fatal(err)
	}
	for _, algo := range []string{PHash, DHash, CentrePHash} {
		if d := distance(p.Hashes, o.Hashes, algo); d <= hashRadius {
			t.Errorf("another picture is %d bits off by %s", d, algo)
		}
	}
}

// tempStore is a SQLite store in the test's temporary directory, closed
// when the test ends.
func tempStore(t *testing.T) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "photos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// addPicture stores a picture under account as photos add does, saved as
// a JPEG of quality q first, and returns the photo read, what was stored
// and its ID.
func addPicture(t *testing.T, s store.Store, account string, img image.Image, q int) (*Photo, store.Photo, int64) {
	t.Helper()
	p, err := Read(jpegBytes(t, img, q))
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Record(account, store.KindProfile, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.AddPhoto(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return p, r, id
}

func TestFindAcrossAccounts(t *testing.T) {
	ctx := context.Background()
	s := tempStore(t)
	orig := scene(5, 400, 400)
	_, _, first := addPicture(t, s, "acc-1", orig, 90)
	addPicture(t, s, "acc-3", scene(6, 400, 400), 90)
	// The same picture, mirrored and re-encoded, under another account.
	p, _, _ := addPicture(t, s, "acc-2", imaging.FlipH(orig), 60)
	got, err := Find(ctx, s, p, "acc-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].PhotoID != first || got[0].AccountID != "acc-1" || got[0].SameBytes ||
		got[0].Similarity < DefaultThresholds().Whole || got[0].Distance > KeyMaxDistance {
		t.Fatalf("%+v", got)
	}
	// A fifth cropped off and turned by 8°, with the white corners turning
	// leaves: found through a window of the stored photo.
	b := orig.Bounds()
	edited := imaging.Rotate(imaging.Crop(orig, image.Rect(b.Dx()/10, 0, b.Dx(), b.Dy()*9/10)), 8, color.White)
	e, err := Read(jpegBytes(t, edited, 80))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Find(ctx, s, e, ""); err != nil || len(got) != 2 || got[0].AccountID == "acc-3" || got[1].AccountID == "acc-3" {
		t.Errorf("cropped and turned: %+v %v", got, err)
	}
	// Exact bytes are flagged.
	data := jpegBytes(t, orig, 90)
	q, _ := Read(data)
	got, _ = Find(ctx, s, q, "acc-9")
	if len(got) == 0 || got[0].PhotoID != first || !got[0].SameBytes || got[0].Distance != 0 {
		t.Errorf("exact copy: %+v", got)
	}
}

func TestTooSmallAndNotAnImage(t *testing.T) {
	if _, err := Hash(image.NewNRGBA(image.Rect(0, 0, 4, 4))); err == nil {
		t.Error("4x4 accepted")
	}
	if _, err := Read([]byte("not an image")); err == nil {
		t.Error("text accepted")
	}
}

// BenchmarkRead is the hash throughput of issue 4: decoding a 1000×1000
// JPEG (quality 85) and computing every hash of it and of its mirror image,
// as `idcheck photos add` does per file; photos/s is per core when run with
// GOMAXPROCS=1 (see docs/benchmarks.md).
func BenchmarkRead(b *testing.B) {
	files := make([][]byte, 8)
	for i := range files {
		files[i] = jpegBytes(b, scene(uint64(i), 1000, 1000), 85)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(files[i%len(files)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "photos/s")
}
