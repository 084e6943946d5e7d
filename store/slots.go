package store

import "runtime"

// slotMemory is memory for a word table shard's slots. A large shard is
// mapped apart from Go's heap, on huge pages where the system allows
// (slots_linux.go): a lookup among a hundred thousand pictures with
// detail reads 20,000 homes in gigabytes of slots, and with 4 KB pages
// nearly each also misses the processor's cache of page tables
// (docs/photo-store.md, "Reading words in groups"). Go's heap leaves
// huge pages to the system's default, which is off for it on Debian.
// Mapped slots are not in Go's heap, so GOMEMLIMIT does not count them.
// Smaller shards, and every shard where mapping is not built or fails,
// are on the heap.
type slotMemory struct {
	mapping *mapped // nil: on the heap
}

// mapped is a shard's own mapping; a cleanup unmaps it should its table
// be dropped without release (a test's index, say).
type mapped struct {
	mem     []byte
	cleanup runtime.Cleanup
}

// hugePage is the size of the huge pages asked for (x86-64's, and
// arm64's with 4 KB base pages).
const hugePage = 2 << 20

// newSlots returns n zeroed slots and the memory they are in.
func newSlots(n int) ([]uint64, slotMemory) {
	if n*8 >= mapFrom {
		if slots, m := mapSlots(n); m != nil {
			m.cleanup = runtime.AddCleanup(m, unmap, m.mem)
			return slots, slotMemory{m}
		}
	}
	return make([]uint64, n), slotMemory{}
}

// release gives mapped slots back to the system; slots on the heap are
// left to the collector. The slots must not be read after.
func (m *slotMemory) release() {
	if m.mapping == nil {
		return
	}
	m.mapping.cleanup.Stop()
	unmap(m.mapping.mem)
	m.mapping = nil
}
