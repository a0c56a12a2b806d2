package main_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/store"
)

// on runs query on the store at dir and fails unless it exits 0.
func on(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := query(t, nil, append([]string{"--db", dir}, args...)...)
	if r.code != 0 {
		t.Fatalf("query %q exited %d; stderr:\n%s", args, r.code, r.stderr)
	}
	return r.stdout
}

// readTSV reads tab-separated values as Python's csv module and pandas do.
func readTSV(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read TSV: %v\n%s", err, s)
	}
	return rows
}

// TestTSVReadBack: every row of the TSV output reads back with a CSV reader, with its evidence
// whole, quotes included ("stab in the back"), as the JSON output has it.
func TestTSVReadBack(t *testing.T) {
	var evs []store.Event
	if err := json.Unmarshal([]byte(on(t, samples, "events", "--raw", "--format", "json")), &evs); err != nil {
		t.Fatal(err)
	}
	rows := readTSV(t, on(t, samples, "events", "--raw", "--format", "tsv"))
	if len(rows) != len(evs)+1 {
		t.Fatalf("events TSV has %d rows, want a header and %d", len(rows), len(evs))
	}
	quoted := false
	for i, ev := range evs {
		row := rows[i+1]
		if len(row) != len(rows[0]) {
			t.Errorf("row %d has %d fields, header %d", i+1, len(row), len(rows[0]))
			continue
		}
		if got, want := row[len(row)-1], ev.Evidence; got != want {
			t.Errorf("row %d evidence = %q, want %q", i+1, got, want)
		}
		quoted = quoted || strings.Contains(ev.Evidence, `"stab in the back"`)
	}
	if !quoted {
		t.Errorf("no event evidence quotes \"stab in the back\"; the test lost its hard case")
	}
	// Python's csv module reads the same rows (pandas and R read what it reads).
	if _, err := exec.LookPath("/usr/bin/python3"); err == nil {
		file := filepath.Join(t.TempDir(), "events.tsv")
		if err := os.WriteFile(file, []byte(on(t, samples, "events", "--raw", "--format", "tsv")), 0o644); err != nil {
			t.Fatal(err)
		}
		script := `import csv, json, sys
with open(sys.argv[1], newline="") as f:
    print(json.dumps(list(csv.reader(f, delimiter="\t"))))`
		out, err := exec.Command("/usr/bin/python3", "-c", script, file).Output()
		if err != nil {
			t.Fatalf("python3 csv: %v", err)
		}
		var py [][]string
		if err := json.Unmarshal(out, &py); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(rows, py); diff != "" {
			t.Errorf("Python's csv module reads the TSV otherwise (-Go +Python):\n%s", diff)
		}
	}
	// show --format tsv: every fact, event group and quotation reads back with all its fields.
	rows = readTSV(t, on(t, samples, "show", "France", "--format", "tsv", "--evidence"))
	for i, row := range rows {
		if len(row) != 8 {
			t.Errorf("show TSV row %d has %d fields, want 8: %q", i, len(row), row)
		}
	}
	if len(rows) < 3 {
		t.Errorf("show France TSV has %d rows, want a header and facts and events", len(rows))
	}
}

func TestShowAggregates(t *testing.T) {
	// The negated membership of Japan is shown as denied, with its evidence.
	out := ok(t, "show", "Japan")
	if !strings.Contains(out, "Japan —not memberOf→ Five Eyes") {
		t.Errorf("show Japan lacks the denied membership:\n%s", out)
	}
	// One row per fact: leaderOf stated by two articles is one row counting 2.
	out = ok(t, "show", "Ardern")
	if n := strings.Count(out, "—leaderOf→ New Zealand"); n != 1 {
		t.Errorf("show Ardern has %d leaderOf rows, want 1:\n%s", n, out)
	}
	all := ok(t, "show", "Ardern", "--evidence")
	if n := strings.Count(all, "—leaderOf→ New Zealand"); n != 2 {
		t.Errorf("show Ardern --evidence has %d leaderOf rows, want one per article (2):\n%s", n, all)
	}
}

func TestLimit(t *testing.T) {
	for _, args := range [][]string{
		{"entities"}, {"events"}, {"quotes"}, {"neighbors", "New Zealand", "--depth", "2"},
		{"gizmo", `g.V().All()`}, {"timeline", "Ardern"}, {"explain", "Ardern", "leaderOf", "NZ"},
		{"schema"}, {"article", "ardern-kishida-2022"},
	} {
		t.Run(args[0], func(t *testing.T) {
			all := readTSV(t, ok(t, append(args, "--format", "tsv")...))
			one := readTSV(t, ok(t, append(args, "--format", "tsv", "--limit", "1")...))
			if len(all) < 3 {
				t.Fatalf("%s lists %d rows; the test wants 2 or more", args[0], len(all)-1)
			}
			if len(one) != 2 {
				t.Errorf("%s --limit 1 lists %d rows, want 1", args[0], len(one)-1)
			}
			global := readTSV(t, ok(t, append([]string{"--limit", "1", "--format", "tsv"}, args...)...))
			if diff := cmp.Diff(one, global); diff != "" {
				t.Errorf("--limit before and after %s differ (-after +before):\n%s", args[0], diff)
			}
		})
	}
}

