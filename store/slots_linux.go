package store

import (
	"syscall"
	"unsafe"
)

// mapFrom is the size, in bytes, from which a shard's slots are mapped:
// one huge page.
const mapFrom = hugePage

// mapSlots maps n zeroed slots on huge pages where it can (nil when the
// mapping fails): it maps a huge page more than it needs, so that the
// slots start on a huge page's boundary, and asks for huge pages with
// MADV_HUGEPAGE, which the kernel honours under either of
// transparent_hugepage's "always" and "madvise" (Debian's default).
func mapSlots(n int) ([]uint64, *mapped) {
	size := n*8 + hugePage
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, nil
	}
	skip := int(-uintptr(unsafe.Pointer(&mem[0])) & (hugePage - 1))
	// A hint: refused (huge pages off), the slots are on 4 KB pages.
	_ = syscall.Madvise(mem[skip:], syscall.MADV_HUGEPAGE)
	return unsafe.Slice((*uint64)(unsafe.Pointer(&mem[skip])), n), &mapped{mem: mem}
}

// unmap gives a mapping back to the system.
func unmap(mem []byte) { _ = syscall.Munmap(mem) }
