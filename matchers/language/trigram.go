package language

import (
	"slices"
	"sync"
	"unicode"
)

// This file runs whatlang's method — rank the text's trigrams by count,
// then compare ranks with each language's 300 commonest trigrams — on
// whatlanggo's profiles (profiles_gen.go), with the same results but
// about thirty times faster (BenchmarkDetect): trigrams are packed into integers rather than
// strings, counted in a reused table, and compared through an index from
// trigram to the languages whose profile holds it, so that a text costs
// one lookup per distinct trigram instead of one per trigram per language.

const (
	maxTrigramDistance = 300
	maxTotalDistance   = 90000
)

// trigram packs three runes, 21 bits each, so that integer order is the
// order of their strings.
type trigram uint64

func pack(a, b, c rune) trigram { return trigram(a)<<42 | trigram(b)<<21 | trigram(c) }

type posting struct {
	lang int32 // index into scriptIndex.langs
	rank int32 // rank of the trigram in that language's profile
}

type scriptIndex struct {
	langs []string // ISO 639-1 codes
	total []int32  // per language, the distance of a text sharing no trigram
	// An open-addressing table from trigram to its run of postings in flat:
	// a few compact arrays stay in cache across texts, where a Go map of
	// slices scatters them.
	keys []trigram // 0: empty slot
	from []int32
	to   []int32
	flat []posting
	mask uint64
}

func slot(k trigram, mask uint64) uint64 { return (uint64(k) * 0x9E3779B97F4A7C15 >> 20) & mask }

// postings returns the postings of k, or nil.
func (ix *scriptIndex) postings(k trigram) []posting {
	for i := slot(k, ix.mask); ; i = (i + 1) & ix.mask {
		switch ix.keys[i] {
		case k:
			return ix.flat[ix.from[i]:ix.to[i]]
		case 0:
			return nil
		}
	}
}

var indexes = sync.OnceValue(buildIndexes)

