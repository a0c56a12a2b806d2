package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newGizmoCommand() *command {
	return &command{
		name:    "gizmo",
		args:    "'JS'",
		summary: `run a Gizmo query, e.g. 'g.V("<IRI>").Out().All()'; - reads it from stdin`,
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) != 1 {
					return usageErrorf("gizmo: want one query argument (quote it), got %d", len(args))
				}
				return runGizmo(ctx, c, args[0], c.opts.limit)
			}
		},
	}
}

func runGizmo(ctx context.Context, c *cli, js string, limit int) error {
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
	return c.withStore(ctx, func(s *store.Store) error {
		res, err := s.Gizmo(ctx, js, limit)
		if err != nil {
			return err
		}
		if res == nil {
			res = []any{}
		}
		return c.write(res, gizmoTable(res))
	})
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
