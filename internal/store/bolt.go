package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// writerLockFile is the file a bolt writer holds an exclusive flock on from Open to Close, so
// that a second writer is told the store is in use although the writer releases the bolt file
// itself between writes (see Options.ShareBetweenWrites).
const writerLockFile = "writer.lock"

// waitNotice is how long Open waits for a lock before it calls Options.Waiting.
const waitNotice = time.Second

// boltStore is the bolt side of a Store: the directory, the writer lock and the guard that
// turns bolt's panics on a damaged file into errors.
type boltStore struct {
	dir    string
	file   string
	writer *os.File // the writer lock; nil for a reader
	guard  *guard
}

// openBolt opens the bolt store of opts. A reader waits up to opts.ReadWait for a writer's
// transaction to end; a writer first takes the writer lock (waiting up to opts.LockTimeout),
// then bolt's lock (waiting up to opts.WriteWait for readers), and checks the whole file before
// it writes. With opts.ShareBetweenWrites the bolt file is closed again at once, and db is nil.
func openBolt(ctx context.Context, opts Options) (b *boltStore, db hkv.KV, err error) {
	dir := opts.Address
	if dir == "" {
		return nil, nil, errors.New("open store: no bolt directory given")
	}
	b = &boltStore{dir: dir, file: filepath.Join(dir, boltFile), guard: &guard{path: dir}}
	if opts.ReadOnly {
		fi, err := os.Stat(b.file)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, nil, fmt.Errorf("open store %q: %w", dir, ErrNotExist)
		case err != nil:
			return nil, nil, fmt.Errorf("open store %q: %w", dir, err)
		case fi.Size() == 0:
			return nil, nil, b.guard.damaged(fmt.Errorf("%s is empty (0 bytes)", b.file))
		}
		db, err := b.open(ctx, opts, true)
		if err != nil {
			return nil, nil, err
		}
		return b, db, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	if b.writer, err = lockWriter(ctx, dir, opts.LockTimeout); err != nil {
		return nil, nil, err
	}
	db, err = b.open(ctx, opts, false)
	if err == nil {
		if err = b.check(db.(*guardKV)); err != nil {
			db.Close()
		}
	}
	if err != nil {
		b.close()
		return nil, nil, err
	}
	return b, db, nil
}

// open opens the bolt file, waiting for its lock as opts say.
func (b *boltStore) open(ctx context.Context, opts Options, ro bool) (hkv.KV, error) {
	wait, who := opts.WriteWait, "queries reading"
	if ro {
		wait, who = opts.ReadWait, "the ingest writing"
	}
	deadline := time.Now().Add(wait)
	noticed := false
	for {
		step := min(time.Until(deadline), waitNotice)
		db, err := b.openFile(ro, max(step, time.Millisecond))
		if !errors.Is(err, bolt.ErrTimeout) {
			return db, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if time.Until(deadline) <= 0 {
			return nil, &InUseError{Path: b.dir, Err: fmt.Errorf("waited %v for %s it: %w", wait, who, err)}
		}
		if !noticed && opts.Waiting != nil {
			noticed = true
			opts.Waiting(fmt.Sprintf("waiting up to %v for %s %s", wait.Round(time.Second), who, b.dir))
		}
	}
}

// openFile opens the bolt file once, waiting up to timeout for its flock. A panic or a memory
// fault of bolt on a damaged file is returned as an error wrapping ErrDamaged.
func (b *boltStore) openFile(ro bool, timeout time.Duration) (db hkv.KV, err error) {
	defer b.guard.catch(debug.SetPanicOnFault(true), &err)
	// A panic inside bolt.Open would leave its file open and locked until the garbage collector
	// closes it, so the freelist page it reads first is checked before.
	if err := checkFreelist(b.file); err != nil {
		return nil, b.guard.damaged(err)
	}
	bdb, err := bolt.Open(b.file, 0o644, &bolt.Options{Timeout: timeout, ReadOnly: ro})
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return nil, err
	case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrChecksum), errors.Is(err, bolt.ErrVersionMismatch):
		return nil, b.guard.damaged(err)
	case err != nil:
		return nil, fmt.Errorf("open store %q: %w", b.dir, err)
	}
	if err := checkSize(bdb); err != nil {
		bdb.Close()
		return nil, b.guard.damaged(err)
	}
	return &guardKV{KV: hbolt.New(bdb), g: b.guard, m: newMapping(bdb)}, nil
}

