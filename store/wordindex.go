package store

import (
	"slices"
)

// wordIndex files stored points by their words, for WordCandidates: a
// hash table of 8-byte slots, each a word's fingerprint and a stored point
// (its photo's place in keyIndex.photos and its place among the photo's
// points), split into wordShards tables by the word's hash. It is most of
// the memory a picture with detail takes in the index (1,800 words), so
// it is laid out to take little (docs/photo-store.md, "A word index that
// fits a million"):
//
//   - The fingerprint is 22 bits of the word's hash and the shard another
//     12, so words agree by chance once in 2^34 pairs. A slot's home is
//     computed from its fingerprint alone (its place in the shard's size),
//     so a shard grows without the words, which are not kept.
//   - Slots are kept in the order of their homes (Robin Hood hashing): a
//     lookup stops at the first slot homed after its word's, so a shard
//     may be filled to maxWordLoad and still read about one cache line a
//     word. Shards grow by a quarter at a time, not double, and each on
//     its own: a table from 68% to 85% full, 9.4 to 11.8 bytes a word
//     (10 bytes a slot to 75% full then doubled, 13 to 27 bytes a word, as
//     first built).
type wordIndex struct {
	shards []wordTable // by the hash's top wordShardBits; nil until a word is filed
	used   int         // points filed under a word, all shards
}

// wordTable is one shard: Robin Hood hashing with linear probing.
type wordTable struct {
	slots []uint64 // fingerprint<<42 | point<<32 | place+1; 0: empty
	used  int
}

const (
	// wordShardBits are the hash's bits that pick a shard.
	wordShardBits = 12
	wordShards    = 1 << wordShardBits
	// fingerprintBits are the hash's bits a slot keeps: its home in a
	// shard of any size up to 1<<fingerprintBits slots, and the rest of
	// what tells words apart.
	fingerprintBits = 22
	// maxWordLoad is the share of a shard's slots filled before it grows,
	// in parts of 20: 85%.
	maxWordLoad = 17
	// minWordSlots is a shard's first size.
	minWordSlots = 16
	// maxWordFiled is how many points a word is filed under at most.
	// A word that common (a plain patch's descriptor, say) selects
	// nothing, and its run of slots would slow every lookup that reads
	// past it.
	maxWordFiled = 256
)

// A point's place among its photo's takes 10 bits of a slot.
const _ = uint(1<<10 - MaxPoints)

// wordHash picks a word's shard and fingerprint from a 64-bit mix
// (SplitMix64's), so that words differing in a few bits land far apart.
func wordHash(w uint64) (shard int, fp uint64) {
	w ^= w >> 30
	w *= 0xbf58476d1ce4e5b9
	w ^= w >> 27
	w *= 0x94d049bb133111eb
	w ^= w >> 31
	return int(w >> (64 - wordShardBits)), w >> (64 - wordShardBits - fingerprintBits) & (1<<fingerprintBits - 1)
}

// slotFingerprint is a filled slot's fingerprint.
func slotFingerprint(s uint64) uint64 { return s >> 42 }

// home is the slot a fingerprint's run starts at: its place in the
// shard's size, so that slots in home order are in fingerprint order.
func (t *wordTable) home(fp uint64) int { return int(fp * uint64(len(t.slots)) >> fingerprintBits) }

// distance is how far slot i lies past the home of the fingerprint fp.
func (t *wordTable) distance(fp uint64, i int) int {
	d := i - t.home(fp)
	if d < 0 {
		d += len(t.slots)
	}
	return d
}

// add files a photo's points (the photo at place): words, perPoint a
// point, point by point.
func (x *wordIndex) add(place uint32, words []uint64, perPoint int) {
	if x.shards == nil {
		x.shards = make([]wordTable, wordShards)
	}
	for i, w := range words {
		shard, fp := wordHash(w)
		t := &x.shards[shard]
		if 20*(t.used+1) > maxWordLoad*len(t.slots) {
			t.grow()
		}
		if t.insert(fp<<42 | uint64(i/perPoint)<<32 | (uint64(place) + 1)) {
			x.used++
		}
	}
}

// insert files a slot, unless maxWordFiled slots already have its
// fingerprint, and says whether it did. The slot takes the place of the
// first one homed after its own, which moves on in turn (Robin Hood).
func (t *wordTable) insert(s uint64) bool {
	fp := slotFingerprint(s)
	n := len(t.slots)
	filed, moved := 0, false
	for i, d := t.home(fp), 0; ; d++ {
		o := t.slots[i]
		if o == 0 {
			t.slots[i] = s
			t.used++
			return true
		}
		ofp := slotFingerprint(o)
		if !moved && ofp == fp {
			// Before anything moves, the slots of s's home are all
			// ahead of the first homed after it.
			if filed++; filed >= maxWordFiled {
				return false
			}
		}
		if od := t.distance(ofp, i); od < d {
			t.slots[i], s, fp, d, moved = s, o, ofp, od, true
		}
		if i++; i == n {
			i = 0
		}
	}
}

// grow makes the shard a quarter larger and files its slots again, each
// by its fingerprint.
func (t *wordTable) grow() {
	old := t.slots
	t.slots, t.used = make([]uint64, max(minWordSlots, len(old)+len(old)/4)), 0
	for _, s := range old {
		if s != 0 {
			t.insert(s)
		}
	}
}

// lookup appends to hits each stored point filed under w, with the query
// point q: hit(place, q, point).
func (x *wordIndex) lookup(w uint64, q int, hits []uint64) []uint64 {
	if x.used == 0 {
		return hits
	}
	shard, fp := wordHash(w)
	return x.shards[shard].scan(fp, q, hits)
}

// scan appends to hits each point of the shard filed under the
// fingerprint fp, with the query point q.
func (t *wordTable) scan(fp uint64, q int, hits []uint64) []uint64 {
	n := len(t.slots)
	if n == 0 {
		return hits
	}
	for i, d := t.home(fp), 0; ; d++ {
		s := t.slots[i]
		if s == 0 {
			return hits
		}
		switch sfp := slotFingerprint(s); {
		case sfp == fp:
			hits = append(hits, hit(uint32(s)-1, q, int(s>>32&(MaxPoints-1))))
		case t.distance(sfp, i) < d:
			return hits // homed after fp's: past its run
		}
		if i++; i == n {
			i = 0
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
