package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad/nquads"
)

// manyArticles is n JSON Lines articles of two sentences each, stating events between
// countries in varied words.
func manyArticles(t testing.TB, n int) string {
	countries := []string{"France", "Germany", "Japan", "India", "Brazil", "Chile", "Peru", "Egypt", "Kenya", "Canada",
		"Mexico", "Italy", "Spain", "Poland", "Turkey", "Nigeria", "Vietnam", "Indonesia", "Australia", "Norway"}
	cities := []string{"Paris", "Berlin", "Tokyo", "Delhi", "Lima", "Cairo", "Nairobi", "Ottawa", "Rome", "Madrid"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	templates := []string{
		"%[1]s and %[2]s signed a trade agreement in %[3]s on %[4]s.",
		"%[1]s accused %[2]s of violating the ceasefire on %[4]s.",
		"The foreign ministers of %[1]s and %[2]s held talks in %[3]s on %[4]s.",
		"%[1]s imposed sanctions on %[2]s on %[4]s, officials said.",
		"%[1]s sent aid to %[2]s after the floods in %[3]s, the government said on %[4]s.",
	}
	var b strings.Builder
	for i := range n {
		x, y := countries[i%20], countries[(i*7+3)%20]
		if x == y {
			y = countries[(i+1)%20]
		}
		text := fmt.Sprintf(templates[i%5], x, y, cities[i%10], days[i%5]) + " " +
			fmt.Sprintf(templates[(i/5)%5], y, x, cities[(i/3)%10], days[(i/2)%5])
		b.WriteString(jsonlLine(t, fmt.Sprintf("art-%04d", i), text))
	}
	return b.String()
}

// byArticle groups N-Quads lines by their label, the article they come from.
func byArticle(t testing.TB, lines []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, l := range lines {
		if l == "" {
			continue
		}
		q, err := nquads.Parse(l)
		if err != nil {
			t.Fatalf("export line %q: %v", l, err)
		}
		if q.Label == nil {
			t.Fatalf("export line %q has no label", l)
		}
		out[q.Label.String()] = append(out[q.Label.String()], l)
	}
	for _, qs := range out {
		slices.Sort(qs)
	}
	return out
}

// articles is the articles row of the store's stats; ok is false when query fails.
func (s faultStore) articles(t testing.TB) (n int, ok bool) {
	t.Helper()
	r := run(t, "query", append(slices.Clone(s.flags), "--format", "tsv", "stats")...)
	m := regexp.MustCompile(`(?m)^articles\t(\d+)$`).FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		return 0, false
	}
	n, _ = strconv.Atoi(m[1])
	return n, true
}