// checkFreelist reports a bolt file whose newest meta page names a freelist page that is not
// one. A file without a valid meta page, or one not there yet, is left to bolt.Open to judge.
func checkFreelist(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	const magic, freelistFlag = 0xED0CDAED, 0x10
	head := make([]byte, 64)
	var freelist, txid uint64
	var pageSize uint32
	found := false
	for i := int64(0); i < 2; i++ {
		off := i * 4096
		if pageSize != 0 {
			off = i * int64(pageSize)
		}
		if _, err := f.ReadAt(head, off+16); err != nil {
			continue
		}
		le := binary.LittleEndian
		if le.Uint32(head[0:]) != magic {
			continue
		}
		if tx := le.Uint64(head[48:]); !found || tx > txid {
			found, txid = true, tx
			pageSize, freelist = le.Uint32(head[8:]), le.Uint64(head[32:])
		}
	}
	if !found || pageSize == 0 {
		return nil
	}
	page := make([]byte, 16)
	if _, err := f.ReadAt(page, int64(freelist)*int64(pageSize)); err != nil {
		return fmt.Errorf("freelist page %d: %w", freelist, err)
	}
	if flags := binary.LittleEndian.Uint16(page[8:]); flags != freelistFlag {
		return fmt.Errorf("freelist page %d has page flags %#x", freelist, flags)
	}
	return nil
}

// checkSize reports a file shorter than the pages its meta page counts (a truncated copy).
func checkSize(db *bolt.DB) error {
	fi, err := os.Stat(db.Path())
	if err != nil {
		return err
	}
	return db.View(func(tx *bolt.Tx) error {
		if tx.Size() > fi.Size() {
			return fmt.Errorf("%s holds %d bytes, its pages need %d", db.Path(), fi.Size(), tx.Size())
		}
		return nil
	})
}

// check reads every key and value of every bucket of gk's file, so that a damaged page shows
// before anything is written next to it. It takes about a second per 250 MB, and lets go of the
// pages it has read as it goes (see mapping).
func (b *boltStore) check(gk *guardKV) (err error) {
	defer b.guard.catch(debug.SetPanicOnFault(true), &err)
	db := gk.KV.(*hbolt.DB).DB()
	var sink byte
	var walk func(bk *bolt.Bucket, depth int) error
	walk = func(bk *bolt.Bucket, depth int) error {
		return bk.ForEach(func(k, v []byte) error {
			if v == nil {
				if depth > 16 {
					return errors.New("buckets nested too deep")
				}
				if c := bk.Bucket(k); c != nil {
					return walk(c, depth+1)
				}
				return nil
			}
			if len(v) > 0 {
				sink ^= v[0] ^ v[len(v)-1]
			}
			gk.m.touch(1)
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error { return walk(bk, 0) })
	})
	_ = sink
	if err != nil {
		return b.guard.damaged(err)
	}
	return nil
}

// lockWriter takes the writer lock of dir, waiting up to timeout.
func lockWriter(ctx context.Context, dir string, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, writerLockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", dir, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock store %q: %w", dir, err)
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			f.Close()
			return nil, &InUseError{Path: dir, Err: err}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// close releases the writer lock.
func (b *boltStore) close() error {
	if b == nil || b.writer == nil {
		return nil
	}
	err := b.writer.Close()
	b.writer = nil
	return err
}

// guard turns the panics and memory faults bolt raises on a damaged file into errors wrapping
// ErrDamaged, and remembers the first, so that a read that cayley cut short without an error
// still fails when the store is closed.
type guard struct {
	path string
	mu   sync.Mutex
	err  error
}

// catch is deferred with the previous SetPanicOnFault setting: it restores it and turns a
// panic into *err.
func (g *guard) catch(fault bool, err *error) {
	debug.SetPanicOnFault(fault)
	if r := recover(); r != nil {
		*err = g.damaged(fmt.Errorf("%v", r))
	}
}

