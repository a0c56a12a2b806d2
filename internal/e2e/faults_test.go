package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// faultStore is a store the fault cases write to, on one backend.
type faultStore struct {
	flags []string // --backend and --db
}

func (s faultStore) ingest(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, "ingest", append(slices.Clone(s.flags), args...)...)
}

// export is the store's N-Quads export, its lines sorted.
func (s faultStore) export(t *testing.T) []string {
	t.Helper()
	out := mustRun(t, "query", append(slices.Clone(s.flags), "export", "--format", "nquads")...).stdout
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines)
	return lines
}

// newFaultStore returns a new, empty store of the backend.
func newFaultStore(t *testing.T, backend string) faultStore {
	t.Helper()
	if backend == "bolt" {
		return faultStore{[]string{"--db", filepath.Join(t.TempDir(), "db")}}
	}
	url := os.Getenv("DIPLOGRAPH_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DIPLOGRAPH_TEST_POSTGRES is not set under CI")
		}
		t.Skip("DIPLOGRAPH_TEST_POSTGRES not set (scripts/pg-test.sh start)")
	}
	name := fmt.Sprintf("fault_%d", rand.Int64())
	createSchema(t, url, name)
	return faultStore{[]string{"--backend", "postgres", "--db", withSearchPath(url, name)}}
}

// faultCase is bad input given to ingest beside good input. The store must end up holding what
// it held before plus exactly what the good input alone gives.
type faultCase struct {
	name   string
	files  map[string][]byte // written to the case's directory
	args   []string          // ingest arguments; file names are relative to the directory
	good   map[string][]byte // the good input alone, ingested into a reference store
	code   int
	stderr []string // substrings of stderr
}

func faultCases(t *testing.T) []faultCase {
	rng := rand.New(rand.NewPCG(7, 8))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("Chile and Peru signed a border treaty in Lima on Monday.\n"))
	zw.Close()
	good := []byte("Chile and Peru signed a border treaty in Lima on Monday.\n")
	goodFiles := map[string][]byte{"good.txt": good}
	deepHTML := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>France and Germany held talks in Berlin on Monday.</p>" +
		strings.Repeat("</div>", 100000) + "</body></html>"
	deepField := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	line := func(id, text string) string { return jsonlLine(t, id, text) }
	goodLines := line("j1", "Egypt hosted talks between Israel and Hamas in Cairo on Tuesday.") +
		line("j5", "France recalled its ambassador to Australia over the submarine deal.")
	badJSONL := line("j1", "Egypt hosted talks between Israel and Hamas in Cairo on Tuesday.") +
		`{"id":"j2","text": broken` + "\n" +
		`{"id":"j3","text":123}` + "\n" +
		`{"id":"j4","title":"no text"}` + "\n" +
		line("j5", "France recalled its ambassador to Australia over the submarine deal.")
	deepJSONL := `{"id":"d1","text":"Japan and India held talks in Delhi.","extra":` + deepField + "}\n"
	million := strings.Repeat("A b. ", 1000000) // takes 4 s of CPU time to extract
	odd := line("id with \"quotes\" <angle> \\back\\slash\nnewline", "Brazil and Argentina held talks in Buenos Aires.")
	return []faultCase{
		{name: "empty file", files: map[string][]byte{"good.txt": good, "empty.txt": nil}, args: []string{"good.txt", "empty.txt"},
			good: goodFiles, code: 3, stderr: []string{"empty.txt: article has no text"}},
		{name: "binary file", files: map[string][]byte{"good.txt": good, "ls.txt": random}, args: []string{"good.txt", "ls.txt"},
			good: goodFiles, code: 3, stderr: []string{"ls.txt: not text: "}},
		{name: "gzip named .txt", files: map[string][]byte{"good.txt": good, "news.txt": gz.Bytes()}, args: []string{"good.txt", "news.txt"},
			good: goodFiles, code: 3, stderr: []string{"news.txt: not text: gzip-compressed data"}},
		{name: "gz file", files: map[string][]byte{"good.txt": good, "news.txt.gz": gz.Bytes()}, args: []string{"good.txt", "news.txt.gz"},
			good: goodFiles, code: 3, stderr: []string{"news.txt.gz: unknown format: compressed files (.gz) are not read"}},
		{name: "nonexistent path", files: map[string][]byte{"good.txt": good}, args: []string{"good.txt", "missing.txt"},
			good: goodFiles, code: 3, stderr: []string{"missing.txt: no such file or directory"}},
		{name: "article over --max-article-bytes", files: map[string][]byte{"good.txt": good, "big.txt": bytes.Repeat(good, 40000)},
			args: []string{"--max-article-bytes", "1MiB", "good.txt", "big.txt"},
			good: goodFiles, code: 3, stderr: []string{"big.txt: article too large: over 1 MiB (--max-article-bytes)"}},
		{name: "a million short sentences over --article-timeout", files: map[string][]byte{"good.txt": good, "million.txt": []byte(million)},
			args: []string{"--max-article-bytes", "8MiB", "--article-timeout", "1s", "good.txt", "million.txt"},
			good: goodFiles, code: 3, stderr: []string{"million.txt: article took too long: over 1s (--article-timeout)"}},
		{name: "bad JSON Lines", files: map[string][]byte{"news.jsonl": []byte(badJSONL)}, args: []string{"news.jsonl"},
			good: map[string][]byte{"news.jsonl": []byte(goodLines)}, code: 3,
			stderr: []string{"news.jsonl:2: invalid JSON", `news.jsonl:3: invalid record: field "text": want a string, got number`, "news.jsonl:4: article has no text"}},
		{name: "deeply nested ignored field", files: map[string][]byte{"deep.jsonl": []byte(deepJSONL)}, args: []string{"deep.jsonl"},
			good: map[string][]byte{"deep.jsonl": []byte(line("d1", "Japan and India held talks in Delhi."))}, code: 0},
		{name: "100,000 nested divs", files: map[string][]byte{"deep.html": []byte(deepHTML)}, args: []string{"deep.html"},
			good: map[string][]byte{"deep.html": []byte("<html><body><div><p>France and Germany held talks in Berlin on Monday.</p></div></body></html>")},
			code: 0, stderr: []string{"deep.html: HTML nested deeper than 256 elements"}},
		{name: "odd characters in an id", files: map[string][]byte{"odd.jsonl": []byte(odd)}, args: []string{"odd.jsonl"},
			good: map[string][]byte{"odd.jsonl": []byte(odd)}, code: 0},
		{name: "unclosed quotation and other scripts", files: map[string][]byte{"q.txt": []byte("\"We will never agree, Putin said of the talks in Minsk on Monday\n\nقال وزير الخارجية المصري إن المحادثات ستستمر.\n\n中国和日本在北京举行会谈。\n")},
			args: []string{"q.txt"}, good: map[string][]byte{"q.txt": []byte("\"We will never agree, Putin said of the talks in Minsk on Monday\n\nقال وزير الخارجية المصري إن المحادثات ستستمر.\n\n中国和日本在北京举行会谈。\n")}, code: 0},
	}
}

