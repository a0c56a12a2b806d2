package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newEntitiesCommand() *command {
	return &command{
		name:    "entities",
		args:    "[--type T] [TEXT]",
		summary: "list entities, of one type and matching TEXT (in a name or alias) if given",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			class := fs.String("type", "", "only entities of this type: Person, Country, Organization or Location")
			return func(ctx context.Context, c *cli, args []string) error {
				return runEntities(ctx, c, *class, strings.Join(args, " "))
			}
		},
	}
}

func runEntities(ctx context.Context, c *cli, class, text string) error {
	switch strings.ToLower(class) {
	case "", "person", "country", "organization", "location":
	default:
		return usageErrorf("--type %q: want Person, Country, Organization or Location", class)
	}
	return c.withStore(ctx, func(s *store.Store) error {
		es, err := s.Entities(ctx, class, text)
		if err != nil {
			return err
		}
		es = limit(es, c.opts.limit)
		t := &table{header: []string{"type", "label", "code", "articles", "aliases", "iri"}}
		for _, e := range es {
			t.add(e.Type, e.Label, e.CountryCode, strconv.Itoa(len(e.Articles)), strings.Join(e.Aliases, "; "), e.IRI)
		}
		if es == nil {
			es = []store.Entity{}
		}
		return c.write(es, t)
	})
}
