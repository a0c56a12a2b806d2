// Package ingest is the pipeline behind the ingest command: read articles, extract their facts,
// build their quads and replace them in the store, batch by batch.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/kg"
)

// Writer stores the quads of whole articles, each replacing what the store held for it.
type Writer interface {
	ReplaceArticles(ctx context.Context, articles []Article) (added, removed int, err error)
}

// Article is the quads derived from one article.
type Article struct {
	IRI   quad.IRI
	Quads []quad.Quad
}

// Config says what to ingest and where to.
type Config struct {
	Source    input.Source
	Input     input.Options
	Extractor *extract.Extractor
	Writer    Writer    // nil with DryRun
	DryRun    io.Writer // when set, N-Quads are written here and nothing is stored
	Batch     int       // articles per transaction; 0 means 200
	Workers   int       // extraction goroutines; 0 means GOMAXPROCS
	// Progress, when set, is called after every batch with the articles done so far.
	Progress func(done int)
	// Rejected is called with every input that was rejected (the rest goes on).
	Rejected func(err error)
	// Warn is called with warnings about inputs that were read anyway.
	Warn func(err error)
}

// Summary counts what an ingest did.
type Summary struct {
	Articles, Entities, Relations, Events, Statements int
	Rejected                                          int // inputs or records rejected
	Quads                                             int // quads derived
	Added, Removed                                    int // quads written to and deleted from the store
	Elapsed                                           time.Duration
}

// ErrPartial is returned (wrapped) when some inputs were rejected and the rest stored.
var ErrPartial = errors.New("some inputs were rejected")

// Run ingests every article of cfg.Source. Articles are stored batch by batch, each batch in one
// transaction; an input that cannot be read is reported through cfg.Rejected and skipped. Run
// returns an error wrapping ErrPartial when any input was rejected, the store's error when a
// write fails (earlier batches stay stored), and ctx.Err() when ctx is done.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	start := time.Now()
	var sum Summary
	if cfg.Batch <= 0 {
		cfg.Batch = 200
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	opts := cfg.Input
	opts.OnError = func(err error) error {
		sum.Rejected++
		if cfg.Rejected != nil {
			cfg.Rejected(err)
		}
		return nil
	}
	opts.OnWarning = cfg.Warn
	var batch []input.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		arts := extractAll(cfg.Extractor, batch, cfg.Workers, &sum)
		batch = batch[:0]
		if cfg.DryRun != nil {
			w := nquads.NewWriter(cfg.DryRun)
			for _, a := range arts {
				if _, err := w.WriteQuads(a.Quads); err != nil {
					return fmt.Errorf("write n-quads: %w", err)
				}
			}
			if err := w.Close(); err != nil {
				return fmt.Errorf("write n-quads: %w", err)
			}
			return nil
		}
		added, removed, err := cfg.Writer.ReplaceArticles(ctx, arts)
		if err != nil {
			return err
		}
		sum.Added += added
		sum.Removed += removed
		if cfg.Progress != nil {
			cfg.Progress(sum.Articles)
		}
		return nil
	}
	err := input.Read(ctx, cfg.Source, opts, func(a input.Article) error {
		batch = append(batch, a)
		if len(batch) >= cfg.Batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, err
	}
	if sum.Rejected > 0 {
		return sum, fmt.Errorf("%d inputs rejected: %w", sum.Rejected, ErrPartial)
	}
	return sum, nil
}

// extractAll extracts a batch on several goroutines and builds its quads, in input order.
func extractAll(x *extract.Extractor, batch []input.Article, workers int, sum *Summary) []Article {
	out := make([]Article, len(batch))
	results := make([]extract.Result, len(batch))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(workers, len(batch)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = x.Extract(batch[i].Document)
				iri, qs := kg.Build(batch[i].Document, results[i])
				out[i] = Article{IRI: iri, Quads: qs}
			}
		}()
	}
	for i := range batch {
		next <- i
	}
	close(next)
	wg.Wait()
	// The same article twice in one batch: the last one wins, as it would across batches.
	seen := map[quad.IRI]int{}
	dedup := out[:0]
	for i, a := range out {
		r := results[i]
		sum.Articles++
		sum.Entities += len(r.Entities)
		sum.Relations += len(r.Relations)
		sum.Events += len(r.Events)
		sum.Statements += len(r.Statements)
		sum.Quads += len(a.Quads)
		if j, ok := seen[a.IRI]; ok {
			dedup[j] = a
			continue
		}
		seen[a.IRI] = len(dedup)
		dedup = append(dedup, a)
	}
	return dedup
}
