package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/cayleygraph/cayley/clog"
	"github.com/cayleygraph/cayley/graph"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
)

// boltFile is the bolt database inside a store directory; the name is the one cayley's own
// bolt backend uses, so `cayley` can open a diplograph store too.
const boltFile = "indexes.bolt"

// kvOptions are the options of the key-value quad store: no Bloom filters. Cayley sizes them for
// 100 million quads (hundreds of MB allocated on every open of a new store, and a scan of the
// whole store on every open of an old one) and they only skip lookups that bolt answers fast.
var kvOptions = graph.Options{cayleykv.OptNoBloom: true}

// kvIndexes are the quad indexes of a new key-value store: cayley's default two (subject
// predicate, and object predicate subject) plus one by label, so that the quads of an article
// are found without scanning the whole store.
var kvIndexes = []cayleykv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject, quad.Predicate}},
	{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}},
	{Dirs: []quad.Direction{quad.Label}},
}

// keyMetaIndexes is where cayley's kv store keeps its list of indexes (graph/kv/indexing.go).
var keyMetaIndexes = hkv.Key{[]byte("meta"), []byte("indexes")}

func openLevelDB(opts Options) (hkv.KV, error) {
	dir := opts.Address
	if dir == "" {
		return nil, errors.New("open store: no leveldb directory given")
	}
	if opts.ReadOnly {
		if _, err := os.Stat(filepath.Join(dir, "CURRENT")); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open store %q: %w", dir, ErrNotExist)
		}
	}
	// goleveldb takes a non-blocking flock on dir/LOCK, shared when read-only.
	db, err := hleveldb.Open(dir, &opt.Options{ReadOnly: opts.ReadOnly, ErrorIfMissing: opts.ReadOnly})
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
		return nil, &InUseError{Path: dir, Err: err}
	} else if err != nil {
		return nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	return flat.Upgrade(db), nil
}

// openKV opens cayley's quad store on db, initialising it (with kvIndexes) when it is new.
func openKV(ctx context.Context, db hkv.KV, opts Options) (graph.QuadStore, error) {
	qs, err := cayleykv.New(db, kvOptions)
	if errors.Is(err, graph.ErrNotInitialized) && !opts.ReadOnly {
		if err := initKV(ctx, db); err != nil {
			return nil, fmt.Errorf("create store %q: %w", opts.Address, err)
		}
		qs, err = cayleykv.New(db, kvOptions)
	}
	if errors.Is(err, graph.ErrNotInitialized) && opts.Backend == Bolt {
		// The file exists (openBolt checked) and a writer initialises it under the lock that
		// created it: no metadata means damage, not a missing store.
		return nil, &DamagedError{Path: opts.Address, Err: errors.New("no quad store metadata in the file")}
	} else if errors.Is(err, graph.ErrNotInitialized) {
		return nil, fmt.Errorf("open store %q: %w", opts.Address, ErrNotExist)
	} else if err != nil {
		return nil, fmt.Errorf("open store %q: %w", opts.Address, err)
	}
	return qs, nil
}

func initKV(ctx context.Context, db hkv.KV) error {
	if err := cayleykv.Init(db, kvOptions); err != nil {
		return err
	}
	// Init knows only cayley's default indexes; record ours before any quad is written.
	data, err := json.Marshal(kvIndexes)
	if err != nil {
		return err
	}
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		if err := tx.Put(ctx, keyMetaIndexes, data); err != nil {
			return err
		}
		// A new store keeps the name index, the counts and the adjacency index from its
		// first quad.
		if err := tx.Put(ctx, keyCountsKept, []byte("1")); err != nil {
			return err
		}
		if err := tx.Put(ctx, keyAdjacencyKept, []byte("1")); err != nil {
			return err
		}
		return tx.Put(ctx, keyNamesIndexed, []byte("1"))
	})
}

// openMemstore returns an empty in-memory store, or one holding the N-Quads of opts.Address.
func openMemstore(ctx context.Context, opts Options) (graph.QuadStore, error) {
	qs := memstore.New()
	if opts.Address == "" {
		return qs, nil
	}
	f, err := os.Open(opts.Address)
	if errors.Is(err, os.ErrNotExist) && !opts.ReadOnly {
		return qs, nil
	} else if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open store %q: %w", opts.Address, ErrNotExist)
	} else if err != nil {
		return nil, fmt.Errorf("open store %q: %w", opts.Address, err)
	}
	defer f.Close()
	r := nquads.NewReader(f, true)
	var deltas []graph.Delta
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("load %q: %w", opts.Address, err)
		}
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
	}
	if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return nil, fmt.Errorf("load %q: %w", opts.Address, err)
	}
	return qs, nil
}

// quietCayley silences cayley's log, which writes "ERROR: Cannot create nodes table: …" to
// stderr before returning the same error, which the store wraps and returns.
var quietCayley = sync.OnceFunc(func() { clog.SetLogger(quietLog{}) })

// quietLog drops cayley's messages but its fatal ones.
type quietLog struct{}

func (quietLog) Infof(string, ...any)              {}
func (quietLog) Warningf(string, ...any)           {}
func (quietLog) Errorf(string, ...any)             {}
func (quietLog) Fatalf(format string, args ...any) { log.Fatalf(format, args...) }
func (quietLog) V(int) bool                        { return false }
func (quietLog) SetV(int)                          {}
