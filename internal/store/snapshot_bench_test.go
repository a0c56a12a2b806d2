package store_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// BenchmarkPostgresRead reads one entity (Entity: a few statements) and one article (Article:
// a few dozen) from a read-only PostgreSQL store holding the seed and the later article, each
// read on its own and so through a snapshot of its own, and takes and ends a snapshot
// (Snapshot) without reading.
func BenchmarkPostgresRead(b *testing.B) {
	addr := postgresDB(b)
	w := openStore(b, store.Options{Backend: store.Postgres, Address: addr})
	load(b, w)
	r := openStore(b, store.Options{Backend: store.Postgres, Address: addr, ReadOnly: true})
	b.Run("Snapshot", func(b *testing.B) {
		for b.Loop() {
			v, err := r.Snapshot(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if err := v.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Entity", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Entity(ctx, string(storetest.Ardern)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Article", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.Article(ctx, string(storetest.Seed().IRI)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
