//go:build !linux

package store

// drop does nothing: other systems may discard the changes of a shared map's pages on
// MADV_DONTNEED, or have no such advice.
func (m *mapping) drop(off, n int64) {}

// residentFile is not known.
func residentFile() (int64, bool) { return 0, false }
