package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/diplograph/diplograph/schema"
)

// A PostgreSQL store is cayley's sql schema (tables nodes and quads, see cayley's
// graph/sql/database.go), which cayley's quad store reads. Diplograph writes it itself, in one
// transaction per batch of articles with a few statements each (cayley's own writer sends one
// statement per node and per quad), so that several ingest processes can write one database:
//
//   - the transaction takes a transaction-scoped advisory lock on every article it replaces, in
//     one global order (no deadlock between writers), and reads what the store holds for them
//     only then: two writers of one article replace it one after the other, never mixed. On a
//     server without advisory locks (CockroachDB before 26.1) the transaction is SERIALIZABLE
//     instead, and a conflict makes one of the two run again;
//   - nodes are shared between articles: their reference counts are raised and lowered by one
//     upsert in hash order (ON CONFLICT ... DO UPDATE), and a node is deleted when its count
//     falls to zero, in the transaction that lowered it (a writer raising it meanwhile waits
//     for the row, then inserts it again);
//   - a deadlock, a serialization failure (CockroachDB, or SERIALIZABLE) or a unique violation
//     from a writer that got in first rolls the transaction back, and it is run again from the
//     start (it reads again what the store holds), up to pgAttempts times.

// pgAttempts bounds the runs of one batch's transaction.
const pgAttempts = 10

// pgTables are the statements that create a store: cayley's postgres schema, column for
// column and index for index (cayley's sql.Init for the postgres flavour), so that cayley's
// tools open it, plus an index by label, by which the quads of an article are read, and
// without cayley's four foreign keys of quads on nodes (as cayley's cockroach flavour): their
// checks, four index lookups a quad, were half the time of inserting the BBC corpus's quads
// (57 s against 27 s for 239,933 quads, on the 2-core machine of the README). The writer keeps
// what they enforced: it upserts a quad's nodes, in the same transaction, before the quad.
// A store cayley created keeps its foreign keys; the writer works on both.
var pgTables = []string{
	`CREATE TABLE nodes (
	hash BYTEA PRIMARY KEY,
	refs INT NOT NULL,
	value BYTEA,
	value_string TEXT,
	datatype TEXT,
	language TEXT,
	iri BOOLEAN,
	bnode BOOLEAN,
	value_int BIGINT,
	value_bool BOOLEAN,
	value_float double precision,
	value_time timestamp with time zone
)`,
	`CREATE TABLE quads (
	horizon BIGSERIAL PRIMARY KEY,
	subject_hash BYTEA NOT NULL,
	predicate_hash BYTEA NOT NULL,
	object_hash BYTEA NOT NULL,
	label_hash BYTEA,
	ts timestamp
)`,
	`CREATE UNIQUE INDEX spo_unique ON quads (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL`,
	`CREATE UNIQUE INDEX spol_unique ON quads (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL`,
	`CREATE INDEX spo_index ON quads (subject_hash, predicate_hash, object_hash) WITH (FILLFACTOR = 50)`,
	`CREATE INDEX ops_index ON quads (object_hash, predicate_hash, subject_hash) WITH (FILLFACTOR = 50)`,
	`CREATE INDEX pos_index ON quads (predicate_hash, object_hash, subject_hash) WITH (FILLFACTOR = 50)`,
	`CREATE INDEX osp_index ON quads (object_hash, subject_hash, predicate_hash) WITH (FILLFACTOR = 50)`,
	labelIndex,
}

// labelIndex indexes quads by label; a store cayley created lacks it and gets it on open.
const labelIndex = `CREATE INDEX IF NOT EXISTS diplograph_label_index ON quads (label_hash)`

// pgCreateLock is the first key of the advisory lock (two int4 keys, a space apart from the
// one-bigint keys of articles) under which a store is created; the second is the FNV hash of
// the schema's name.
const pgCreateLock = 0x6469706c // "dipl"

// openPostgres connects to the database at opts.Address, creates the store in it unless it
// exists or opts.ReadOnly, and returns the connection diplograph writes through, whether the
// server has advisory locks, and cayley's quad store, which reads.
func openPostgres(ctx context.Context, opts Options) (db *sql.DB, locks bool, qs graph.QuadStore, err error) {
	db, qs, err = openPostgresDB(ctx, opts)
	if err != nil || opts.ReadOnly {
		return db, false, qs, err
	}
	if locks, err = pgHasLocks(ctx, db); err != nil {
		qs.Close()
		db.Close()
		return nil, false, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), err)
	}
	return db, locks, qs, nil
}