func buildIndexes() map[string]*scriptIndex {
	out := map[string]*scriptIndex{}
	for script, profiles := range trigramProfiles {
		ix := &scriptIndex{}
		byKey := map[trigram][]posting{}
		codes := make([]string, 0, len(profiles))
		for code := range profiles {
			if candidates[code] { // the others can never be the answer
				codes = append(codes, code)
			}
		}
		slices.Sort(codes)
		for li, code := range codes {
			ix.langs = append(ix.langs, code)
			ix.total = append(ix.total, int32(maxTrigramDistance*len(profiles[code])))
			for rank, t := range profiles[code] {
				r := []rune(t)
				if len(r) != 3 {
					continue
				}
				k := pack(r[0], r[1], r[2])
				byKey[k] = append(byKey[k], posting{int32(li), int32(rank)})
			}
		}
		size := 1024
		for size < 2*len(byKey) {
			size *= 2
		}
		ix.keys, ix.from, ix.to, ix.mask = make([]trigram, size), make([]int32, size), make([]int32, size), uint64(size-1)
		keys := make([]trigram, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		slices.Sort(keys) // a layout independent of map order
		for _, k := range keys {
			i := slot(k, ix.mask)
			for ix.keys[i] != 0 {
				i = (i + 1) & ix.mask
			}
			ix.keys[i], ix.from[i] = k, int32(len(ix.flat))
			ix.flat = append(ix.flat, byKey[k]...)
			ix.to[i] = int32(len(ix.flat))
		}
		out[script] = ix
	}
	return out
}

// counter is the per-call scratch space, reused through a pool.
type counter struct {
	table  countTable
	starts []int32
	digits []int32
	spare  []rankedTrigram
	ranked []rankedTrigram
	dist   []int32
}

// rankBuckets is how many values of one rune the ranking tells apart by
// counting; the few trigrams beyond them are ordered by insertion.
const rankBuckets = 1024

// rank lists the counted trigrams in whatlanggo's order, in c.ranked:
// most frequent first; among equals, the greater trigram first
// (whatlanggo sorts ascending and reads the list backwards). Stable
// counting sorts by second rune, first rune and count leave out of order
// only trigrams of one count whose first two runes share buckets, which
// insertion settles. For texts of a few hundred characters that took a
// quarter off the language matcher's time, against sorting every
// trigram (docs/benchmarks.md).
func (c *counter) rank() {
	t := &c.table
	c.ranked = c.ranked[:0]
	maxCount := int32(0)
	for _, i := range t.used {
		c.ranked = append(c.ranked, rankedTrigram{t.keys[i], t.counts[i]})
		maxCount = max(maxCount, t.counts[i])
	}
	c.spare = append(c.spare[:0], c.ranked...)
	c.byRune(c.spare, c.ranked, 21) // second rune
	c.byRune(c.ranked, c.spare, 42) // first rune
	c.byCount(c.spare, c.ranked, maxCount)
	c.ranked, c.spare = c.spare, c.ranked
	for i := 1; i < len(c.ranked); i++ {
		rt := c.ranked[i]
		j := i
		for ; j > 0 && c.ranked[j-1].count == rt.count && c.ranked[j-1].t < rt.t; j-- {
			c.ranked[j] = c.ranked[j-1]
		}
		c.ranked[j] = rt
	}
}

// byRune orders src into dst stably by the rune at bit shift, greatest
// first. Buckets never decrease with the rune: the space (every stop
// character became one) and anything below the lowest letter share
// bucket 0, runes far above it the last.
func (c *counter) byRune(dst, src []rankedTrigram, shift uint) {
	lo, hi := rune(0x10FFFF), rune(0)
	for _, rt := range src {
		if r := rune(rt.t>>shift) & 0x1FFFFF; r != ' ' {
			lo, hi = min(lo, r), max(hi, r)
		}
	}
	buckets := min(max(hi-lo+2, 1), rankBuckets)
	c.digits = c.digits[:0]
	for _, rt := range src {
		r := rune(rt.t>>shift) & 0x1FFFFF
		c.digits = append(c.digits, buckets-1-min(max(r-lo+1, 0), buckets-1))
	}
	c.scatter(dst, src, int(buckets))
}

// byCount orders src into dst stably by count, highest first.
func (c *counter) byCount(dst, src []rankedTrigram, maxCount int32) {
	c.digits = c.digits[:0]
	for _, rt := range src {
		c.digits = append(c.digits, maxCount-rt.count)
	}
	c.scatter(dst, src, int(maxCount)+1)
}

// scatter is a stable counting sort of src into dst by c.digits, each in
// [0, buckets).
func (c *counter) scatter(dst, src []rankedTrigram, buckets int) {
	c.starts = append(c.starts[:0], make([]int32, buckets+1)...)
	for _, d := range c.digits {
		c.starts[d+1]++
	}
	for b := 1; b <= buckets; b++ {
		c.starts[b] += c.starts[b-1]
	}
	for i, d := range c.digits {
		dst[c.starts[d]] = src[i]
		c.starts[d]++
	}
}

// countTable counts trigrams in open addressing; far cheaper than a Go map
// for a few hundred small keys, and reset by clearing only the used slots.
type countTable struct {
	keys   []trigram // 0 marks an empty slot (no trigram packs to 0: it has a non-space)
	counts []int32
	used   []int32 // slots in use, in order of first use
	mask   uint64
}

func (t *countTable) reset(capacity int) {
	size := 1024
	for size < 2*capacity {
		size *= 2
	}
	if len(t.keys) < size { // grow only: reused tables keep their size
		t.keys, t.counts, t.mask = make([]trigram, size), make([]int32, size), uint64(size-1)
	} else {
		for _, i := range t.used {
			t.keys[i], t.counts[i] = 0, 0
		}
	}
	t.used = t.used[:0]
}

func (t *countTable) add(k trigram) {
	i := (uint64(k) * 0x9E3779B97F4A7C15 >> 20) & t.mask
	for {
		switch t.keys[i] {
		case k:
			t.counts[i]++
			return
		case 0:
			t.keys[i], t.counts[i] = k, 1
			t.used = append(t.used, int32(i))
			return
		}
		i = (i + 1) & t.mask
	}
}

type rankedTrigram struct {
	t     trigram
	count int32
}

var counters = sync.Pool{New: func() any { return &counter{} }}

func isStopChar(r rune) bool {
	if r < 0x80 {
		// ASCII: white space, digits, punctuation and symbols; letters and
		// control characters are not.
		return r >= '\t' && r <= '\r' || r >= ' ' && r < 0x7F && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}
	return unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r)
}

