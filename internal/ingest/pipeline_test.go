package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/input"
)

// recorder is a Writer that keeps every batch it is given, in order.
type recorder struct {
	mu      sync.Mutex
	batches [][]string // per batch, the article IRI and then its quads
	iris    [][]quad.IRI
	failAt  int // the batch (from 1) whose write fails; 0 never
}

var errWrite = errors.New("write failed")

func (r *recorder) ReplaceArticles(ctx context.Context, arts []Article) (int, int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failAt > 0 && len(r.batches)+1 == r.failAt {
		return 0, 0, errWrite
	}
	var b []string
	var iris []quad.IRI
	n := 0
	for _, a := range arts {
		iris = append(iris, a.IRI)
		b = append(b, string(a.IRI))
		for _, q := range a.Quads {
			b = append(b, q.NQuad())
		}
		n += len(a.Quads)
	}
	r.batches = append(r.batches, b)
	r.iris = append(r.iris, iris)
	return n, 0, nil
}

// articlePaths returns the annotated articles of the end-to-end suite.
func articlePaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "e2e", "testdata", "articles", "*.txt"))
	if err != nil || len(paths) < 12 {
		t.Fatalf("want 12 or more articles in internal/e2e/testdata/articles, got %d (%v)", len(paths), err)
	}
	return paths
}

// TestPipelineDeterministic: whatever the number of workers, the writer gets the same batches,
// with the same articles and quads, in the same order.
func TestPipelineDeterministic(t *testing.T) {
	x := newExtractor(t)
	paths := articlePaths(t)
	var want [][]string
	for _, workers := range []int{1, 2, 3, 8} {
		rec := &recorder{}
		sum, err := Run(context.Background(), Config{
			Source: input.Source{Paths: paths}, Extractor: x, Writer: rec, Batch: 4, Workers: workers,
		})
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		if sum.Articles != len(paths) {
			t.Errorf("workers %d: %d articles, want %d", workers, sum.Articles, len(paths))
		}
		if got := len(rec.batches); got != (len(paths)+3)/4 {
			t.Errorf("workers %d: %d batches, want %d", workers, got, (len(paths)+3)/4)
		}
		if want == nil {
			want = rec.batches
			continue
		}
		if diff := cmp.Diff(want, rec.batches); diff != "" {
			t.Errorf("workers %d: batches differ from workers 1 (-want +got):\n%s", workers, diff)
		}
	}
}

// TestPipelineOrderWithinBatch: shuffling the inputs within each batch leaves every batch with
// the same set of quads.
func TestPipelineOrderWithinBatch(t *testing.T) {
	x := newExtractor(t)
	paths := articlePaths(t)
	shuffled := slices.Clone(paths)
	for i := 0; i < len(shuffled); i += 4 {
		slices.Reverse(shuffled[i:min(i+4, len(shuffled))])
	}
	sets := func(paths []string) []map[string]bool {
		rec := &recorder{}
		if _, err := Run(context.Background(), Config{
			Source: input.Source{Paths: paths}, Extractor: x, Writer: rec, Batch: 4, Workers: 3,
		}); err != nil {
			t.Fatal(err)
		}
		var out []map[string]bool
		for _, b := range rec.batches {
			set := map[string]bool{}
			for _, l := range b {
				set[l] = true
			}
			out = append(out, set)
		}
		return out
	}
	if diff := cmp.Diff(sets(paths), sets(shuffled)); diff != "" {
		t.Errorf("batches differ when the inputs are shuffled within batches (-in order +shuffled):\n%s", diff)
	}
}

// TestPipelineWriteError: a failed write stops the ingest with that error, after the batches
// before it, and leaves no goroutine blocked (the test would hang).
func TestPipelineWriteError(t *testing.T) {
	x := newExtractor(t)
	paths := articlePaths(t)
	rec := &recorder{failAt: 2}
	_, err := Run(context.Background(), Config{
		Source: input.Source{Paths: paths}, Extractor: x, Writer: rec, Batch: 3, Workers: 2,
	})
	if !errors.Is(err, errWrite) {
		t.Fatalf("Run = %v, want %v", err, errWrite)
	}
	if len(rec.batches) != 1 {
		t.Errorf("%d batches written before the failure, want 1", len(rec.batches))
	}
}

// TestPipelineDuplicateInBatch: the same article twice in one batch is written once.
func TestPipelineDuplicateInBatch(t *testing.T) {
	x := newExtractor(t)
	p := articlePaths(t)[0]
	rec := &recorder{}
	sum, err := Run(context.Background(), Config{
		Source: input.Source{Paths: []string{p, p}}, Extractor: x, Writer: rec, Batch: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 2 || len(rec.batches) != 1 {
		t.Fatalf("summary %+v, %d batches; want 2 articles in 1 batch", sum, len(rec.batches))
	}
	if got := len(rec.iris[0]); got != 1 {
		t.Errorf("the batch holds %d articles, want 1", got)
	}
}

// TestPipelineArticleTimeout: an article of three million short sentences between two news
// articles, with an ArticleTimeout of 3 s, is rejected by name and the others are stored as
// they are without it. (The long article takes 13 s of CPU time, the others 50 ms: the margin
// is for -race and a loaded machine.)
func TestPipelineArticleTimeout(t *testing.T) {
	x := newExtractor(t)
	paths := articlePaths(t)[:2]
	long := filepath.Join(t.TempDir(), "million.txt")
	if err := os.WriteFile(long, []byte(strings.Repeat(strings.Repeat("A b. ", 100)+"\n", 30000)), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(paths []string) (*recorder, []error, error) {
		rec := &recorder{}
		var rejected []error
		_, err := Run(context.Background(), Config{
			Source: input.Source{Paths: paths}, Input: input.Options{MaxArticleBytes: 32 << 20},
			Extractor: x, Writer: rec, Batch: 10, Workers: 2, ArticleTimeout: 3 * time.Second,
			Rejected: func(err error) { rejected = append(rejected, err) },
		})
		return rec, rejected, err
	}
	start := time.Now()
	rec, rejected, err := run([]string{paths[0], long, paths[1]})
	took := time.Since(start)
	if !errors.Is(err, ErrPartial) {
		t.Errorf("Run = %v, want an error wrapping ErrPartial", err)
	}
	if len(rejected) != 1 || !errors.Is(rejected[0], ErrArticleTimeout) || !strings.HasPrefix(rejected[0].Error(), long+": ") {
		t.Errorf("rejected %v, want one error naming %s and wrapping ErrArticleTimeout", rejected, long)
	}
	t.Logf("rejected %v; the run took %v", rejected, took)
	want, _, err := run(paths)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.batches, rec.batches); diff != "" {
		t.Errorf("with the long article rejected, the batches differ from those of the others alone (-want +got):\n%s", diff)
	}
}
