package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func newShowCommand() *command {
	return &command{
		name:    "show",
		args:    "ENTITY|INCIDENT [--evidence] [--incident-window N]",
		summary: "show every fact about an entity (one row per fact, with the number of articles stating it), its events grouped by type and counterpart, and its quotations; or an incident, its reports and the reports contradicting it",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			all := fs.Bool("evidence", false, "list every article's evidence and every event, not the first of each")
			window := fs.Int("incident-window", store.DefaultIncidentWindow, "for an incident: join reports dated up to `N` days after its first date")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) == 0 {
					return usageErrorf("show: name an entity")
				}
				if *window < 0 {
					return usageErrorf("--incident-window %d: want 0 or more days", *window)
				}
				return runShow(ctx, c, strings.Join(args, " "), *all, *window)
			}
		},
	}
}

func runShow(ctx context.Context, c *cli, name string, all bool, window int) error {
	return c.withStore(ctx, func(s *store.Store) error {
		if iri, ok, err := s.IncidentIRI(ctx, name); err != nil {
			return err
		} else if ok {
			return showIncident(ctx, c, s, iri, window)
		}
		e, err := resolve(ctx, s, name)
		if err != nil {
			return err
		}
		p, err := s.Show(ctx, e.IRI)
		if err != nil {
			return err
		}
		p.Facts = limit(p.Facts, c.opts.limit)
		p.EventGroups = limit(p.EventGroups, c.opts.limit)
		p.Events = limit(p.Events, c.opts.limit)
		p.Statements = limit(p.Statements, c.opts.limit)
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, p)
		case "tsv":
			return writeTSV(c.stdout, profileTable(p, all))
		}
		return writeProfile(c, p, all)
	})
}

// factName renders a fact: "A —leaderOf→ B", "A —not memberOf→ B" when denied.
func factName(f store.Fact) string {
	pred := schema.Local(f.Predicate)
	if f.Negated {
		pred = "not " + pred
	}
	return fmt.Sprintf("%s —%s→ %s", f.Subject.Name(), pred, f.Object.Name())
}

// profileTable is a profile as rows: kind, subject, predicate, object, negated, count of
// articles, articles, evidence; with all, a row per article's evidence and per event.
func profileTable(p store.Profile, all bool) *table {
	t := &table{header: []string{"kind", "subject", "predicate", "object", "negated", "count", "articles", "evidence"}}
	for _, f := range p.Facts {
		row := func(arts []string, evidence string) {
			t.add("fact", f.Subject.Name(), schema.Local(f.Predicate), f.Object.Name(), strconv.FormatBool(f.Negated),
				strconv.Itoa(len(f.Articles)), articles(arts), evidence)
		}
		if !all || len(f.Evidence) == 0 {
			row(f.Articles, f.FirstEvidence())
			continue
		}
		for _, e := range f.Evidence {
			row([]string{e.Article}, e.Sentence)
		}
	}
	if all {
		for _, ev := range p.Events {
			t.add("event", names(ev.Actors), ev.Type, names(ev.Recipients), strconv.FormatBool(ev.Negated),
				strconv.Itoa(len(ev.Articles)), articles(ev.Articles), ev.Evidence)
		}
	} else {
		for _, g := range p.EventGroups {
			subj, obj := p.Entity.Label, names(g.Counterparts)
			if g.Role != "actor" {
				subj, obj = obj, subj
			}
			t.add("events", subj, g.Type, obj, strconv.FormatBool(g.Negated), strconv.Itoa(len(g.Events)),
				articles(g.Articles), g.Evidence)
		}
	}
	for _, st := range p.Statements {
		t.add("statement", st.Speaker.Name(), "said", st.Quote, "false", strconv.Itoa(len(st.Articles)),
			articles(st.Articles), st.Evidence)
	}
	return t
}

// groupsTable has a row per group of events: type, the entity's role, counterparts, how many
// events and articles, first and last date, the first evidence.
func groupsTable(gs []store.EventGroup) *table {
	t := &table{header: []string{"event", "role", "with", "events", "articles", "first", "last", "evidence"}}
	for _, g := range gs {
		typ := g.Type
		if g.Negated {
			typ = "not " + typ
		}
		t.add(typ, g.Role, names(g.Counterparts), strconv.Itoa(len(g.Events)), strconv.Itoa(len(g.Articles)),
			g.First, g.Last, g.Evidence)
	}
	return t
}

func writeProfile(c *cli, p store.Profile, all bool) error {
	e := p.Entity
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\n", e.Label)
	fmt.Fprintf(w, "  type\t%s\n", e.Type)
	fmt.Fprintf(w, "  iri\t%s\n", e.IRI)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "  aliases\t%s\n", strings.Join(e.Aliases, "; "))
	}
	if e.CountryCode != "" {
		fmt.Fprintf(w, "  country code\t%s\n", e.CountryCode)
	}
	if e.Wikidata != "" {
		fmt.Fprintf(w, "  wikidata\t%s\n", e.Wikidata)
	}
	fmt.Fprintf(w, "  articles\t%s\n", strconv.Itoa(len(e.Articles)))
	if err := w.Flush(); err != nil {
		return err
	}
	if len(p.Facts) > 0 {
		var t *table
		if all {
			t = &table{header: []string{"fact", "article", "evidence"}}
			for _, f := range p.Facts {
				if len(f.Evidence) == 0 {
					t.add(factName(f), articles(f.Articles), "")
				}
				for _, ev := range f.Evidence {
					t.add(factName(f), articles([]string{ev.Article}), ev.Sentence)
				}
			}
		} else {
			t = &table{header: []string{"fact", "articles", "evidence"}}
			for _, f := range p.Facts {
				t.add(factName(f), strconv.Itoa(len(f.Articles)), f.FirstEvidence())
			}
		}
		if err := section(c, t); err != nil {
			return err
		}
	}
	switch {
	case all && len(p.Events) > 0:
		if err := section(c, eventsTable(p.Events)); err != nil {
			return err
		}
	case !all && len(p.EventGroups) > 0:
		if err := section(c, groupsTable(p.EventGroups)); err != nil {
			return err
		}
	}
	if len(p.Statements) > 0 {
		if err := section(c, quotesTable(p.Statements)); err != nil {
			return err
		}
	}
	return nil
}

// section writes a blank line and a table.
func section(c *cli, t *table) error {
	if _, err := fmt.Fprintln(c.stdout); err != nil {
		return err
	}
	return writeTable(c.stdout, t, c.width)
}