// preferRatio gives an expected language the benefit of the doubt: it is
// chosen when its score (maxTotalDistance less its distance) is at least
// this share of the best language's. Close languages (Dutch and Afrikaans,
// Czech and Slovak) are hard to tell apart in a sentence or two, and a
// false LANGUAGE_MISMATCH costs an honest user a review.
const preferRatio = 0.75

// detectTrigrams returns the language (ISO 639-1) among allowed whose
// profile for script is nearest to text, and whatlang's confidence in it
// (0-1); "" when none is allowed or nothing matched. When prefer is not
// nil, a preferred language close enough to the best (preferRatio) wins.
func detectTrigrams(text, script string, allowed, prefer func(string) bool) (string, float64) {
	ix := indexes()[script]
	if ix == nil {
		return "", 0
	}
	c := counters.Get().(*counter)
	defer counters.Put(c)
	c.table.reset(len(text) + 1)

	// Count trigrams as whatlanggo does: stop characters become spaces,
	// lower case, one space after the text, and no trigram whose middle is
	// a space next to another space.
	r1, r2 := ' ', rune(-1)
	for _, r := range text {
		if isStopChar(r) {
			r = ' '
		}
		r = unicode.ToLower(r)
		if r2 < 0 {
			r2 = r
			continue
		}
		if !(r2 == ' ' && (r1 == ' ' || r == ' ')) {
			c.table.add(pack(r1, r2, r))
		}
		r1, r2 = r2, r
	}
	if r2 >= 0 && r2 != ' ' {
		c.table.add(pack(r1, r2, ' '))
	}

	c.rank()

	c.dist = append(c.dist[:0], ix.total...)
	for pos, rt := range c.ranked {
		for _, p := range ix.postings(rt.t) {
			d := int32(pos) - p.rank
			if d < 0 {
				d = -d
			}
			c.dist[p.lang] -= maxTrigramDistance - d
		}
	}

	best, second := -1, -1
	for li := range ix.langs {
		if !allowed(ix.langs[li]) {
			continue
		}
		switch {
		case best < 0 || c.dist[li] < c.dist[best]:
			best, second = li, best
		case second < 0 || c.dist[li] < c.dist[second]:
			second = li
		}
	}
	if best < 0 {
		return "", 0
	}
	if prefer != nil && !prefer(ix.langs[best]) {
		pl := -1
		for li := range ix.langs {
			if allowed(ix.langs[li]) && prefer(ix.langs[li]) && (pl < 0 || c.dist[li] < c.dist[pl]) {
				pl = li
			}
		}
		if pl >= 0 && float64(maxTotalDistance-c.dist[pl]) >= preferRatio*float64(maxTotalDistance-c.dist[best]) {
			return ix.langs[pl], confidence(int(c.dist[pl]), int(c.dist[best]), len(c.ranked))
		}
	}
	if second < 0 {
		return ix.langs[best], 1
	}
	return ix.langs[best], confidence(int(c.dist[best]), int(c.dist[second]), len(c.ranked))
}

// confidence is whatlang's: how far the best language is ahead of the
// second, against a hyperbola fitted by its authors.
func confidence(dist1, dist2, trigrams int) float64 {
	score1, score2 := maxTotalDistance-dist1, maxTotalDistance-dist2
	switch {
	case score1 <= 0:
		return 0
	case score2 <= 0:
		return min(float64(score1)/500, 1)
	}
	rate := float64(score1-score2) / float64(score2)
	confident := 12/float64(trigrams) + 0.05
	if rate > confident {
		return 1
	}
	return rate / confident
}
