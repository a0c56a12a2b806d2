// Package e2e runs the real ingest and query binaries end to end: the seed article and the
// bundled samples through every backend (memstore, bolt, PostgreSQL), re-ingestion, the
// in-use bolt store, and the development evaluations of ../shared/eval.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

var bin string // directory holding the built ingest and query

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "diplograph-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = dir
	root := repoRoot()
	cmd := exec.Command("go", "build", "-o", dir+string(os.PathSeparator), "./cmd/ingest", "./cmd/query")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// shared returns the path of a file in ../shared, skipping the test when it is absent.
func shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(repoRoot(), "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: %v", rel, err)
	}
	return p
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs one of the binaries with args and returns its output and exit code.
func run(t testing.TB, name string, args ...string) result {
	t.Helper()
	return runFor(t, 5*time.Minute, name, args...)
}

// runFor runs one of the binaries as run does, killing it after limit (exit code -1).
func runFor(t testing.TB, limit time.Duration, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(bin, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{out.String(), errb.String(), code}
}

func mustRun(t testing.TB, name string, args ...string) result {
	t.Helper()
	r := run(t, name, args...)
	if r.code != 0 {
		t.Fatalf("%s %s: exit %d\nstderr: %s", name, strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// backend is a store the binaries can be pointed at.
type backend struct {
	name string
	// ingest stores files and returns the flags that query needs to read what was stored.
	ingest func(t *testing.T, args ...string) []string
}

func bolt(t *testing.T) backend {
	db := filepath.Join(t.TempDir(), "db")
	flags := []string{"--db", db}
	return backend{"bolt", func(t *testing.T, args ...string) []string {
		mustRun(t, "ingest", append(flags, args...)...)
		return flags
	}}
}

// memstore: ingest --dry-run writes N-Quads, which query loads into memory.
func memstore(t *testing.T) backend {
	nq := filepath.Join(t.TempDir(), "graph.nq")
	var all []byte
	return backend{"memstore", func(t *testing.T, args ...string) []string {
		r := mustRun(t, "ingest", append([]string{"--dry-run"}, args...)...)
		all = append(all, r.stdout...)
		if err := os.WriteFile(nq, all, 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{"--backend", "memstore", "--db", nq}
	}}
}

// postgres uses the server of DIPLOGRAPH_TEST_POSTGRES; without it the test is skipped, except
// under CI, where it fails.
func postgres(t *testing.T) backend {
	url := os.Getenv("DIPLOGRAPH_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DIPLOGRAPH_TEST_POSTGRES is not set under CI: .ci/run starts PostgreSQL")
		}
		t.Skip("DIPLOGRAPH_TEST_POSTGRES not set (scripts/pg-test.sh start)")
	}
	// A schema of our own per test, so tests do not see each other's quads.
	schemaName := fmt.Sprintf("e2e_%d", time.Now().UnixNano())
	db := withSearchPath(url, schemaName)
	createSchema(t, url, schemaName)
	flags := []string{"--backend", "postgres", "--db", db}
	return backend{"postgres", func(t *testing.T, args ...string) []string {
		mustRun(t, "ingest", append(flags, args...)...)
		return flags
	}}
}

// backends are the stores every end-to-end test runs on, by name.
var backends = []struct {
	name string
	open func(*testing.T) backend
}{{"memstore", memstore}, {"bolt", bolt}, {"postgres", postgres}}

func statsQuads(t *testing.T, q []string) int {
	t.Helper()
	r := mustRun(t, "query", append(q, "--format", "tsv", "stats")...)
	for _, line := range strings.Split(r.stdout, "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 2 && f[0] == "quads" {
			n, err := strconv.Atoi(f[1])
			if err == nil {
				return n
			}
		}
	}
	t.Fatalf("no quads count in stats:\n%s", r.stdout)
	return 0
}

// TestSeedEndToEnd ingests the seed article on every backend and walks the graph: the export
// holds the article's facts, the path from Ardern to the Five Eyes goes through New Zealand, and
// ingesting the same article again leaves the graph as it was.
func TestSeedEndToEnd(t *testing.T) {
	seed := shared(t, "seed/ardern-kishida-2022.txt")
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			b := be.open(t)
			{
				q := b.ingest(t, "--date", "2022-04-21", seed)
				n1 := statsQuads(t, q)
				if n1 < 100 {
					t.Errorf("stats: %d quads, want the seed's facts (100+)", n1)
				}
				exp := mustRun(t, "query", append(q, "export", "--format", "nquads")...).stdout
				for _, want := range []string{`"Jacinda Ardern"`, `"CONSULT"`, `"AGREE"`, `"ASSAULT"`, "#leaderOf>", "#memberOf>", "#negated>"} {
					if !strings.Contains(exp, want) {
						t.Errorf("export lacks %s", want)
					}
				}
				path := mustRun(t, "query", append(q, "path", "Jacinda Ardern", "Five Eyes")...).stdout
				if !(strings.Contains(path, "New Zealand") && strings.Index(path, "Jacinda Ardern") < strings.Index(path, "New Zealand") &&
					strings.Index(path, "New Zealand") < strings.LastIndex(path, "Five Eyes")) {
					t.Errorf("path Ardern → Five Eyes = %q, want it through New Zealand", path)
				}
				if b.name == "memstore" {
					return // a memstore is rebuilt from the N-Quads each time
				}
				b.ingest(t, "--date", "2022-04-21", seed)
				if n2 := statsQuads(t, q); n2 != n1 {
					t.Errorf("re-ingesting the seed: %d quads, want %d as before", n2, n1)
				}
			}
		})
	}
}

