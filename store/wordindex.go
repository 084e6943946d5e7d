package store

import (
	"slices"
)

// wordIndex files stored points by their words, for WordCandidates: one
// open-addressing table of slots, each a word's fingerprint and a stored
// point (its photo's place in keyIndex.photos and its place among the
// photo's points), found by linear probing from a home slot the
// fingerprint picks. A lookup reads one run of slots, usually in one or
// two cache lines, whatever the store's size; the table doubles when
// three quarters full, so it takes 10 bytes a slot, 13 to 27 a word.
//
// The fingerprint is the top 32 bits of the word's hash: a stored word
// counts for a query word when the fingerprints agree, which two
// different words do once in four billion; a chance agreement is one more
// shared point, which Verify and the signatures then judge.
type wordIndex struct {
	slots  []uint64 // fingerprint<<32 | place+1; 0: empty
	points []uint16 // each slot's point, its place among its photo's points
	used   int
	bits   uint // len(slots) is 1<<bits
}

const (
	// wordIndexMinBits sizes the first table: 1024 slots.
	wordIndexMinBits = 10
	// maxWordFiled is how many points a word is filed under at most.
	// A word that common (a plain patch's descriptor, say) selects
	// nothing, and its run of slots would slow every lookup that reads
	// past it.
	maxWordFiled = 256
)

// wordHash is a word's fingerprint: the top half of a 64-bit mix
// (SplitMix64's), so that words differing in a few bits land far apart.
func wordHash(w uint64) uint32 {
	w ^= w >> 30
	w *= 0xbf58476d1ce4e5b9
	w ^= w >> 27
	w *= 0x94d049bb133111eb
	w ^= w >> 31
	return uint32(w >> 32)
}

// home is the slot a fingerprint's run starts at.
func (x *wordIndex) home(fp uint32) int { return int(fp >> (32 - x.bits)) }

// add files a photo's points (the photo at place): words, perPoint a
// point, point by point.
func (x *wordIndex) add(place uint32, words []uint64, perPoint int) {
	for i, w := range words {
		if 4*(x.used+1) > 3*len(x.slots) {
			x.grow()
		}
		x.insert(wordHash(w), place, uint16(i/perPoint))
	}
}

// insert files one point under a fingerprint, unless maxWordFiled points
// already are.
func (x *wordIndex) insert(fp, place uint32, point uint16) {
	mask := len(x.slots) - 1
	filed := 0
	for i := x.home(fp); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			x.slots[i], x.points[i] = uint64(fp)<<32|uint64(place+1), point
			x.used++
			return
		}
		if uint32(s>>32) == fp {
			if filed++; filed >= maxWordFiled {
				return
			}
		}
	}
}

// grow doubles the table and files every slot's point again.
func (x *wordIndex) grow() {
	old, points := x.slots, x.points
	x.bits = max(wordIndexMinBits, x.bits+1)
	x.slots, x.points, x.used = make([]uint64, 1<<x.bits), make([]uint16, 1<<x.bits), 0
	for i, s := range old {
		if s != 0 {
			x.insert(uint32(s>>32), uint32(s)-1, points[i])
		}
	}
}

// lookup appends to hits each stored point filed under w, with the query
// point q: hit(place, q, point).
func (x *wordIndex) lookup(w uint64, q int, hits []uint64) []uint64 {
	if x.used == 0 {
		return hits
	}
	fp := wordHash(w)
	mask := len(x.slots) - 1
	for i := x.home(fp); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return hits
		}
		if uint32(s>>32) == fp {
			hits = append(hits, hit(uint32(s)-1, q, int(x.points[i])))
		}
	}
}

// hit packs a stored point that shares a word with query point q: its
// photo's place in the high half, by which hits are sorted, then q and
// the point's place among its photo's points (both below MaxPoints).
func hit(place uint32, q, point int) uint64 {
	return uint64(place)<<32 | uint64(q)<<16 | uint64(point)
}

// sharedHits picks, from one photo's hits sorted by query point, a stored
// point for each query point that has one not yet picked: the pairs a
// count of shared points counts, each point once. used is scratch of
// MaxPoints bits.
func sharedHits(hits []uint64, used *[MaxPoints / 64]uint64, out []WordHit) []WordHit {
	clear(used[:])
	last := -1
	for _, h := range hits {
		q, p := int(h>>16&0xFFFF), int(h&0xFFFF)
		if q == last || used[p/64]>>(p%64)&1 == 1 {
			continue
		}
		used[p/64] |= 1 << (p % 64)
		last = q
		out = append(out, WordHit{Query: q, Stored: p})
	}
	return out
}

// shared returns, per photo sharing words with q.MinShared of the points
// of one of q's sets (q.Verify accepting), how many it shares (or Verify
// counts), the most of any set.
func (x *keyIndex) shared(q WordQuery) map[int64]int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := map[int64]int{}
	var hits []uint64
	var picked []WordHit
	var used [MaxPoints / 64]uint64
	for set, points := range q.Sets {
		hits = hits[:0]
		for qi, words := range points {
			for _, w := range words {
				hits = x.words.lookup(w, qi, hits)
			}
		}
		slices.Sort(hits)
		hits = slices.Compact(hits)
		for len(hits) > 0 {
			place := uint32(hits[0] >> 32)
			end := 1
			for end < len(hits) && uint32(hits[end]>>32) == place {
				end++
			}
			group := hits[:end]
			hits = hits[end:]
			if end < q.MinShared {
				continue
			}
			picked = sharedHits(group, &used, picked[:0])
			n := len(picked)
			if n < q.MinShared {
				continue
			}
			p := &x.photos[place]
			if q.Verify != nil {
				n = q.Verify(p.pointData, set, picked)
			}
			if n >= q.MinShared && n > out[p.id] {
				out[p.id] = n
			}
		}
	}
	return out
}
