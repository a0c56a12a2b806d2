package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// binary is the query command built by TestMain and ingestBinary the ingest command; db is a
// bolt store holding the test articles; samples is a bolt store holding the bundled sample
// articles (data/samples), ingested by the real ingest command.
var binary, ingestBinary, db, samples string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "query-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "query")
		if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build query: %v\n%s", err, out)
			return 1
		}
		db = filepath.Join(dir, "test.db")
		if err := populate(db); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		ingest := filepath.Join(dir, "ingest")
		ingestBinary = ingest
		if out, err := exec.Command("go", "build", "-o", ingest, "../ingest").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build ingest: %v\n%s", err, out)
			return 1
		}
		samples = filepath.Join(dir, "samples.db")
		if out, err := exec.Command(ingest, "--db", samples, "-q", "--date", "2022-04-21", "../../data/samples").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "ingest the samples: %v\n%s", err, out)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// populate stores the test articles in a new bolt store at dir.
func populate(dir string) error {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{Address: dir})
	if err != nil {
		return err
	}
	var in []store.ArticleQuads
	for _, a := range []*storetest.Article{storetest.Seed(), storetest.Later()} {
		in = append(in, store.ArticleQuads{IRI: a.IRI, Quads: a.Quads})
	}
	if _, err := s.ReplaceArticles(ctx, in); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

type result struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

// query runs the binary with args against the test store (unless args name another --db),
// with DIPLOGRAPH_DB unset unless env sets it.
func query(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_DB=")
	cmd.Env = append(cmd.Env, env...)
	cmd.Dir = t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run query %q: %v", args, err)
	}
	return r
}

// ok runs query with --db set to the test store and fails unless it exits 0.
func ok(t *testing.T, args ...string) string {
	t.Helper()
	r := query(t, nil, append([]string{"--db", db}, args...)...)
	if r.code != 0 {
		t.Fatalf("query %q exited %d; stderr:\n%s", args, r.code, r.stderr)
	}
	return r.stdout
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", file, diff)
	}
}

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"show-ardern.txt", []string{"show", "Ardern"}},
		{"show-nz.tsv", []string{"--format", "tsv", "show", "nz"}},
		{"path-ardern-five-eyes.txt", []string{"path", "Jacinda Ardern", "Five Eyes"}},
		{"path-ardern-five-eyes.json", []string{"path", "--format", "json", "Jacinda Ardern", "Five Eyes"}},
		{"path-ardern-kishida-evidence.txt", []string{"path", "Ardern", "Kishida", "--k", "3", "--evidence"}},
		{"timeline-ardern.txt", []string{"timeline", "Ardern"}},
		{"dyad-kishida-ardern.txt", []string{"dyad", "Kishida", "Ardern"}},
		{"explain-leader.txt", []string{"explain", "Ardern", "leaderOf", "NZ"}},
		{"show-japan.txt", []string{"show", "Japan"}},
		{"neighbors-nz-2.txt", []string{"neighbors", "New Zealand", "--depth", "2"}},
		{"entities.txt", []string{"entities"}},
		{"events.txt", []string{"events"}},
		{"events-raw.txt", []string{"events", "--raw"}},
		{"events-reports.txt", []string{"events", "--reports"}},
		{"quotes.json", []string{"--format", "json", "quotes", "--speaker", "jacinda ardern"}},
		{"stats.txt", []string{"stats"}},
		{"export.nq", []string{"export", "--format", "nquads"}},
		{"export-quads.csv", []string{"export", "--format", "quads-csv"}},
		{"export-agree-consult.gdelt", []string{"export", "--format", "gdelt", "--type", "AGREE,CONSULT"}},
		{"neighbors-nz.dot", []string{"neighbors", "NZ", "--format", "dot"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			golden(t, tt.file, ok(t, tt.args...))
		})
	}
}

func TestPath(t *testing.T) {
	out := ok(t, "path", "Jacinda Ardern", "Five Eyes")
	first, _, _ := strings.Cut(out, "\n")
	if want := "1. Jacinda Ardern —leaderOf→ New Zealand —memberOf→ Five Eyes"; first != want {
		t.Errorf("path Ardern → Five Eyes = %q, want %q", first, want)
	}
	r := query(t, nil, "--db", db, "path", "Tokyo", "Five Eyes", "--max-hops", "2")
	if r.code != 1 || !strings.Contains(r.stderr, "no path from Tokyo to Five Eyes within 2 hops") {
		t.Errorf("path beyond --max-hops exited %d, stderr %q; want 1 and no path", r.code, r.stderr)
	}
	out = ok(t, "path", "Ardern", "Kishida", "--via", "leaderOf,AGREE")
	if !strings.HasPrefix(out, "1. Jacinda Ardern —leaderOf→ New Zealand —AGREE— Japan ←leaderOf— Fumio Kishida\n") || strings.Contains(out, "2. ") {
		t.Errorf("path --via leaderOf,AGREE =\n%s", out)
	}
	r = query(t, nil, "--db", db, "path", "Ardern", "Kishida", "--min-reports", "2")
	if r.code != 1 || !strings.Contains(r.stderr, "no path") {
		t.Errorf("path --min-reports 2 exited %d, stderr %q; want no path", r.code, r.stderr)
	}
	if r := query(t, nil, "--db", db, "path", "Ardern", "Kishida", "--via", "likes"); r.code != 2 {
		t.Errorf("path --via likes exited %d, want 2", r.code)
	}
}

