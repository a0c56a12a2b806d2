package e2e

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// TestPostgresQueryDuringReingest runs `query` processes on a PostgreSQL store while a writer
// replaces one article over and over by two versions of it, each replacement one batch
// transaction, as a re-ingest of a changed article does: `show` of an entity only the first
// version names (three reads: the incident check, the name, the profile) and `article` must
// each answer exactly as for one version alone, the first version's profile or "no entity",
// never a mix and never a failure in between.
func TestPostgresQueryDuringReingest(t *testing.T) {
	fs := newFaultStore(t, "postgres")
	ctx := context.Background()
	w, err := store.Open(ctx, store.Options{Backend: store.Postgres, Address: fs.flags[len(fs.flags)-1]})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	v1, v2, later := storetest.Seed(), storetest.SeedV2(), storetest.Later()
	if _, err := w.ReplaceArticle(ctx, later.IRI, later.Quads); err != nil {
		t.Fatal(err)
	}
	queries := [][]string{
		{"show", string(storetest.Kishida), "-f", "json"},
		{"article", string(v1.IRI), "-f", "json"},
	}
	query := func(args []string) result {
		return runFor(t, time.Minute, "query", append(slices.Clone(fs.flags), args...)...)
	}
	valid := make([]map[result]string, len(queries))
	for i := range valid {
		valid[i] = map[result]string{}
	}
	for _, a := range []*storetest.Article{v2, v1} {
		if _, err := w.ReplaceArticle(ctx, a.IRI, a.Quads); err != nil {
			t.Fatal(err)
		}
		for i, q := range queries {
			valid[i][query(q)] = map[*storetest.Article]string{v1: "v1", v2: "v2"}[a]
		}
	}
	for i, q := range queries {
		if len(valid[i]) != 2 {
			t.Fatalf("query %v answers the same for both versions", q)
		}
	}

	replace := func(ctx context.Context, iri quad.IRI, qs []quad.Quad) error {
		_, err := w.ReplaceArticle(ctx, iri, qs)
		return err
	}
	churn := storetest.Alternate(ctx, replace, v2, v1)
	seen := map[string]int{}
	deadline := time.Now().Add(6 * time.Second)
	for runs := 0; time.Now().Before(deadline) || runs < 10; runs++ {
		for i, q := range queries {
			r := query(q)
			v, ok := valid[i][r]
			if !ok {
				churn.Stop()
				t.Fatalf("query %v, run %d, after %d replacements: exit %d\nstdout: %.2000s\nstderr: %s\nwant one version's answer", q, runs, churn.Writes(), r.code, r.stdout, r.stderr)
			}
			seen[q[0]+" "+v]++
		}
	}
	if err := churn.Stop(); err != nil {
		t.Fatalf("writer: %v", err)
	}
	t.Logf("%d replacements; queries saw %v", churn.Writes(), seen)
}
