package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// readers are the reads TestPostgresSnapshotReader makes: an article (its metadata and every
// item with its evidence), the profile of an entity both versions of it name, and the whole
// export, each as text.
var readers = []struct {
	name string
	read func(s *store.Store) (string, error)
}{
	{"Article", func(s *store.Store) (string, error) {
		a, err := s.Article(ctx, string(storetest.Seed().IRI))
		b, _ := json.Marshal(a)
		return string(b), err
	}},
	{"Show", func(s *store.Store) (string, error) {
		p, err := s.Show(ctx, string(storetest.Ardern))
		b, _ := json.Marshal(p)
		return string(b), err
	}},
	{"Export", func(s *store.Store) (string, error) {
		var buf bytes.Buffer
		err := s.Export(ctx, &buf, store.NQuads, store.Filter{})
		return buf.String(), err
	}},
}

// TestPostgresSnapshotReader: a writer re-ingests one article over and over, alternating two
// versions of it (each replacement one batch transaction: the old quads deleted, the new ones
// inserted, the nodes only the old version used deleted), while a reader on a read-only store,
// as `query` opens it, reads the article, the profile of an entity both versions name and the
// whole export. Every answer must be one whole version's: never a mix of the two, never
// neither (an article missing items, a profile without the facts of either, a quad whose node
// was deleted in between). "each read" reads through the store, each read on its own; "one
// snapshot" makes the three reads through one Snapshot, and they must also agree on the
// version.
func TestPostgresSnapshotReader(t *testing.T) {
	addr := postgresDB(t)
	w := openStore(t, store.Options{Backend: store.Postgres, Address: addr})
	r := openStore(t, store.Options{Backend: store.Postgres, Address: addr, ReadOnly: true})
	v1, v2, later := storetest.Seed(), storetest.SeedV2(), storetest.Later()

	// The answers for each version alone.
	valid := make([]map[string]string, len(readers)) // answer -> version
	for i := range valid {
		valid[i] = map[string]string{}
	}
	for _, a := range []*storetest.Article{v2, v1} {
		if err := replaceAll(w, []*storetest.Article{a, later}, 2); err != nil {
			t.Fatal(err)
		}
		for i, rd := range readers {
			ans, err := rd.read(r)
			if err != nil {
				t.Fatalf("%s of %s alone: %v", rd.name, a.IRI, err)
			}
			valid[i][ans] = map[*storetest.Article]string{v1: "v1", v2: "v2"}[a]
		}
	}
	for i, rd := range readers {
		if len(valid[i]) != 2 {
			t.Fatalf("%s reads the same for both versions", rd.name)
		}
	}

	// check reads for 3 s, or 20 times, while the article is replaced over and over.
	check := func(t *testing.T, snapshot bool) {
		replace := func(ctx context.Context, iri quad.IRI, qs []quad.Quad) error {
			_, err := w.ReplaceArticle(ctx, iri, qs)
			return err
		}
		churn := storetest.Alternate(ctx, replace, v2, v1)
		defer func() {
			if err := churn.Stop(); err != nil {
				t.Errorf("writer: %v", err)
			}
		}()
		seen := map[string]int{}
		deadline := time.Now().Add(3 * time.Second)
		for reads := 0; time.Now().Before(deadline) || reads < 20; reads++ {
			s := r
			if snapshot {
				var err error
				if s, err = r.Snapshot(ctx); err != nil {
					t.Fatalf("read %d: Snapshot = %v", reads, err)
				}
			}
			first := ""
			for i, rd := range readers {
				ans, err := rd.read(s)
				if err != nil {
					t.Fatalf("read %d: %s = %v", reads, rd.name, err)
				}
				v, ok := valid[i][ans]
				if !ok {
					for want, name := range valid[i] {
						t.Logf("%s against %s's (-%s +read):\n%s", rd.name, name, name, cmp.Diff(want, ans))
					}
					t.Fatalf("read %d, after %d replacements: %s saw neither version of %s whole", reads, churn.Writes(), rd.name, v1.IRI)
				}
				seen[rd.name+" "+v]++
				if first == "" {
					first = v
				} else if snapshot && v != first {
					t.Fatalf("read %d, after %d replacements: %s saw %s, %s %s, through one snapshot", reads, churn.Writes(), readers[0].name, first, rd.name, v)
				}
			}
			if snapshot {
				if err := s.Close(); err != nil {
					t.Fatalf("read %d: snapshot Close = %v", reads, err)
				}
			}
		}
		if churn.Writes() < 20 {
			t.Errorf("only %d replacements during the reads: the test proves little", churn.Writes())
		}
		t.Logf("%d replacements; reads saw %v", churn.Writes(), seen)
	}
	t.Run("each read", func(t *testing.T) { check(t, false) })
	t.Run("one snapshot", func(t *testing.T) { check(t, true) })
}
