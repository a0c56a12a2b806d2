package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func newEventsCommand() *command {
	return &command{
		name:    "events",
		args:    "[--actor E] [--type PLOVER] [--since D] [--until D] [--reports | --raw] [--incident-window N]",
		summary: "list incidents (events as all articles report them), or each article's events, by date",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			var f eventFlags
			fs.StringVar(&f.actor, "actor", "", "only events this entity is an actor of")
			fs.StringVar(&f.typ, "type", "", "only events of this PLOVER type (CONSULT, AGREE, ...)")
			fs.StringVar(&f.since, "since", "", "only events on or after this date, `YYYY-MM-DD`")
			fs.StringVar(&f.until, "until", "", "only events on or before this date, `YYYY-MM-DD`")
			fs.BoolVar(&f.reports, "reports", false, "list each incident's reports: article, publisher, publication date, evidence")
			fs.BoolVar(&f.raw, "raw", false, "list each article's events instead of incidents")
			fs.IntVar(&f.window, "incident-window", store.DefaultIncidentWindow, "join reports dated up to `N` days after an incident's first date")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("events: unexpected argument %q (use --actor)", args[0])
				}
				if f.window < 0 {
					return usageErrorf("--incident-window %d: want 0 or more days", f.window)
				}
				if f.raw && f.reports {
					return usageErrorf("--raw and --reports exclude each other")
				}
				return runEvents(ctx, c, f)
			}
		},
	}
}

type eventFlags struct {
	actor, typ, since, until string
	reports, raw             bool
	window                   int
}

func runEvents(ctx context.Context, c *cli, f eventFlags) error {
	filter := store.EventFilter{Since: f.since, Until: f.until}
	for _, d := range []struct{ flag, v string }{{"since", f.since}, {"until", f.until}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usageErrorf("--%s %q: want YYYY-MM-DD", d.flag, d.v)
		}
	}
	if f.typ != "" {
		var ok bool
		if filter.Type, ok = plover(f.typ); !ok {
			return usageErrorf("--type %q: want a PLOVER type (%s)", f.typ, strings.Join(schema.PLOVER, " "))
		}
	}
	return c.withStore(ctx, func(s *store.Store) error {
		if f.actor != "" {
			e, err := resolve(ctx, s, f.actor)
			if err != nil {
				return err
			}
			filter.Actor = e.IRI
		}
		if !f.raw {
			return writeIncidents(ctx, c, s, store.IncidentFilter{EventFilter: filter, Window: f.window}, f.reports)
		}
		evs, err := s.Events(ctx, filter)
		if err != nil {
			return err
		}
		evs = limit(evs, c.opts.limit)
		if evs == nil {
			evs = []store.Event{}
		}
		return c.write(evs, eventsTable(evs))
	})
}

// eventType is an event's type, marked when the text denies the event.
func eventType(ev store.Event) string {
	if ev.Negated {
		return "not " + ev.Type
	}
	return ev.Type
}

func eventsTable(evs []store.Event) *table {
	t := &table{header: []string{"date", "event", "cameo", "actors", "recipients", "where", "articles", "evidence"}}
	for _, ev := range evs {
		where := ""
		if ev.Location != nil {
			where = ev.Location.Name()
		}
		t.add(ev.Date, eventType(ev), ev.CAMEO, names(ev.Actors), names(ev.Recipients), where,
			articles(ev.Articles), ev.Evidence)
	}
	return t
}

// plover returns the PLOVER type t names, in any case.
func plover(t string) (string, bool) {
	for _, p := range schema.PLOVER {
		if strings.EqualFold(p, t) {
			return p, true
		}
	}
	return "", false
}
