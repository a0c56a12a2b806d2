package store

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// drop tells the kernel that the process no longer needs the pages of n bytes of the map from
// offset off (both rounded down to pages). On a shared map of a file, MADV_DONTNEED only unmaps
// them: a page read again is mapped again from the page cache, with the file's contents.
//
// drop must be called inside a transaction of m.db: an open read transaction keeps bolt from
// remapping the file, and a write transaction remaps it only within its own calls, so the map
// neither moves nor shrinks between reading its address and the madvise. Bolt never maps less
// than the data size of a transaction it began, which m.size holds.
func (m *mapping) drop(off, n int64) {
	page := int64(syscall.Getpagesize())
	off &^= page - 1
	n &^= page - 1
	if n <= 0 {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, m.db.Info().Data+uintptr(off), uintptr(n), syscall.MADV_DONTNEED)
}

// residentFile returns the process's file-backed (and shared) resident memory in bytes: the
// third field of /proc/self/statm, in pages.
func residentFile() (int64, bool) {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(data)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
