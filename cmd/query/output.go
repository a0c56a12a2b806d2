package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// table is a result as rows, for the table and tsv formats.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(row ...string) { t.rows = append(t.rows, row) }

// write writes a result: v as JSON, or t as an aligned table or as TSV.
func (c *cli) write(v any, t *table) error {
	switch c.opts.format {
	case "json":
		return writeJSON(c.stdout, v)
	case "tsv":
		return writeTSV(c.stdout, t)
	}
	return writeTable(c.stdout, t)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeTSV(w io.Writer, t *table) error {
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	line := func(fields []string) error {
		out := make([]string, len(fields))
		for i, f := range fields {
			out[i] = clean.Replace(f)
		}
		_, err := fmt.Fprintln(w, strings.Join(out, "\t"))
		return err
	}
	if err := line(t.header); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := line(r); err != nil {
			return err
		}
	}
	return nil
}

func writeTable(w io.Writer, t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	upper := make([]string, len(t.header))
	for i, h := range t.header {
		upper[i] = strings.ToUpper(h)
	}
	fmt.Fprintln(tw, strings.Join(upper, "\t"))
	clean := strings.NewReplacer("\t", " ", "\n", " ")
	for _, r := range t.rows {
		out := make([]string, len(r))
		for i, f := range r {
			out[i] = clean.Replace(f)
		}
		fmt.Fprintln(tw, strings.Join(out, "\t"))
	}
	return tw.Flush()
}

// names joins the names of nodes.
func names(ns []store.Node) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name()
	}
	return strings.Join(out, ", ")
}

// articles joins the local names of article IRIs.
func articles(iris []string) string {
	out := make([]string, len(iris))
	for i, a := range iris {
		out[i] = schema.Local(a)
	}
	return strings.Join(out, ", ")
}

// linkName is the label of a link's edge: the relation's local name, or the event type.
func linkName(l store.Link) string {
	if l.Predicate == schema.Event {
		return l.EventType
	}
	return schema.Local(l.Predicate)
}

// arrow renders one link: "A —leaderOf→ B", "B ←memberOf— A", "A —AGREE— B" for an event
// both take part in.
func arrow(l store.Link) string {
	switch {
	case l.Predicate == schema.Event:
		return fmt.Sprintf("%s —%s— %s", l.From.Name(), l.EventType, l.To.Name())
	case l.Reverse:
		return fmt.Sprintf("%s ←%s— %s", l.From.Name(), linkName(l), l.To.Name())
	}
	return fmt.Sprintf("%s —%s→ %s", l.From.Name(), linkName(l), l.To.Name())
}

// quote quotes evidence for a table, or gives "".
func quote(s string) string {
	if s == "" {
		return ""
	}
	return `"` + s + `"`
}
