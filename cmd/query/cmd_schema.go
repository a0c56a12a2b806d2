package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/schema"
)

func newSchemaCommand() *command {
	return &command{
		name:    "schema",
		args:    "[--format table|json|tsv|nquads]",
		summary: "describe the graph's vocabulary: classes and predicates (needs no store)",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			format := fs.String("format", "", "output format: table, json, tsv or nquads (default: the global --format)")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("schema: unexpected argument %q", args[0])
				}
				if *format == "nquads" {
					return schema.WriteNQuads(c.stdout)
				}
				if *format != "" {
					if err := checkFormat(*format); err != nil {
						return err
					}
					c.opts.format = *format
				}
				return runSchema(c)
			}
		},
	}
}

// term is the JSON form of a vocabulary term.
type term struct {
	IRI     string `json:"iri"`
	Kind    string `json:"kind"`
	Domain  string `json:"domain,omitempty"`
	Range   string `json:"range,omitempty"`
	Comment string `json:"comment,omitempty"`
}

func runSchema(c *cli) error {
	t := &table{header: []string{"term", "kind", "domain", "range", "comment"}}
	terms := []term{}
	for _, x := range schema.Terms {
		kind := "property"
		if x.Class {
			kind = "class"
		}
		terms = append(terms, term{IRI: x.IRI, Kind: kind, Domain: x.Domain, Range: x.Range, Comment: x.Comment})
		t.add(schema.Local(x.IRI), kind, schema.Local(x.Domain), schema.Local(x.Range), x.Comment)
	}
	return c.write(terms, t)
}
