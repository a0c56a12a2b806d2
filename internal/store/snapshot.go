package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
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
//
// A connection is a server process: opening one costs milliseconds, more than most reads. So a
// snapshot's connections are not closed when it ends: each rolls its transaction back and
// waits in its store's pool (a few at most) for the next snapshot, which begins its own
// transaction on it. Cayley opens a quad store's connections by driver name, from a string, so
// the name carries the pool's number and pgPools the pools by number; a store adds its own at
// Open and removes it at Close. And a snapshot's quad store starts with an empty cache of node
// values, so the store keeps the values its reads resolved (valueCache) for every snapshot: a
// node's reference on PostgreSQL is the hash of its value, so a value once read holds in any.

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
		pgPool: s.pgPool, values: s.values, noAdjacency: s.noAdjacency, snap: &snapshot{}}
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
	qs, err := openPGQuadStore(s.opts.ServerTimeout, snapshotName{id: id, pool: s.pgPool}, s.opts.Address)
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

// snapshotName names, in a driver name, an exported snapshot and the pool of the connections
// that read it; the zero name is no snapshot ("-").
type snapshotName struct {
	id   string // as pg_export_snapshot returns it, e.g. 00000003-0000001B-1
	pool int64  // the key of the pool in pgPools
}

func (n snapshotName) String() string {
	if n.id == "" {
		return "-"
	}
	return n.id + "/" + strconv.FormatInt(n.pool, 10)
}

var snapshotID = regexp.MustCompile(`^[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*$`)

func parseSnapshotName(s string) (snapshotName, error) {
	if s == "-" {
		return snapshotName{}, nil
	}
	id, pool, _ := strings.Cut(s, "/")
	n, err := strconv.ParseInt(pool, 10, 64)
	if err != nil || !snapshotID.MatchString(id) {
		return snapshotName{}, fmt.Errorf("bad snapshot %q", s)
	}
	return snapshotName{id: id, pool: n}, nil
}

// pgPools are the pools of idle snapshot connections, by key (see the top).
var (
	pgPools   sync.Map // int64 -> *connPool
	pgPoolKey atomic.Int64
)

// connPoolSize bounds the idle connections a store keeps for its snapshots.
const connPoolSize = 4

// connPool keeps the connections of ended snapshots, out of any transaction, for the next.
type connPool struct {
	mu     sync.Mutex
	idle   []driver.Conn
	closed bool
}

// newConnPool adds a pool to pgPools and returns its key.
func newConnPool() int64 {
	k := pgPoolKey.Add(1)
	pgPools.Store(k, &connPool{})
	return k
}

// closeConnPool removes the pool of key from pgPools and closes its connections; connections
// of snapshots still open close when they end.
func closeConnPool(key int64) {
	v, ok := pgPools.LoadAndDelete(key)
	if !ok {
		return
	}
	p := v.(*connPool)
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		c.Close()
	}
}

// get takes an idle connection, or returns nil.
func (p *connPool) get() driver.Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) == 0 {
		return nil
	}
	c := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	return c
}

// put keeps c, and reports false when the pool is full or closed.
func (p *connPool) put(c driver.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || len(p.idle) >= connPoolSize {
		return false
	}
	p.idle = append(p.idle, c)
	return true
}

// snapshotConnector gives connections that read one exported snapshot: each, new or from the
// pool, begins a REPEATABLE READ, READ ONLY transaction importing it before it is used, and
// stays in it (database/sql, which does not know, runs every statement in it) until it closes,
// when it rolls back and goes back to the pool.
type snapshotConnector struct {
	*pq.Connector
	begin string // the statements that begin the transaction
	pool  *connPool
}

func newSnapshotConnector(c *pq.Connector, n snapshotName) (driver.Connector, error) {
	v, ok := pgPools.Load(n.pool)
	if !ok {
		return nil, errors.New("snapshot of a closed store")
	}
	return snapshotConnector{Connector: c, pool: v.(*connPool),
		begin: `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '` + n.id + `'`}, nil
}

func (c snapshotConnector) Connect(ctx context.Context) (driver.Conn, error) {
	// A pooled connection the server has closed meanwhile fails to begin; the next is tried,
	// then a new one.
	for {
		conn := c.pool.get()
		pooled := conn != nil
		if !pooled {
			var err error
			if conn, err = c.Connector.Connect(ctx); err != nil {
				return nil, err
			}
		}
		_, err := conn.(driver.ExecerContext).ExecContext(ctx, c.begin, nil)
		if err == nil {
			return &snapshotConn{conn: conn, pool: c.pool}, nil
		}
		conn.Close()
		if !pooled || ctx.Err() != nil {
			return nil, fmt.Errorf("read the snapshot: %w", err)
		}
	}
}

// snapshotConn is a connection of a snapshot: lib/pq's, whose methods it passes on, and
// which it gives back to the pool when database/sql closes it.
type snapshotConn struct {
	conn driver.Conn
	pool *connPool
}

func (c *snapshotConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

// Begin is driver.Conn's; database/sql calls BeginTx.
func (c *snapshotConn) Begin() (driver.Tx, error) {
	//lint:ignore SA1019 driver.Conn requires Begin
	return c.conn.Begin()
}

func (c *snapshotConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *snapshotConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *snapshotConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *snapshotConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *snapshotConn) Ping(ctx context.Context) error {
	return c.conn.(driver.Pinger).Ping(ctx)
}

func (c *snapshotConn) ResetSession(ctx context.Context) error {
	return c.conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *snapshotConn) IsValid() bool { return c.conn.(driver.Validator).IsValid() }

// Close ends the snapshot's transaction and gives the connection back to the pool, or closes
// it when it is broken, the rollback fails or the pool is full.
func (c *snapshotConn) Close() error {
	if c.IsValid() {
		if _, err := c.ExecContext(context.Background(), "ROLLBACK", nil); err == nil && c.pool.put(c.conn) {
			return nil
		}
	}
	return c.conn.Close()
}

// valueCacheSize bounds a valueCache; past it, it forgets every value and starts again.
const valueCacheSize = 1 << 16

// valueCache keeps the values of nodes by their reference's key, for every snapshot of a
// PostgreSQL store (see the top). A nil *valueCache keeps nothing.
type valueCache struct {
	mu sync.Mutex
	m  map[any]quad.Value
}

// valuesOf returns the values of nodes, as graph.ValuesOf does, reading only those it does
// not keep.
func (c *valueCache) valuesOf(ctx context.Context, qs graph.QuadStore, nodes []graph.Ref) ([]quad.Value, error) {
	if c == nil {
		return graph.ValuesOf(ctx, qs, nodes)
	}
	out := make([]quad.Value, len(nodes))
	var miss []graph.Ref
	var at []int
	c.mu.Lock()
	for i, n := range nodes {
		if n != nil {
			if v, ok := c.m[n.Key()]; ok {
				out[i] = v
				continue
			}
		}
		miss, at = append(miss, n), append(at, i)
	}
	c.mu.Unlock()
	if len(miss) == 0 {
		return out, nil
	}
	vals, err := graph.ValuesOf(ctx, qs, miss)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(vals) > valueCacheSize {
		c.m = make(map[any]quad.Value)
	}
	for j, v := range vals {
		out[at[j]] = v
		if v != nil && miss[j] != nil {
			c.m[miss[j].Key()] = v
		}
	}
	return out, nil
}
