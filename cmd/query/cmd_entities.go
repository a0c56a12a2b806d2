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
		args:    "[--type T] [TEXT] | --duplicates",
		summary: "list entities, of one type and matching TEXT (in a name or alias) if given",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			class := fs.String("type", "", "only entities of this type: Person, Country, Organization or Location")
			dups := fs.Bool("duplicates", false, "list likely duplicates: one normalized name on several nodes, surnames used alone")
			return func(ctx context.Context, c *cli, args []string) error {
				if *dups {
					if len(args) > 0 || *class != "" {
						return usageErrorf("entities --duplicates takes no TEXT or --type")
					}
					return runDuplicates(ctx, c)
				}
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

func runDuplicates(ctx context.Context, c *cli) error {
	return c.withStore(ctx, func(s *store.Store) error {
		ds, err := s.Duplicates(ctx)
		if err != nil {
			return err
		}
		t := &table{header: []string{"type", "name", "reason", "resolved", "labels", "iris"}}
		for _, d := range ds {
			var labels, iris []string
			for _, e := range d.Entities {
				labels = append(labels, e.Label+" ("+strconv.Itoa(len(e.Articles))+")")
				iris = append(iris, e.IRI)
			}
			resolved := "no"
			if d.Resolved {
				resolved = "yes"
			}
			t.add(d.Type, d.Name, d.Reason, resolved, strings.Join(labels, "; "), strings.Join(iris, " "))
		}
		if ds == nil {
			ds = []store.Duplicate{}
		}
		return c.write(ds, t)
	})
}
