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
	var out []any
	err := s.GizmoEach(ctx, js, limit, func(r any) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// GizmoEach runs a Gizmo query as Gizmo does and calls each with every result as it comes,
// holding none: a query of millions of results streams. It stops at the first error of each,
// and returns it; when ctx ends, the script is interrupted (a loop included) and the error
// wraps ctx.Err().
func (s *Store) GizmoEach(ctx context.Context, js string, limit int, each func(any) error) error {
	s, done, err := s.reading(ctx)
	if err != nil {
		return err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return errors.New("gizmo: store is closed")
	}
	it, err := gizmo.NewSession(s.qs).Execute(ctx, js, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return fmt.Errorf("gizmo: %w", err)
	}
	defer it.Close()
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			if err := each(r); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("gizmo: %w", err)
	}
	return nil
}
