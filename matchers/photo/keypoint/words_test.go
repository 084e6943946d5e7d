package keypoint

import (
	"testing"

	"github.com/disintegration/imaging"
)

func TestWords(t *testing.T) {
	p := Detect(scene(11, 300, 300))[0]
	w := p.Words()
	if w != Words(&p.Bits) {
		t.Fatal("a point's words differ from its descriptor's")
	}
	for k, x := range w {
		if int(x>>WordBits) != k {
			t.Errorf("word %d is tagged %d", k, x>>WordBits)
		}
	}
	// Flipping one bit changes the word of its block only.
	for _, bit := range []int{0, 23, 24, 100, WordTables*WordBits - 1} {
		q := p
		q.Bits[bit/64] ^= 1 << (bit % 64)
		for k, x := range q.Words() {
			if changed := x != w[k]; changed != (k == bit/WordBits) {
				t.Errorf("bit %d: word %d changed %v", bit, k, changed)
			}
		}
	}
	// Bits past the tables' blocks are in no word.
	q := p
	q.Bits[3] ^= 1 << 63
	if q.Words() != w {
		t.Error("the last bit changed a word")
	}
}

// TestProbes: a picture's probes, upright, are Detect's descriptors at
// Detect's first scale; mirrored, they are the mirror image's.
func TestProbes(t *testing.T) {
	img := scene(12, 400, 300)
	probes := Probes(img)
	points := Detect(img)
	level1 := map[[4]uint64]bool{}
	for _, p := range points[:perLevel] {
		level1[p.Bits] = true
	}
	for i, p := range probes[:perLevel] {
		if !level1[p.Upright[0]] {
			t.Fatalf("probe %d upright is none of Detect's first-level descriptors", i)
		}
		// At the first scale the picture is Side wide: positions are
		// Detect's, and the mirror image's X counts from the right.
		if q := points[i]; p.X != q.X || p.Y != q.Y || p.MirroredX != float32(Side-1)-p.X {
			t.Fatalf("probe %d at (%g, %g), mirrored X %g; Detect's point at (%g, %g)", i, p.X, p.Y, p.MirroredX, q.X, q.Y)
		}
	}
	mirror := map[[4]uint64]bool{}
	for _, p := range Detect(imaging.FlipH(img))[:perLevel] {
		mirror[p.Bits] = true
	}
	same := 0
	for _, p := range probes[:perLevel] {
		if mirror[p.Mirrored[0]] {
			same++
		}
	}
	if same < perLevel*9/10 {
		t.Errorf("%d of %d mirrored probes are the mirror image's descriptors", same, perLevel)
	}
	if len(probes) <= len(points) {
		t.Errorf("%d probes, no more than Detect's %d points: probes look at more scales", len(probes), len(points))
	}
}
