package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkExtract extracts the 2,225 BBC articles of ../shared/bench on one goroutine and
// reports MB/s of article text, with articles, entities and events per second.
func BenchmarkExtract(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "bench", "bbc-news.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("benchmark corpus absent: %v", err)
	}
	defer f.Close()
	var docs []Document
	var size int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, Document{ID: r.ID, Text: r.Text, Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)})
		size += int64(len(r.Text))
	}
	x := testExtractor(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	var ents, evs int
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			r := x.Extract(d)
			ents += len(r.Entities)
			evs += len(r.Events)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(ents)/float64(b.N), "entities/op")
	b.ReportMetric(float64(evs)/float64(b.N), "events/op")
}
