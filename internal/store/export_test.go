package store

import (
	"context"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// SetAdjacency makes s read its adjacency index (on) or walk events as a store without one
// does (off), so that tests can compare the two.
func SetAdjacency(s *Store, on bool) { s.noAdjacency = !on }

// DropAdjacency makes s a store made before the adjacency index: it no longer keeps one, and
// is read and written as such a store is.
func DropAdjacency(ctx context.Context, s *Store) error {
	return hkv.Update(ctx, s.kv, func(tx hkv.Tx) error { return tx.Del(ctx, keyAdjacencyKept) })
}
