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
// takes less"):
//
//   - The fingerprint is 26 bits of the word's hash and the shard another
//     8, so words agree by chance once in 2^34 pairs. A slot's home is
//     computed from its fingerprint alone (its place in the shard's
//     size), so a shard grows without the words, which are not kept.
//   - Slots are kept in the order of their fingerprints, each at its home
//     or after (an ordered hash table with linear probing): a lookup stops
//     at the first slot with a greater fingerprint, so a shard may be
//     filled to maxWordLoad and still read about one cache line a word,
//     and grows in one pass. Shards grow by a quarter at a time, not
//     double, each on its own: from 68% to 85% full, 9.4 to 11.8 bytes a
//     word (10-byte slots to 75% full then doubled, 13 to 27 bytes a
//     word, as first built).
//
// In a large index each word's home is a cache miss, so lookups and
// filing read the homes of readGroup words before scanning or filing
// any of them (docs/photo-store.md, "Reading words in groups"), and
// shards of 2 MB or more are kept on huge pages (slots.go).
type wordIndex struct {
	shards []wordTable // by the hash's top wordShardBits; nil until a word is filed
	used   int         // points filed under a word, all shards
	// readAhead sums the slots add reads ahead, of no use but to keep
	// those reads from being compiled away.
	readAhead uint64
}

// wordTable is one shard. Runs never wrap: past the last home there are
// wordSlack slots more for the last runs to end in.
type wordTable struct {
	slots []uint64 // slot(fingerprint, point, place); 0: empty
	homes int      // len(slots) - wordSlack
	used  int
	mem   slotMemory // the slots'
}

const (
	// wordShardBits are the hash's bits that pick a shard.
	wordShardBits = 8
	wordShards    = 1 << wordShardBits
	// A slot is a fingerprint, a point's place among its photo's points
	// and its photo's place plus one, from the top bit down.
	placeBits = 28
	pointBits = 10
	// fingerprintBits are the hash's bits a slot keeps: its home in a
	// shard of any size up to 1<<fingerprintBits homes, and the rest of
	// what tells words apart.
	fingerprintBits = 64 - pointBits - placeBits
	// maxPlaces is the most photos one index holds.
	maxPlaces = 1<<placeBits - 1
	// maxWordLoad is the share of a shard's homes filled before it grows,
	// in parts of 20: 85%.
	maxWordLoad = 17
	// minWordHomes is a shard's first size.
	minWordHomes = 16
	// maxWordFiled is how many points a word is filed under at most.
	// A word that common (a plain patch's descriptor, say) selects
	// nothing, and its run of slots would slow every lookup that reads
	// past it.
	maxWordFiled = 256
	// wordSlack is how many slots follow a shard's last home: room for
	// the last runs, a common word's included.
	wordSlack = maxWordFiled + 64
)

// A point's place among its photo's fits its bits of a slot.
const _ = uint(1<<pointBits - MaxPoints)

// slot packs a point filed under a word of fingerprint fp.
func slot(fp uint64, point int, place uint32) uint64 {
	return fp<<(pointBits+placeBits) | uint64(point)<<placeBits | uint64(place+1)
}

// slotPoint and slotPlace are a filled slot's point and photo place.
func slotPoint(s uint64) int    { return int(s >> placeBits & (1<<pointBits - 1)) }
func slotPlace(s uint64) uint32 { return uint32(s&(1<<placeBits-1)) - 1 }

// slotFingerprint is a filled slot's fingerprint.
func slotFingerprint(s uint64) uint64 { return s >> (pointBits + placeBits) }

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

// homeIn is the slot a fingerprint's run starts at among homes: its place
// in their number, so that homes are in the order of fingerprints.
func homeIn(fp uint64, homes int) int { return int(fp * uint64(homes) >> fingerprintBits) }

// add files a photo's points (the photo at place): words, perPoint a
// point, point by point.
func (x *wordIndex) add(place uint32, words []uint64, perPoint int) {
	if x.shards == nil {
		x.shards = make([]wordTable, wordShards)
	}
	// As in lookupPoints, the homes of readGroup words are read before
	// any is filed, their cache misses under way at once.
	var group [readGroup]struct {
		shard int
		slot  uint64
		home  uint64 // the slot at its home, read ahead
	}
	for g := 0; g < len(words); g += readGroup {
		n := min(readGroup, len(words)-g)
		for i := range n {
			shard, fp := wordHash(words[g+i])
			group[i].shard, group[i].slot = shard, slot(fp, (g+i)/perPoint, place)
			_, group[i].home = x.shards[shard].home(fp)
		}
		for _, f := range group[:n] {
			x.readAhead += f.home
			if x.shards[f.shard].file(f.slot) {
				x.used++
			}
		}
	}
}

// file inserts a slot, growing the shard first when it is maxWordLoad
// full or the slot's run has no room, and says whether it was filed.
func (t *wordTable) file(s uint64) bool {
	if 20*(t.used+1) > maxWordLoad*t.homes {
		t.grow()
	}
	for {
		if filed, room := t.insert(s); room {
			return filed
		}
		t.grow()
	}
}

