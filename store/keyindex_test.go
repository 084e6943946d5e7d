package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// radixSort orders by the bytes asked for, keeps every value, and leaves
// values equal in those bytes in the order they came (LSD radix sorting
// is stable), with buffers reused, too small or aliasing neither.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tmp := []uint64(nil)
	for _, tc := range []struct {
		n, from, to int
	}{{0, 2, 5}, {1, 2, 5}, {7, 0, 8}, {1000, 2, 4}, {5000, 2, 7}, {300, 3, 3}} {
		a := make([]uint64, tc.n)
		for i := range a {
			a[i] = rng.Uint64()
			if i%3 == 0 && i > 0 {
				a[i] = a[i-1]&^0xFFFF | uint64(i) // equal in the high bytes, not in the low
			}
		}
		mask := uint64(0)
		for b := tc.from; b < tc.to; b++ {
			mask |= 0xFF << (8 * b)
		}
		want := slices.Clone(a)
		slices.SortStableFunc(want, func(x, y uint64) int {
			switch {
			case x&mask < y&mask:
				return -1
			case x&mask > y&mask:
				return 1
			}
			return 0
		})
		var got []uint64
		got, tmp = radixSort(slices.Clone(a), tmp, tc.from, tc.to)
		if !slices.Equal(got, want) {
			t.Errorf("n %d, bytes %d-%d: not sorted as a stable sort", tc.n, tc.from, tc.to)
		}
		if len(got) > 0 && len(tmp) > 0 && &got[0] == &tmp[0] {
			t.Errorf("n %d: sorted and spare share an array", tc.n)
		}
	}
}
