package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/cayleygraph/cayley/graph"
)

// A PostgreSQL store is read through cayley, in many statements: an answer reads the quads of a
// node, then the values of their nodes, then the quads of the nodes they lead to. Each statement
// of a connection outside a transaction sees what was committed when it began, so a reader
// beside an ingest that replaces an article would see part of the old version and part of the
// new, or quads whose nodes the replacement deleted in between. So every read of a PostgreSQL
// store goes through a snapshot: a REPEATABLE READ, READ ONLY transaction exports its snapshot
// (pg_export_snapshot), and every connection of a quad store opened for the read imports it in
// a transaction of its own (SET TRANSACTION SNAPSHOT) as soon as it connects, so that all the
// statements of the read, on however many connections cayley's iterators take at once, see
// the database as it was at one moment. The exporting transaction stays open until the read
// ends (a connection opened later must still import the snapshot); a snapshot holds back only
// the vacuuming of rows deleted after it began, and only while it lasts.

// snapshot is a view of a store that reads one state of it (see the top).
type snapshot struct {
	tx   *sql.Tx         // the exporting transaction; nil when the backend needs none
	qs   graph.QuadStore // the quad store whose connections import its snapshot; nil with tx
	once sync.Once
	err  error
}

// close ends the snapshot: its quad store's connections close, and the exporting transaction
// rolls back.
func (n *snapshot) close() error {
	n.once.Do(func() {
		if n.qs != nil {
			n.err = n.qs.Close()
		}
		if n.tx != nil {
			n.tx.Rollback()
		}
	})
	return n.err
}

// Snapshot returns a read-only view of the store in which every read method sees the store as
// it was at the call, whatever is written meanwhile, until the view's Close (which leaves the
// store open). Writes to the view fail with ErrReadOnly.
//
// Each read method of a store already reads one state of it: on PostgreSQL through a snapshot
// of its own (see the top of snapshot.go), on bolt and leveldb because a store opened
// read-only is not written while it is open, on memstore because a write and the reads of
// this process exclude each other. Snapshot makes several reads one: a command, a request. On
// PostgreSQL it holds a transaction (and the connections of a quad store) until Close; on a
// server without exported snapshots (CockroachDB) the view reads as the store does, each
// statement what was committed when it began. A server that does not answer is a
// *ServerTimeoutError, wrapped.
func (s *Store) Snapshot(ctx context.Context) (*Store, error) {
	if s.qs == nil {
		return nil, errors.New("snapshot: store is closed")
	}
	v := &Store{opts: s.opts, mu: s.mu, qs: s.qs, kv: s.kv, bolt: s.bolt, pg: s.pg, pgLocks: s.pgLocks,
		noAdjacency: s.noAdjacency, snap: &snapshot{}}
	v.opts.ReadOnly = true
	if s.snap != nil || s.pg == nil {
		return v, nil
	}
	tx, err := s.pg.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("snapshot of store %s: %w", redact(s.opts.Address), err)
	}
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&id); pgNoLocks(err) {
		tx.Rollback() // CockroachDB: no exported snapshots
		return v, nil
	} else if err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("snapshot of store %s: %w", redact(s.opts.Address), err)
	}
	qs, err := openPGQuadStore(s.opts.ServerTimeout, id, s.opts.Address)
	if err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("snapshot of store %s: %w", redact(s.opts.Address), err)
	}
	v.qs, v.snap.tx, v.snap.qs = qs, tx, qs
	return v, nil
}

// reading returns the store a read method reads: s when it reads one state by itself (a
// snapshot, or a store not on PostgreSQL), else a snapshot of s, with the function that ends
// it.
func (s *Store) reading(ctx context.Context) (*Store, func(), error) {
	if s.snap != nil || s.pg == nil {
		return s, func() {}, nil
	}
	v, err := s.Snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	return v, func() { v.Close() }, nil
}
