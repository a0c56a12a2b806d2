package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/schema"
)

func newSchemaCommand() *command {
	return &command{
		name:    "schema",
		args:    "",
		formats: []string{"table", "json", "tsv", "nquads"},
		summary: "describe the graph's vocabulary: classes and predicates (needs no store)",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("schema: unexpected argument %q", args[0])
				}
				if c.opts.format == "nquads" {
					return schema.WriteNQuads(c.stdout)
				}
				return runSchema(c)
			}
		},
	}
}

// vocabTerm is the JSON form of a vocabulary term.
type vocabTerm struct {
	IRI     string `json:"iri"`
	Kind    string `json:"kind"`
	Domain  string `json:"domain,omitempty"`
	Range   string `json:"range,omitempty"`
	Comment string `json:"comment,omitempty"`
}

func runSchema(c *cli) error {
	t := &table{header: []string{"term", "kind", "domain", "range", "comment"}}
	terms := []vocabTerm{}
	for _, x := range schema.Terms {
		kind := "property"
		if x.Class {
			kind = "class"
		}
		terms = append(terms, vocabTerm{IRI: x.IRI, Kind: kind, Domain: x.Domain, Range: x.Range, Comment: x.Comment})
		t.add(schema.Local(x.IRI), kind, schema.Local(x.Domain), schema.Local(x.Range), x.Comment)
	}
	terms = limit(terms, c.opts.limit)
	t.rows = limit(t.rows, c.opts.limit)
	return c.write(terms, t)
}
