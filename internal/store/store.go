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

// DefaultLockTimeout is how long Open waits for a bolt store another process holds.
const DefaultLockTimeout = time.Second

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
	// LockTimeout bounds the wait for a store another process holds (bolt); zero means
	// DefaultLockTimeout.
	LockTimeout time.Duration
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
)

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
	// its own); other processes rely on the backend's transactions.
	mu sync.RWMutex
	qs graph.QuadStore
	kv hkv.KV // the key-value database under qs (bolt, leveldb); nil otherwise
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
	s := &Store{opts: opts}
	var err error
	switch opts.Backend {
	case Bolt:
		s.kv, err = openBolt(opts)
	case LevelDB:
		s.kv, err = openLevelDB(opts)
	case Memstore:
		s.qs, err = openMemstore(ctx, opts)
	case Postgres:
		s.qs, err = openPostgres(ctx, opts)
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
			return nil, err
		}
	}
	return s, nil
}

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.opts.Backend }

// Address returns the store's address as given to Open.
func (s *Store) Address() string { return s.opts.Address }

// Close closes the store, releasing its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return nil
	}
	err := s.qs.Close()
	s.qs = nil
	if err != nil {
		return fmt.Errorf("close store %q: %w", s.opts.Address, err)
	}
	return nil
}