// TestFaultInputs runs each bad input through the real ingest on bolt and PostgreSQL, beside a
// store that already holds an article: the exit status and the message must say what happened,
// and the store must hold what it held plus exactly what the good input alone gives.
func TestFaultInputs(t *testing.T) {
	base := filepath.Join(repoRoot(), "data", "samples", "quad-summit-tokyo-2022.txt")
	for _, backend := range []string{"bolt", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			for _, tc := range faultCases(t) {
				t.Run(tc.name, func(t *testing.T) {
					write := func(files map[string][]byte) string {
						dir := t.TempDir()
						for name, data := range files {
							if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
								t.Fatal(err)
							}
						}
						return dir
					}
					s := newFaultStore(t, backend)
					if r := s.ingest(t, "--id", "base", base); r.code != 0 {
						t.Fatalf("ingest the base article: exit %d\n%s", r.code, r.stderr)
					}
					dir := write(tc.files)
					args := slices.Clone(tc.args)
					for i, a := range args {
						if !strings.HasPrefix(a, "-") && (i == 0 || !strings.HasPrefix(args[i-1], "--")) { // not a flag's value
							args[i] = filepath.Join(dir, a)
						}
					}
					r := s.ingest(t, args...)
					if r.code != tc.code {
						t.Errorf("ingest %v: exit %d, want %d\nstderr: %s", tc.args, r.code, tc.code, r.stderr)
					}
					for _, want := range tc.stderr {
						if !strings.Contains(r.stderr, want) {
							t.Errorf("ingest %v: stderr %q lacks %q", tc.args, r.stderr, want)
						}
					}
					if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
						t.Errorf("ingest %v: a stack trace on stderr:\n%s", tc.args, r.stderr)
					}
					ref := newFaultStore(t, backend)
					ref.ingest(t, "--id", "base", base)
					gdir := write(tc.good)
					var gargs []string
					for _, a := range tc.args {
						if _, ok := tc.good[a]; ok {
							gargs = append(gargs, filepath.Join(gdir, a))
						}
					}
					if rr := ref.ingest(t, gargs...); rr.code != 0 {
						t.Fatalf("ingest the good input alone: exit %d\n%s", rr.code, rr.stderr)
					}
					got, want := s.export(t), ref.export(t)
					if !slices.Equal(got, want) {
						t.Errorf("the store holds %d quads, the base article and the good input alone %d; they differ", len(got), len(want))
					}
					// The export stays valid N-Quads: the memstore backend parses it back.
					nq := filepath.Join(t.TempDir(), "export.nq")
					os.WriteFile(nq, []byte(strings.Join(got, "\n")+"\n"), 0o644)
					mustRun(t, "query", "--backend", "memstore", "--db", nq, "stats")
				})
			}
		})
	}
}

// TestPostgresCreateQuiet starts three ingests at once on a new PostgreSQL schema: whatever the
// race to create the tables gives, nothing but ingest's own messages reaches stderr (cayley
// logged "ERROR: Cannot create nodes table" before returning the error).
func TestPostgresCreateQuiet(t *testing.T) {
	s := newFaultStore(t, "postgres")
	article := filepath.Join(repoRoot(), "data", "samples", "quad-summit-tokyo-2022.txt")
	var wg sync.WaitGroup
	stderr := make([]bytes.Buffer, 3)
	for i := range stderr {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(filepath.Join(bin, "ingest"), append(slices.Clone(s.flags), "-q", "--id", fmt.Sprint("r", i), article)...)
			cmd.Stderr = &stderr[i]
			cmd.Run()
		}()
	}
	wg.Wait()
	for i := range stderr {
		for _, l := range strings.Split(strings.TrimSpace(stderr[i].String()), "\n") {
			if l != "" && !strings.HasPrefix(l, "ingest: ") {
				t.Errorf("ingest %d wrote %q to stderr", i, l)
			}
		}
	}
}