func TestFormats(t *testing.T) {
	var entities []store.Entity
	if err := json.Unmarshal([]byte(ok(t, "--format", "json", "entities", "--type", "country")), &entities); err != nil {
		t.Fatalf("entities --format json: %v", err)
	}
	if len(entities) != 3 {
		t.Errorf("entities --type country = %d entities, want 3", len(entities))
	}
	tsv := ok(t, "events", "--format", "tsv", "--actor", "ardern")
	if lines := strings.Split(strings.TrimSpace(tsv), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "date\tevent\t") {
		t.Errorf("events --format tsv --actor ardern =\n%s\nwant a header and 2 rows", tsv)
	}
	var st store.Stats
	if err := json.Unmarshal([]byte(ok(t, "stats", "--format", "json")), &st); err != nil || st.Articles != 2 || st.Quads == 0 {
		t.Errorf("stats --format json = %+v, %v", st, err)
	}
	if out := ok(t, "events", "--type", "consult", "--since", "2022-04-01", "--until", "2022-04-30"); strings.Count(out, "CONSULT") != 1 {
		t.Errorf("events --type consult =\n%s", out)
	}
	if out := ok(t, "entities", "five"); !strings.Contains(out, "Five Eyes") || strings.Contains(out, "Japan") {
		t.Errorf("entities five =\n%s", out)
	}
	if out := ok(t, "gizmo", `g.V("<`+string(storetest.Ardern)+`>").Out("<https://w3id.org/diplograph/ns#leaderOf>").All()`); !strings.Contains(out, string(storetest.NZL)) {
		t.Errorf("gizmo =\n%s", out)
	}
	if out := ok(t, "schema"); !strings.Contains(out, "leaderOf") {
		t.Errorf("schema lacks leaderOf:\n%s", out)
	}
	if out := ok(t, "schema", "--format", "nquads"); !strings.Contains(out, "<https://w3id.org/diplograph/ns#leaderOf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>") {
		t.Errorf("schema --format nquads:\n%.300s", out)
	}
	if out := ok(t, "export", "--format", "jsonld"); !json.Valid([]byte(out)) {
		t.Errorf("export --format jsonld is not JSON:\n%.300s", out)
	}
}

func TestExportFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "graph.nq")
	if out := ok(t, "export", "--out", file); out != "" {
		t.Errorf("export --out wrote %q to stdout", out)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := ok(t, "export"); string(got) != want {
		t.Errorf("export --out FILE differs from export to stdout")
	}
	// The export loads into a memstore that answers the same questions.
	r := query(t, nil, "--backend", "memstore", "--db", file, "path", "ardern", "five eyes")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "1. Jacinda Ardern —leaderOf→ New Zealand") {
		t.Errorf("path on the exported graph exited %d: %s%s", r.code, r.stdout, r.stderr)
	}
}

