package photo

import (
	"encoding/binary"
	"slices"

	"github.com/idcheck/idcheck/matchers/photo/keypoint"
	"github.com/idcheck/idcheck/store"
)

// Corner words are how the store finds photos with detail: each stored
// corner is filed under its words (keypoint.Point.Words), and a lookup asks
// with its own corners described every way a copy may have changed them
// (keypoint.Probes). Signature keys meet for about half of the pairs of
// different pictures with detail; corner words, checked by where the
// corners lie, for a few in ten thousand (docs/photo-hashing.md, "Corner
// words"). Pictures with fewer than MinWordCorners corners are found by
// their keys alone: too few of a copy's corners share words with theirs.

const (
	// WordsShared is the fewest of a looked-up picture's corners (or its
	// mirror image's) that must share a word with a stored picture's
	// corners, and line up with them (keypoint.LineUp), for the store to
	// return it as a candidate. Copies of every edit shared 5 or more
	// 98.7% of the time in the evaluation (before lining up).
	WordsShared = 5
	// MinWordCorners is the fewest corners a picture needs to be filed
	// under its corners' words, and then left out of the key lookups of
	// pictures that have as many. Of a picture of coloured rectangles with
	// 67 corners, a copy cropped, turned 8° and re-encoded shared words
	// with only 4 (photo_test.go); the painted portraits of the evaluation
	// have 74 to 291, half of them over 250.
	MinWordCorners = 100
	// MinWordSide is the long side, in pixels, a picture needs to be
	// filed under its corners' words, or to leave pictures with words out
	// of its key lookup. Smaller pictures are scaled up to be signed, and
	// their corners are the scaling's: in the evaluation at 160 pixels,
	// copies re-encoded at JPEG quality 20 shared words at 5 corners 18%
	// of the time, copies resized to 30% 1%, and Find lost them.
	MinWordSide = 256
	// WordedKeyDistance is how far, in bits of 64, a key of a photo filed
	// under words may be from a query key of a picture under MinWordSide
	// pixels for the photo to be a candidate. The keys of
	// pictures with detail meet often: within 12 bits (KeyMaxDistance), a
	// lookup of a copy resized to 30% checked 9.3 pairs of keys per
	// stored picture of 300 textured portraits, within 3 bits 0.03. A copy
	// resized, whose views keep their low frequencies, had a checked pair
	// within 2 bits in all 776 measured; cropped copies, whose whole views meet
	// windows, are found by their words (docs/photo-hashing.md, "Small
	// copies of pictures with detail"). Read with a chunk radius of 0,
	// which the pigeonhole principle says finds every key within 3 bits.
	WordedKeyDistance = 3
	// pointDataBytes is what the store keeps of each corner besides its
	// words: X and Y in 64ths of a pixel of the keypoint.Side frame, two
	// bytes each.
	pointDataBytes = 4
	// pointScale is how many steps of the point data a pixel is.
	pointScale = 64
)

// IndexWords are what the store files a photo under (store.Photo's Words,
// WordsPerPoint and PointData): each corner's words, and its position;
// nothing for a picture with fewer than MinWordCorners corners.
func (s *Signature) IndexWords() (words []uint64, perPoint int, data []byte) {
	if len(s.Corners) < MinWordCorners {
		return nil, 0, nil
	}
	words = make([]uint64, 0, len(s.Corners)*keypoint.WordTables)
	data = make([]byte, 0, len(s.Corners)*pointDataBytes)
	for _, p := range s.Corners {
		w := p.Words()
		words = append(words, w[:]...)
		data = binary.LittleEndian.AppendUint16(data, pointCoordinate(p.X))
		data = binary.LittleEndian.AppendUint16(data, pointCoordinate(p.Y))
	}
	return words, keypoint.WordTables, data
}

// pointCoordinate is a position in pixels as point data.
func pointCoordinate(v float32) uint16 {
	return uint16(min(max(v*pointScale+0.5, 0), 65535))
}

// WordQuery is what Find asks the store's word index: the picture's
// corners and its mirror image's, each by the words of its descriptions
// upright and turned (keypoint.Probes), WordsShared of them lined up with
// the stored picture's. ok is false for a signature without probes (one
// read back from its encoding: they are not kept).
func (s *Signature) WordQuery(notAccount string) (q store.WordQuery, ok bool) {
	probes := s.probes[:min(len(s.probes), store.MaxPoints)]
	if len(probes) == 0 {
		return store.WordQuery{}, false
	}
	sets := [2][][]uint64{make([][]uint64, len(probes)), make([][]uint64, len(probes))}
	for i := range probes {
		p := &probes[i]
		for set, descs := range [2]*[3][4]uint64{&p.Upright, &p.Mirrored} {
			words := make([]uint64, 0, len(descs)*keypoint.WordTables)
			for k := range descs {
				w := keypoint.Words(&descs[k])
				words = append(words, w[:]...)
			}
			// Turned a little, a corner's description often keeps a
			// block's bits, and so its word: each is looked up once.
			slices.Sort(words)
			sets[set][i] = slices.Compact(words)
		}
	}
	verify := func(stored []byte, set int, hits []store.WordHit) int {
		if len(stored) == 0 {
			return len(hits) // stored without positions: nothing to line up
		}
		ps := make([]keypoint.Pairing, 0, len(hits))
		for _, h := range hits {
			at := h.Stored * pointDataBytes
			if at+pointDataBytes > len(stored) {
				continue
			}
			p := &probes[h.Query]
			qx := p.X
			if set == 1 {
				qx = p.MirroredX
			}
			ps = append(ps, keypoint.Pairing{Stored: h.Stored, Query: h.Query,
				SX: float32(binary.LittleEndian.Uint16(stored[at:])) / pointScale,
				SY: float32(binary.LittleEndian.Uint16(stored[at+2:])) / pointScale,
				QX: qx, QY: p.Y})
		}
		return keypoint.LineUp(ps)
	}
	return store.WordQuery{Sets: sets[:], MinShared: WordsShared, NotAccount: notAccount, Verify: verify}, true
}
