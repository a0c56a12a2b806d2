package ingest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/input"
)

var update = flag.Bool("update", false, "rewrite the golden N-Quads in testdata/golden")

func newExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	x, err := extract.Load()
	if err != nil {
		tb.Fatalf("extract.Load: %v", err)
	}
	return x
}

// TestGoldenSamples runs every bundled sample article through the pipeline (dry run) and
// compares its N-Quads, sorted, with testdata/golden/NAME.nq. Run with -update to rewrite them
// after a deliberate change, and review the diff.
func TestGoldenSamples(t *testing.T) {
	x := newExtractor(t)
	samples, err := filepath.Glob(filepath.Join("..", "..", "data", "samples", "*"))
	if err != nil || len(samples) < 3 {
		t.Fatalf("want 3 or more samples in data/samples, got %v (%v)", samples, err)
	}
	for _, path := range samples {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := Run(context.Background(), Config{
				Source:    input.Source{Paths: []string{path}},
				Input:     input.Options{Published: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
				Extractor: x,
				DryRun:    &buf,
			})
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
			sort.Strings(lines)
			got := strings.Join(lines, "\n") + "\n"
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".nq")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/ingest -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s: N-Quads differ from %s (run with -update after a deliberate change):\n%s", name, golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only one side has.
func lineDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for l := range w {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for l := range g {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// TestRunDryRunRepeatable: the same input gives the same quads twice.
func TestRunDryRunRepeatable(t *testing.T) {
	x := newExtractor(t)
	src := "Japan and India agreed to hold talks in Delhi on Monday.\n"
	var outs [2]string
	for i := range outs {
		var buf bytes.Buffer
		sum, err := Run(context.Background(), Config{
			Source: input.Source{Paths: []string{"-"}, Stdin: strings.NewReader(src)}, Extractor: x, DryRun: &buf,
		})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Articles != 1 || sum.Events == 0 {
			t.Errorf("summary %+v, want 1 article with events", sum)
		}
		outs[i] = buf.String()
	}
	if outs[0] != outs[1] || outs[0] == "" {
		t.Errorf("two dry runs of the same input differ or are empty")
	}
}
