package store

import (
	"context"
	"sort"
	"strings"

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

// ShortForms returns what the incidents of s count each of iris as: its full name when it is a
// surname alone that resolves, else "". It reads them as a query of s does (lazily, on a store
// that keeps the indexes; see SetAdjacency).
func ShortForms(ctx context.Context, s *Store, iris []string) (map[string]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sn := newSurnames(s, newReader(ctx, s))
	out := map[string]string{}
	for _, iri := range iris {
		full, err := sn.fullName(iri)
		if err != nil {
			return nil, err
		}
		shorts, err := sn.shortsOf(iri)
		if err != nil {
			return nil, err
		}
		sort.Strings(shorts)
		out[iri] = full + " ← " + strings.Join(shorts, " ")
	}
	return out, nil
}
