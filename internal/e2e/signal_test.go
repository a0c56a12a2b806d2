package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// jsonlLine is one JSON Lines record.
func jsonlLine(t testing.TB, id, text string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"id": id, "text": text})
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// goodLines are three small articles, one a line.
func goodLines(t testing.TB) string {
	return jsonlLine(t, "good-1", "Chile and Peru signed a border treaty in Lima on Monday.") +
		jsonlLine(t, "good-2", "Egypt hosted talks between Israel and Hamas in Cairo on Tuesday.") +
		jsonlLine(t, "good-3", "France recalled its ambassador to Australia over the submarine deal.")
}

// sortedExport is the N-Quads export of a bolt store, its lines sorted.
func sortedExport(t testing.TB, db string) []string {
	t.Helper()
	out := mustRun(t, "query", "--db", db, "export", "--format", "nquads").stdout
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines)
	return lines
}

// articleCount is the articles row of query stats.
func articleCount(t testing.TB, db string) (int, bool) {
	t.Helper()
	r := run(t, "query", "--db", db, "--format", "tsv", "stats")
	if r.code != 0 {
		return 0, false
	}
	m := regexp.MustCompile(`(?m)^articles\t(\d+)$`).FindStringSubmatch(r.stdout)
	if m == nil {
		return 0, false
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n, true
}

// TestSignalDuringExtraction starts an ingest of three small articles, one batch each, and then
// one of 12 MB, and sends SIGTERM while the big one is being extracted (some seconds): the
// ingest must stop within two seconds, say how far it got, and leave a store that holds the
// three articles exactly as a clean ingest of them does.
func TestSignalDuringExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 12 MB")
	}
	dir := t.TempDir()
	var big strings.Builder
	for big.Len() < 12<<20 {
		big.WriteString("Japan and India held talks in Delhi on Monday. \"We agreed to deepen our ties,\" Narendra Modi said.\n")
	}
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(goodLines(t)+jsonlLine(t, "big", big.String())), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	cmd := exec.Command(filepath.Join(bin, "ingest"), "--db", db, "--batch", "1", "--max-article-bytes", "64MiB", in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Wait for the three small batches, then give the reader time to reach the big article.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if n, ok := articleCount(t, db); ok && n == 3 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("ingest ended before the signal: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the three small articles were not stored within 2 minutes\n%s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second)
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if took := waitExit1(t, cmd, exited, &stderr, start, "SIGTERM"); took > 2*time.Second {
		t.Errorf("ingest took %v to stop after SIGTERM, want under 2s", took)
	}
	if want := "interrupted: 3 articles stored"; !strings.Contains(stderr.String(), want) {
		t.Errorf("ingest stderr = %q, want %q", stderr.String(), want)
	}
	clean := filepath.Join(dir, "clean")
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(goodLines(t)), 0o644)
	mustRun(t, "ingest", "--db", clean, good)
	if got, want := sortedExport(t, db), sortedExport(t, clean); !slices.Equal(got, want) {
		t.Errorf("the interrupted store holds %d quads, a clean ingest of the three articles %d; they differ", len(got), len(want))
	}
}

// waitExit1 waits for the ingest cmd, whose Wait reports on exited, to end with exit status 1
// after a fault (what) that came at start; it kills it and fails the test when it still runs
// 30 s later. It returns how long the ingest took to end.
func waitExit1(t *testing.T, cmd *exec.Cmd, exited <-chan error, stderr *bytes.Buffer, start time.Time, what string) time.Duration {
	t.Helper()
	select {
	case err := <-exited:
		took := time.Since(start)
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Errorf("ingest after %s: %v, want exit status 1\n%s", what, err, stderr.String())
		}
		return took
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("ingest still running 30 s after %s\n%s", what, stderr.String())
		return 0
	}
}
