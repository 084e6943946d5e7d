package keypoint

import (
	"image"
	"math"
	"math/bits"
	"slices"
)

// candidatePairs draws n pairs of offsets (x1, y1, x2, y2) within
// patchRadius of a corner, denser near it (each offset the mean of two
// uniform draws, spread about as BRIEF's Gaussian pattern), from a fixed
// generator: splitmix64, fixed by its definition, unlike a library's.
func candidatePairs(n int) [][4]int8 {
	state := uint64(0x9e3779b97f4a7c15)
	next := func() uint64 {
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		return z ^ z>>31
	}
	offset := func() int8 {
		s := int(next()%(2*patchRadius+1)) + int(next()%(2*patchRadius+1)) - 2*patchRadius
		return int8(math.Round(float64(s) / 2))
	}
	out := make([][4]int8, 0, n)
	for len(out) < n {
		p := [4]int8{offset(), offset(), offset(), offset()}
		if p[0] != p[2] || p[1] != p[3] {
			out = append(out, p)
		}
	}
	return out
}

// learnPairs chooses the descriptor's 256 pairs among cands, as ORB chose
// its pattern: over the corners of training pictures, pairs whose bit is
// set for near half of the corners first, each kept only if its bit's
// correlation with every pair kept before is at most a bound, the bound
// raised in steps of 0.05 from 0.1 until 256 are kept. Bits drawn at
// random are strongly correlated (neighbouring comparisons on an edge agree):
// over Wesnoth's portraits only 35 of 256 were within 0.3 of each other, and
// words cut from such bits collide for every pair of pictures
// (docs/photo-scale.md). It returns the pairs and the bound reached.
func learnPairs(imgs []image.Image, cands [][4]int8) (pattern [256][4]int8, bound float64) {
	// cols[j] holds candidate j's bit for every training corner.
	cols := make([][]uint64, len(cands))
	n := 0
	for _, img := range imgs {
		eachLevel(img, levels[:], func(_ float64, bright sums, cs []corner) {
			for _, c := range cs {
				if n%64 == 0 {
					for j := range cols {
						cols[j] = append(cols[j], 0)
					}
				}
				for j, p := range cands {
					a := bright.box(c.x+int(p[0]), c.y+int(p[1]), smooth)
					b := bright.box(c.x+int(p[2]), c.y+int(p[3]), smooth)
					if a < b {
						cols[j][n/64] |= 1 << (n % 64)
					}
				}
				n++
			}
		})
	}
	if n == 0 {
		return pattern, math.NaN()
	}
	ones := func(c []uint64) int {
		k := 0
		for _, w := range c {
			k += bits.OnesCount64(w)
		}
		return k
	}
	mean := make([]float64, len(cands))
	for j := range cands {
		mean[j] = float64(ones(cols[j])) / float64(n)
	}
	order := make([]int, len(cands))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int {
		da, db := math.Abs(mean[a]-0.5), math.Abs(mean[b]-0.5)
		switch {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	corr := func(a, b int) float64 {
		both := 0
		for k, w := range cols[a] {
			both += bits.OnesCount64(w & cols[b][k])
		}
		va, vb := mean[a]*(1-mean[a]), mean[b]*(1-mean[b])
		if va == 0 || vb == 0 {
			return 1
		}
		return (float64(both)/float64(n) - mean[a]*mean[b]) / math.Sqrt(va*vb)
	}
	for bound = 0.1; ; bound += 0.05 {
		var kept []int
		for _, j := range order {
			ok := mean[j] > 0 && mean[j] < 1
			for _, k := range kept {
				if !ok {
					break
				}
				ok = math.Abs(corr(j, k)) <= bound
			}
			if ok {
				kept = append(kept, j)
				if len(kept) == len(pattern) {
					for i, k := range kept {
						pattern[i] = cands[k]
					}
					return pattern, bound
				}
			}
		}
		if bound >= 1 {
			return pattern, math.NaN() // not enough distinct pairs
		}
	}
}
