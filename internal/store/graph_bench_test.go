package store_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// graphArticles is the size of the generated event graph: 6,000 articles of
// storetest.EventArticle, about a million quads.
const graphArticles = 6000

// graphEnv names a directory that keeps the generated bolt store between runs (built there if
// absent); by default it is built in a temporary directory and removed.
const graphEnv = "DIPLOGRAPH_BENCH_GRAPH"

// eventGraph returns the directory of a bolt store holding the generated event graph, built
// in $DIPLOGRAPH_BENCH_GRAPH unless it is there already, or in a temporary directory that b
// removes when it ends. Building it takes a minute or more on this machine.
func eventGraph(b *testing.B) string {
	b.Helper()
	dir := os.Getenv(graphEnv)
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "store")
	} else if _, err := os.Stat(filepath.Join(dir, "indexes.bolt")); err == nil {
		return dir
	}
	start := time.Now()
	s, err := store.Open(ctx, store.Options{Address: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	quads := 0
	for i := 0; i < graphArticles; i += 200 {
		var batch []store.ArticleQuads
		for j := i; j < min(i+200, graphArticles); j++ {
			a := storetest.EventArticle(j)
			batch = append(batch, store.ArticleQuads{IRI: a.IRI, Quads: a.Quads})
			quads += len(a.Quads)
		}
		if _, err := s.ReplaceArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated graph: %d articles, %d quads, written in %v", graphArticles, quads, time.Since(start).Round(time.Millisecond))
	return dir
}

// openGraph opens the generated graph read-only.
func openGraph(b *testing.B, dir string) *store.Store {
	b.Helper()
	s, err := store.Open(ctx, store.Options{Address: dir, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// latencies reports the p50 and p99 of the run times of fn over b.N calls.
func latencies(b *testing.B, fn func(i int)) {
	b.Helper()
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		fn(i)
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) float64 { return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// samples returns the entities of the queries' sample: for every rank of a fixed list, hubs
// and tail alike, the first entity from that rank on that the generated graph holds.
func samples(b *testing.B, s *store.Store) []string {
	b.Helper()
	var out []string
	for _, rank := range []int{0, 1, 2, 5, 10, 30, 100, 199, 250, 500, 900, 1500, 2200, 3000, 3900} {
		for k := rank; k < storetest.EventEntities; k++ {
			iri, _, _ := storetest.EventEntity(k)
			if _, err := s.Entity(ctx, string(iri)); err == nil {
				out = append(out, string(iri))
				break
			}
		}
	}
	return out
}

// BenchmarkGraph runs the queries of cmd/query in-process on the generated event graph of about
// a million quads (built in the setup into a temporary directory, or kept in
// $DIPLOGRAPH_BENCH_GRAPH), reporting p50 and p99 over a sample of entities from hubs to the
// tail. Run it with
//
//	go test ./internal/store -run XXX -bench Graph -benchtime 30x
func BenchmarkGraph(b *testing.B) {
	dir := eventGraph(b)
	b.Run("neighbors-depth2", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			if _, err := s.Neighbors(ctx, sample[i%len(sample)], 2); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("path-4hops", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			_, err := s.Paths(ctx, sample[i%len(sample)], sample[(i+7)%len(sample)], store.PathOptions{K: 3, MaxHops: 4})
			if err != nil && !errorsIsNoPath(err) {
				b.Fatal(err)
			}
		})
	})
	b.Run("events-actor", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			if _, err := s.Events(ctx, store.EventFilter{Actor: sample[i%len(sample)]}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("incidents-actor", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			f := store.IncidentFilter{EventFilter: store.EventFilter{Actor: sample[i%len(sample)]}, Window: store.DefaultIncidentWindow}
			if _, err := s.Incidents(ctx, f); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("timeline", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			if _, err := s.Timeline(ctx, sample[i%len(sample)], store.Grouping{Window: store.DefaultIncidentWindow}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("show", func(b *testing.B) {
		s := openGraph(b, dir)
		sample := samples(b, s)
		latencies(b, func(i int) {
			if _, err := s.Show(ctx, sample[i%len(sample)]); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("stats", func(b *testing.B) {
		s := openGraph(b, dir)
		latencies(b, func(int) {
			if _, err := s.Stats(ctx); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("resolve-unknown", func(b *testing.B) {
		s := openGraph(b, dir)
		latencies(b, func(int) {
			if _, err := s.Resolve(ctx, "Atlantis"); !errorsIsNotFound(err) {
				b.Fatalf("Resolve(Atlantis) = %v, want not found", err)
			}
		})
	})
	b.Run("export", func(b *testing.B) {
		s := openGraph(b, dir)
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := s.Export(ctx, io.Discard, store.NQuads, store.Filter{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(st.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
}

func errorsIsNoPath(err error) bool   { return errors.Is(err, store.ErrNoPath) }
func errorsIsNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
