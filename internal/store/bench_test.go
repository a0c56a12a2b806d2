package store_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// benchCorpus is the generated corpus the write benchmarks ingest.
func benchCorpus(n int) []store.ArticleQuads {
	out := make([]store.ArticleQuads, n)
	for i := range out {
		a := storetest.Synthetic(i)
		out[i] = store.ArticleQuads{IRI: a.IRI, Quads: a.Quads}
	}
	return out
}

// BenchmarkIngest ingests 400 generated articles (about 60 quads each) into a new store, per
// backend and batch size (articles per transaction), then re-ingests them unchanged.
func BenchmarkIngest(b *testing.B) {
	corpus := benchCorpus(400)
	quads := 0
	for _, a := range corpus {
		quads += len(a.Quads)
	}
	for _, backend := range []string{store.Bolt, store.LevelDB} {
		for _, batch := range []int{1, 50} {
			name := backend + "/batch=" + map[int]string{1: "1", 50: "50"}[batch]
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					s, err := store.Open(ctx, store.Options{Backend: backend, Address: b.TempDir()})
					if err != nil {
						b.Fatal(err)
					}
					for j := 0; j < len(corpus); j += batch {
						if _, err := s.ReplaceArticles(ctx, corpus[j:min(j+batch, len(corpus))]); err != nil {
							b.Fatal(err)
						}
					}
					s.Close()
				}
				sec := b.Elapsed().Seconds() / float64(b.N)
				b.ReportMetric(float64(quads)/sec, "quads/s")
				b.ReportMetric(float64(len(corpus))/sec, "articles/s")
			})
		}
		b.Run(backend+"/reingest", func(b *testing.B) {
			s, err := store.Open(ctx, store.Options{Backend: backend, Address: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if _, err := s.ReplaceArticles(ctx, corpus); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c, err := s.ReplaceArticles(ctx, corpus)
				if err != nil || !c.Unchanged() {
					b.Fatalf("re-ingest = %+v, %v", c, err)
				}
			}
			b.ReportMetric(float64(len(corpus))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
