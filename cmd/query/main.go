// Command query answers questions about a diplograph graph — entities, the facts stated about
// them with their evidence, paths between them, events, quotations — and exports the graph.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/diplograph/diplograph/internal/store"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := mainCode(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func mainCode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, rest, err := parseFlags(args, stdout)
	if err == nil {
		err = run(ctx, opts, rest, stdin, stdout, stderr)
	}
	return exitCode(err, stderr)
}

// exitCode reports err on stderr and returns the exit code it calls for.
func exitCode(err error, stderr io.Writer) int {
	var amb *store.AmbiguousError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &amb):
		fmt.Fprintf(stderr, "query: %q is ambiguous; say which one:\n", amb.Name)
		for _, c := range amb.Candidates {
			fmt.Fprintf(stderr, "  %s (%s) %s\n", c.Label, c.Type, c.IRI)
		}
		return exitUsage
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "query: %v\nRun 'query --help' for usage.\n", err)
		return exitUsage
	}
	if ste := (*store.ServerTimeoutError)(nil); errors.As(err, &ste) {
		fmt.Fprintf(stderr, "query: the PostgreSQL server did not answer within %v (--server-timeout; %s)\n", ste.After, ste.Waiting(err))
		return exitFailure
	}
	fmt.Fprintf(stderr, "query: %v\n", err)
	return exitFailure
}
