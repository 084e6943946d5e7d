package keypoint

import (
	"math"
	"math/bits"
	"slices"
)

const (
	// maxBits is the most descriptor bits of 256 in which two points
	// may differ and still be paired.
	maxBits = 64
	// nearBits is how much further than its nearest a query point's
	// second-nearest stored point may be and still be paired too: in
	// repeated structure (two eyes, a row of windows) the nearest is
	// often the wrong one.
	nearBits = 8
	// tolerance is how far, in pixels of the Side frame, a transformed
	// query point may land from its stored point and count.
	tolerance = 4
	// hypotheses are drawn from pairs of the best-paired this many.
	hypotheses = 32
	// minSpan is the least distance, in pixels, between the two points a
	// transform is computed from: nearer ones fix its turn and scale
	// too loosely.
	minSpan = 10
)

// The transforms a copy can have undergone: scaled by 0.5 to 2 (a crop
// scaled up, a screenshot's photo scaled down) and turned by at most 20°
// (issue 4's rotations go to 10°). Looser limits let look-alikes line up
// by chance.
const (
	minScale = 0.5
	maxScale = 2
	maxTurn  = 20 * math.Pi / 180
)

// pair is a query point paired with a stored one.
type pair struct {
	s, q   int // indices
	bits   int // descriptor distance
	sx, sy float32
	qx, qy float32
}

// Match counts the query's points that one similarity transform maps onto
// stored points with like descriptors, each stored and query point counted
// once: a copy's corners line up by the dozen, a different picture's a few
// at most. Mirror images are the caller's: match the mirrored picture's
// points too.
func Match(stored, query []Point) int {
	ps := pairUp(stored, query)
	slices.SortStableFunc(ps, func(a, b pair) int { return a.bits - b.bits })
	return lineUp(ps, len(stored), len(query))
}

// A Pairing is a stored point and a query point taken for the same corner
// (their words agree, say), by their indices and their positions in
// pixels of the Side frame.
type Pairing struct {
	Stored, Query  int
	SX, SY, QX, QY float32
}

// LineUp counts the pairings that one similarity transform, within the
// limits Match allows, maps onto their stored points, each stored and
// query point counted once: what Match counts, for pairings found some
// other way. Transforms are drawn from pairs of the first 32 pairings:
// put the likeliest first.
func LineUp(ps []Pairing) int {
	in := make([]pair, len(ps))
	ns, nq := 0, 0
	for i, p := range ps {
		if p.Stored < 0 || p.Query < 0 {
			return 0
		}
		in[i] = pair{s: p.Stored, q: p.Query, sx: p.SX, sy: p.SY, qx: p.QX, qy: p.QY}
		ns, nq = max(ns, p.Stored+1), max(nq, p.Query+1)
	}
	return lineUp(in, ns, nq)
}

// lineUp counts the pairs, ordered likeliest first, that one transform
// maps onto their stored points; stored and query indices are below ns
// and nq.
func lineUp(ps []pair, ns, nq int) int {
	if len(ps) < 2 {
		return len(ps)
	}
	usedS := make([]int32, ns)
	usedQ := make([]int32, nq)
	stamp := int32(0)
	best := 1
	top := ps[:min(len(ps), hypotheses)]
	for i := range top {
		for j := i + 1; j < len(top); j++ {
			a, b := top[i], top[j]
			if a.s == b.s || a.q == b.q {
				continue
			}
			// The transform z_s = t·z_q + o, in complex numbers.
			dqx, dqy := b.qx-a.qx, b.qy-a.qy
			dsx, dsy := b.sx-a.sx, b.sy-a.sy
			n := dqx*dqx + dqy*dqy
			if n < minSpan*minSpan {
				continue
			}
			tr, ti := (dsx*dqx+dsy*dqy)/n, (dsy*dqx-dsx*dqy)/n
			scale := math.Hypot(float64(tr), float64(ti))
			if scale < minScale || scale > maxScale || math.Abs(math.Atan2(float64(ti), float64(tr))) > maxTurn {
				continue
			}
			or, oi := a.sx-(tr*a.qx-ti*a.qy), a.sy-(tr*a.qy+ti*a.qx)
			stamp++
			count := 0
			for _, p := range ps {
				if usedS[p.s] == stamp || usedQ[p.q] == stamp {
					continue
				}
				ex, ey := tr*p.qx-ti*p.qy+or-p.sx, tr*p.qy+ti*p.qx+oi-p.sy
				if ex*ex+ey*ey <= tolerance*tolerance {
					usedS[p.s], usedQ[p.q] = stamp, stamp
					count++
				}
			}
			best = max(best, count)
		}
	}
	return best
}

// pairUp pairs each query point with its nearest stored point by
// descriptor, and with its second-nearest when nearly as near.
func pairUp(stored, query []Point) []pair {
	var ps []pair
	for qi := range query {
		q := &query[qi].Bits
		d1, d2, s1, s2 := 257, 257, -1, -1
		for si := range stored {
			s := &stored[si].Bits
			d := bits.OnesCount64(s[0]^q[0]) + bits.OnesCount64(s[1]^q[1]) + bits.OnesCount64(s[2]^q[2]) + bits.OnesCount64(s[3]^q[3])
			switch {
			case d < d1:
				d2, s2, d1, s1 = d1, s1, d, si
			case d < d2:
				d2, s2 = d, si
			}
		}
		if s1 < 0 || d1 > maxBits {
			continue
		}
		ps = append(ps, pairOf(stored, query, s1, qi, d1))
		if s2 >= 0 && d2 <= maxBits && d2-d1 <= nearBits {
			ps = append(ps, pairOf(stored, query, s2, qi, d2))
		}
	}
	return ps
}

func pairOf(stored, query []Point, s, q, d int) pair {
	return pair{s: s, q: q, bits: d, sx: stored[s].X, sy: stored[s].Y, qx: query[q].X, qy: query[q].Y}
}