// TestShowLimit: --limit applies to each part of a profile.
func TestShowLimit(t *testing.T) {
	kinds := map[string]int{}
	for _, row := range readTSV(t, ok(t, "show", "Ardern", "--format", "tsv", "--limit", "1"))[1:] {
		kinds[row[0]]++
	}
	if diff := cmp.Diff(map[string]int{"fact": 1, "events": 1, "statement": 1}, kinds); diff != "" {
		t.Errorf("show Ardern --limit 1 rows by kind (-want +got):\n%s", diff)
	}
}

// TestFormatPlacement: --format before the command and after it mean the same.
func TestFormatPlacement(t *testing.T) {
	for _, tt := range [][]string{
		{"json", "stats"}, {"tsv", "events"}, {"nquads", "export"}, {"jsonld", "export"}, {"nquads", "schema"},
		{"json", "show", "Japan"},
	} {
		format, args := tt[0], tt[1:]
		before := ok(t, append([]string{"--format", format}, args...)...)
		after := ok(t, append(args, "--format", format)...)
		short := ok(t, append(args, "-f", format)...)
		if before != after || after != short {
			t.Errorf("query --format %s %s differs from query %[2]s --format %[1]s or -f", format, strings.Join(args, " "))
		}
	}
	r := query(t, nil, "--db", db, "--format", "nquads", "stats")
	if r.code != 2 || !strings.Contains(r.stderr, "table, json, tsv") {
		t.Errorf("stats --format nquads exited %d, stderr %q; want 2 naming the formats", r.code, r.stderr)
	}
}

func TestWidth(t *testing.T) {
	wide := ok(t, "events")
	r := query(t, []string{"COLUMNS=110"}, "--db", db, "events")
	if r.code != 0 {
		t.Fatalf("events exited %d: %s", r.code, r.stderr)
	}
	cut := false
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		fields := strings.Fields(line)
		if last := fields[len(fields)-1]; strings.HasSuffix(last, "…") {
			cut = true
		}
		if n := utf8.RuneCountInString(line); n > 110 {
			t.Errorf("line of %d characters under COLUMNS=110: %q", n, line)
		}
	}
	if !cut || !strings.Contains(wide, "Ardern met Kishida in Tokyo on Thursday.") {
		t.Errorf("COLUMNS=110 cut no evidence, or the full table lost it:\n%s\n%s", r.stdout, wide)
	}
	// JSON keeps the full text whatever the width.
	r = query(t, []string{"COLUMNS=110"}, "--db", db, "events", "--format", "json")
	if !strings.Contains(r.stdout, "Ardern met Kishida in Tokyo on Thursday.") {
		t.Errorf("events --format json under COLUMNS=110 cut the evidence")
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"stats", "--version"}} {
		r := query(t, nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "query ") || strings.Count(r.stdout, "\n") != 1 {
			t.Errorf("query %q exited %d, stdout %q; want one line naming query", args, r.code, r.stdout)
		}
	}
}

func TestArticle(t *testing.T) {
	byID := ok(t, "article", "ardern-kishida-2022", "--format", "json")
	for _, ref := range []string{"https://news.example/ardern-kishida-2022", "https://w3id.org/diplograph/id/article/ardern-kishida-2022"} {
		if got := ok(t, "article", ref, "--format", "json"); got != byID {
			t.Errorf("article %s differs from article ardern-kishida-2022", ref)
		}
	}
	var a store.Article
	if err := json.Unmarshal([]byte(byID), &a); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, it := range a.Items {
		kinds[it.Kind]++
	}
	if a.Published != "2022-04-21" || kinds["relation"] == 0 || kinds["event"] == 0 || kinds["statement"] == 0 {
		t.Errorf("article ardern-kishida-2022 = published %q, items %v; want the date and relations, events, statements", a.Published, kinds)
	}
	golden(t, "article-seed.txt", ok(t, "article", "ardern-kishida-2022"))
	if r := query(t, nil, "--db", db, "article", "no-such-article"); r.code != 1 || !strings.Contains(r.stderr, "no article") {
		t.Errorf("article no-such-article exited %d: %s", r.code, r.stderr)
	}
	// On the samples, every article's items come in text order.
	var ids []map[string]string
	if err := json.Unmarshal([]byte(on(t, samples, "--format", "json", "gizmo",
		`g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/diplograph/ns#Article>").Out("<https://w3id.org/diplograph/ns#identifier>").All()`)), &ids); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 4 {
		t.Fatalf("samples hold %d articles, want 4", len(ids))
	}
	for _, id := range ids {
		var s store.Article
		if err := json.Unmarshal([]byte(on(t, samples, "article", id["id"], "--format", "json")), &s); err != nil {
			t.Fatal(err)
		}
		last := -1
		for _, it := range s.Items {
			if it.Start < last {
				t.Errorf("article %s: item %s at %d after one at %d", id["id"], it.IRI, it.Start, last)
			}
			last = it.Start
		}
		if len(s.Items) == 0 {
			t.Errorf("article %s has no items", id["id"])
		}
	}
}
