package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func newPathCommand() *command {
	return &command{
		name:    "path",
		args:    "FROM TO [--k N] [--max-hops N] [--via P,...] [--min-reports N] [--evidence]",
		summary: "find the k shortest chains of relations and shared events from one entity to another",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			var o store.PathOptions
			fs.IntVar(&o.K, "k", 3, "how many paths, shortest first")
			fs.IntVar(&o.MaxHops, "max-hops", 6, "longest chain to look for")
			fs.StringSliceVar(&o.Via, "via", nil, "walk only these relations or event types, comma-separated (leaderOf,memberOf,met,AGREE)")
			fs.IntVar(&o.MinReports, "min-reports", 1, "walk only links stated by at least `N` articles")
			fs.BoolVar(&o.Evidence, "evidence", false, "give every hop's evidence sentences and articles")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 2 {
					return usageErrorf("path: want FROM and TO (quote names with spaces), got %d arguments", len(args))
				}
				if o.MaxHops < 1 {
					return usageErrorf("--max-hops %d: want 1 or more", o.MaxHops)
				}
				if o.K < 1 {
					return usageErrorf("--k %d: want 1 or more", o.K)
				}
				if err := checkVia(o.Via); err != nil {
					return err
				}
				if c.opts.limit > 0 {
					o.K = min(o.K, c.opts.limit)
				}
				return runPath(ctx, c, args[0], args[1], o)
			}
		},
	}
}

// checkVia returns a usage error unless every name is a walkable relation or a PLOVER type.
func checkVia(via []string) error {
	ok := map[string]bool{"met": true}
	for _, p := range []string{schema.LeaderOf, schema.Represents, schema.AffiliatedWith, schema.MemberOf, schema.PartOf, schema.LocatedIn} {
		ok[strings.ToLower(schema.Local(p))] = true
	}
	for _, p := range schema.PLOVER {
		ok[strings.ToLower(p)] = true
	}
	for _, v := range via {
		if !ok[strings.ToLower(v)] {
			return usageErrorf("--via %q: want leaderOf, represents, affiliatedWith, memberOf, partOf, locatedIn, met or a PLOVER type", v)
		}
	}
	return nil
}

// pathsResult is the JSON form of the paths between two entities.
type pathsResult struct {
	From  store.Entity `json:"from"`
	To    store.Entity `json:"to"`
	Paths []pathResult `json:"paths"`
}

// pathResult is the JSON form of one path.
type pathResult struct {
	Hops  int          `json:"hops"`
	Links []store.Link `json:"links"`
}

func runPath(ctx context.Context, c *cli, fromName, toName string, o store.PathOptions) error {
	return c.withStore(ctx, func(s *store.Store) error {
		from, to, err := resolvePair(ctx, s, fromName, toName)
		if err != nil {
			return err
		}
		paths, err := s.Paths(ctx, from.IRI, to.IRI, o)
		if errors.Is(err, store.ErrNoPath) {
			return fmt.Errorf("no path from %s to %s within %d hops", from.Label, to.Label, o.MaxHops)
		} else if err != nil {
			return err
		}
		res := pathsResult{From: from, To: to}
		for _, p := range paths {
			if p == nil {
				p = []store.Link{}
			}
			res.Paths = append(res.Paths, pathResult{Hops: len(p), Links: p})
		}
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, res)
		case "tsv":
			t := &table{header: []string{"path", "hop", "from", "link", "to", "articles", "evidence"}}
			for i, p := range paths {
				addHops(t, strconv.Itoa(i+1), p, o.Evidence)
			}
			return writeTSV(c.stdout, t)
		}
		for i, p := range paths {
			if i > 0 {
				if _, err := fmt.Fprintln(c.stdout); err != nil {
					return err
				}
			}
			if _, err := fmt.Fprintf(c.stdout, "%d. %s\n", i+1, chain(from, p)); err != nil {
				return err
			}
			t := &table{header: []string{"hop", "from", "link", "to", "articles"}}
			if o.Evidence {
				t.header = append(t.header, "evidence")
			}
			addHops(t, "", p, o.Evidence)
			if err := section(c, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// addHops adds a row per hop of p (led by lead, when not ""), and with evidence a row per
// further sentence.
func addHops(t *table, lead string, p []store.Link, evidence bool) {
	for i, l := range p {
		link := linkName(l)
		if l.Reverse {
			link = "←" + link
		}
		row := []string{strconv.Itoa(i + 1), l.From.Name(), link, l.To.Name(), articles(l.Articles)}
		if lead != "" {
			row = append([]string{lead}, row...)
		}
		if !evidence {
			if lead != "" {
				row = append(row, "")
			}
			t.add(row...)
			continue
		}
		if len(l.Evidence) == 0 {
			t.add(append(row, "")...)
		}
		for j, e := range l.Evidence {
			r := append([]string(nil), row...)
			r[len(r)-1] = articles([]string{e.Article})
			if j > 0 && lead == "" {
				r = append(make([]string, len(r)-1), r[len(r)-1])
			}
			t.add(append(r, e.Sentence)...)
		}
	}
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
