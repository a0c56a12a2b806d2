package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newArticleCommand() *command {
	return &command{
		name:    "article",
		args:    "ID|URL|IRI",
		summary: "show an article's metadata and everything extracted from it, in text order",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 1 {
					return usageErrorf("article: name one article by its identifier, URL or IRI")
				}
				return runArticle(ctx, c, args[0])
			}
		},
	}
}

func runArticle(ctx context.Context, c *cli, ref string) error {
	return c.withStore(ctx, func(s *store.Store) error {
		a, err := s.Article(ctx, ref)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no article with the identifier, URL or IRI %q", ref)
		} else if err != nil {
			return err
		}
		a.Items = limit(a.Items, c.opts.limit)
		t := articleTable(a)
		switch c.opts.format {
		case "json":
			return writeJSON(c.stdout, a)
		case "tsv":
			return writeTSV(c.stdout, t)
		}
		w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		title := a.Title
		if title == "" {
			title = a.Identifier
		}
		fmt.Fprintf(w, "%s\n", title)
		for _, kv := range [][2]string{{"identifier", a.Identifier}, {"iri", a.IRI}, {"url", a.URL},
			{"published", a.Published}, {"publisher", a.Publisher}, {"mentions", names(a.Mentions)}} {
			if kv[1] != "" {
				fmt.Fprintf(w, "  %s\t%s\n", kv[0], kv[1])
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return section(c, t)
	})
}

// articleTable has a row per extracted item: offset, kind, what it says, evidence.
func articleTable(a store.Article) *table {
	t := &table{header: []string{"offset", "kind", "what", "evidence"}}
	for _, it := range a.Items {
		off := ""
		if it.Start >= 0 {
			off = strconv.Itoa(it.Start)
		}
		switch {
		case it.Fact != nil:
			t.add(off, it.Kind, factName(*it.Fact), it.Fact.FirstEvidence())
		case it.Event != nil:
			t.add(off, it.Kind, eventName(*it.Event), it.Event.Evidence)
		case it.Statement != nil:
			t.add(off, it.Kind, it.Statement.Speaker.Name()+": "+strings.TrimSpace(it.Statement.Quote), it.Statement.Evidence)
		}
	}
	return t
}

// eventName renders an event: "Japan, New Zealand —AGREE→", "France —not SANCTION→ Australia".
func eventName(ev store.Event) string {
	s := names(ev.Actors) + " —" + eventType(ev) + "→"
	if len(ev.Recipients) > 0 {
		s += " " + names(ev.Recipients)
	}
	return s
}
