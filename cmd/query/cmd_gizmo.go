package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newGizmoCommand() *command {
	return &command{
		name:    "gizmo",
		args:    "'JS'",
		summary: `run a Gizmo query, e.g. 'g.V("<IRI>").Out().All()'; - reads it from stdin`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			timeout := fs.Duration("timeout", defaultGizmoTimeout, "stop the query past this `duration` (0: never)")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 1 {
					return usageErrorf("gizmo: want one query argument (quote it), got %d", len(args))
				}
				if *timeout < 0 {
					return usageErrorf("--timeout %v: want a positive duration, or 0 for none", *timeout)
				}
				return runGizmo(ctx, c, args[0], c.opts.limit, *timeout)
			}
		},
	}
}

// defaultGizmoTimeout bounds a Gizmo query: a runaway script ('while(true){}') or a walk of
// the whole graph stops with a message.
const defaultGizmoTimeout = 30 * time.Second

func runGizmo(ctx context.Context, c *cli, js string, limit int, timeout time.Duration) error {
	if js == "-" {
		b, err := io.ReadAll(c.stdin)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		js = string(b)
	}
	if strings.TrimSpace(js) == "" {
		return usageErrorf("gizmo: empty query")
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	return c.withStore(ctx, func(s *store.Store) error {
		var err error
		switch c.opts.format {
		case "json", "tsv":
			err = streamGizmo(ctx, c, s, js, limit)
		default: // a table is aligned, so it waits for every row
			var res []any
			if res, err = s.Gizmo(ctx, js, limit); err == nil {
				err = c.write(res, gizmoTable(res))
			}
		}
		if errors.Is(err, context.DeadlineExceeded) && timeout > 0 {
			return fmt.Errorf("gizmo: the query ran past --timeout %v (raise it, or cut the walk with .Limit(n) or --limit)", timeout)
		}
		return err
	})
}

// streamGizmo writes each result as it comes: a JSON array one element at a time, or TSV rows
// with the columns of the first result.
func streamGizmo(ctx context.Context, c *cli, s *store.Store, js string, limit int) error {
	w := bufio.NewWriter(c.stdout)
	n := 0
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // as writeJSON writes a whole array
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	var tsv *csv.Writer
	var keys []string
	err := s.GizmoEach(ctx, js, limit, func(r any) error {
		if c.opts.format == "json" {
			buf.Reset()
			if err := enc.Encode(r); err != nil {
				return err
			}
			b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
			sep := ",\n  "
			if n == 0 {
				sep = "[\n  "
			}
			w.WriteString(sep)
			w.Write(b)
		} else {
			if n == 0 {
				t := gizmoTable([]any{r})
				keys = t.header
				tsv = csv.NewWriter(w)
				tsv.Comma = '\t'
				tsv.Write(keys)
			}
			row := make([]string, len(keys))
			if m, ok := r.(map[string]any); ok {
				for i, k := range keys {
					if v, ok := m[k]; ok {
						row[i] = cell(v)
					}
				}
			} else {
				row[0] = cell(r)
			}
			tsv.Write(row)
			tsv.Flush()
		}
		n++
		if w.Buffered() > 32<<10 {
			return w.Flush()
		}
		return nil
	})
	switch {
	case c.opts.format == "json" && n == 0:
		w.WriteString("[]\n")
	case c.opts.format == "json":
		w.WriteString("\n]\n")
	case n == 0:
		writeTSV(w, gizmoTable(nil))
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// gizmoTable has a column per tag (id first), a row per result.
func gizmoTable(res []any) *table {
	var keys []string
	seen := map[string]bool{}
	for _, r := range res {
		if m, ok := r.(map[string]any); ok {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "id") != (keys[j] == "id") {
			return keys[i] == "id"
		}
		return keys[i] < keys[j]
	})
	if len(keys) == 0 {
		keys = []string{"result"}
	}
	t := &table{header: keys}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			t.add(cell(r))
			continue
		}
		row := make([]string, len(keys))
		for i, k := range keys {
			if v, ok := m[k]; ok {
				row[i] = cell(v)
			}
		}
		t.add(row...)
	}
	return t
}

func cell(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
