package main

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/export"
	"github.com/diplograph/diplograph/internal/store"
)

// exportFormats are the formats of export, the default first.
var exportFormats = []string{store.NQuads, store.JSONLD, export.CSV, store.QuadsCSV, export.GraphML, export.GDELT}

func newExportCommand() *command {
	return &command{
		name:    "export",
		args:    "[--format F] [--out FILE|DIR|-] [--since D] [--until D] [--actor E] [--type T] [--min-confidence X] [--raw] [--incident-window N]",
		summary: "write the graph, or the events a filter selects with what they name: N-Quads, JSON-LD, node and edge CSV tables, the raw quads as CSV, GraphML or a GDELT-style event table",
		formats: exportFormats,
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			out := fs.StringP("out", "o", "-", "write to FILE (csv: to the directory DIR, as nodes.csv and edges.csv); - is standard output")
			var f exportFlags
			fs.StringVar(&f.since, "since", "", "only events on or after this date, `YYYY-MM-DD`")
			fs.StringVar(&f.until, "until", "", "only events on or before this date, `YYYY-MM-DD`")
			fs.StringSliceVar(&f.actors, "actor", nil, "only events these entities take part in, as actor or recipient (repeat or separate by commas)")
			fs.StringSliceVar(&f.types, "type", nil, "only events of these PLOVER types (AGREE,CONSULT,...)")
			fs.Float64Var(&f.minConfidence, "min-confidence", 0, "only events the extractor is at least this sure of, `0-1`")
			g := groupingFlags(fs)
			fs.Lookup("raw").Usage = "gdelt: one row per article's event and actor-recipient pair instead of one per incident"
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("export: unexpected argument %q (use --out)", args[0])
				}
				if err := checkGrouping(g); err != nil {
					return err
				}
				if c.opts.format != export.GDELT && (fs.Changed("raw") || fs.Changed("incident-window")) {
					return usageErrorf("--raw and --incident-window apply to --format gdelt only")
				}
				f.grouping = *g
				if c.opts.format == export.CSV && (*out == "-" || *out == "") {
					return usageErrorf("export --format csv writes two files: name a directory with --out DIR")
				}
				return runExport(ctx, c, *out, f)
			}
		},
	}
}

type exportFlags struct {
	since, until  string
	actors, types []string
	minConfidence float64
	grouping      store.Grouping // gdelt: per incident, or raw
}

// filter checks the flags and resolves the actors.
func (f exportFlags) filter(ctx context.Context, s *store.Store) (store.Filter, error) {
	flt := store.Filter{Since: f.since, Until: f.until, MinConfidence: f.minConfidence}
	for _, d := range []struct{ flag, v string }{{"since", f.since}, {"until", f.until}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return flt, usageErrorf("--%s %q: want YYYY-MM-DD", d.flag, d.v)
		}
	}
	if f.minConfidence < 0 || f.minConfidence > 1 {
		return flt, usageErrorf("--min-confidence %s: want 0 to 1", strconv.FormatFloat(f.minConfidence, 'f', -1, 64))
	}
	for _, t := range f.types {
		p, ok := plover(t)
		if !ok {
			return flt, usageErrorf("--type %q: want a PLOVER type", t)
		}
		flt.Types = append(flt.Types, p)
	}
	for _, a := range f.actors {
		e, err := resolve(ctx, s, a)
		if err != nil {
			return flt, err
		}
		flt.Actors = append(flt.Actors, e.IRI)
	}
	return flt, nil
}

func runExport(ctx context.Context, c *cli, out string, f exportFlags) error {
	return c.withStore(ctx, func(s *store.Store) error {
		flt, err := f.filter(ctx, s)
		if err != nil {
			return err
		}
		format := c.opts.format
		var write func(w io.Writer) error
		switch format {
		case store.NQuads, store.JSONLD, store.QuadsCSV:
			write = func(w io.Writer) error { return s.Export(ctx, w, format, flt) }
		default:
			d, err := s.Dataset(ctx, flt)
			if err != nil {
				return err
			}
			switch format {
			case export.CSV:
				return export.WriteTables(out, d)
			case export.GraphML:
				write = func(w io.Writer) error { return export.WriteGraphML(w, export.Of(d)) }
			case export.GDELT:
				if f.grouping.Raw {
					write = func(w io.Writer) error { return export.WriteGDELT(w, d) }
					break
				}
				ins, err := s.IncidentsOf(ctx, d.Events, f.grouping.Window)
				if err != nil {
					return err
				}
				write = func(w io.Writer) error { return export.WriteIncidentsGDELT(w, d, ins) }
			}
		}
		if out == "-" || out == "" {
			w := bufio.NewWriter(c.stdout)
			if err := write(w); err != nil {
				return err
			}
			return w.Flush()
		}
		return export.WriteFile(out, write)
	})
}
