package ingest_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // the plain cayley bolt store of the ceiling
	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/kg"
	"github.com/diplograph/diplograph/internal/store"
)

// bbcPath is the BBC news benchmark beside the repository (../shared/bench); it is never copied
// into the repository.
var bbcPath = filepath.Join("..", "..", "..", "shared", "bench", "bbc-news.jsonl")

// bbcCorpus returns the BBC articles and their total text size, skipping tb when the file is
// absent.
func bbcCorpus(tb testing.TB) ([]input.Article, int64) {
	tb.Helper()
	if _, err := os.Stat(bbcPath); err != nil {
		tb.Skipf("BBC benchmark corpus absent: %v", err)
	}
	var arts []input.Article
	var size int64
	err := input.Read(context.Background(), input.Source{Paths: []string{bbcPath}},
		input.Options{Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)},
		func(a input.Article) error {
			arts = append(arts, a)
			size += int64(len(a.Text))
			return nil
		})
	if err != nil {
		tb.Fatalf("read %s: %v", bbcPath, err)
	}
	return arts, size
}

func benchExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	x, err := extract.Load()
	if err != nil {
		tb.Fatalf("extract.Load: %v", err)
	}
	return x
}

// phase accumulates the wall-clock time and the CPU time (user and system, of the whole
// process) of one phase over the iterations. On a machine other jobs load, CPU time shows the
// cost when the wall clock shows mostly the wait for a core.
type phase struct{ d, cpu time.Duration }

func (p *phase) time(fn func()) {
	start, cpu := time.Now(), cpuTime()
	fn()
	p.d += time.Since(start)
	p.cpu += cpuTime() - cpu
}

// cpuTime returns the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (p *phase) perSecond(n float64, iters int) float64 { return n * float64(iters) / p.d.Seconds() }

