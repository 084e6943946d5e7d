package main

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/idcheck/idcheck/store"
)

// recombine keeps the signature of one pooled picture, draws each corner
// (its words with its point data) whole from some pooled picture, and
// gives the made-up picture keys, an account and a SHA-256 of its own.
func TestRecombine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	var pool []store.Photo
	corner := map[string][]uint64{} // point data: the words filed with it
	for i := range 4 {
		p := store.Photo{AccountID: "pooled", Signature: []byte{byte(i)}, Keys: []uint64{uint64(i)}, WordsPerPoint: 3}
		for k := range 10 {
			ws := []uint64{rng.Uint64(), rng.Uint64(), rng.Uint64()}
			p.Words = append(p.Words, ws...)
			d := binary.BigEndian.AppendUint16(nil, uint16(100*i+k))
			p.PointData = append(p.PointData, d...)
			corner[string(d)] = ws
		}
		pool = append(pool, p)
	}
	sources := map[int]bool{}
	for i := 10; i < 30; i++ {
		p := recombine(pool, i, rng)
		src := pool[i%len(pool)]
		if !slices.Equal(p.Signature, src.Signature) || len(p.Keys) != len(src.Keys) || p.Keys[0] == src.Keys[0] || p.AccountID == src.AccountID || p.SHA256 == src.SHA256 {
			t.Fatalf("picture %d: signature %v keys %v account %q", i, p.Signature, p.Keys, p.AccountID)
		}
		if len(p.Words) != len(src.Words) || len(p.PointData) != len(src.PointData) {
			t.Fatalf("picture %d: %d words, %d bytes of point data", i, len(p.Words), len(p.PointData))
		}
		for k := 0; k < 10; k++ {
			d := p.PointData[2*k : 2*k+2]
			if !slices.Equal(p.Words[3*k:3*k+3], corner[string(d)]) {
				t.Fatalf("picture %d corner %d: words not those of the corner its data came from", i, k)
			}
			sources[int(binary.BigEndian.Uint16(d))/100] = true
		}
	}
	if len(sources) != len(pool) {
		t.Errorf("corners drawn from %d of %d pictures", len(sources), len(pool))
	}
}
