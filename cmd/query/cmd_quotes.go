package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newQuotesCommand() *command {
	return &command{
		name:    "quotes",
		args:    "[--speaker E]",
		summary: "list quotations, by date",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			speaker := fs.String("speaker", "", "only quotations of this person")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("quotes: unexpected argument %q (use --speaker)", args[0])
				}
				return runQuotes(ctx, c, *speaker)
			}
		},
	}
}

func runQuotes(ctx context.Context, c *cli, speaker string) error {
	return c.withStore(ctx, func(s *store.Store) error {
		iri := ""
		if speaker != "" {
			e, err := resolve(ctx, s, speaker)
			if err != nil {
				return err
			}
			iri = e.IRI
		}
		sts, err := s.Quotes(ctx, iri)
		if err != nil {
			return err
		}
		sts = limit(sts, c.opts.limit)
		if sts == nil {
			sts = []store.Statement{}
		}
		return c.write(sts, quotesTable(sts))
	})
}

func quotesTable(sts []store.Statement) *table {
	t := &table{header: []string{"date", "speaker", "quote", "about", "articles"}}
	for _, st := range sts {
		t.add(st.Date, st.Speaker.Name(), st.Quote, names(st.About), articles(st.Articles))
	}
	return t
}
