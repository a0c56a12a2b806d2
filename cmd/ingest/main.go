// Command ingest reads news articles and stores the facts they state in a diplograph graph.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/store"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitPartial = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := mainCode(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func mainCode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, rest, err := parseFlags(args, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "ingest: %v\nRun 'ingest --help' for usage.\n", err)
		return exitUsage
	}
	err = run(ctx, opts, rest, stdin, stdout, stderr)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, ingest.ErrPartial):
		fmt.Fprintf(stderr, "ingest: %v\n", err)
		return exitPartial
	case errors.Is(err, input.ErrUsage), errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "ingest: %v\n", err)
		return exitUsage
	case errors.Is(err, store.ErrInUse):
		fmt.Fprintf(stderr, "ingest: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stderr, "ingest: %v\n", err)
	return exitFailure
}
