package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pgCluster runs scripts/pg-test.sh with its own state directory, for a test that needs a
// primary and a standby of its own.
type pgCluster struct{ home string }

func (c pgCluster) script(t *testing.T, cmd string) string {
	t.Helper()
	sh := exec.Command("bash", filepath.Join(repoRoot(), "scripts", "pg-test.sh"), cmd)
	sh.Env = append(os.Environ(), "DIPLOGRAPH_PG_HOME="+c.home)
	var out, errb bytes.Buffer
	sh.Stdout, sh.Stderr = &out, &errb
	if err := sh.Run(); err != nil {
		t.Fatalf("scripts/pg-test.sh %s: %v\n%s", cmd, err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

// TestPostgresReadReplica: scripts/pg-test.sh starts a primary and a streaming-replication hot
// standby of it; articles ingested into the primary reach the standby, and once it has replayed
// the primary's WAL every query verb answers on the standby what it answers on the primary. The
// standby refuses an ingest. Without PostgreSQL 15's binaries the test is skipped, except under
// CI=true, where the script installs them.
func TestPostgresReadReplica(t *testing.T) {
	pgbin := os.Getenv("PGBIN")
	if pgbin == "" {
		pgbin = "/usr/lib/postgresql/15/bin"
	}
	for _, b := range []string{"initdb", "pg_ctl", "pg_basebackup"} {
		if _, err := os.Stat(filepath.Join(pgbin, b)); err != nil && os.Getenv("CI") != "true" {
			t.Skipf("PostgreSQL 15 binaries absent (%v): install postgresql-15 or set PGBIN", err)
		}
	}
	// The server runs as the postgres OS user when we are root: its directory must be reachable.
	parent, err := os.MkdirTemp("", "diplograph-replica")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	c := pgCluster{home: filepath.Join(parent, "pg")}
	t.Cleanup(func() {
		c.script(t, "stop")
		os.RemoveAll(parent)
	})
	primary := c.script(t, "start")
	standby := c.script(t, "standby")

	samples := filepath.Join(repoRoot(), "data", "samples")
	onPrimary := []string{"--backend", "postgres", "--db", primary}
	onStandby := []string{"--backend", "postgres", "--db", standby}
	mustRun(t, "ingest", append(onPrimary, "-q", "--date", "2022-05-24", samples)...)
	waitReplayed(t, primary, standby)

	if r := run(t, "ingest", append(onStandby, "-q", filepath.Join(samples, "quad-summit-tokyo-2022.txt"))...); r.code == 0 {
		t.Errorf("ingest into the standby succeeded; want a failure (a hot standby is read-only)")
	}
	queries := [][]string{
		{"export", "--format", "nquads"},
		{"stats"},
		{"entities"},
		{"events"},
		{"quotes"},
		{"show", "Joe Biden"},
		{"neighbors", "United States", "--depth", "2"},
		{"timeline", "Joe Biden"},
	}
	for _, q := range queries {
		want := mustRun(t, "query", append(onPrimary, q...)...).stdout
		got := mustRun(t, "query", append(onStandby, q...)...).stdout
		if strings.Count(want, "\n") < 2 {
			t.Errorf("query %s on the primary: %q; want a real answer", strings.Join(q, " "), want)
		}
		if got != want {
			t.Errorf("query %s: the standby answers (%d lines)\n%s\nthe primary (%d lines)\n%s", strings.Join(q, " "),
				strings.Count(got, "\n"), got, strings.Count(want, "\n"), want)
		}
	}
}

// waitReplayed waits, at most a minute, until the standby has replayed every transaction the
// primary has committed so far and sees the primary's tables.
//
// The test servers run with synchronous_commit=off: when the ingest exits, its last commit
// records may still sit in the primary's WAL buffers, past pg_current_wal_lsn() (the write
// position), and the primary streams only flushed WAL. Waiting for the write position let the
// standby answer before the ingest's commit replayed: an empty export. So a transaction with
// synchronous_commit=on first flushes all WAL up to its own commit record, and the target is
// the flush position read after it. The transaction must write WAL (a transactional logical
// message): a commit that wrote none is not flushed even with synchronous_commit=on.
func waitReplayed(t *testing.T, primary, standby string) {
	t.Helper()
	const limit = time.Minute
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	p, err := sql.Open("postgres", primary)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s, err := sql.Open("postgres", standby)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	tx, err := p.BeginTx(ctx, nil)
	if err != nil {
		t.Fatalf("primary: begin: %v", err)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = on; SELECT pg_logical_emit_message(true, 'diplograph-test', 'flush')`); err != nil {
		tx.Rollback()
		t.Fatalf("primary: flush transaction: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("primary: commit the flush transaction: %v", err)
	}
	const tablesQ = `SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`
	var lsn string
	var tables int
	if err := p.QueryRowContext(ctx, `SELECT pg_current_wal_flush_lsn()::text, (`+tablesQ+`)`).Scan(&lsn, &tables); err != nil {
		t.Fatalf("primary's WAL flush position: %v", err)
	}
	if tables == 0 {
		t.Fatal("the primary has no tables after the ingest")
	}

	var replayed string
	var seen int
	for {
		var recovering, caught bool
		err := s.QueryRowContext(ctx, `SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn()::text, 'none'),
			coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false), (`+tablesQ+`)`, lsn).Scan(&recovering, &replayed, &caught, &seen)
		if err != nil && ctx.Err() == nil {
			t.Fatalf("standby's replay position: %v", err)
		}
		if err == nil && !recovering {
			t.Fatal("the standby is not in recovery: not a standby")
		}
		if err == nil && caught && seen == tables {
			t.Logf("the standby replayed the primary's WAL to %s in %v", lsn, time.Since(start).Round(time.Millisecond))
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("after %v the standby has replayed the primary's WAL to %s, want %s; it sees %d tables, the primary %d",
				limit, replayed, lsn, seen, tables)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
