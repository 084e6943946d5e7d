//go:build !linux

package store

import "math"

// mapFrom: where mapping is not built, every shard is on the heap.
const mapFrom = math.MaxInt

func mapSlots(int) ([]uint64, *mapped) { return nil, nil }

func unmap([]byte) {}
