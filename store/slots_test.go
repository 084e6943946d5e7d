package store

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"unsafe"
)

// TestSlots: slots come zeroed and writable, large ones mapped apart from
// the heap (on Linux) from a huge page's boundary, small ones on the
// heap; release gives a mapping back once.
func TestSlots(t *testing.T) {
	for _, n := range []int{1, hugePage/8 - 1, hugePage / 8, 3*hugePage/8 + 5} {
		slots, mem := newSlots(n)
		if len(slots) != n {
			t.Fatalf("%d slots: got %d", n, len(slots))
		}
		for i := range slots {
			if slots[i] != 0 {
				t.Fatalf("%d slots: slot %d is %x", n, i, slots[i])
			}
			slots[i] = uint64(i)
		}
		large := n*8 >= mapFrom
		if mapped := mem.mapping != nil; mapped != (large && runtime.GOOS == "linux") {
			t.Errorf("%d slots: mapped %v", n, mapped)
		}
		if mem.mapping != nil && uintptr(unsafe.Pointer(&slots[0]))%hugePage != 0 {
			t.Errorf("%d slots start at %p, not on a huge page's boundary", n, &slots[0])
		}
		mem.release()
		mem.release()
		if mem.mapping != nil {
			t.Errorf("%d slots: still mapped after release", n)
		}
	}
}

// TestWordTableMapped: a shard grown past mapFrom has its slots mapped,
// finds what was filed through its growths (each giving the old slots
// back), and its index's release gives them back.
func TestWordTableMapped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("slots are mapped on Linux only")
	}
	x := wordIndex{shards: make([]wordTable, wordShards)}
	tb := &x.shards[0]
	rng := rand.New(rand.NewPCG(3, 3))
	filed := map[uint64]uint32{} // fingerprint: place
	for place := uint32(0); len(tb.slots)*8 < 2*hugePage; place++ {
		fp := rng.Uint64() & (1<<fingerprintBits - 1)
		if _, ok := filed[fp]; ok {
			continue
		}
		filed[fp] = place
		tb.file(slot(fp, 0, place))
	}
	if tb.mem.mapping == nil {
		t.Fatalf("%d slots on the heap", len(tb.slots))
	}
	for fp, place := range filed {
		if got := tb.scan(fp, 0, nil); len(got) != 1 || got[0] != hit(place, 0, 0) {
			t.Fatalf("fingerprint %x: hits %x, want photo %d", fp, got, place)
		}
	}
	x.release()
	if x.shards != nil || tb.mem.mapping != nil {
		t.Errorf("released: %d shards, mapping %v", len(x.shards), tb.mem.mapping)
	}
}
