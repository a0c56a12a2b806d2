package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func newExplainCommand() *command {
	return &command{
		name:    "explain",
		args:    "EVENT | SUBJECT PREDICATE OBJECT",
		summary: "list every article and sentence behind an event or relation node, or behind a fact (PREDICATE: leaderOf, met, AGREE, ...)",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 1 && len(args) != 3 {
					return usageErrorf("explain: want an event (its IRI or id) or SUBJECT PREDICATE OBJECT, got %d arguments", len(args))
				}
				return runExplain(ctx, c, args)
			}
		},
	}
}

func runExplain(ctx context.Context, c *cli, args []string) error {
	return c.withStore(ctx, func(s *store.Store) error {
		var srcs []store.Source
		var err error
		if len(args) == 1 {
			srcs, err = explainNode(ctx, s, args[0])
		} else {
			srcs, err = explainFact(ctx, s, args[0], args[1], args[2])
		}
		if err != nil {
			return err
		}
		srcs = limit(srcs, c.opts.limit)
		if srcs == nil {
			srcs = []store.Source{}
		}
		// Events read from a parse say how (the derivation column); relations have none.
		derived := false
		for _, x := range srcs {
			derived = derived || x.Derivation != ""
		}
		t := &table{header: []string{"date", "article", "title", "url", "node", "evidence"}}
		if derived {
			t.header = append(t.header, "derivation")
		}
		for _, x := range srcs {
			node := schema.Local(x.Node)
			if x.Negated {
				node += " (denied)"
			}
			row := []string{x.Published, schema.Local(x.Article), x.Title, x.URL, node, x.Sentence}
			if derived {
				row = append(row, x.Derivation)
			}
			t.add(row...)
		}
		return c.write(srcs, t)
	})
}

// explainNode explains the event or relation ref names: an IRI, or the id after event/ or
// relation/ in one.
func explainNode(ctx context.Context, s *store.Store, ref string) ([]store.Source, error) {
	ref = strings.Trim(ref, "<>")
	candidates := []string{ref}
	if !strings.Contains(ref, "/") {
		candidates = []string{schema.ID + "event/" + ref, schema.ID + "relation/" + ref}
	}
	for _, iri := range candidates {
		srcs, err := s.ExplainNode(ctx, iri)
		if !errors.Is(err, store.ErrNotFound) {
			return srcs, err
		}
	}
	return nil, fmt.Errorf("no event or relation %q", ref)
}

func explainFact(ctx context.Context, s *store.Store, subject, predicate, object string) ([]store.Source, error) {
	subj, err := resolve(ctx, s, subject)
	if err != nil {
		return nil, err
	}
	obj := object
	if !strings.EqualFold(schema.Local(predicate), "holdsRole") {
		o, err := resolve(ctx, s, object)
		if err != nil {
			return nil, err
		}
		obj = o.IRI
	}
	if err := checkVia([]string{schema.Local(predicate)}); err != nil && !strings.EqualFold(schema.Local(predicate), "holdsRole") {
		return nil, usageErrorf("explain: predicate %q: want holdsRole, leaderOf, represents, affiliatedWith, memberOf, partOf, locatedIn, met or a PLOVER type", predicate)
	}
	p := predicate
	for _, r := range schema.EntityRelations {
		if strings.EqualFold(schema.Local(r), schema.Local(predicate)) {
			p = r
		}
	}
	srcs, err := s.ExplainFact(ctx, subj.IRI, p, obj)
	if err != nil {
		return nil, err
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("no article states %s %s %s", subj.Label, predicate, object)
	}
	return srcs, nil
}
