package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
)

func newExportCommand() *command {
	return &command{
		name:    "export",
		args:    "[--format nquads|jsonld|csv] [--out FILE|-]",
		formats: store.ExportFormats,
		summary: "write the whole graph, every quad with its article label, in a fixed order",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			out := fs.StringP("out", "o", "-", "write to FILE; - is standard output")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("export: unexpected argument %q (use --out)", args[0])
				}
				return runExport(ctx, c, c.opts.format, *out)
			}
		},
	}
}

func runExport(ctx context.Context, c *cli, format, out string) error {
	return c.withStore(ctx, func(s *store.Store) error {
		if out == "-" || out == "" {
			w := bufio.NewWriter(c.stdout)
			if err := s.Export(ctx, w, format); err != nil {
				return err
			}
			return w.Flush()
		}
		// Write a temporary file beside out and rename it: out is whole or untouched.
		f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(f.Name())
		w := bufio.NewWriter(f)
		if err := s.Export(ctx, w, format); err != nil {
			f.Close()
			return err
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return fmt.Errorf("export: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(f.Name(), out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	})
}
