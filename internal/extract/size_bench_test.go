//go:build unix

package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hugeArticle is n bytes of news text: the hand-written articles of testdata, without their
// comment lines, over and over.
func hugeArticle(tb testing.TB, n int) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no testdata articles: %v", err)
	}
	var unit strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, line := range strings.SplitAfter(string(b), "\n") {
			if !strings.HasPrefix(line, "#") {
				unit.WriteString(line)
			}
		}
		unit.WriteString("\n")
	}
	u := unit.String()
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(u)
	}
	return b.String()[:n]
}

// BenchmarkExtractSize extracts one article of 1, 4 and 16 MB: the time per byte must not grow
// with the size.
func BenchmarkExtractSize(b *testing.B) {
	for _, mb := range []int{1, 4, 16} {
		text := hugeArticle(b, mb<<20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			x := testExtractor(b)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				x.Extract(Document{ID: "huge", Text: text, Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
			}
		})
	}
}

// TestExtractLinear extracts texts of 128 KB and 1 MB (news: 32 and 256 KB) shaped to make a
// quadratic stage show: eight times the text must take well under 64 times as long. (A short line of quotation per
// paragraph took 0.26 s and 14 s when each quotation scanned every sentence of the article for
// its speaker; a run of capitalised words took 32 s at 128 KB when each word rescanned the run.)
func TestExtractLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	x := testExtractor(t)
	shapes := []struct {
		name, unit string
		small      int // bytes; the large text is eight times as long
	}{
		{"quotations", "\"Ab cd,\" John Smith said. \"We go.\"\n", 128 << 10},
		{"capitalised run", "Alpha Beta Gamma Delta Epsilon ", 128 << 10},
		{"short sentences", "A b. ", 128 << 10},
		{"news", hugeArticle(t, 64<<10), 32 << 10}, // parsed: slower
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			// The CPU time of the process, not the time on the clock: other processes on a
			// loaded machine do not count.
			took := func(n int) time.Duration {
				text := strings.Repeat(sh.unit, n/len(sh.unit)+1)[:n]
				best := time.Duration(1<<63 - 1)
				for range 3 {
					runtime.GC()
					start := cpuTime(t)
					x.Extract(Document{ID: "huge", Text: text})
					best = min(best, cpuTime(t)-start)
				}
				return best
			}
			small := took(sh.small)
			if small > 10*time.Second {
				t.Fatalf("%d KB took %v", sh.small>>10, small)
			}
			large := took(8 * sh.small)
			ratio := float64(large) / float64(small)
			t.Logf("%d KB %v, %d KB %v (%.1f×)", sh.small>>10, small, 8*sh.small>>10, large, ratio)
			if ratio > 24 {
				t.Errorf("%d KB took %v, %d KB %v: %.0f times as long for 8 times the text", sh.small>>10, small, 8*sh.small>>10, large, ratio)
			}
		})
	}
}

// cpuTime is the user and system time of the process so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
