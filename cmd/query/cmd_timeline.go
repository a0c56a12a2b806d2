package main

import (
	"context"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newTimelineCommand() *command {
	return &command{
		name:    "timeline",
		args:    "ENTITY [--raw] [--incident-window N]",
		summary: "list an entity's incidents in date order, undated ones last with their article's date",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			g := groupingFlags(fs)
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) == 0 {
					return usageErrorf("timeline: name an entity")
				}
				if err := checkGrouping(g); err != nil {
					return err
				}
				return runTimeline(ctx, c, strings.Join(args, " "), *g)
			}
		},
	}
}

func runTimeline(ctx context.Context, c *cli, name string, g store.Grouping) error {
	return c.withStore(ctx, func(s *store.Store) error {
		e, err := resolve(ctx, s, name)
		if err != nil {
			return err
		}
		tl, err := s.Timeline(ctx, e.IRI, g)
		if err != nil {
			return err
		}
		tl = limit(tl, c.opts.limit)
		if tl == nil {
			tl = []store.TimelineEntry{}
		}
		t := &table{header: []string{"date", "dated", "event", "direction", "with", "reports", "sources", "articles", "evidence"}}
		for _, x := range tl {
			dated := "event"
			switch {
			case x.Date == "":
				dated = ""
			case x.Undated:
				dated = "article"
			}
			dir := map[string]string{"actor": "→", "recipient": "←", "location": "@"}[x.Role]
			t.add(spanned(x.Date, x.LastDate), dated, eventType(x.Event), dir, names(x.Counterparts), reports(x.IncidentCount, x.Event),
				sources(x.IncidentCount), articles(x.Articles), x.Evidence)
		}
		return c.write(tl, t)
	})
}
