package store_test

import (
	"database/sql"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// openPostgresStores opens n stores on the database at addr at once, each with its own
// connections, as n ingest processes would; the first opens race to create the tables.
func openPostgresStores(t *testing.T, addr string, n int) []*store.Store {
	t.Helper()
	stores := make([]*store.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = store.Open(ctx, store.Options{Backend: store.Postgres, Address: addr})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: Open = %v", i, err)
		}
		s := stores[i]
		t.Cleanup(func() { s.Close() })
	}
	return stores
}

// replaceAll replaces the articles of arts batch by batch, as an ingest does.
func replaceAll(s *store.Store, arts []*storetest.Article, batch int) error {
	for i := 0; i < len(arts); i += batch {
		var b []store.ArticleQuads
		for _, a := range arts[i:min(i+batch, len(arts))] {
			b = append(b, store.ArticleQuads{IRI: a.IRI, Quads: a.Quads})
		}
		if _, err := s.ReplaceArticles(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

// checkNodeRefs checks cayley's invariant on the nodes table: a node is stored exactly while
// quads refer to it, and its refs is the number of their directions that do.
func checkNodeRefs(t *testing.T, addr string) {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var bad, nodes int
	err = db.QueryRow(`WITH used AS (
			SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads) AS d
			GROUP BY h)
		SELECT count(*) FILTER (WHERE nodes.hash IS NULL OR used.h IS NULL OR nodes.refs <> used.n), count(nodes.hash)
		FROM nodes FULL JOIN used ON nodes.hash = used.h`).Scan(&bad, &nodes)
	if err != nil {
		t.Fatalf("check node refs: %v", err)
	}
	if bad != 0 {
		t.Errorf("%d of %d nodes are missing, orphaned or miscounted", bad, nodes)
	}
}

// TestPostgresConcurrentWriters: four stores (four ingest processes) write one new database at
// once, with disjoint, overlapping and identical article sets in different orders; the database
// ends up holding exactly what one store writing every article gives, and its node counts are
// right.
func TestPostgresConcurrentWriters(t *testing.T) {
	addr := postgresDB(t)
	var arts []*storetest.Article
	for i := range 60 {
		arts = append(arts, storetest.Synthetic(i))
	}
	reversed := slices.Clone(arts)
	slices.Reverse(reversed)
	sets := [][]*storetest.Article{
		arts[:40],   // overlaps the next two
		arts[20:],   // overlaps the previous one, disjoint from the first half of it
		reversed,    // every article, in the other order
		arts[:40],   // the same articles as the first writer, in the same order
		arts[50:55], // a few, written early
	}
	stores := openPostgresStores(t, addr, len(sets))
	var wg sync.WaitGroup
	errs := make([]error, len(sets))
	for i, set := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = replaceAll(stores[i], set, 3)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
	}

	ref := openStore(t, store.Options{Backend: store.Postgres, Address: postgresDB(t)})
	if err := replaceAll(ref, arts, 3); err != nil {
		t.Fatal(err)
	}
	want := nquads(t, ref)
	if got := nquads(t, stores[0]); !cmp.Equal(want, got) {
		t.Errorf("concurrent writers stored %d quads, one writer %d; diff (-one +concurrent):\n%s", len(got), len(want), cmp.Diff(want, got))
	}
	checkNodeRefs(t, addr)
}

// TestPostgresConcurrentVersions: two stores replace one article by two versions over and over
// while a reader counts in one statement what the database holds for it: every read sees one
// whole version, never a mix, and the last write wins.
func TestPostgresConcurrentVersions(t *testing.T) {
	addr := postgresDB(t)
	stores := openPostgresStores(t, addr, 2)
	v1, v2 := storetest.Seed(), storetest.SeedV2()
	later := storetest.Later() // shares nodes with both versions
	if err := replaceAll(stores[0], []*storetest.Article{v1, later}, 2); err != nil {
		t.Fatal(err)
	}
	// A version is the sorted hashes of its triples, as the database stores them.
	version := func(a *storetest.Article) string {
		var out []string
		for _, q := range a.Quads {
			h := hex.EncodeToString
			s, p, o := refs.HashOf(q.Subject), refs.HashOf(q.Predicate), refs.HashOf(q.Object)
			out = append(out, h(s[:])+h(p[:])+h(o[:]))
		}
		slices.Sort(out)
		return strings.Join(slices.Compact(out), " ")
	}
	valid := map[string]string{version(v1): "v1", version(v2): "v2"}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	label := refs.HashOf(v1.IRI)
	read := func() string {
		var got string
		err := db.QueryRow(`SELECT coalesce(string_agg(encode(subject_hash || predicate_hash || object_hash, 'hex'), ' '
			ORDER BY encode(subject_hash || predicate_hash || object_hash, 'hex') COLLATE "C"), '') FROM quads WHERE label_hash = $1`, label[:]).Scan(&got)
		if err != nil {
			t.Fatalf("read the article: %v", err)
		}
		return got
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 15 {
				for _, a := range []*storetest.Article{v2, v1} {
					if _, err := stores[w].ReplaceArticle(ctx, a.IRI, a.Quads); err != nil {
						errs[w] = err
						return
					}
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	seen := map[string]int{}
	for reads := 0; ; reads++ {
		select {
		case <-done:
			for w, err := range errs {
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
				}
			}
			if diff := cmp.Diff(lines(v1, later), nquads(t, stores[1])); diff != "" {
				t.Errorf("after the writers (-want +got):\n%s", diff)
			}
			checkNodeRefs(t, addr)
			t.Logf("%d reads: %v", reads, seen)
			return
		default:
		}
		got := read()
		v, ok := valid[got]
		if !ok {
			t.Fatalf("read %d saw %d triples, neither version of %s", reads, len(strings.Fields(got)), v1.IRI)
		}
		seen[v]++
	}
}

// TestPostgresCreateOnce: stores opened at once on a new database all open it, and it holds
// one set of tables (a store created by one is found by the others).
func TestPostgresCreateOnce(t *testing.T) {
	addr := postgresDB(t)
	stores := openPostgresStores(t, addr, 4)
	a := storetest.Seed()
	for _, s := range stores {
		if _, err := s.ReplaceArticle(ctx, a.IRI, a.Quads); err != nil {
			t.Fatalf("ReplaceArticle = %v", err)
		}
	}
	if diff := cmp.Diff(lines(a), nquads(t, stores[3])); diff != "" {
		t.Errorf("export (-want +got):\n%s", diff)
	}
}

// TestPostgresCayleyStore: a store cayley's own Init created (with its foreign keys, without
// the label index) is written and read as one diplograph created.
func TestPostgresCayleyStore(t *testing.T) {
	addr := postgresDB(t)
	if err := graph.InitQuadStore(store.Postgres, addr, nil); err != nil {
		t.Fatalf("cayley's InitQuadStore = %v", err)
	}
	s := openStore(t, store.Options{Backend: store.Postgres, Address: addr})
	load(t, s)
	replace(t, s, storetest.SeedV2())
	if diff := cmp.Diff(lines(storetest.SeedV2(), storetest.Later()), nquads(t, s)); diff != "" {
		t.Errorf("export (-want +got):\n%s", diff)
	}
	checkNodeRefs(t, addr)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var fks, labelIndex int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f'),
		(SELECT count(*) FROM pg_indexes WHERE indexname = 'diplograph_label_index')`).Scan(&fks, &labelIndex); err != nil {
		t.Fatal(err)
	}
	if fks != 4 || labelIndex != 1 {
		t.Errorf("cayley's store has %d foreign keys and %d label indexes; want cayley's 4 and 1 added on open", fks, labelIndex)
	}
}
