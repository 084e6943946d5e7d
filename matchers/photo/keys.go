package photo

import (
	"context"
	"math/bits"
	"math/rand/v2"

	"github.com/idcheck/idcheck/store"
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
	// with keys from the same planes: change it whenever they change. The
	// store records each photo's version and treats photos of another as
	// candidates of every lookup until Rekey makes their keys anew.
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

// keyed is one thing a stored photo is found by: a view, or (view nil)
// the lightness.
type keyed struct {
	view *View
	luma *[lumaLen]float32
}

// indexed lists what a stored photo is found by, in the order of its
// keys: its whole views, its lightness, and its windows, so that a
// cropped copy's whole view meets one of them.
func (s *Signature) indexed() []keyed {
	out := make([]keyed, 0, len(s.Whole)+1+len(s.Windows))
	for i := range s.Whole {
		out = append(out, keyed{&s.Whole[i], &s.Whole[i].Luma})
	}
	out = append(out, keyed{nil, &s.Lightness})
	for i := range s.Windows {
		out = append(out, keyed{&s.Windows[i], &s.Windows[i].Luma})
	}
	return out
}

// IndexKeys are the keys a stored photo is found by: those of its whole
// views, its lightness and its windows (all of them: 18 of the 34 found
// 95.0% of 20% crops once the keys' pairs were checked, all 97.7%).
func (s *Signature) IndexKeys() []uint64 {
	ix := s.indexed()
	keys := make([]uint64, len(ix))
	for i, k := range ix {
		keys[i] = key(k.luma)
	}
	return keys
}

// keyDistance is how many bits the nearest of a stored photo's index keys
// and a looked-up photo's query keys (QueryKeys) differ by: the distance a
// key lookup reports, for a photo found another way.
func keyDistance(stored *Signature, qs []uint64) int {
	best := 64
	for _, k := range stored.IndexKeys() {
		for _, q := range qs {
			best = min(best, bits.OnesCount64(k^q))
		}
	}
	return best
}

// Key data: what the store keeps in memory with each index key, for the
// lookup to check the pairs of keys that meet (KeyQuery) before it
// fetches a signature: a byte of flags, then the view's brightness (or
// the lightness) and colour frequencies as in an encoded signature, a
// signed byte each.
const (
	keyDataBytes    = 1 + lumaLen + chromaLen
	keyIsLightness  = 1 << 0 // the lightness, not a view
	keyIsColourful  = 1 << 1 // the view's Colour is at least MinColour
	keyChromaOffset = 1 + lumaLen
)

// KeyData is what the store keeps of each of IndexKeys (store.Photo's
// KeyData), keyDataBytes a key, in the same order.
func (s *Signature) KeyData() []byte {
	ix := s.indexed()
	out := make([]byte, 0, len(ix)*keyDataBytes)
	for _, k := range ix {
		var flags byte
		switch {
		case k.view == nil:
			flags = keyIsLightness
		case k.view.Colour >= MinColour:
			flags = keyIsColourful
		}
		out = append(out, flags)
		out = appendCoefficients(out, k.luma[:])
		if k.view != nil {
			out = appendCoefficients(out, k.view.Chroma[:])
		} else {
			out = append(out, make([]byte, chromaLen)...)
		}
	}
	return out
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

// KeyCheckMargin is how far below its threshold, in cosine, the score of
// a pair of keys' own views may be for their photo to be fetched and
// compared: Compare takes the best pair of all, which is not always one
// whose keys meet, and the store's key data is rounded to bytes.
// docs/photo-hashing.md ("Checking the keys that meet") has the
// measurements.
const KeyCheckMargin = 0.02

// KeyQuery is what Find asks the store, at thresholds th: candidates
// whose index keys meet s's query keys, each pair checked by the views
// behind the two keys
// (store.KeyQuery.Verify) so that a photo whose keys meet by chance is
// not fetched. A pair of two views counts when their brightness cosine
// is within KeyCheckMargin of the lower of the whole and window
// thresholds, or their brightness and colour cosines within twice the
// margin of the lower of the two with colour; a pair of lightness keys
// when their cosine is within the margin of the lightness threshold.
// Photos stored without key data are always candidates.
func (s *Signature) KeyQuery(th Thresholds, notAccount string) store.KeyQuery {
	luma := min(th.Whole, th.Window) - KeyCheckMargin
	both := min(th.WholeColour, th.WindowColour) - 2*KeyCheckMargin
	light := th.Lightness - KeyCheckMargin
	mirror := mirroredLuma(s.Lightness)
	probes := s.Probes
	verify := func(stored []byte, j int) bool {
		if len(stored) != keyDataBytes {
			return true // stored without key data, or with another kind
		}
		flags := stored[0]
		switch {
		case j < len(probes):
			if flags&keyIsLightness != 0 {
				return false
			}
			p := &probes[j]
			l := dot8(stored[1:keyChromaOffset], p.Luma[:])
			return l > luma || flags&keyIsColourful != 0 && p.Colour >= MinColour &&
				l+dot8(stored[keyChromaOffset:], p.Chroma[:]) > both
		case flags&keyIsLightness == 0:
			return false
		case j == len(probes):
			return dot8(stored[1:keyChromaOffset], s.Lightness[:]) > light
		default:
			return dot8(stored[1:keyChromaOffset], mirror[:]) > light
		}
	}
	return store.KeyQuery{Keys: s.QueryKeys(), ChunkRadius: KeyChunkRadius, MaxDistance: KeyMaxDistance,
		NotAccount: notAccount, KeyVersion: KeyVersion, Verify: verify}
}

// Rekey makes the keys of every stored photo whose keys are not of
// KeyVersion anew from its signature (store.Store.Rekey), and gives words
// to the pictures with detail stored before photos kept them; it returns
// how many photos it rewrote. A store needs it once after KeyVersion
// changes, and once after an upgrade to words, before its lookups are as
// fast as before (they find those photos all the same: as candidates of
// every lookup, or by their keys).
func Rekey(ctx context.Context, s store.Store) (int, error) {
	return s.Rekey(ctx, KeyVersion, func(stored store.Photo) (store.Keys, error) {
		var sig Signature
		if err := sig.UnmarshalBinary(stored.Signature); err != nil {
			return store.Keys{}, err
		}
		k := store.Keys{Keys: sig.IndexKeys(), KeyData: sig.KeyData()}
		if p := (Photo{Width: stored.Width, Height: stored.Height, Signature: &sig}); p.FiledUnderWords() {
			k.Words, k.WordsPerPoint, k.PointData = sig.IndexWords()
		}
		return k, nil
	})
}

// Finds says whether a lookup by s (Find) has the store fetch a photo
// stored with these index keys and key data (store.Photo's Keys and
// KeyData) and without words, for comparing: the store's test, one photo
// at a time. The keys of photos with words are asked nearer, or not at
// all (Candidates).
func (s *Signature) Finds(keys []uint64, keyData []byte) bool {
	q := s.KeyQuery(DefaultThresholds(), "")
	_, ok := q.Near(keys, keyData)
	return ok
}

// dot8 is the dot product of components stored a signed byte each
// (1/127ths, appendCoefficients) with a vector, in four running sums as
// dot.
func dot8(b []byte, x []float32) float64 {
	b = b[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float32(int8(b[i])) * x[i]
		s1 += float32(int8(b[i+1])) * x[i+1]
		s2 += float32(int8(b[i+2])) * x[i+2]
		s3 += float32(int8(b[i+3])) * x[i+3]
	}
	for ; i < len(x); i++ {
		s0 += float32(int8(b[i])) * x[i]
	}
	return float64((s0+s1)+(s2+s3)) / 127
}
