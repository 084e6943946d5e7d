package photo

import (
	"math/bits"
	"math/rand/v2"
)

// Signature keys are how the store finds candidates for Compare without
// comparing every stored signature: 64 bits per view, each the side of a
// fixed random hyperplane the view's brightness frequencies fall on. Two
// views whose vectors are θ radians apart differ in each bit with
// probability θ/π, so the Hamming distance between keys estimates the
// angle Compare measures (a cosine of 0.98, 11°, is 4 bits of 64 on
// average); multi-index hashing then finds keys within a few bits.
// docs/photo-hashing.md ("Finding candidates") has the measurements behind
// which views are keyed and the radius.
const (
	// KeyVersion names the hyperplanes. Stored keys are only comparable
	// with keys from the same planes: change it whenever they change.
	KeyVersion = 1
	// KeyChunkRadius is how far, in bits, a 16-bit chunk of a stored key
	// may be from the query key's for the store to look at the key at all.
	KeyChunkRadius = 1
	// KeyMaxDistance is how far, in bits of 64, a stored key may be from a
	// query key for its photo to be compared.
	KeyMaxDistance = 12
)

// planes are the 64 hyperplanes, one per key bit, normal vectors of
// lumaLen Gaussian components: the same in every process, fixed by the
// seed.
var planes = func() (p [64][lumaLen]float32) {
	rng := rand.New(rand.NewPCG(KeyVersion, 0x1dc4ec))
	for i := range p {
		for j := range p[i] {
			p[i][j] = float32(rng.NormFloat64())
		}
	}
	return p
}()

// key is a view's 64 bits.
func (v *View) key() uint64 { return key(&v.Luma) }

// key is the 64 bits of brightness (or lightness) frequencies.
func key(luma *[lumaLen]float32) uint64 {
	var k uint64
	for i := range planes {
		if dot(planes[i][:], luma[:]) > 0 {
			k |= 1 << i
		}
	}
	return k
}

// IndexKeys are the keys a stored photo is found by: its whole views, its
// lightness, and 18 of its windows (the 3×3 at 90% of each side, and the
// corners, edge middles and centre of the 5×5 at 80%), so that a cropped
// copy's whole view meets one of them.
func (s *Signature) IndexKeys() []uint64 {
	keys := make([]uint64, 0, len(s.Whole)+19)
	for i := range s.Whole {
		keys = append(keys, s.Whole[i].key())
	}
	keys = append(keys, key(&s.Lightness))
	for i, w := range s.Windows {
		if i < 9 || (i-9)/5%2 == 0 && (i-9)%5%2 == 0 {
			keys = append(keys, w.key())
		}
	}
	return keys
}

// QueryKeys are the keys a photo looks others up by: those of its probes,
// whole views turned and mirrored as well, and of its lightness and its
// mirror image's.
func (s *Signature) QueryKeys() []uint64 {
	keys := make([]uint64, len(s.Probes), len(s.Probes)+2)
	for i := range s.Probes {
		keys[i] = s.Probes[i].key()
	}
	mirror := mirroredLuma(s.Lightness)
	return append(keys, key(&s.Lightness), key(&mirror))
}

// KeysMeet says whether a photo with index keys is a candidate for a
// photo looking up with query keys, as Find asks the store: some pair of
// keys has a 16-bit chunk within KeyChunkRadius bits and is within
// KeyMaxDistance bits in all.
func KeysMeet(index, query []uint64) bool {
	for _, k := range index {
		for _, q := range query {
			x := k ^ q
			if bits.OnesCount64(x) > KeyMaxDistance {
				continue
			}
			for c := 0; c < 4; c++ {
				if bits.OnesCount64(x>>(16*c)&0xFFFF) <= KeyChunkRadius {
					return true
				}
			}
		}
	}
	return false
}