func openPostgresDB(ctx context.Context, opts Options) (*sql.DB, graph.QuadStore, error) {
	quietCayley()
	if opts.Address == "" {
		return nil, nil, errors.New("open store: no postgres connection string given")
	}
	db, err := openPGDB(opts.ServerTimeout, opts.Address)
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), err)
	}
	exists, err := postgresHasStore(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), err)
	}
	switch {
	case !exists && opts.ReadOnly:
		db.Close()
		return nil, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), ErrNotExist)
	case !exists:
		if err := createPostgres(ctx, db); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("create store %s: %w", redact(opts.Address), err)
		}
	case !opts.ReadOnly:
		// A store cayley created has no index by label. Asking first spares a writer that
		// does not own the table (CREATE INDEX checks ownership even when the index exists).
		var has bool
		err := db.QueryRowContext(ctx, `SELECT count(*) > 0 FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND indexname = 'diplograph_label_index'`).Scan(&has)
		if err == nil && !has {
			_, err = db.ExecContext(ctx, labelIndex)
		}
		if err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), err)
		}
	}
	qs, err := openPGQuadStore(opts.ServerTimeout, snapshotName{}, opts.Address)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open store %s: %w", redact(opts.Address), err)
	}
	return db, qs, nil
}

// createPostgres creates the tables of a store in one transaction, under an advisory lock on
// the schema: of several processes creating one store at once, the first creates it and the
// others, once it has committed, find it there.
func createPostgres(ctx context.Context, db *sql.DB) error {
	return pgRetry(ctx, func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var schemaName sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schemaName); err != nil {
			return err
		}
		h := fnv.New32a()
		h.Write([]byte(schemaName.String))
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, pgCreateLock, int32(h.Sum32())); err != nil && !pgNoLocks(err) {
			return err
		} else if err != nil {
			// No advisory locks (CockroachDB before 26.1): a second creator fails on the
			// existing tables and its next run finds them.
			tx.Rollback()
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return err
			}
			defer tx.Rollback()
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, pgHasStore).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		for _, stmt := range pgTables {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return tx.Commit()
	})
}

// pgHasStore asks whether cayley's tables exist in the schema tables are created in. It reads
// the catalog with the statement's snapshot: to_regclass goes through the session's catalog
// cache, which may not yet see tables another session has just created.
const pgHasStore = `SELECT count(*) = 2 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename IN ('nodes', 'quads')`

// postgresHasStore reports whether cayley's tables exist in the database.
func postgresHasStore(ctx context.Context, db *sql.DB) (bool, error) {
	var exists bool
	err := db.QueryRowContext(ctx, pgHasStore).Scan(&exists)
	return exists, err
}

// pgRetry runs fn until it succeeds, fails with an error a second run would not avoid, or has
// run pgAttempts times, waiting a little longer, at random, before each new run.
func pgRetry(ctx context.Context, fn func() error) error {
	wait := 5 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !pgRetryable(err) || attempt == pgAttempts {
			return err
		}
		select {
		case <-time.After(wait/2 + rand.N(wait)):
		case <-ctx.Done():
			return ctx.Err()
		}
		wait = min(2*wait, time.Second)
	}
}

// pgRetryable reports an error of a transaction that another transaction caused: a
// serialization failure, a deadlock, a unique violation (a row another writer inserted first;
// the next run reads it), or a table another creator made first.
func pgRetryable(err error) bool {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40001", "40P01", "23505", "42P07":
		return true
	}
	return false
}

// pgNoLocks reports the error of a server without advisory locks: an undefined function or
// a feature not supported.
func pgNoLocks(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "42883" || pe.Code == "0A000")
}

