package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// A server that stops answering without closing its connections (a stopped or deadlocked
// process, a lost route) leaves lib/pq waiting for ever: a context's end only makes it send a
// cancel request, which the hung server does not answer either, and TCP keepalive and
// TCP_USER_TIMEOUT do not fire while the server's kernel still acknowledges what it is sent. So
// every connection diplograph opens, its own and cayley's, goes through a net.Conn that gives
// each read and each write Options.ServerTimeout: a server silent that long while a statement
// waits for its answer (or a connection for its startup) fails the statement with a
// *ServerTimeoutError. The error is a *net.OpError, so that lib/pq marks the connection bad and
// database/sql never uses it again; a transaction it cut short is rolled back by the server
// when the connection closes. Connections idle in the pool read nothing and are not timed.

// DefaultServerTimeout is how long a PostgreSQL server may leave a request unanswered (see
// Options.ServerTimeout).
const DefaultServerTimeout = time.Minute

// ServerTimeoutError is a PostgreSQL server that left a read or write of a connection
// unanswered past Options.ServerTimeout. It comes back wrapped in a *net.OpError.
type ServerTimeoutError struct {
	After time.Duration // the bound
}

func (e *ServerTimeoutError) Error() string {
	return fmt.Sprintf("i/o timeout: no answer within %v", e.After)
}

// Timeout reports true, as net.Error does for a deadline.
func (e *ServerTimeoutError) Timeout() bool { return true }

// Temporary reports true, as net.Error does for a deadline.
func (e *ServerTimeoutError) Temporary() bool { return true }

// Unwrap returns os.ErrDeadlineExceeded.
func (e *ServerTimeoutError) Unwrap() error { return os.ErrDeadlineExceeded }

// Waiting returns the text of err, an error that wraps e, without e's own words at its end:
// what waited for the server ("open store …: read tcp 127.0.0.1:50878->127.0.0.1:5432"), for a
// message that says once that the server did not answer, and within how long.
func (e *ServerTimeoutError) Waiting(err error) string {
	return strings.TrimSuffix(err.Error(), ": "+e.Error())
}

// pgDriver is the database/sql driver, and pgFlavor cayley's sql flavour, of connections bounded
// by a server timeout: lib/pq with pgDialer. The name they open is pgName's.
const (
	pgDriver = "diplograph-postgres"
	pgFlavor = "diplograph-postgres"
)

// The driver and the flavour are registered once, as the blank import of cayley's postgres
// backend registers its own: cayley's sql quad store opens its connections by driver name.
func init() {
	sql.Register(pgDriver, timedDriver{})
	csql.Register(pgFlavor, csql.Registration{
		Driver:             pgDriver,
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       cpostgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              cpostgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: cpostgres.RunTxPostgres,
	})
}

// pgName is the name pgDriver opens: the timeout in nanoseconds, a space, the snapshot every
// connection reads and the pool of its connections ("-" for none; see snapshot.go), a space,
// the connection string.
func pgName(timeout time.Duration, snap snapshotName, addr string) string {
	return strconv.FormatInt(int64(timeout), 10) + " " + snap.String() + " " + addr
}

// openPGDB opens the database at addr, with connections bounded by timeout.
func openPGDB(timeout time.Duration, addr string) (*sql.DB, error) {
	return sql.Open(pgDriver, pgName(timeout, snapshotName{}, addr))
}

// openPGQuadStore opens cayley's quad store on the database at addr, with connections bounded
// by timeout, each reading the exported snapshot snap names unless it is the zero name.
func openPGQuadStore(timeout time.Duration, snap snapshotName, addr string) (graph.QuadStore, error) {
	return graph.NewQuadStore(pgFlavor, pgName(timeout, snap, addr), nil)
}

type timedDriver struct{}

func (d timedDriver) Open(name string) (driver.Conn, error) {
	c, err := d.OpenConnector(name)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

func (timedDriver) OpenConnector(name string) (driver.Connector, error) {
	n, rest, ok := strings.Cut(name, " ")
	field, addr, ok2 := strings.Cut(rest, " ")
	ns, err := strconv.ParseInt(n, 10, 64)
	snap, serr := parseSnapshotName(field)
	if !ok || !ok2 || err != nil || ns <= 0 || serr != nil {
		return nil, errors.New("diplograph-postgres: want a timeout, a snapshot and a connection string")
	}
	c, err := pq.NewConnector(addr)
	if err != nil {
		return nil, err
	}
	c.Dialer(pgDialer{timeout: time.Duration(ns)})
	if snap.id == "" {
		return c, nil
	}
	return newSnapshotConnector(c, snap)
}

// pgDialer dials connections whose reads and writes are bounded by timeout (see the top).
type pgDialer struct{ timeout time.Duration }

func (d pgDialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

func (d pgDialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return d.DialContext(ctx, network, address)
}

func (d pgDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	nd := net.Dialer{Timeout: d.timeout}
	c, err := nd.DialContext(ctx, network, address)
	if err != nil {
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Timeout() && ctx.Err() == nil {
			return nil, &net.OpError{Op: oe.Op, Net: oe.Net, Source: oe.Source, Addr: oe.Addr, Err: &ServerTimeoutError{After: d.timeout}}
		}
		return nil, err
	}
	return &timedConn{Conn: c, timeout: d.timeout}, nil
}

// timedConn gives each read and write the timeout, or the deadline lib/pq set (connect_timeout
// during the startup) when that comes first.
type timedConn struct {
	net.Conn
	timeout   time.Duration
	readLimit time.Time // set by SetDeadline or SetReadDeadline
	writeEnd  time.Time // set by SetDeadline or SetWriteDeadline
}

func (c *timedConn) Read(b []byte) (int, error) {
	d, ours := c.deadline(c.readLimit)
	if err := c.Conn.SetReadDeadline(d); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(b)
	return n, c.timedOut(err, ours)
}

func (c *timedConn) Write(b []byte) (int, error) {
	d, ours := c.deadline(c.writeEnd)
	if err := c.Conn.SetWriteDeadline(d); err != nil {
		return 0, err
	}
	n, err := c.Conn.Write(b)
	return n, c.timedOut(err, ours)
}

// deadline returns the deadline of an operation starting now, and whether it is the timeout's.
func (c *timedConn) deadline(limit time.Time) (time.Time, bool) {
	d := time.Now().Add(c.timeout)
	if !limit.IsZero() && limit.Before(d) {
		return limit, false
	}
	return d, true
}

// timedOut turns the deadline error of the timeout into a *ServerTimeoutError.
func (c *timedConn) timedOut(err error, ours bool) error {
	var oe *net.OpError
	if !ours || !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &oe) {
		return err
	}
	return &net.OpError{Op: oe.Op, Net: oe.Net, Source: oe.Source, Addr: oe.Addr, Err: &ServerTimeoutError{After: c.timeout}}
}

func (c *timedConn) SetDeadline(t time.Time) error {
	c.readLimit, c.writeEnd = t, t
	return nil
}

func (c *timedConn) SetReadDeadline(t time.Time) error {
	c.readLimit = t
	return nil
}

func (c *timedConn) SetWriteDeadline(t time.Time) error {
	c.writeEnd = t
	return nil
}
