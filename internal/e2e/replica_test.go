package e2e

import (
	"bytes"
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
			t.Errorf("query %s: the standby answers\n%s\nthe primary\n%s", strings.Join(q, " "), got, want)
		}
	}
}

// waitReplayed waits until the standby has replayed the primary's WAL as it stands now.
func waitReplayed(t *testing.T, primary, standby string) {
	t.Helper()
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
	var lsn string
	if err := p.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		t.Fatalf("primary's WAL position: %v", err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var recovering, caught bool
		err := s.QueryRow(`SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, lsn).Scan(&recovering, &caught)
		if err != nil {
			t.Fatalf("standby's replay position: %v", err)
		}
		if !recovering {
			t.Fatal("the standby is not in recovery: not a standby")
		}
		if caught {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the standby has not replayed the primary's WAL up to %s in a minute", lsn)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