// pgHasLocks reports whether the server has transaction-scoped advisory locks (PostgreSQL has;
// CockroachDB before 26.1 has not, or only as no-ops, and isolates every transaction
// SERIALIZABLE instead).
func pgHasLocks(ctx context.Context, db *sql.DB) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(0)`)
	if pgNoLocks(err) {
		return false, nil
	}
	return err == nil, err
}

// pgQuad is a quad by the hashes of its subject, predicate, object and label.
type pgQuad [4]refs.ValueHash

func pgQuadOf(q quad.Quad) pgQuad {
	return pgQuad{refs.HashOf(q.Subject), refs.HashOf(q.Predicate), refs.HashOf(q.Object), refs.HashOf(q.Label)}
}

// replacePostgres replaces the articles of wants in one transaction (see the top of this file).
func (s *Store) replacePostgres(ctx context.Context, wants []want) (Change, error) {
	var total Change
	err := pgRetry(ctx, func() error {
		var err error
		total, err = s.replacePostgresTx(ctx, wants)
		return err
	})
	if err != nil {
		return Change{}, fmt.Errorf("replace articles: %w", err)
	}
	if !total.Unchanged() {
		// Cayley's quad store keeps the counts of its last Stats until it writes; an empty
		// write is the one way to drop them.
		if err := s.qs.ApplyDeltas(nil, graph.IgnoreOpts{}); err != nil {
			return Change{}, fmt.Errorf("replace articles: %w", err)
		}
	}
	return total, nil
}

func (s *Store) replacePostgresTx(ctx context.Context, wants []want) (Change, error) {
	total := Change{Articles: len(wants)}
	if len(wants) == 0 {
		return total, nil
	}
	opts := &sql.TxOptions{}
	if !s.pgLocks {
		// Without advisory locks, SERIALIZABLE makes one of two writers of an article fail
		// (40001), and its next run reads what the other stored.
		opts.Isolation = sql.LevelSerializable
	}
	tx, err := s.pg.BeginTx(ctx, opts)
	if err != nil {
		return Change{}, err
	}
	defer tx.Rollback()

	// Lock the articles, in the order of their keys.
	labels := make([]refs.ValueHash, len(wants))
	keys := make([]int64, len(wants))
	for i, w := range wants {
		labels[i] = refs.HashOf(w.iri)
		keys[i] = int64(binary.BigEndian.Uint64(labels[i][:8]))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if s.pgLocks {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, pq.Int64Array(keys)); err != nil {
			return Change{}, fmt.Errorf("lock articles: %w", err)
		}
	}

	// An article whose stored contentHash quad is the one it is to get is unchanged.
	stored := map[refs.ValueHash]refs.ValueHash{} // article -> the object of its stored contentHash quad
	err = pgEach(ctx, tx, `SELECT label_hash, object_hash FROM quads
		WHERE label_hash = ANY($1) AND subject_hash = label_hash AND predicate_hash = $2`,
		[]any{pgHashes(labels), hashBytes(refs.HashOf(quad.IRI(schema.ContentHash)))}, 2,
		func(h []refs.ValueHash, _ int64) { stored[h[0]] = h[1] })
	if err != nil {
		return Change{}, fmt.Errorf("read content hashes: %w", err)
	}
	var changed []want
	var changedLabels []refs.ValueHash
	for i, w := range wants {
		if w.hash != nil {
			if o, ok := stored[labels[i]]; ok && o == refs.HashOf(w.hash.Object) {
				continue
			}
		}
		changed = append(changed, w)
		changedLabels = append(changedLabels, labels[i])
	}
	if len(changed) == 0 {
		return total, tx.Commit()
	}

	// The stored quads of the changed articles.
	have := map[pgQuad]int64{} // quad -> horizon
	err = pgEach(ctx, tx, `SELECT subject_hash, predicate_hash, object_hash, label_hash, horizon FROM quads WHERE label_hash = ANY($1)`,
		[]any{pgHashes(changedLabels)}, 4,
		func(h []refs.ValueHash, horizon int64) { have[pgQuad{h[0], h[1], h[2], h[3]}] = horizon })
	if err != nil {
		return Change{}, fmt.Errorf("read stored quads: %w", err)
	}

	// The difference, and what it does to the reference count of each node.
	var (
		add    []pgQuad
		del    []int64
		nodes  = map[refs.ValueHash]*pgNode{}
		wanted = make(map[pgQuad]bool)
	)
	ref := func(h refs.ValueHash, v quad.Value, n int) {
		nd := nodes[h]
		if nd == nil {
			nd = &pgNode{}
			nodes[h] = nd
		}
		nd.refs += n
		if v != nil {
			nd.value = v
		}
	}
	for _, w := range changed {
		for _, q := range w.quads {
			k := pgQuadOf(q)
			wanted[k] = true
			if _, ok := have[k]; ok {
				continue
			}
			add = append(add, k)
			for i, d := range quad.Directions {
				ref(k[i], q.Get(d), 1)
			}
		}
	}
	for k, horizon := range have {
		if wanted[k] {
			continue
		}
		del = append(del, horizon)
		for i := range k {
			ref(k[i], nil, -1)
		}
	}
	total.Added, total.Removed = len(add), len(del)
	if len(add) == 0 && len(del) == 0 {
		return total, tx.Commit()
	}

	// Nodes first (the quads refer to them), in hash order, so that writers sharing nodes lock
	// them in one order.
	hashes := make([]refs.ValueHash, 0, len(nodes))
	for h, nd := range nodes {
		if nd.refs != 0 {
			hashes = append(hashes, h)
		}
	}
	slices.SortFunc(hashes, func(a, b refs.ValueHash) int { return slices.Compare(a[:], b[:]) })
	if err := upsertNodes(ctx, tx, hashes, nodes); err != nil {
		return Change{}, fmt.Errorf("write nodes: %w", err)
	}
	if len(del) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM quads WHERE horizon = ANY($1)`, pq.Int64Array(del)); err != nil {
			return Change{}, fmt.Errorf("delete quads: %w", err)
		}
	}
	if len(add) > 0 {
		cols := make([][][]byte, 4)
		for i := range cols {
			cols[i] = make([][]byte, len(add))
		}
		for j, k := range add {
			for i := range k {
				cols[i][j] = hashBytes(k[i])
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)`,
			pq.ByteaArray(cols[0]), pq.ByteaArray(cols[1]), pq.ByteaArray(cols[2]), pq.ByteaArray(cols[3])); err != nil {
			return Change{}, fmt.Errorf("insert quads: %w", err)
		}
	}
	var gone []refs.ValueHash
	for _, h := range hashes {
		if nodes[h].refs < 0 {
			gone = append(gone, h)
		}
	}
	if len(gone) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, pgHashes(gone)); err != nil {
			return Change{}, fmt.Errorf("delete nodes: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Change{}, err
	}
	return total, nil
}

// pgNode is the change of one node's reference count, and its value when the change adds
// quads (a node whose count only falls is stored already).
type pgNode struct {
	refs  int
	value quad.Value
}

// pgValueColumns are the value columns of nodes, in the order upsertNodes passes them.
var pgValueColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// upsertNodes adds the reference count changes of nodes to the nodes of hashes, in the order
// of hashes, inserting those not stored with their values, in one statement. The values are
// encoded by cayley's sql.NodeValues, as cayley's own writer stores them, and passed as text.
func upsertNodes(ctx context.Context, tx *sql.Tx, hashes []refs.ValueHash, nodes map[refs.ValueHash]*pgNode) error {
	if len(hashes) == 0 {
		return nil
	}
	col := make(map[string]int, len(pgValueColumns))
	for i, c := range pgValueColumns {
		col[c] = i
	}
	hs := make([][]byte, len(hashes))
	counts := make(pq.Int64Array, len(hashes))
	vals := make([][]sql.NullString, len(pgValueColumns))
	for i := range vals {
		vals[i] = make([]sql.NullString, len(hashes))
	}
	for j, h := range hashes {
		nd := nodes[h]
		hs[j], counts[j] = hashBytes(h), int64(nd.refs)
		if nd.value == nil {
			continue
		}
		vt, values, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, nd.value)
		if err != nil {
			return err
		}
		for i, c := range vt.Columns() {
			text, err := pgText(values[i+1])
			if err != nil {
				return fmt.Errorf("node %v: %w", nd.value, err)
			}
			vals[col[c]][j] = sql.NullString{String: text, Valid: true}
		}
	}
	args := []any{pq.ByteaArray(hs), counts}
	for _, v := range vals {
		args = append(args, pq.Array(v))
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO nodes (hash, refs, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
		SELECT h, r, decode(v, 'hex'), s, dt, lang, iri::boolean, bn::boolean, vi::bigint, vb::boolean, vf::double precision, vt::timestamptz
		FROM unnest($1::bytea[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
			WITH ORDINALITY AS t(h, r, v, s, dt, lang, iri, bn, vi, vb, vf, vt, n)
		ORDER BY n
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`, args...)
	return err
}

