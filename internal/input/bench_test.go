package input

import (
	"context"
	"os"
	"testing"
)

// bbcPath is the BBC news benchmark of the shared directory beside the repository; it is never
// copied into the repository.
const bbcPath = "../../../shared/bench/bbc-news.jsonl"

// bbc returns the size of the BBC benchmark, skipping tb when it is absent.
func bbc(tb testing.TB) int64 {
	tb.Helper()
	fi, err := os.Stat(bbcPath)
	if err != nil {
		tb.Skipf("BBC benchmark not available: %v", err)
	}
	return fi.Size()
}

func TestReadBBC(t *testing.T) {
	bbc(t)
	res := read(t, paths(bbcPath), Options{})
	if res.err != nil || res.errs != nil || res.warnings != nil {
		t.Fatalf("Read(%s): err %v, input errors %v, warnings %v", bbcPath, res.err, res.errs, res.warnings)
	}
	if got, want := len(res.articles), 2225; got != want {
		t.Errorf("Read(%s) = %d articles, want %d", bbcPath, got, want)
	}
	seen := make(map[string]string)
	for _, a := range res.articles {
		if a.Title == "" || a.Text == "" {
			t.Errorf("%s: article %s has title %q and %d bytes of text", a.Origin, a.ID, a.Title, len(a.Text))
		}
		if prev, ok := seen[a.ID]; ok {
			t.Errorf("%s: id %s already used at %s", a.Origin, a.ID, prev)
		}
		seen[a.ID] = a.Origin
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	b.SetBytes(bbc(b))
	b.ReportAllocs()
	ctx := context.Background()
	var n int
	for b.Loop() {
		n = 0
		err := Read(ctx, paths(bbcPath), Options{}, func(Article) error {
			n++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "articles/op")
}

func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/news.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if doc, _ := parseHTML(data); doc.Text == "" {
			b.Fatal("no text")
		}
	}
}

func BenchmarkContentID(b *testing.B) {
	data, err := os.ReadFile("testdata/news.html")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ContentID(text)
	}
}
