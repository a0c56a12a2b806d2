//go:build !linux

package syntax

// allocHuge returns n zeroed Ts (huge pages are asked for on Linux only).
func allocHuge[T uint32 | uint64](owner *weights, n int) []T { return make([]T, n) }
