package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// countdown is a context whose Err turns to context.Canceled after a given number of calls: it
// stops a reading at one exact point, the same on every run.
type countdown struct {
	context.Context
	left atomic.Int64
}

func (c *countdown) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestExtractContextStops cancels the reading of an article at every point where the stages
// look at the context, from the first to past the last: before the last, ExtractContext must
// return context.Canceled and an empty Result (no panic on what the stopped stage left
// half done); past it, exactly what Extract returns.
func TestExtractContextStops(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "leaders-meeting.txt"))
	if err != nil {
		t.Fatal(err)
	}
	in := Document{ID: "t", Text: string(b), Published: time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)}
	x := testExtractor(t)
	want := x.Extract(in)
	if len(want.Events) == 0 || len(want.Entities) == 0 {
		t.Fatalf("Extract(leaders-meeting.txt) found %d events and %d entities, want some of each", len(want.Events), len(want.Entities))
	}
	// The number of looks: a countdown that never ends counts them.
	probe := &countdown{Context: context.Background()}
	probe.left.Store(1 << 62)
	if _, err := x.ExtractContext(probe, in); err != nil {
		t.Fatal(err)
	}
	looks := int(1<<62 - probe.left.Load())
	if looks < 20 {
		t.Fatalf("ExtractContext looked at the context %d times, want one a sentence or more", looks)
	}
	for n := 0; n <= looks; n++ {
		ctx := &countdown{Context: context.Background()}
		ctx.left.Store(int64(n))
		got, err := x.ExtractContext(ctx, in)
		switch {
		case n < looks && !errors.Is(err, context.Canceled):
			t.Fatalf("ExtractContext cancelled at look %d of %d: error %v, want context.Canceled", n, looks, err)
		case n < looks && !cmp.Equal(got, Result{}):
			t.Fatalf("ExtractContext cancelled at look %d of %d returned a Result: %+v", n, looks, got)
		case n == looks && (err != nil || !cmp.Equal(got, want)):
			t.Fatalf("ExtractContext never cancelled: error %v, diff from Extract:\n%s", err, cmp.Diff(want, got))
		}
	}
}

// TestExtractContextDeadline reads texts that take seconds with a deadline of 100 ms: each
// reading must stop soon after the deadline with context.DeadlineExceeded.
func TestExtractContextDeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds texts of some MB")
	}
	x := testExtractor(t)
	texts := []struct{ name, text string }{
		// 4 s of CPU time read to the end (measured), most of it splitting and finding names.
		{"a million short sentences", strings.Repeat(strings.Repeat("A b. ", 100)+"\n\n", 10000)},
		// The same in one paragraph: 3 s of it splitting the paragraph into words.
		{"a million short sentences in one paragraph", strings.Repeat("A b. ", 1000000)},
		// 24 s of CPU time read to the end (measured), most of it parsing.
		{"news", hugeArticle(t, 4<<20)},
	}
	for _, tt := range texts {
		t.Run(tt.name, func(t *testing.T) {
			const limit = 100 * time.Millisecond
			ctx, cancel := context.WithTimeout(context.Background(), limit)
			defer cancel()
			start := time.Now()
			_, err := x.ExtractContext(ctx, Document{ID: "big", Text: tt.text})
			took := time.Since(start)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("ExtractContext with a deadline of %v: error %v after %v, want context.DeadlineExceeded", limit, err, took)
			}
			// Generous: the machine may be loaded; the whole reading takes several seconds.
			if took > limit+time.Second {
				t.Errorf("ExtractContext with a deadline of %v returned after %v", limit, took)
			}
		})
	}
}

// TestTokenizePieces: cut before any ASCII space, the tokens are those of the whole text.
func TestTokenizePieces(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata articles: %v", err)
	}
	texts := []string{
		"Moscow-backed rebels\u00a0and Kremlin- backed U.S. officials' talks. St. Louis \u2019s Gen. Avril, 1,000 A&E",
		"a \t\n\r b  c-\nled 'S x's ",
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	never := func() bool { return false }
	for _, text := range texts {
		want := tokenize(text, 0, len(text))
		for _, size := range []int{1, 2, 3, 5, 8, 64, 1 << 20} {
			got, ok := tokenizePieces(text, 0, len(text), size, never)
			if !ok || !cmp.Equal(got, want) {
				t.Fatalf("tokenizePieces(%.40q…, size %d) differs from tokenize:\n%s", text, size, cmp.Diff(want, got))
			}
		}
	}
}
