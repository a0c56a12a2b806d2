package store

import (
	"context"
	"errors"
	"fmt"

	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Stats counts what the store holds.
type Stats struct {
	Quads      int64          `json:"quads"`    // quads, each (triple, article) pair once
	Entities   map[string]int `json:"entities"` // entities by class local name (Person, Country, ...)
	Articles   int            `json:"articles"`
	Events     int            `json:"events"`
	Statements int            `json:"statements"`
	Relations  int            `json:"relations"` // reified static relations
}

// Stats counts the store's quads and its nodes by class.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return Stats{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return Stats{}, fmt.Errorf("stats: store is closed")
	}
	// kv stores keep an exact quad count; the exact node count, unused, would scan every node.
	// The SQL store estimates both unless asked for exact counts.
	st, err := s.qs.Stats(ctx, false)
	if err == nil && !st.Quads.Exact {
		st, err = s.qs.Stats(ctx, true)
	}
	if errors.Is(err, cayleykv.ErrNoBucket) {
		err = nil // a new kv store, never written to
	}
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	out := Stats{Quads: st.Quads.Value, Entities: make(map[string]int)}
	if kept, ok, err := s.classCounts(ctx); err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	} else if ok {
		for _, c := range entityClasses {
			out.Entities[schema.Local(c)] = kept[c]
		}
		out.Articles, out.Events = kept[schema.Article], kept[schema.Event]
		out.Statements, out.Relations = kept[schema.Statement], kept[schema.Relation]
		return out, nil
	}
	count := func(class string) (int, error) {
		iris, err := s.subjectsWith(ctx, schema.RDFType, quad.IRI(class))
		return len(iris), err
	}
	for _, c := range entityClasses {
		n, err := count(c)
		if err != nil {
			return Stats{}, err
		}
		out.Entities[schema.Local(c)] = n
	}
	for _, c := range []struct {
		class string
		n     *int
	}{
		{schema.Article, &out.Articles}, {schema.Event, &out.Events},
		{schema.Statement, &out.Statements}, {schema.Relation, &out.Relations},
	} {
		if *c.n, err = count(c.class); err != nil {
			return Stats{}, err
		}
	}
	return out, nil
}
