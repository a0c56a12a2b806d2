package e2e

import (
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/lib/pq" // the driver cayley's postgres backend uses

	// The binaries are built by TestMain; importing what they are made of lets go test's cache
	// see when they change.
	_ "github.com/diplograph/diplograph/internal/ingest"
	_ "github.com/diplograph/diplograph/internal/store"
)

// withSearchPath points a connection string at one schema.
func withSearchPath(conn, schema string) string {
	u, err := url.Parse(conn)
	if err != nil {
		return conn
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func createSchema(t *testing.T, conn, schema string) {
	t.Helper()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", conn)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
}

// TestPostgresConcurrentIngest runs several ingest processes at once on one new PostgreSQL
// schema, with disjoint, overlapping and identical article sets (the same article from two or
// three writers) in small batches; the schema ends up holding exactly the N-Quads one ingest of
// every article gives, which is what a bolt store of them holds.
func TestPostgresConcurrentIngest(t *testing.T) {
	shared := newFaultStore(t, "postgres")
	one := newFaultStore(t, "postgres")
	texts, err := filepath.Glob(filepath.Join(repoRoot(), "internal", "e2e", "testdata", "articles", "*.txt"))
	if err != nil || len(texts) < 12 {
		t.Fatalf("articles: %d found, %v", len(texts), err)
	}
	var lines []string
	for _, p := range texts {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, jsonlLine(t, strings.TrimSuffix(filepath.Base(p), ".txt"), string(text)))
	}
	dir := t.TempDir()
	file := func(name string, ls []string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(ls, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	n := len(lines)
	reversed := slices.Clone(lines)
	slices.Reverse(reversed)
	inputs := []string{
		file("first.jsonl", lines[:2*n/3]),
		file("last.jsonl", lines[n/3:]),
		file("reversed.jsonl", reversed),
		file("first-again.jsonl", lines[:2*n/3]),
	}
	all := file("all.jsonl", lines)

	var wg sync.WaitGroup
	results := make([]result, len(inputs))
	for i, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = shared.ingest(t, "-q", "--batch", "2", "--workers", "1", "--date", "2024-01-01", in)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Errorf("ingest %s: exit %d\n%s", filepath.Base(inputs[i]), r.code, r.stderr)
		}
	}
	if r := one.ingest(t, "-q", "--date", "2024-01-01", all); r.code != 0 {
		t.Fatalf("ingest all: exit %d\n%s", r.code, r.stderr)
	}
	want, got := one.export(t), shared.export(t)
	if len(want) < 100 {
		t.Fatalf("one ingest exported %d quads; want a real graph", len(want))
	}
	// The PostgreSQL writer stores what the bolt writer stores.
	bolt := newFaultStore(t, "bolt")
	if r := bolt.ingest(t, "-q", "--date", "2024-01-01", all); r.code != 0 {
		t.Fatalf("ingest all into bolt: exit %d\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff(bolt.export(t), want); diff != "" {
		t.Errorf("PostgreSQL and bolt stores of the same input differ (-bolt +postgres):\n%s", diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("concurrent ingests stored %d quads, one ingest %d (-one +concurrent):\n%s", len(got), len(want), diff)
	}
}