// pgText is the text form PostgreSQL reads back as the value NodeValues gives.
func pgText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []byte:
		return hex.EncodeToString(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		switch {
		case math.IsInf(v, 1):
			return "Infinity", nil
		case math.IsInf(v, -1):
			return "-Infinity", nil
		}
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case time.Time:
		return v.Format("2006-01-02 15:04:05.999999999Z07:00"), nil
	}
	return "", fmt.Errorf("unexpected value type %T", v)
}

// pgEach runs a query whose rows are nh hashes, then optionally a number, and calls fn with
// each row.
func pgEach(ctx context.Context, tx *sql.Tx, query string, args []any, nh int, fn func(h []refs.ValueHash, n int64)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	raw := make([][]byte, len(cols))
	dest := make([]any, len(cols))
	for i := range raw {
		dest[i] = &raw[i]
	}
	var n int64
	if len(cols) > nh {
		dest[nh] = &n
	}
	h := make([]refs.ValueHash, nh)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i := range h {
			if len(raw[i]) != len(h[i]) {
				return fmt.Errorf("hash of %d bytes in column %s", len(raw[i]), cols[i])
			}
			copy(h[i][:], raw[i])
		}
		fn(h, n)
	}
	return rows.Err()
}

func hashBytes(h refs.ValueHash) []byte { return append([]byte(nil), h[:]...) }

func pgHashes(hs []refs.ValueHash) pq.ByteaArray {
	out := make(pq.ByteaArray, len(hs))
	for i, h := range hs {
		out[i] = hashBytes(h)
	}
	return out
}

var dsnPassword = regexp.MustCompile(`password=\S+`)

// redact hides the password of a PostgreSQL connection string, URL or key=value form.
func redact(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	return dsnPassword.ReplaceAllString(addr, "password=xxxxx")
}
