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
	// ArticleTimeout bounds the extraction of one article; 0 means no bound. An article that
	// takes longer is rejected with an error wrapping ErrArticleTimeout, and the rest goes on.
	ArticleTimeout time.Duration
	// Progress, when set, is called after every batch with the articles done so far.
	Progress func(done int)
	// Rejected is called with every input that was rejected (the rest goes on), one call at a
	// time.
	Rejected func(err error)
	// Warn is called with warnings about inputs that were read anyway.
	Warn func(err error)
}

// Summary counts what an ingest did: the articles of the batches written, and what they hold.
type Summary struct {
	Articles, Entities, Relations, Events, Statements int
	Rejected                                          int // inputs or records rejected
	Quads                                             int // quads derived
	Added, Removed                                    int // quads written to and deleted from the store
	Elapsed                                           time.Duration
}

func (s *Summary) add(n Summary) {
	s.Articles += n.Articles
	s.Entities += n.Entities
	s.Relations += n.Relations
	s.Events += n.Events
	s.Statements += n.Statements
	s.Quads += n.Quads
}

// ErrPartial is returned (wrapped) when some inputs were rejected and the rest stored.
var ErrPartial = errors.New("some inputs were rejected")

// ErrArticleTimeout marks an article whose extraction took longer than Config.ArticleTimeout;
// the error that wraps it names the article ("news.jsonl:42: article took too long: over 1m0s").
var ErrArticleTimeout = errors.New("article took too long")

// Run ingests every article of cfg.Source. Articles are stored batch by batch, each batch in one
// transaction; an input that cannot be read, or an article that takes longer than
// cfg.ArticleTimeout to extract, is reported through cfg.Rejected and skipped. Run
// returns an error wrapping ErrPartial when any input was rejected, the store's error when a
// write fails (earlier batches stay stored), and ctx.Err() when ctx is done.
//
// Run is a pipeline: one goroutine reads, cfg.Workers goroutines extract and build articles in
// any order, and one writer stores them batch by batch while the workers go on with the next
// batch. Batches are cut in input order (article i is in batch i/cfg.Batch) and committed in
// that order, so the store goes through the same states whatever the number of workers.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	start := time.Now()
	var sum Summary
	if cfg.Batch <= 0 {
		cfg.Batch = 200
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The reader rejects inputs it cannot read, the batcher the articles that took too long.
	var rejectMu sync.Mutex
	rejected := 0 // read after the reader and the batcher end
	reject := func(err error) {
		rejectMu.Lock()
		defer rejectMu.Unlock()
		rejected++
		if cfg.Rejected != nil {
			cfg.Rejected(err)
		}
	}
	opts := cfg.Input
	opts.OnError = func(err error) error {
		reject(err)
		return nil
	}
	opts.OnWarning = cfg.Warn

	// window bounds the articles read but not yet in a batch, so that memory stays flat
	// however long the input: the workers run at most this far ahead of the batch being cut.
	window := make(chan struct{}, 4*cfg.Workers+cfg.Batch)
	jobs := make(chan job)
	done := make(chan job, cfg.Workers)
	batches := make(chan []built)

	var readErr error
	go func() { // the reader
		defer close(jobs)
		seq := 0
		readErr = input.Read(ctx, cfg.Source, opts, func(a input.Article) error {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{seq: seq, art: a}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)
		go func() { // the workers
			defer wg.Done()
			for j := range jobs {
				j.res, j.err = cfg.extract(ctx, j.art)
				if j.err == nil {
					iri, qs := kg.Build(j.art.Document, j.res)
					j.out = Article{IRI: iri, Quads: qs}
				}
				j.art = input.Article{}
				done <- j
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	go func() { // the batcher: puts the articles back in input order and cuts batches
		defer close(batches)
		pending := map[int]job{}
		next := 0
		var cur []built
		send := func() bool {
			select {
			case batches <- cur:
				cur = nil
				return true
			case <-ctx.Done():
				return false
			}
		}
		stopped := false
		for j := range done {
			if stopped {
				continue // drain the workers
			}
			pending[j.seq] = j
			for !stopped {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-window
				if j.err != nil {
					if ctx.Err() == nil {
						reject(j.err) // in input order, like the articles
					}
					continue
				}
				cur = append(cur, built{res: j.res, art: j.out})
				if len(cur) == cfg.Batch {
					stopped = !send()
				}
			}
		}
		if len(cur) > 0 && !stopped {
			send()
		}
	}()

	var err error
	drained := false // the batches channel closed: the reader, workers and batcher are done
write:
	for { // the writer
		select {
		case b, ok := <-batches:
			if !ok {
				drained = true
				break write
			}
			if err == nil {
				err = cfg.write(ctx, b, &sum)
			}
			if err != nil {
				cancel() // stops the reader; the workers and the batcher drain
			}
		case <-ctx.Done():
			// A signal: return at once. The workers stop within a sentence of their
			// extraction (they watch ctx), the batcher drops what they built, and the reader
			// stops at its next article.
			break write
		}
	}
	if drained {
		if err == nil && readErr != nil {
			err = readErr
		}
		rejectMu.Lock()
		sum.Rejected = rejected
		rejectMu.Unlock()
	}
	if err == nil {
		err = ctx.Err()
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

// extract reads one article within cfg.ArticleTimeout. It returns ctx.Err() when ctx is done,
// and an error naming the article and wrapping ErrArticleTimeout when the article took too
// long.
func (cfg *Config) extract(ctx context.Context, a input.Article) (extract.Result, error) {
	if cfg.ArticleTimeout <= 0 {
		return cfg.Extractor.ExtractContext(ctx, a.Document)
	}
	actx, cancel := context.WithTimeout(ctx, cfg.ArticleTimeout)
	defer cancel()
	res, err := cfg.Extractor.ExtractContext(actx, a.Document)
	if err != nil && ctx.Err() == nil {
		err = fmt.Errorf("%s: %w: over %s", a.Origin, ErrArticleTimeout, cfg.ArticleTimeout)
	}
	return res, err
}

// job is one article on its way through the workers.
type job struct {
	seq int
	art input.Article
	res extract.Result
	out Article
	err error // the article was not extracted: rejected, or ctx is done
}

// built is one extracted article of a batch.
type built struct {
	res extract.Result
	art Article
}

// write stores a batch (or prints it, in a dry run) and then counts it into sum: a batch that
// fails is not counted.
func (cfg *Config) write(ctx context.Context, batch []built, sum *Summary) error {
	// The same article twice in one batch: the last one wins, as it would across batches.
	seen := map[quad.IRI]int{}
	arts := make([]Article, 0, len(batch))
	var n Summary
	for _, b := range batch {
		r, a := b.res, b.art
		n.Articles++
		n.Entities += len(r.Entities)
		n.Relations += len(r.Relations)
		n.Events += len(r.Events)
		n.Statements += len(r.Statements)
		n.Quads += len(a.Quads)
		if j, ok := seen[a.IRI]; ok {
			arts[j] = a
			continue
		}
		seen[a.IRI] = len(arts)
		arts = append(arts, a)
	}
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
		sum.add(n)
		return nil
	}
	added, removed, err := cfg.Writer.ReplaceArticles(ctx, arts)
	if err != nil {
		return err
	}
	sum.add(n)
	sum.Added += added
	sum.Removed += removed
	if cfg.Progress != nil {
		cfg.Progress(sum.Articles)
	}
	return nil
}
