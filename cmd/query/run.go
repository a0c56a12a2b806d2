package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/version"
)

// command is one verb of query.
type command struct {
	name    string
	args    string // synopsis after the name
	summary string
	// formats are the --format values the command writes, its default first; nil means
	// table, json and tsv.
	formats []string
	// setup registers the command's flags on fs and returns the function that runs it.
	setup func(fs *pflag.FlagSet) func(ctx context.Context, c *cli, args []string) error
}

// commands returns every command, in the order help lists them.
func commands() []*command {
	return []*command{
		newEntitiesCommand(),
		newShowCommand(),
		newNeighborsCommand(),
		newPathCommand(),
		newEventsCommand(),
		newTimelineCommand(),
		newDyadCommand(),
		newExplainCommand(),
		newQuotesCommand(),
		newArticleCommand(),
		newGizmoCommand(),
		newStatsCommand(),
		newSchemaCommand(),
		newExportCommand(),
		newServeCommand(),
	}
}

// cli is what a command runs with.
type cli struct {
	opts   options
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	width  int // of the terminal: tables cut their last column to fit; 0 for no limit
}

// run runs the command args names with the global options opts.
func run(ctx context.Context, opts options, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageErrorf("no command given")
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = c
		}
	}
	if cmd == nil {
		return usageErrorf("unknown command %q", args[0])
	}
	fs := pflag.NewFlagSet("query "+cmd.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := cmd.setup(fs)
	o := opts
	fs.AddFlagSet(globalFlags(&o, opts)) // the command's own flags win (gizmo --limit)
	help := helpFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return usageErrorf("%s: %v", cmd.name, err)
	}
	if *help {
		allowed := cmd.formats
		if allowed == nil {
			allowed = formats
		}
		fmt.Fprintf(stdout, "Usage: query [flags] %s %s\n\n%s.\n\nFormats (--format): %s.\n\nFlags:\n%s", cmd.name, cmd.args,
			strings.ToUpper(cmd.summary[:1])+cmd.summary[1:], strings.Join(allowed, ", "), flagUsages(fs))
		fmt.Fprint(stdout, usageTail)
		return errHelp
	}
	if o.version {
		fmt.Fprintln(stdout, version.String("query"))
		return errHelp
	}
	allowed := cmd.formats
	if allowed == nil {
		allowed = formats
	}
	if o.format == "" {
		o.format = allowed[0]
	}
	if err := checkFormat(o.format, allowed); err != nil {
		return err
	}
	if o.limit < 0 {
		return usageErrorf("--limit %d: want 0 or more", o.limit)
	}
	if o.serverTimeout <= 0 {
		return usageErrorf("--server-timeout %v: want a positive duration", o.serverTimeout)
	}
	return runCmd(ctx, &cli{opts: o, stdin: stdin, stdout: stdout, stderr: stderr, width: termWidth(stdout)}, fs.Args())
}

// open opens the store read-only. It does not create a store that does not exist.
func (c *cli) open(ctx context.Context) (*store.Store, error) {
	s, err := store.Open(ctx, store.Options{Backend: c.opts.backend, Address: c.opts.db, ReadOnly: true,
		ServerTimeout: c.opts.serverTimeout,
		Waiting:       func(msg string) { fmt.Fprintf(c.stderr, "query: %s\n", msg) }})
	if errors.Is(err, store.ErrNotExist) {
		return nil, fmt.Errorf("%w (ingest articles first, or point --db or DIPLOGRAPH_DB at a store)", err)
	}
	return s, err
}

// resolve returns the entity name stands for.
func resolve(ctx context.Context, s *store.Store, name string) (store.Entity, error) {
	e, err := s.Resolve(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return e, fmt.Errorf("no entity named %q", shorten(name, 80))
	}
	return e, err
}

// resolvePair returns the entities two names stand for.
func resolvePair(ctx context.Context, s *store.Store, a, b string) (store.Entity, store.Entity, error) {
	x, err := resolve(ctx, s, a)
	if err != nil {
		return x, store.Entity{}, err
	}
	y, err := resolve(ctx, s, b)
	return x, y, err
}

// shorten cuts s to at most n runes for a message, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// withStore opens the store, runs fn with a snapshot of it and closes it: every read of the
// command sees the store as it was when it began, whatever an ingest writes meanwhile (see
// store.Snapshot).
func (c *cli) withStore(ctx context.Context, fn func(s *store.Store) error) error {
	return c.withOpenStore(ctx, func(s *store.Store) error {
		snap, err := s.Snapshot(ctx)
		if err != nil {
			return err
		}
		defer snap.Close()
		return fn(snap)
	})
}

// withOpenStore opens the store, runs fn with it and closes it.
func (c *cli) withOpenStore(ctx context.Context, fn func(s *store.Store) error) (err error) {
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}()
	return fn(s)
}