// TestSamples ingests the bundled samples (text, Markdown, HTML) from their directory.
func TestSamples(t *testing.T) {
	b := bolt(t)
	samples := filepath.Join(repoRoot(), "data", "samples")
	q := b.ingest(t, samples)
	r := mustRun(t, "query", append(q, "--format", "tsv", "stats")...)
	if !regexp.MustCompile(`(?m)^articles\t[3-9]$`).MatchString(r.stdout) {
		t.Errorf("stats after the samples:\n%s\nwant 3 or more articles", r.stdout)
	}
	// The same input again changes nothing: extraction is deterministic.
	again := mustRun(t, "ingest", append(q, samples)...)
	if !strings.Contains(again.stderr, "(0 added, 0 removed)") {
		t.Errorf("re-ingesting the samples: %q, want (0 added, 0 removed)", again.stderr)
	}
	ev := mustRun(t, "query", append(q, "events", "--type", "SANCTION")...).stdout
	if !strings.Contains(ev, "France") {
		t.Errorf("events --type SANCTION = %q, want France recalling its ambassadors", ev)
	}
}

// TestChangedArticle re-ingests a changed article twice over (v1, v2, v1, v2) on bolt: the old
// facts go, the new ones come, and nothing else is lost.
func TestChangedArticle(t *testing.T) {
	b := bolt(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("Canada and Mexico signed a trade agreement in Ottawa on Monday.\n"), 0o644)
	b.ingest(t, "--id", "other", other)
	art := filepath.Join(dir, "a.txt")
	v1 := "France condemned Iran's missile test on Monday.\n"
	v2 := "France and Germany held talks in Berlin on Monday.\n"
	var q []string
	var counts []int
	for _, text := range []string{v1, v2, v1, v2} {
		os.WriteFile(art, []byte(text), 0o644)
		q = b.ingest(t, "--id", "changing", art)
		counts = append(counts, statsQuads(t, q))
		exp := mustRun(t, "query", append(q, "export", "--format", "nquads")...).stdout
		if strings.Contains(text, "talks") == strings.Contains(exp, `"ACCUSE"`) {
			t.Errorf("after ingesting %q the export has ACCUSE = %v", text, strings.Contains(exp, `"ACCUSE"`))
		}
		if !strings.Contains(exp, `"Mexico"`) {
			t.Errorf("the other article's facts are gone after re-ingesting %q", text)
		}
	}
	if counts[0] != counts[2] || counts[1] != counts[3] {
		t.Errorf("quad counts v1,v2,v1,v2 = %v, want v1 and v2 counts to repeat", counts)
	}
}

// TestInUse holds a bolt store with one ingest (waiting on standard input) and starts a second:
// the second must fail within 2 seconds, naming the store and saying it is in use.
func TestInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	mustRun(t, "ingest", "--db", db, "--id", "x", filepath.Join(repoRoot(), "data", "samples", "quad-summit-tokyo-2022.txt"))
	holder := exec.Command(filepath.Join(bin, "ingest"), "--db", db, "--id", "held", "-")
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		holder.Wait()
	}()
	time.Sleep(500 * time.Millisecond) // let it open the store
	start := time.Now()
	r := run(t, "ingest", "--db", db, "--id", "y", filepath.Join(repoRoot(), "data", "samples", "quad-summit-tokyo-2022.txt"))
	took := time.Since(start)
	if r.code == 0 {
		t.Fatalf("second ingest on a store in use: exit 0, want failure")
	}
	if took > 2*time.Second {
		t.Errorf("second ingest took %s to fail, want under 2s", took)
	}
	if !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, "in use") {
		t.Errorf("second ingest said %q, want the store %s named as in use", r.stderr, db)
	}
	// The holder finishes its own article once its input ends.
	stdin.Write([]byte("Japan and India held talks in Delhi.\n"))
	stdin.Close()
	if err := holder.Wait(); err != nil {
		t.Errorf("holding ingest: %v", err)
	}
	mustRun(t, "query", "--db", db, "stats")
}

// TestBadInput: a JSON Lines file with a broken line is reported by file and line, the good
// lines are stored, and the exit status says the ingest was partial.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	mustRun(t, "ingest", "--db", db, "--id", "first", filepath.Join(repoRoot(), "data", "samples", "quad-summit-tokyo-2022.txt"))
	before := statsQuads(t, []string{"--db", db})
	jl := filepath.Join(dir, "news.jsonl")
	os.WriteFile(jl, []byte(`{"id":"a","text":"Chile and Peru signed a border treaty on Monday."}`+"\n"+
		`{"id":"b","text": broken`+"\n"+
		`{"id":"c","text":"Egypt hosted talks between Israel and Hamas in Cairo."}`+"\n"), 0o644)
	r := run(t, "ingest", "--db", db, jl)
	if r.code != 3 {
		t.Errorf("ingest with a bad line: exit %d, want 3 (partial)", r.code)
	}
	if !strings.Contains(r.stderr, "news.jsonl:2") {
		t.Errorf("stderr %q does not name news.jsonl:2", r.stderr)
	}
	if after := statsQuads(t, []string{"--db", db}); after <= before {
		t.Errorf("quads %d after a partial ingest, want more than %d (good lines stored, nothing lost)", after, before)
	}
}
