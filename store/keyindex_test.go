package store

import (
	"context"
	"database/sql"
	"errors"
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

// read files photos a batch at a time: every photo of a read longer than
// readBatch is held once, found by its words, with its point data apart
// from the column's bytes; a read that fails part way keeps its cursor,
// and the next one adds the rest without holding any photo twice.
func TestIndexReadsInBatches(t *testing.T) {
	const n = 2*readBatch + 500
	rng := rand.New(rand.NewPCG(3, 3))
	words, columns := make([][]uint64, n), make([][]byte, n)
	failAt := -1
	read := func(ctx context.Context, _ *sql.DB, cursor string, add addKeysFunc) (string, error) {
		for i := range n {
			if i == failAt {
				return "", errors.New("connection lost")
			}
			columns[i] = encodePoints(words[i], 2, []byte{byte(i), byte(i >> 8), 0, 0})
			r := keysRow{id: int64(i + 1), keys: encodeKeys([]uint64{uint64(i)}), version: 1, points: columns[i]}
			if err := add(r); err != nil {
				return "", err
			}
		}
		return "end", nil
	}
	for i := range words {
		words[i] = []uint64{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
	}
	var x keyIndex
	failAt = readBatch + 10
	if _, err := x.read(context.Background(), nil, read); err == nil {
		t.Fatal("a failed read: no error")
	}
	if x.cursor != "" || len(x.photos) != readBatch {
		t.Fatalf("after a failed read: cursor %q, %d photos held", x.cursor, len(x.photos))
	}
	failAt = -1
	if _, err := x.read(context.Background(), nil, read); err != nil {
		t.Fatal(err)
	}
	if x.cursor != "end" || len(x.photos) != n || len(x.places) != n {
		t.Fatalf("cursor %q, %d photos held, %d places", x.cursor, len(x.photos), len(x.places))
	}
	for _, i := range []int{0, readBatch - 1, readBatch, n - 1} {
		place := x.places[int64(i+1)]
		p := x.photos[place]
		if len(p.pointData) != 4 || p.pointData[0] != byte(i) || &p.pointData[0] == &columns[i][len(columns[i])-4] {
			t.Errorf("photo %d: point data %v, in the column's bytes: %t", i+1, p.pointData, &p.pointData[0] == &columns[i][len(columns[i])-4])
		}
		if hits := x.words.lookup(words[i][3], 0, nil); !slices.Contains(hits, hit(place, 0, 1)) {
			t.Errorf("photo %d: not found by its last word: %x", i+1, hits)
		}
	}
}
