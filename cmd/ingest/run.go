package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/store"
)

// storeName names the store in messages: the bolt or leveldb directory; not a PostgreSQL
// connection string, which may hold a password.
func storeName(o options) string {
	if o.backend == "postgres" {
		return "the PostgreSQL store"
	}
	return fmt.Sprintf("store %s", o.db)
}

func run(ctx context.Context, o options, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	src := input.Source{Paths: args, Stdin: stdin}
	inOpts := input.Options{Format: o.inputFormat, ID: o.id, Title: o.title, URL: o.url,
		Publisher: o.publisher, Published: o.published, MaxArticleBytes: o.maxArticle}
	// A command line that cannot be served fails before the store is created.
	if err := input.Check(src, inOpts); err != nil {
		return err
	}
	// The store first: a store in use is reported before the lexicon is loaded.
	var s *store.Store
	if !o.dryRun {
		var err error
		s, err = store.Open(ctx, store.Options{Backend: o.backend, Address: o.db, ShareBetweenWrites: true,
			ServerTimeout: o.serverTimeout,
			Waiting:       func(msg string) { fmt.Fprintf(stderr, "ingest: %s\n", msg) }})
		if ste := (*store.ServerTimeoutError)(nil); errors.As(err, &ste) {
			return &serverTimeoutError{After: ste.After, Waiting: ste.Waiting(err), Err: err}
		} else if err != nil {
			return err
		}
		defer s.Close()
	}
	x, err := extract.Load(extract.MinConfidence(o.minConfidence))
	if err != nil {
		return err
	}
	cfg := ingest.Config{
		Source:         src,
		Input:          inOpts,
		Extractor:      x,
		Batch:          o.batch,
		Workers:        o.workers,
		ArticleTimeout: o.articleTimeout,
		Rejected: func(err error) {
			hint := ""
			switch {
			case errors.Is(err, input.ErrTooLarge):
				hint = " (--max-article-bytes)"
			case errors.Is(err, ingest.ErrArticleTimeout):
				hint = " (--article-timeout)"
			}
			fmt.Fprintf(stderr, "ingest: rejected %v%s\n", err, hint)
		},
		Warn: func(err error) { fmt.Fprintf(stderr, "ingest: warning: %v\n", err) },
	}
	if o.dryRun {
		cfg.DryRun = stdout
	} else {
		cfg.Writer = ingest.StoreWriter{Store: s, Name: storeName(o), TimeoutFlag: "--server-timeout"}
	}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) && !o.quiet && (len(args) > 1 || many(args)) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("articles"), progressbar.OptionShowIts(),
			progressbar.OptionClearOnFinish())
		cfg.Progress = func(done int) { bar.Set(done) }
		defer bar.Finish()
	}
	stored := 0 // articles in the batches written
	progress := cfg.Progress
	cfg.Progress = func(done int) {
		stored = done
		if progress != nil {
			progress(done)
		}
	}
	sum, err := ingest.Run(ctx, cfg)
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		if o.dryRun {
			return errors.New("interrupted")
		}
		return fmt.Errorf("interrupted: %d articles stored; the batch being read or extracted was dropped", stored)
	}
	if we := (*ingest.WriteError)(nil); errors.As(err, &we) {
		err = fmt.Errorf("%w; %d articles stored before it, each whole", err, stored)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "ingest: %d articles, %d entities, %d relations, %d events, %d quotes; %d quads (%d added, %d removed) in %s\n",
			sum.Articles, sum.Entities, sum.Relations, sum.Events, sum.Statements, sum.Quads, sum.Added, sum.Removed,
			sum.Elapsed.Round(1e6))
	}
	return err
}

// many reports an input that holds many articles: a directory or JSON Lines.
func many(args []string) bool {
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.IsDir() {
			return true
		}
		if f, err := input.ParseFormat(extOf(a)); err == nil && f == input.FormatJSONL {
			return true
		}
	}
	return false
}

func extOf(p string) string {
	for i := len(p) - 1; i >= 0 && p[i] != '/'; i-- {
		if p[i] == '.' {
			return p[i:]
		}
	}
	return ""
}

// serverTimeoutError is a PostgreSQL server that did not answer as the store opened, told once:
// the bound, its flag and what waited (see store.ServerTimeoutError.Waiting).
type serverTimeoutError struct {
	After   time.Duration
	Waiting string
	Err     error
}

func (e *serverTimeoutError) Error() string {
	return fmt.Sprintf("the PostgreSQL server did not answer within %v (--server-timeout; %s)", e.After, e.Waiting)
}

func (e *serverTimeoutError) Unwrap() error { return e.Err }
