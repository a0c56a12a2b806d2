package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newDyadCommand() *command {
	return &command{
		name:    "dyad",
		args:    "A B [--raw] [--incident-window N]",
		summary: "show the incidents between two actors both ways: counts by PLOVER type and QuadClass, Goldstein total and mean per month",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			g := groupingFlags(fs)
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 2 {
					return usageErrorf("dyad: want A and B (quote names with spaces), got %d arguments", len(args))
				}
				if err := checkGrouping(g); err != nil {
					return err
				}
				return runDyad(ctx, c, args[0], args[1], *g)
			}
		},
	}
}

func runDyad(ctx context.Context, c *cli, aName, bName string, g store.Grouping) error {
	return c.withStore(ctx, func(s *store.Store) error {
		a, b, err := resolvePair(ctx, s, aName, bName)
		if err != nil {
			return err
		}
		d, err := s.Dyad(ctx, a.IRI, b.IRI, g)
		if err != nil {
			return err
		}
		d.Events = limit(d.Events, c.opts.limit)
		dir := func(x string) string {
			if x == "A→B" {
				return d.A.Name() + " → " + d.B.Name()
			}
			return d.B.Name() + " → " + d.A.Name()
		}
		counted := "incidents"
		if g.Raw {
			counted = "events"
		}
		counts := &table{header: []string{"direction", "event", "quad class", counted, "goldstein"}}
		for _, x := range d.Counts {
			counts.add(dir(x.Direction), x.Type, strconv.Itoa(x.QuadClass), strconv.Itoa(x.Events), num(x.Goldstein))
		}
		months := &table{header: []string{"month", counted, "goldstein", "mean"}}
		for _, m := range d.Months {
			month := m.Month
			if month == "" {
				month = "undated"
			}
			months.add(month, strconv.Itoa(m.Events), num(m.Goldstein), num(m.GoldsteinMean))
		}
		events := &table{header: []string{"date", "direction", "event", "cameo", "goldstein", "reports", "sources", "articles", "evidence"}}
		for _, ev := range d.Events {
			events.add(spanned(ev.Date, ev.LastDate), dir(ev.Direction), ev.Type, ev.CAMEO, num(ev.Goldstein), reports(ev.IncidentCount, ev.Event),
				sources(ev.IncidentCount), articles(ev.Articles), ev.Evidence)
		}
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, d)
		case "tsv":
			return writeTSV(c.stdout, events)
		}
		if _, err := fmt.Fprintf(c.stdout, "%s and %s: %d %s (%d %s, %d %s), Goldstein total %s, mean %s\n",
			d.A.Name(), d.B.Name(), d.Totals.Events, counted, d.Totals.AB, dir("A→B"), d.Totals.BA, dir("B→A"),
			num(d.Totals.Goldstein), num(d.Totals.GoldsteinMean)); err != nil {
			return err
		}
		quads := &table{header: []string{"quad class", "meaning", counted}}
		for _, q := range d.Quads {
			quads.add(strconv.Itoa(q.QuadClass), quadClassNames[q.QuadClass], strconv.Itoa(q.Events))
		}
		for _, t := range []*table{counts, quads, months, events} {
			if err := section(c, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// quadClassNames are the meanings of the QuadClass values.
var quadClassNames = map[int]string{1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

// num formats a Goldstein value: at most two decimals, no trailing zeros.
func num(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