// damaged returns the error for a damaged store and remembers the first.
func (g *guard) damaged(cause error) error {
	err := &DamagedError{Path: g.path, Err: cause}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err == nil {
		g.err = err
	}
	return err
}

// failed returns the first damage seen, or nil.
func (g *guard) failed() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// guardKV is a key-value database every call of whose transactions and iterators is guarded.
type guardKV struct {
	hkv.KV
	g *guard
	m *mapping // the bolt file's map, whose pages its transactions let go of as they go
}

func (k *guardKV) Tx(ctx context.Context, rw bool) (tx hkv.Tx, err error) {
	defer k.g.catch(debug.SetPanicOnFault(true), &err)
	t, err := k.KV.Tx(ctx, rw)
	if err != nil {
		return nil, err
	}
	return &guardTx{Tx: t, g: k.g, m: k.m}, nil
}

func (k *guardKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *guardKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

type guardTx struct {
	hkv.Tx
	g *guard
	m *mapping
}

func (t *guardTx) Commit(ctx context.Context) (err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	defer t.m.pollWhile()()
	return t.Tx.Commit(ctx)
}

func (t *guardTx) Close() (err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	return t.Tx.Close()
}

func (t *guardTx) Get(ctx context.Context, key hkv.Key) (v hkv.Value, err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	t.m.touch(1)
	return t.Tx.Get(ctx, key)
}

// GetBatch reads the keys pollEvery at a time, so that the pages of a long batch (cayley reads
// 1,024 nodes at once, each on a page of its own) are dropped as it goes (see mapping).
func (t *guardTx) GetBatch(ctx context.Context, keys []hkv.Key) (v []hkv.Value, err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	if t.m == nil || len(keys) <= pollEvery {
		t.m.touch(len(keys))
		return t.Tx.GetBatch(ctx, keys)
	}
	v = make([]hkv.Value, 0, len(keys))
	for part := range slices.Chunk(keys, pollEvery) {
		t.m.touch(len(part))
		vs, err := t.Tx.GetBatch(ctx, part)
		if err != nil {
			return nil, err
		}
		v = append(v, vs...)
	}
	return v, nil
}

func (t *guardTx) Put(ctx context.Context, k hkv.Key, v hkv.Value) (err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	t.m.touch(1)
	return t.Tx.Put(ctx, k, v)
}

func (t *guardTx) Del(ctx context.Context, k hkv.Key) (err error) {
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	t.m.touch(1)
	return t.Tx.Del(ctx, k)
}

func (t *guardTx) Scan(ctx context.Context, opts ...hkv.IteratorOption) (it hkv.Iterator) {
	var err error
	defer func() {
		if err != nil {
			it = &guardIter{g: t.g, err: err}
		}
	}()
	defer t.g.catch(debug.SetPanicOnFault(true), &err)
	return &guardIter{Iterator: t.Tx.Scan(ctx, opts...), g: t.g, m: t.m}
}

// guardIter is an iterator that stops, with an error, where bolt panics.
type guardIter struct {
	hkv.Iterator // nil when the scan itself failed
	g            *guard
	m            *mapping
	err          error
}

func (it *guardIter) Next(ctx context.Context) (ok bool) {
	if it.err != nil {
		return false
	}
	defer it.g.catch(debug.SetPanicOnFault(true), &it.err)
	it.m.touch(1)
	return it.Iterator.Next(ctx)
}

func (it *guardIter) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Iterator.Err()
}

func (it *guardIter) Reset() {
	if it.Iterator == nil {
		return
	}
	defer it.g.catch(debug.SetPanicOnFault(true), &it.err)
	it.Iterator.Reset()
}

func (it *guardIter) Key() (k hkv.Key) {
	if it.Iterator == nil {
		return nil
	}
	defer it.g.catch(debug.SetPanicOnFault(true), &it.err)
	return it.Iterator.Key()
}

func (it *guardIter) Val() (v hkv.Value) {
	if it.Iterator == nil {
		return nil
	}
	defer it.g.catch(debug.SetPanicOnFault(true), &it.err)
	return it.Iterator.Val()
}

func (it *guardIter) Close() (err error) {
	if it.Iterator == nil {
		return nil
	}
	defer it.g.catch(debug.SetPanicOnFault(true), &err)
	return it.Iterator.Close()
}