func TestExitCodes(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.db")
	for _, tt := range []struct {
		name   string
		env    []string
		args   []string
		code   int
		stdout string // a substring
		stderr string // a substring
	}{
		{"help", nil, []string{"--help"}, 0, "Exit status", ""},
		{"help env", nil, []string{"-h"}, 0, "DIPLOGRAPH_DB", ""},
		{"command help", nil, []string{"path", "--help"}, 0, "--max-hops", ""},
		{"no command", nil, []string{"--db", db}, 2, "", "no command"},
		{"unknown command", nil, []string{"--db", db, "frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"unknown flag", nil, []string{"--db", db, "stats", "--frob"}, 2, "", "unknown flag"},
		{"bad format", nil, []string{"--db", db, "--format", "xml", "stats"}, 2, "", "--format"},
		{"bad export format", nil, []string{"--db", db, "export", "--format", "xml"}, 2, "", "nquads"},
		{"path needs two", nil, []string{"--db", db, "path", "Ardern"}, 2, "", "FROM and TO"},
		{"bad event type", nil, []string{"--db", db, "events", "--type", "PARTY"}, 2, "", "PLOVER"},
		{"bad date", nil, []string{"--db", db, "events", "--since", "21/04/2022"}, 2, "", "YYYY-MM-DD"},
		{"bad entity type", nil, []string{"--db", db, "entities", "--type", "planet"}, 2, "", "Person"},
		{"ambiguous", nil, []string{"--db", db, "show", "Georgia"}, 2, "",
			"\"Georgia\" is ambiguous; say which one:\n  Georgia (Country) https://w3id.org/diplograph/id/country/GEO\n  Georgia (Location) https://w3id.org/diplograph/id/location/georgia-us\n"},
		{"unknown entity", nil, []string{"--db", db, "show", "Atlantis"}, 1, "", `no entity named "Atlantis"`},
		{"missing store", nil, []string{"--db", missing, "stats"}, 1, "", "does not exist"},
		{"store from env", []string{"DIPLOGRAPH_DB=" + db}, []string{"show", "NZ"}, 0, "New Zealand", ""},
		{"flags after the command", nil, []string{"stats", "--db", db, "--format", "json"}, 0, `"quads"`, ""},
		{"unquoted name", nil, []string{"--db", db, "show", "Jacinda", "Ardern"}, 0, "Jacinda Ardern", ""},
		{"empty answer", nil, []string{"--db", db, "quotes", "--speaker", "Kishida"}, 0, "", ""},
		{"explain nothing", nil, []string{"--db", db, "explain", "Ardern", "memberOf", "Japan"}, 1, "", "no article states"},
		{"explain bad predicate", nil, []string{"--db", db, "explain", "Ardern", "likes", "Japan"}, 2, "", "predicate"},
		{"explain no node", nil, []string{"--db", db, "explain", "no-such-event"}, 1, "", "no event or relation"},
		{"dyad needs two", nil, []string{"--db", db, "dyad", "Ardern"}, 2, "", "A and B"},
		{"bad k", nil, []string{"--db", db, "path", "Ardern", "Japan", "--k", "0"}, 2, "", "--k"},
		{"bad limit", nil, []string{"--db", db, "events", "--limit", "-1"}, 2, "", "--limit"},
		{"bad timeout", nil, []string{"--db", db, "serve", "--timeout", "0s"}, 2, "", "--timeout"},
		{"serve help", nil, []string{"serve", "--help"}, 0, "127.0.0.1:8321", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, tt.env, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("query %q exited %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant stdout with %q, stderr with %q",
					tt.args, r.code, tt.code, r.stdout, r.stderr, tt.stdout, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("query on a missing store created %s", missing)
	}
}

// TestInUse: queries do not block each other, and read beside an ingest (a writer that holds
// the bolt file only while it writes a batch).
func TestInUse(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "busy.db")
	if err := populate(dir); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(ctx, store.Options{Address: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res := query(t, nil, "--db", dir, "stats"); res.code != 0 {
		t.Errorf("query while another reader holds the store exited %d: %s", res.code, res.stderr)
	}
	r.Close()

	// A writer that shares the file between writes, as ingest does: queries read beside it.
	w, err := store.Open(ctx, store.Options{Address: dir, ShareBetweenWrites: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res := query(t, nil, "--db", dir, "stats")
	if res.code != 0 {
		t.Errorf("query while an ingest writes exited %d, stderr %q; want 0", res.code, res.stderr)
	}
	if res.elapsed > 2*time.Second {
		t.Errorf("query while an ingest writes took %v, want under 2s", res.elapsed)
	}
}

// TestShortenedName: an error about an unknown name does not echo a huge argument whole.
func TestShortenedName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s.db")
	if err := populate(dir); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("x", 100<<10) // under Linux's 128 KiB limit on one argument
	res := query(t, nil, "--db", dir, "show", huge)
	if res.code == 0 || len(res.stderr) > 1000 || !strings.Contains(res.stderr, "no entity") {
		t.Errorf("show of a 100 KB name exited %d with %d bytes of stderr, want an error under 1000 bytes saying no entity", res.code, len(res.stderr))
	}
}

// TestGizmoTimeout: a runaway script stops at --timeout with a message, and what it emitted
// before is already on stdout (results stream; they were held until the end).
func TestGizmoTimeout(t *testing.T) {
	db := samples
	js := `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/diplograph/ns#Country>").Limit(3).ForEach(function(d) { g.Emit(d.id) }); while (true) {}`
	for _, format := range []string{"json", "tsv"} {
		t.Run(format, func(t *testing.T) {
			start := time.Now()
			r := query(t, nil, "--db", db, "-f", format, "gizmo", "--timeout", "1s", js)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("gizmo with --timeout 1s took %v", took)
			}
			if r.code != 1 || !strings.Contains(r.stderr, "ran past --timeout 1s") {
				t.Errorf("gizmo runaway: exit %d, stderr %q; want 1 and the timeout named", r.code, r.stderr)
			}
			if n := strings.Count(r.stdout, "/id/country/"); n != 3 {
				t.Errorf("gizmo runaway: stdout %q holds %d countries, want the 3 emitted before the timeout", r.stdout, n)
			}
		})
	}
	if r := query(t, nil, "--db", db, "gizmo", "--timeout", "-1s", "g.V().All()"); r.code != 2 {
		t.Errorf("gizmo --timeout -1s: exit %d, want 2", r.code)
	}
}
