package syntax

import (
	"runtime"
	"syscall"
	"unsafe"
)

// allocHuge returns n zeroed Ts that live as long as owner. Large arrays are mapped apart from
// the Go heap and asked for on 2 MB pages (madvise MADV_HUGEPAGE): the weight tables are read
// at random, and with 4 kB pages nearly every lookup also missed the TLB. Measured on the
// parser's tables (24 MB): [see README].
func allocHuge[T uint32 | uint64](owner *weights, n int) []T {
	const huge = 2 << 20
	size := n * int(unsafe.Sizeof(T(0)))
	if size < huge {
		return make([]T, n)
	}
	size = (size + huge - 1) &^ (huge - 1)
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; without it the pages are merely small
	runtime.AddCleanup(owner, func(b []byte) { _ = syscall.Munmap(b) }, b)
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
}
