package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// Gizmo runs a Gizmo (JavaScript) query, e.g. `g.V("<iri>").Out().All()`, and returns its
// results as JSON-ready values: a map of tag to value for each result of All, or each value
// g.Emit sends. limit <= 0 means no limit. Errors in the script are returned.
func (s *Store) Gizmo(ctx context.Context, js string, limit int) ([]any, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, errors.New("gizmo: store is closed")
	}
	it, err := gizmo.NewSession(s.qs).Execute(ctx, js, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer it.Close()
	var out []any
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	if err := it.Err(); err != nil {
		return out, fmt.Errorf("gizmo: %w", err)
	}
	return out, nil
}
