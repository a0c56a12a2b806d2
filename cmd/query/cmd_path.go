package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newPathCommand() *command {
	return &command{
		name:    "path",
		args:    "FROM TO [--max-hops N]",
		summary: "find a shortest chain of relations and shared events from one entity to another",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			hops := fs.Int("max-hops", 6, "longest chain to look for")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 2 {
					return usageErrorf("path: want FROM and TO (quote names with spaces), got %d arguments", len(args))
				}
				if *hops < 1 {
					return usageErrorf("--max-hops %d: want 1 or more", *hops)
				}
				return runPath(ctx, c, args[0], args[1], *hops)
			}
		},
	}
}

// pathResult is the JSON form of a path.
type pathResult struct {
	From  store.Entity `json:"from"`
	To    store.Entity `json:"to"`
	Hops  int          `json:"hops"`
	Links []store.Link `json:"links"`
}

func runPath(ctx context.Context, c *cli, fromName, toName string, maxHops int) error {
	return c.withStore(ctx, func(s *store.Store) error {
		from, err := resolve(ctx, s, fromName)
		if err != nil {
			return err
		}
		to, err := resolve(ctx, s, toName)
		if err != nil {
			return err
		}
		links, err := s.Path(ctx, from.IRI, to.IRI, maxHops)
		if errors.Is(err, store.ErrNoPath) {
			return fmt.Errorf("no path from %s to %s within %d hops", from.Label, to.Label, maxHops)
		} else if err != nil {
			return err
		}
		if links == nil {
			links = []store.Link{}
		}
		t := &table{header: []string{"hop", "from", "link", "to", "articles"}}
		for i, l := range links {
			link := linkName(l)
			if l.Reverse {
				link = "←" + link
			}
			t.add(strconv.Itoa(i+1), l.From.Name(), link, l.To.Name(), articles(l.Articles))
		}
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, pathResult{From: from, To: to, Hops: len(links), Links: links})
		case "tsv":
			return writeTSV(c.stdout, t)
		}
		if _, err := fmt.Fprintln(c.stdout, chain(from, links)); err != nil {
			return err
		}
		return section(c, t)
	})
}

// chain renders a path on one line: "A —leaderOf→ B —memberOf→ C".
func chain(from store.Entity, links []store.Link) string {
	var b strings.Builder
	b.WriteString(from.Label)
	for _, l := range links {
		switch {
		case l.Predicate != "" && l.EventType != "":
			fmt.Fprintf(&b, " —%s— %s", l.EventType, l.To.Name())
		case l.Reverse:
			fmt.Fprintf(&b, " ←%s— %s", linkName(l), l.To.Name())
		default:
			fmt.Fprintf(&b, " —%s→ %s", linkName(l), l.To.Name())
		}
	}
	return b.String()
}
