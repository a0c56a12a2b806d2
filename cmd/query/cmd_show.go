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
		args:    "ENTITY",
		summary: "show every fact about an entity, with its articles and evidence, and its events and quotations",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) == 0 {
					return usageErrorf("show: name an entity")
				}
				return runShow(ctx, c, strings.Join(args, " "))
			}
		},
	}
}

func runShow(ctx context.Context, c *cli, name string) error {
	return c.withStore(ctx, func(s *store.Store) error {
		e, err := resolve(ctx, s, name)
		if err != nil {
			return err
		}
		p, err := s.Show(ctx, e.IRI)
		if err != nil {
			return err
		}
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, p)
		case "tsv":
			return writeTSV(c.stdout, profileTable(p))
		}
		return writeProfile(c, p)
	})
}

// profileTable is a profile as rows: kind, subject, predicate, object, article, evidence.
func profileTable(p store.Profile) *table {
	t := &table{header: []string{"kind", "subject", "predicate", "object", "article", "evidence"}}
	for _, f := range p.Facts {
		t.add("fact", f.Subject.Name(), schema.Local(f.Predicate), f.Object.Name(), schema.Local(f.Article), f.Evidence)
	}
	for _, ev := range p.Events {
		t.add("event", names(ev.Actors), eventType(ev), names(ev.Recipients), articles(ev.Articles), ev.Evidence)
	}
	for _, st := range p.Statements {
		t.add("statement", st.Speaker.Name(), "said", st.Quote, articles(st.Articles), st.Evidence)
	}
	return t
}

func writeProfile(c *cli, p store.Profile) error {
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
		t := &table{header: []string{"fact", "article", "evidence"}}
		for _, f := range p.Facts {
			t.add(fmt.Sprintf("%s —%s→ %s", f.Subject.Name(), schema.Local(f.Predicate), f.Object.Name()),
				schema.Local(f.Article), quote(f.Evidence))
		}
		if err := section(c, t); err != nil {
			return err
		}
	}
	if len(p.Events) > 0 {
		if err := section(c, eventsTable(p.Events)); err != nil {
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
	return writeTable(c.stdout, t)
}
