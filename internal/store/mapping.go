package store

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/boltdb/bolt"
)

// The resident pages of a bolt file's memory map. Bolt reads every page through a shared,
// read-only map of the file, and every page a process has read stays in its resident set, as
// file-backed memory, until the file is closed. An ingest batch reads and rewrites keys spread
// over the whole file (cayley's node and index buckets, the adjacency index), so each write
// held about as much memory as the file was large (128 of the 301 MB peak of an ingest of the
// BBC file), and more as the store grew. So when the process's file-backed resident memory has
// grown by dropAbove since the last drop, it tells the kernel (madvise MADV_DONTNEED) that it
// no longer needs the pages of the map: they stay in the page cache, and a page read again is
// mapped again without reading the disk.
const (
	// dropAbove is how much the file-backed resident memory may grow between two drops.
	dropAbove = 16 << 20
	// pollEvery is how many keys a transaction reads or writes between two looks at the
	// resident memory. Each reaches at most a few pages not read before.
	pollEvery = 256
	// pollInterval is how often the resident memory is looked at while a transaction commits.
	pollInterval = 2 * time.Millisecond
)

// mapping is the memory map of an open bolt file.
type mapping struct {
	db   *bolt.DB
	size atomic.Int64 // bytes bolt maps at least: the data size of a transaction of db seen last
	ops  atomic.Int64 // keys read or written since the last look

	mu    sync.Mutex // held by the one goroutine looking
	floor int64      // the file-backed resident memory after the last drop, in bytes
}

// newMapping returns the mapping of db.
func newMapping(db *bolt.DB) *mapping {
	m := &mapping{db: db}
	db.View(func(tx *bolt.Tx) error {
		m.size.Store(tx.Size())
		return nil
	})
	m.floor, _ = residentFile()
	return m
}

// touch counts n keys read or written, and every pollEvery looks whether to drop the map's
// pages. It must be called inside a transaction of m.db (see drop).
func (m *mapping) touch(n int) {
	if m == nil || m.ops.Add(int64(n)) < pollEvery {
		return
	}
	m.ops.Store(0)
	m.poll()
}

// poll drops the map's resident pages when the process's file-backed resident memory has grown
// by dropAbove since the last drop. It must be called inside a transaction of m.db.
func (m *mapping) poll() {
	if !m.mu.TryLock() {
		return // another goroutine is looking
	}
	defer m.mu.Unlock()
	rss, ok := residentFile()
	if !ok || rss < m.floor+dropAbove {
		return
	}
	m.drop()
	m.floor, _ = residentFile()
}

// pollWhile polls every pollInterval until the function it returns is called, and drops the
// pages once more then. A commit reads the page of every node it writes again, through the map,
// without calling a method in which touch could count them; so each look is done in a read
// transaction of its own, which holds off a remap by the commit until the drop is done.
func (m *mapping) pollWhile() (stop func()) {
	if m == nil {
		return func() {}
	}
	inTx := func(f func()) {
		tx, err := m.db.Begin(false)
		if err != nil {
			return
		}
		m.size.Store(tx.Size())
		f()
		tx.Rollback()
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(pollInterval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				inTx(m.poll)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		inTx(func() { // the pages the end of the commit read
			m.mu.Lock()
			defer m.mu.Unlock()
			m.drop()
			m.floor, _ = residentFile()
		})
	}
}
