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
// BBC file), and more as the store grew. So the map has a budget: once the process's
// file-backed resident memory has grown more than mapBudget above what it was when the file
// was opened, the store tells the kernel (madvise MADV_DONTNEED) that it no longer needs the
// map's pages, dropChunk at a time, until the growth is back under mapLow. The pages stay in
// the page cache, and a page read again is mapped again without reading the disk, but each
// such fault costs CPU: so a map that fits the budget is left alone, and a drop keeps the
// rest of the map resident.
const (
	// mapBudget is how much the file-backed resident memory may grow above its size when the
	// file was opened before pages of the map are dropped. With the Go heap at the soft limit
	// ingest sets (150 MiB) and the binary's pages (26 MB), it keeps an ingest under 256 MB.
	mapBudget = 40 << 20
	// mapLow is what a drop brings that growth back under.
	mapLow = 24 << 20
	// dropChunk is how much of the map one madvise covers. Chunks are dropped in the order of
	// the file, from where the last drop stopped, round and round: a page read since is as
	// likely to be dropped as any other, but the pages of the last reads are not all dropped
	// at once.
	dropChunk = 2 << 20
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

	mu     sync.Mutex // held by the one goroutine looking
	base   int64      // the file-backed resident memory when the file was opened, in bytes
	budget int64      // mapBudget
	low    int64      // mapLow
	next   int64      // the offset in the map of the chunk to drop next
	drops  int        // chunks dropped
}

// newMapping returns the mapping of db.
func newMapping(db *bolt.DB) *mapping {
	m := &mapping{db: db, budget: mapBudget, low: mapLow}
	m.base, _ = residentFile()
	db.View(func(tx *bolt.Tx) error {
		m.size.Store(tx.Size())
		return nil
	})
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

// poll drops pages of the map, a chunk at a time, when the process's file-backed resident
// memory has grown more than m.budget since the file was opened, until the growth is back
// under m.low or the whole map has been dropped. It must be called inside a transaction of
// m.db.
func (m *mapping) poll() {
	if !m.mu.TryLock() {
		return // another goroutine is looking
	}
	defer m.mu.Unlock()
	rss, ok := residentFile()
	if !ok || rss <= m.base+m.budget {
		return
	}
	size := m.size.Load()
	for dropped := int64(0); dropped < size && rss > m.base+m.low; dropped += dropChunk {
		if m.next >= size {
			m.next = 0
		}
		m.drop(m.next, min(dropChunk, size-m.next))
		m.drops++
		m.next += dropChunk
		if rss, ok = residentFile(); !ok {
			return
		}
	}
}

// pollWhile polls every pollInterval until the function it returns is called, and once more
// then. A commit reads the page of every node it writes again, through the map, without
// calling a method in which touch could count them; so each look is done in a read
// transaction of its own, which holds off a remap by the commit until the drop is done.
func (m *mapping) pollWhile() (stop func()) {
	if m == nil {
		return func() {}
	}
	inTx := func() {
		tx, err := m.db.Begin(false)
		if err != nil {
			return
		}
		m.size.Store(tx.Size())
		m.poll()
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
				inTx()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		inTx() // the pages the end of the commit read
	}
}
