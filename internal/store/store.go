// Package store keeps diplograph's knowledge graph in a Cayley quad store. It is the one package
// that knows Cayley: it opens the store (bolt by default, created on first use), replaces the
// quads of an article atomically, and answers the questions cmd/query asks with plain Go values.
//
// Every quad carries the IRI of the article it was derived from as its label, so the same triple
// stated by two articles is two quads; the read methods merge them and keep the articles as
// provenance.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Backends Open knows.
const (
	Bolt     = "bolt"     // an embedded bolt file in a directory (the default)
	LevelDB  = "leveldb"  // an embedded LevelDB directory
	Memstore = "memstore" // in memory, optionally loaded from an N-Quads file
	Postgres = "postgres" // a PostgreSQL database
)

// Defaults of the waits of Options.
const (
	// DefaultLockTimeout is how long a writer waits for another writer of a bolt store (or
	// for a leveldb store another process holds) before Open fails with ErrInUse.
	DefaultLockTimeout = 500 * time.Millisecond
	// DefaultReadWait is how long a read-only Open of a bolt store waits for a writer's
	// transaction (one batch of an ingest) to end.
	DefaultReadWait = 10 * time.Second
	// DefaultWriteWait is how long a bolt writer waits for the readers that hold the file
	// (queries) before each write.
	DefaultWriteWait = time.Minute
)

// Options say which store Open opens and how.
type Options struct {
	// Backend is Bolt, LevelDB, Memstore or Postgres; empty means Bolt.
	Backend string
	// Address is the store's directory (bolt, leveldb), a PostgreSQL connection string, or, for
	// memstore, an optional N-Quads file to load (writes to a memstore are not saved).
	Address string
	// ReadOnly opens the store for reading: several read-only opens of a bolt store may run at
	// once, and a store that does not exist is an error instead of being created.
	ReadOnly bool
	// LockTimeout bounds the wait for another writer of a bolt store, or for a leveldb store
	// another process holds; zero means DefaultLockTimeout.
	LockTimeout time.Duration
	// ReadWait bounds the wait of a read-only Open of a bolt store for a writer's transaction
	// to end; zero means DefaultReadWait.
	ReadWait time.Duration
	// WriteWait bounds the wait of a bolt writer for the readers holding the file, at Open and,
	// with ShareBetweenWrites, before each write; zero means DefaultWriteWait.
	WriteWait time.Duration
	// ServerTimeout bounds how long a PostgreSQL server may leave a request unanswered: a
	// connection's startup, a statement's answer (the wait for a lock another writer holds
	// included), a write to its socket. Past it the request fails with a *ServerTimeoutError
	// and, in ReplaceArticles, the batch's transaction is not committed. Zero means
	// DefaultServerTimeout.
	ServerTimeout time.Duration
	// Waiting, when set, is called with a message for the user when a wait for a lock has
	// lasted a second.
	Waiting func(msg string)
	// ShareBetweenWrites makes a bolt writer hold bolt's file lock only while
	// ReplaceArticles runs, so that read-only Opens in other processes get in between writes
	// (a second writer is still refused, by the writer lock). Only ReplaceArticles and Close
	// may then be called.
	ShareBetweenWrites bool
}

var (
	// ErrInUse is matched (errors.Is) by an *InUseError.
	ErrInUse = errors.New("store is in use by another process")
	// ErrNotExist is returned, wrapped, by a read-only Open of a store that was never created.
	ErrNotExist = errors.New("store does not exist")
	// ErrNotFound is returned, wrapped, when a name or IRI matches no entity.
	ErrNotFound = errors.New("not found")
	// ErrNoPath is returned, wrapped, by Paths when the entities are not connected within the hops
	// allowed.
	ErrNoPath = errors.New("no path")
	// ErrReadOnly is returned, wrapped, by writes to a store opened read-only.
	ErrReadOnly = errors.New("store is read-only")
	// ErrDamaged is matched (errors.Is) by a *DamagedError.
	ErrDamaged = errors.New("store is damaged")
)

// DamagedError reports a bolt file that fails the check on open, or on which bolt panicked.
type DamagedError struct {
	Path string // the store's address
	Err  error  // what was found
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("store %s is damaged (%v); nothing was written to it: restore it from a backup, or ingest again into a new store", e.Path, e.Err)
}

// Unwrap returns what was found.
func (e *DamagedError) Unwrap() error { return e.Err }

// Is reports whether target is ErrDamaged.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// InUseError reports that another process holds the store.
type InUseError struct {
	Path string // the store's address
	Err  error  // the underlying lock error
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("store %s is in use by another process", e.Path)
}