// TestKillDuringIngest kills (SIGKILL) an ingest of 1,500 articles (400 on PostgreSQL) at
// three moments, on one store: as the store opens, and twice in the middle of the ingest. After each kill the
// store must open and hold only whole articles, each with exactly the quads a clean ingest
// gives it; running the same ingest again must then reach exactly the clean graph.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 1,500 articles several times")
	}
	// PostgreSQL writes three times slower than bolt: fewer articles keep the test short.
	for _, tc := range []struct {
		backend  string
		n, batch int
	}{{"bolt", 1500, 100}, {"postgres", 400, 40}} {
		t.Run(tc.backend, func(t *testing.T) {
			backend, n := tc.backend, tc.n
			in := filepath.Join(t.TempDir(), "news.jsonl")
			if err := os.WriteFile(in, []byte(manyArticles(t, n)), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"-q", "--batch", strconv.Itoa(tc.batch), in}
			clean := newFaultStore(t, backend)
			start := time.Now()
			if r := clean.ingest(t, args...); r.code != 0 {
				t.Fatalf("clean ingest: exit %d\n%s", r.code, r.stderr)
			}
			took := time.Since(start)
			want := byArticle(t, clean.export(t))
			if len(want) != n {
				t.Fatalf("the clean ingest stored %d articles, want %d", len(want), n)
			}
			t.Logf("clean ingest of %d articles: %v", n, took.Round(time.Millisecond))

			s := newFaultStore(t, backend)
			// Kill as soon as the store opens (before the first batch), then after 30% and 70%
			// of the time the clean ingest took: each run starts again from the first article,
			// skipping those stored.
			partial := 0
			for _, at := range []float64{0, 0.3, 0.7} {
				wait := time.Duration(at * float64(took))
				stored, killed := killIngestAfter(t, s, args, wait)
				if !killed {
					t.Logf("kill after %v: the ingest had ended", wait.Round(time.Millisecond))
					break
				}
				got := byArticle(t, s.export(t))
				if stored != len(got) {
					t.Errorf("after a kill after %v: stats counts %d articles, the export holds %d", wait, stored, len(got))
				}
				for label, qs := range got {
					if !slices.Equal(qs, want[label]) {
						t.Errorf("after a kill after %v: %s has %d quads, %d in a clean ingest; they differ", wait, label, len(qs), len(want[label]))
					}
				}
				if stored > 0 && stored < n {
					partial++
				}
				t.Logf("killed after %v: the store holds %d whole articles", wait.Round(time.Millisecond), stored)
			}
			if partial == 0 {
				t.Errorf("no kill left a partial store: the test tested nothing")
			}
			if r := s.ingest(t, args...); r.code != 0 {
				t.Fatalf("ingest again after the kills: exit %d\n%s", r.code, r.stderr)
			}
			if got := byArticle(t, s.export(t)); len(got) != n || !equalGroups(got, want) {
				t.Errorf("after the kills and a full ingest the store holds %d articles, differing from a clean ingest", len(got))
			}
		})
	}
}

func equalGroups(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// killIngestAfter starts the ingest and kills it with SIGKILL once the store opens (polled
// through query stats) and wait has passed since the start. It returns the articles the store
// holds afterwards (the test fails when it does not open) and whether the kill came before the
// ingest ended.
func killIngestAfter(t *testing.T, s faultStore, args []string, wait time.Duration) (stored int, killed bool) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, "ingest"), append(slices.Clone(s.flags), args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	ended := func(err error) (int, bool) {
		if err != nil {
			t.Fatalf("ingest: %v\n%s", err, stderr.String())
		}
		n, _ := s.articles(t)
		return n, false
	}
	for {
		if _, ok := s.articles(t); ok {
			break
		}
		select {
		case err := <-exited:
			return ended(err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Since(start) > time.Minute {
			cmd.Process.Kill()
			<-exited
			t.Fatalf("the store did not open within a minute of the ingest's start\n%s", stderr.String())
		}
	}
	select {
	case err := <-exited:
		return ended(err)
	case <-time.After(time.Until(start.Add(wait))):
	}
	cmd.Process.Kill()
	err := <-exited
	if ee, ok := err.(*exec.ExitError); err == nil || !ok || ee.Exited() {
		return ended(err) // it ended before the signal
	}
	stored, ok := s.articles(t)
	if !ok {
		r := run(t, "query", append(slices.Clone(s.flags), "stats")...)
		t.Fatalf("after a kill the store does not open: query stats: exit %d\n%s", r.code, r.stderr)
	}
	return stored, true
}

// checkWholeArticles checks a store's articles after a fault (got, by byArticle) against a clean
// bolt ingest of inputs: every article stored before the fault is still there, and every article
// stored has exactly the clean ingest's quads. It returns the clean ingest's articles.
func checkWholeArticles(t *testing.T, fault string, before, got map[string][]string, inputs ...string) map[string][]string {
	t.Helper()
	ref := newFaultStore(t, "bolt")
	for _, in := range inputs {
		mustRun(t, "ingest", append(slices.Clone(ref.flags), "-q", in)...)
	}
	want := byArticle(t, ref.export(t))
	for label := range before {
		if _, ok := got[label]; !ok {
			t.Errorf("%s lost %s, stored before", fault, label)
		}
	}
	for label, qs := range got {
		if !slices.Equal(qs, want[label]) {
			t.Errorf("after %s %s has %d quads, %d in a clean ingest; they differ", fault, label, len(qs), len(want[label]))
		}
	}
	return want
}