// insert files a slot after those of its fingerprint, unless
// maxWordFiled slots already have it (filed false), moving the slots of
// greater fingerprints after it one on. room is false when they would
// move past the shard's end: it must grow.
func (t *wordTable) insert(s uint64) (filed, room bool) {
	fp := slotFingerprint(s)
	i, same := homeIn(fp, t.homes), 0
	for ; i < len(t.slots) && t.slots[i] != 0; i++ {
		o := slotFingerprint(t.slots[i])
		if o > fp {
			break
		}
		if o == fp {
			if same++; same >= maxWordFiled {
				return false, true
			}
		}
	}
	end := i // the first empty slot from i
	for end < len(t.slots) && t.slots[end] != 0 {
		end++
	}
	if end == len(t.slots) {
		return false, false
	}
	copy(t.slots[i+1:end+1], t.slots[i:end])
	t.slots[i] = s
	t.used++
	return true, true
}

// grow makes the shard a quarter larger and files its slots again, each
// by its fingerprint: in their order, each in the first free slot from
// its new home on, in one pass.
func (t *wordTable) grow() {
	for homes := max(minWordHomes, t.homes+t.homes/4); ; homes += homes / 4 {
		slots, mem := newSlots(homes + wordSlack)
		if refile(t.slots, slots, homes) {
			t.mem.release()
			t.slots, t.homes, t.mem = slots, homes, mem
			return
		}
		mem.release()
	}
}

// refile files old's slots, in the order of their fingerprints, in
// slots, a table of homes homes, empty; it says false when the last runs
// need more than wordSlack slots past the last home.
func refile(old, slots []uint64, homes int) bool {
	next := 0 // the first free slot after those filed
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := max(homeIn(slotFingerprint(s), homes), next)
		if i == len(slots) {
			return false
		}
		slots[i], next = s, i+1
	}
	return true
}

// release gives the shards' mapped memory back to the system and empties
// the index.
func (x *wordIndex) release() {
	for i := range x.shards {
		x.shards[i].mem.release()
	}
	*x = wordIndex{}
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

// wordProbe is a query word on its way through lookupPoints.
type wordProbe struct {
	first uint64 // the slot at the word's home, read ahead
	fp    uint32 // the word's fingerprint
	home  int32  // its home in its shard
	q     uint16 // the query point it is a word of
	shard uint8
}

// readGroup is how many words lookupPoints reads the homes of at once.
// Among 100,000 photos with detail (docs/photo-store.md, "Reading words
// in groups"), groups of 16 and 32 took 40% of the time of one word at a
// time, 8 took 43%, 64 45%.
const readGroup = 16

// lookupPoints appends to hits each stored point filed under a word of
// points (each query point's words), as lookup does word by word; probes
// is its scratch. In a large index a word's home is a cache miss, and a
// scan, whose loop ends on what it reads, waits for it before the next
// word's. So the homes of readGroup words are read first, in a loop of
// their own that the processor runs ahead through, their misses under
// way at once; then the group's runs are scanned, their first slots in
// the cache. (Reading each home readGroup words ahead inside the scans'
// loop was much slower: the processor did not run that far ahead.)
func (x *wordIndex) lookupPoints(points [][]uint64, hits []uint64, probes *[]wordProbe) []uint64 {
	if x.used == 0 {
		return hits
	}
	ps := (*probes)[:0]
	for q, words := range points {
		for _, w := range words {
			shard, fp := wordHash(w)
			ps = append(ps, wordProbe{fp: uint32(fp), q: uint16(q), shard: uint8(shard)})
		}
	}
	for g := 0; g < len(ps); g += readGroup {
		group := ps[g:min(g+readGroup, len(ps))]
		for i := range group {
			p := &group[i]
			home, first := x.shards[p.shard].home(uint64(p.fp))
			p.home, p.first = int32(home), first
		}
		for i := range group {
			p := &group[i]
			if p.first == 0 || slotFingerprint(p.first) > uint64(p.fp) {
				continue // nothing filed under the word: its home is empty or past it
			}
			hits = x.shards[p.shard].scanFrom(int(p.home), uint64(p.fp), int(p.q), hits)
		}
	}
	*probes = ps[:0]
	return hits
}

// home is fp's home in the shard and the slot there (0 in a shard
// without slots yet).
func (t *wordTable) home(fp uint64) (home int, s uint64) {
	if t.homes == 0 {
		return 0, 0
	}
	home = homeIn(fp, t.homes)
	return home, t.slots[home]
}

// scan appends to hits each point of the shard filed under the
// fingerprint fp, with the query point q.
func (t *wordTable) scan(fp uint64, q int, hits []uint64) []uint64 {
	return t.scanFrom(homeIn(fp, t.homes), fp, q, hits)
}

// scanFrom is scan from fp's home.
func (t *wordTable) scanFrom(home int, fp uint64, q int, hits []uint64) []uint64 {
	slots := t.slots
	for i := home; i < len(slots); i++ {
		s := slots[i]
		sfp := slotFingerprint(s)
		if s == 0 || sfp > fp {
			break
		}
		if sfp == fp {
			hits = append(hits, hit(slotPlace(s), q, slotPoint(s)))
		}
	}
	return hits
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
	var probes []wordProbe
	for set, points := range q.Sets {
		hits = x.words.lookupPoints(points, hits[:0], &probes)
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
