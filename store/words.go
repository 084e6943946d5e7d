package store

import (
	"encoding/binary"
	"fmt"
)

// Points and their words: a second way to find photos, besides keys, for
// pictures with detail. A photo's points (package photo's corners) are
// each filed under a few words, and a lookup asks with its own points'
// words: a stored photo sharing words with enough of them is a candidate.
// Words match exactly, unlike keys, so a word is found in one place of
// the index rather than in the buckets of neighbouring chunk values.

// Limits on points and words.
const (
	// MaxPoints is the most points a photo may have, or a WordQuery set.
	MaxPoints = 1024
	// MaxWordsPerPoint is the most words a stored point may be filed
	// under, or a query point looked up by.
	MaxWordsPerPoint = 256
)

// WordQuery asks for the photos whose points share words with at least
// MinShared of a set of query points.
type WordQuery struct {
	// Sets are looked up one by one (a picture and its mirror image, say):
	// a photo is a candidate when it shares words with MinShared points of
	// one set. A set lists, per query point, the words it is looked up by
	// (1 to MaxWordsPerPoint; several ways of describing the point).
	Sets [][][]uint64
	// MinShared is the fewest query points of one set that must share a
	// word with a stored point, each stored point and each query point
	// counted once.
	MinShared  int
	NotAccount string // leave out this account's photos ("" leaves none out)
	// Verify, when set, is handed each photo sharing MinShared points: its
	// PointData (nil when it has none), which set, and the pairs of points
	// sharing words, each query point with one stored point, each stored
	// point once, the query's points in their order. It returns how many
	// of them count (those one transform lines up, say); the photo is a
	// candidate when that is MinShared or more. It runs in memory before
	// any signature is read; it must be safe for concurrent use and not
	// keep stored or hits.
	Verify func(stored []byte, set int, hits []WordHit) int
}

// WordHit is a query point and a stored point that share a word, by their
// places in the query's set and among the photo's points.
type WordHit struct{ Query, Stored int }

func (q *WordQuery) validate() error {
	if q.MinShared < 1 {
		return fmt.Errorf("%w: word query sharing %d points (want 1 or more)", ErrInvalid, q.MinShared)
	}
	if len(q.Sets) == 0 {
		return fmt.Errorf("%w: word query without points", ErrInvalid)
	}
	for i, set := range q.Sets {
		if len(set) > MaxPoints {
			return fmt.Errorf("%w: word query set %d has %d points (at most %d)", ErrInvalid, i, len(set), MaxPoints)
		}
		for j, words := range set {
			if len(words) == 0 || len(words) > MaxWordsPerPoint {
				return fmt.Errorf("%w: word query set %d point %d has %d words (want 1 to %d)", ErrInvalid, i, j, len(words), MaxWordsPerPoint)
			}
		}
	}
	return nil
}

// validPoints checks a photo's words and point data: words of
// perPoint a point, at most MaxPoints points, data in a part of equal
// size for each point, and only with a signature.
func validPoints(words, perPoint, data int, signed bool) error {
	switch {
	case words == 0 && data == 0:
		return nil
	case !signed:
		return fmt.Errorf("%w: words without a signature", ErrInvalid)
	case words == 0:
		return fmt.Errorf("%w: %d bytes of point data without words", ErrInvalid, data)
	case perPoint < 1 || perPoint > MaxWordsPerPoint || words%perPoint != 0:
		return fmt.Errorf("%w: %d words at %d a point (want 1 to %d a point, the same for each)", ErrInvalid, words, perPoint, MaxWordsPerPoint)
	case words/perPoint > MaxPoints:
		return fmt.Errorf("%w: %d points (at most %d)", ErrInvalid, words/perPoint, MaxPoints)
	case !keyDataFits(words/perPoint, data):
		return fmt.Errorf("%w: %d bytes of point data for %d points (want a part of equal size for each)", ErrInvalid, data, words/perPoint)
	}
	return nil
}

// pointsHeader is the size of encodePoints' header: words a point (two
// bytes) and the number of points (two bytes).
const pointsHeader = 4

// encodePoints writes a photo's words and point data for the points
// column: the header, each word in 8 bytes big-endian, then the data;
// nil when there are no words.
func encodePoints(words []uint64, perPoint int, data []byte) []byte {
	if len(words) == 0 {
		return nil
	}
	out := make([]byte, pointsHeader, pointsHeader+8*len(words)+len(data))
	binary.BigEndian.PutUint16(out, uint16(perPoint))
	binary.BigEndian.PutUint16(out[2:], uint16(len(words)/perPoint))
	for _, w := range words {
		out = binary.BigEndian.AppendUint64(out, w)
	}
	return append(out, data...)
}

// decodePoints reads what encodePoints wrote (nothing: no words).
func decodePoints(b []byte) (words []uint64, perPoint int, data []byte, err error) {
	if len(b) == 0 {
		return nil, 0, nil, nil
	}
	if len(b) < pointsHeader {
		return nil, 0, nil, fmt.Errorf("store: points of %d bytes, shorter than their header", len(b))
	}
	perPoint, n := int(binary.BigEndian.Uint16(b)), int(binary.BigEndian.Uint16(b[2:]))
	b = b[pointsHeader:]
	if n == 0 || perPoint == 0 || len(b) < 8*n*perPoint {
		return nil, 0, nil, fmt.Errorf("store: %d points of %d words in %d bytes", n, perPoint, len(b))
	}
	words = make([]uint64, n*perPoint)
	for i := range words {
		words[i] = binary.BigEndian.Uint64(b[8*i:])
	}
	if data = b[8*len(words):]; len(data) == 0 {
		data = nil
	}
	if err := validPoints(len(words), perPoint, len(data), true); err != nil {
		return nil, 0, nil, fmt.Errorf("store: points: %w", err)
	}
	return words, perPoint, data, nil
}
