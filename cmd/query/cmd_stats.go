package main

import (
	"context"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newStatsCommand() *command {
	return &command{
		name:    "stats",
		args:    "",
		summary: "count the quads, articles, entities by type, events, quotations and relations",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("stats: unexpected argument %q", args[0])
				}
				return runStats(ctx, c)
			}
		},
	}
}

func runStats(ctx context.Context, c *cli) error {
	return c.withStore(ctx, func(s *store.Store) error {
		st, err := s.Stats(ctx)
		if err != nil {
			return err
		}
		t := &table{header: []string{"what", "count"}}
		t.add("quads", strconv.FormatInt(st.Quads, 10))
		t.add("articles", strconv.Itoa(st.Articles))
		for _, class := range []string{"Person", "Country", "Organization", "Location"} {
			t.add(class, strconv.Itoa(st.Entities[class]))
		}
		t.add("events", strconv.Itoa(st.Events))
		t.add("statements", strconv.Itoa(st.Statements))
		t.add("relations", strconv.Itoa(st.Relations))
		return c.write(st, t)
	})
}