// Unwrap returns the underlying lock error.
func (e *InUseError) Unwrap() error { return e.Err }

// Is reports whether target is ErrInUse.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// Store is an open quad store. Its methods are safe for concurrent use.
type Store struct {
	opts Options

	// mu makes ReplaceArticle atomic for readers of this process (memstore has no locking of
	// its own); other processes rely on the backend's transactions. A snapshot shares it.
	mu   *sync.RWMutex
	qs   graph.QuadStore
	kv   hkv.KV     // the key-value database under qs (bolt, leveldb); nil otherwise
	bolt *boltStore // the bolt store's locks and guard; nil for other backends
	pg   *sql.DB    // the PostgreSQL database diplograph writes to (cayley's qs reads); nil otherwise

	pgLocks bool        // the PostgreSQL server has advisory locks (see postgres.go)
	pgPool  int64       // the key of the pool of the connections of its snapshots (see snapshot.go)
	values  *valueCache // node values read before, for every snapshot (PostgreSQL; else nil)

	noAdjacency bool // read as if the store kept no adjacency index (tests compare both ways)

	snap *snapshot // a snapshot of a store (see snapshot.go); nil for a store Open opened
}

// Open opens the store opts describe, creating it unless opts.ReadOnly. It returns an error
// matching ErrInUse when another process holds a bolt or leveldb store, and one wrapping
// ErrNotExist when a read-only store does not exist.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.Backend == "" {
		opts.Backend = Bolt
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.ReadWait <= 0 {
		opts.ReadWait = DefaultReadWait
	}
	if opts.WriteWait <= 0 {
		opts.WriteWait = DefaultWriteWait
	}
	if opts.ServerTimeout <= 0 {
		opts.ServerTimeout = DefaultServerTimeout
	}
	s := &Store{opts: opts, mu: new(sync.RWMutex)}
	var err error
	switch opts.Backend {
	case Bolt:
		s.bolt, s.kv, err = openBolt(ctx, opts)
	case LevelDB:
		s.kv, err = openLevelDB(opts)
	case Memstore:
		s.qs, err = openMemstore(ctx, opts)
	case Postgres:
		s.pg, s.pgLocks, s.qs, err = openPostgres(ctx, opts)
		if err == nil {
			s.pgPool, s.values = newConnPool(), &valueCache{}
		}
	default:
		return nil, fmt.Errorf("open store: unknown backend %q (want %s, %s, %s or %s)",
			opts.Backend, Bolt, LevelDB, Memstore, Postgres)
	}
	if err != nil {
		return nil, err
	}
	if s.kv != nil {
		if s.qs, err = openKV(ctx, s.kv, opts); err != nil {
			s.kv.Close()
			s.bolt.close()
			return nil, err
		}
	}
	if s.sharing() {
		if err := s.release(); err != nil {
			s.bolt.close()
			return nil, err
		}
	}
	return s, nil
}

// sharing reports a bolt writer that holds the file only while it writes.
func (s *Store) sharing() bool {
	return s.bolt != nil && !s.opts.ReadOnly && s.opts.ShareBetweenWrites
}

// acquire opens the bolt file of a sharing writer for one write.
func (s *Store) acquire(ctx context.Context) error {
	db, err := s.bolt.open(ctx, s.opts, false)
	if err != nil {
		return err
	}
	qs, err := openKV(ctx, db, s.opts)
	if err != nil {
		db.Close()
		return err
	}
	s.kv, s.qs = db, qs
	return nil
}

// release closes the bolt file of a sharing writer after a write.
func (s *Store) release() error {
	err := s.qs.Close()
	s.kv, s.qs = nil, nil
	if err != nil {
		return fmt.Errorf("close store %q: %w", s.opts.Address, err)
	}
	return nil
}

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.opts.Backend }

// Address returns the store's address as given to Open.
func (s *Store) Address() string { return s.opts.Address }

// Close closes the store, releasing its locks. It returns a *DamagedError when a read found
// the bolt file damaged, even if the read itself was cut short without an error. Closing a
// snapshot (see Snapshot) ends it and leaves its store open.
func (s *Store) Close() error {
	if s.snap != nil {
		return s.snap.close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.qs != nil {
		err = s.qs.Close()
		s.qs = nil
	}
	if s.pg != nil {
		closeConnPool(s.pgPool)
		if perr := s.pg.Close(); err == nil {
			err = perr
		}
		s.pg = nil
	}
	if s.bolt != nil {
		s.bolt.close()
		if derr := s.bolt.guard.failed(); derr != nil {
			return derr
		}
	}
	if err != nil {
		return fmt.Errorf("close store %q: %w", s.opts.Address, err)
	}
	return nil
}