// BenchmarkBBC measures, in one run and paired iteration by iteration on the BBC corpus
// (../shared/bench/bbc-news.jsonl, 2,225 articles), every stage of an ingest:
//
//   - extract: extraction and quad building alone on one goroutine (MB/s of article text per
//     core);
//   - dry run: the whole pipeline with N-Quads written to io.Discard (the ingest without the
//     store), at -cpu workers;
//   - ingest: end to end into a new bolt store with --workers 1 and 2 (articles/s, MB/s, quads/s);
//   - re-ingest: the same input again into that store (nothing changes);
//   - ceiling: the same quads, batch by batch as ingest writes them, written by a plain cayley
//     bolt store's bulk writer (graph.NewWriter, AddQuadSet per batch), timing the writes only;
//
// and the ratios: ingest/ceiling (quads/s), workers 2/1, re-ingest/dry run (wall clock), with
// each phase's CPU time (-cpu-s) beside its wall clock (-s). peak-RSS-MB is the process's peak
// resident set over all phases. Run it with
//
//	go test ./internal/ingest -run XXX -bench BBC -benchtime 1x
func BenchmarkBBC(b *testing.B) {
	arts, size := bbcCorpus(b)
	x := benchExtractor(b)
	ctx := context.Background()
	const batch = 200
	var (
		extract, dry, ing1, ing2, reing, ceil phase
		quads                                 int
	)
	run := func(cfg ingest.Config) ingest.Summary {
		cfg.Source = input.Source{Paths: []string{bbcPath}}
		cfg.Input = input.Options{Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)}
		cfg.Extractor = x
		cfg.Batch = batch
		sum, err := ingest.Run(ctx, cfg)
		if err != nil {
			b.Fatalf("ingest: %v", err)
		}
		return sum
	}
	ingestInto := func(dir string, workers int) ingest.Summary {
		s, err := store.Open(ctx, store.Options{Address: dir, ShareBetweenWrites: true})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		return run(ingest.Config{Writer: ingest.StoreWriter{Store: s, Name: "the benchmark store"}, Workers: workers})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		extract.time(func() {
			quads = 0
			for _, a := range arts {
				_, qs := kg.Build(a.Document, x.Extract(a.Document))
				quads += len(qs)
			}
		})
		dry.time(func() { run(ingest.Config{DryRun: io.Discard}) })
		dir1, dir2 := b.TempDir(), b.TempDir()
		ing1.time(func() { ingestInto(dir1, 1) })
		var sum ingest.Summary
		ing2.time(func() { sum = ingestInto(dir2, 2) })
		if sum.Added != quads {
			b.Fatalf("ingest added %d quads, extraction built %d", sum.Added, quads)
		}
		reing.time(func() {
			if sum := ingestInto(dir2, 2); sum.Added != 0 || sum.Removed != 0 {
				b.Fatalf("re-ingest changed the store: %+v", sum)
			}
		})
		d, cpu := ceiling(b, arts, x, batch)
		ceil.d += d
		ceil.cpu += cpu
	}
	b.StopTimer()
	n := b.N
	b.SetBytes(size)
	b.ReportMetric(extract.perSecond(float64(size)/1e6, n), "extract-MB/s/core")
	b.ReportMetric(ing2.perSecond(float64(len(arts)), n), "ingest-articles/s")
	b.ReportMetric(ing2.perSecond(float64(size)/1e6, n), "ingest-MB/s")
	b.ReportMetric(ing2.perSecond(float64(quads), n), "ingest-quads/s")
	b.ReportMetric(ceil.perSecond(float64(quads), n), "ceiling-quads/s")
	b.ReportMetric(ceil.d.Seconds()/ing2.d.Seconds(), "ingest/ceiling")
	b.ReportMetric(ing1.d.Seconds()/ing2.d.Seconds(), "workers2/workers1")
	b.ReportMetric(reing.d.Seconds()/dry.d.Seconds(), "reingest/dryrun")
	b.ReportMetric(dry.d.Seconds()/float64(n), "dryrun-s")
	b.ReportMetric(ing1.d.Seconds()/float64(n), "workers1-s")
	b.ReportMetric(ing2.d.Seconds()/float64(n), "workers2-s")
	b.ReportMetric(reing.d.Seconds()/float64(n), "reingest-s")
	b.ReportMetric(dry.cpu.Seconds()/float64(n), "dryrun-cpu-s")
	b.ReportMetric(ing1.cpu.Seconds()/float64(n), "workers1-cpu-s")
	b.ReportMetric(ing2.cpu.Seconds()/float64(n), "workers2-cpu-s")
	b.ReportMetric(reing.cpu.Seconds()/float64(n), "reingest-cpu-s")
	b.ReportMetric(ceil.cpu.Seconds()/float64(n), "ceiling-cpu-s")
	b.ReportMetric(extract.cpu.Seconds()/float64(n), "extract-cpu-s")
	b.ReportMetric(float64(quads), "quads/op")
	b.ReportMetric(peakRSS()/1e6, "peak-RSS-MB")
}

// ceiling writes the quads of arts, batch by batch, with cayley's bulk writer into a new plain
// cayley bolt store (its default indexes, no Bloom filter) and returns the time the writes took.
func ceiling(b *testing.B, arts []input.Article, x *extract.Extractor, batch int) (wall, cpu time.Duration) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "ceiling")
	opts := graph.Options{cayleykv.OptNoBloom: true}
	if err := graph.InitQuadStore("bolt", path, opts); err != nil {
		b.Fatal(err)
	}
	qs, err := graph.NewQuadStore("bolt", path, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer qs.Close()
	qw, err := graph.NewQuadWriter("single", qs, graph.Options{"ignore_duplicate": true})
	if err != nil {
		b.Fatal(err)
	}
	defer qw.Close()
	for i := 0; i < len(arts); i += batch {
		var set []quad.Quad
		for _, a := range arts[i:min(i+batch, len(arts))] {
			_, qs := kg.Build(a.Document, x.Extract(a.Document))
			set = append(set, qs...)
		}
		start, c := time.Now(), cpuTime()
		if err := qw.AddQuadSet(set); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		cpu += cpuTime() - c
	}
	return wall, cpu
}

// peakRSS returns the peak resident set size of the process in bytes.
func peakRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) * 1024
}
