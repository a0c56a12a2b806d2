package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/export"
	"github.com/diplograph/diplograph/internal/store"
)

func newNeighborsCommand() *command {
	return &command{
		name:    "neighbors",
		args:    "ENTITY [--depth N]",
		summary: "list the entities linked to an entity by relations, meetings or shared events (--format dot draws them)",
		formats: []string{"table", "json", "tsv", export.DOT},
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			depth := fs.Int("depth", 1, "how many links away to go")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) == 0 {
					return usageErrorf("neighbors: name an entity")
				}
				if *depth < 1 {
					return usageErrorf("--depth %d: want 1 or more", *depth)
				}
				return runNeighbors(ctx, c, strings.Join(args, " "), *depth)
			}
		},
	}
}

func runNeighbors(ctx context.Context, c *cli, name string, depth int) error {
	return c.withStore(ctx, func(s *store.Store) error {
		e, err := resolve(ctx, s, name)
		if err != nil {
			return err
		}
		ns, err := s.Neighbors(ctx, e.IRI, depth)
		if err != nil {
			return err
		}
		ns = limit(ns, c.opts.limit)
		if c.opts.format == export.DOT {
			return export.WriteDOT(c.stdout, export.Neighborhood(e, ns))
		}
		t := &table{header: []string{"depth", "entity", "type", "via", "articles"}}
		for _, n := range ns {
			t.add(strconv.Itoa(n.Depth), n.Entity.Name(), n.Entity.Type, arrow(n.Via), articles(n.Via.Articles))
		}
		if ns == nil {
			ns = []store.Neighbor{}
		}
		return c.write(ns, t)
	})
}
