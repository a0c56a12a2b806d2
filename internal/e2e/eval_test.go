package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// floors are the scores the development evaluations must reach through the real binaries: the
// project's targets (README, "Evaluation").
var floors = []struct {
	name, scorer, gold, ingest string
	date                       string
	metrics                    map[string]float64 // regexp capturing the number → floor
}{
	{
		name: "seed", scorer: "eval/score_facts.py", gold: "eval/seed/ardern-kishida-2022.gold.tsv",
		ingest: "seed/ardern-kishida-2022.txt", date: "2022-04-21",
		metrics: map[string]float64{
			`facts_f1=([0-9.]+)`:            0.90,
			`(?m)^quotes\s.*F1=([0-9.]+)`:   0.80,
			`(?m)^entities\s.*F1=([0-9.]+)`: 0.90,
			`negation violations: ([0-9]+)`: -0, // must be 0: checked below
		},
	},
	{
		name: "plover", scorer: "eval/score_plover.py", gold: "eval/plover/plover-dev.jsonl",
		ingest: "eval/plover/plover-dev.jsonl",
		metrics: map[string]float64{
			`recall \(type\+dyad\)\s+([0-9.]+)`: 0.70,
			`precision \(events\)\s+([0-9.]+)`:  0.70,
		},
	},
	{
		name: "conll", scorer: "eval/score_entities.py", gold: "eval/conll/conll-testa-news.jsonl",
		ingest: "eval/conll/conll-testa-news.jsonl",
		metrics: map[string]float64{
			`entity_f1=([0-9.]+)`: 0.80,
		},
	},
}

// TestDevEvaluations ingests each development set with the real binaries, exports it and scores
// it with the project's scorers, failing below the floors. It skips when ../shared is absent.
func TestDevEvaluations(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatalf("python3 is needed for the scorers: %v", err)
	}
	for _, ev := range floors {
		t.Run(ev.name, func(t *testing.T) {
			scorer := shared(t, ev.scorer)
			gold := shared(t, ev.gold)
			in := shared(t, ev.ingest)
			db := filepath.Join(t.TempDir(), "db")
			args := []string{"--db", db, "-q"}
			if ev.date != "" {
				args = append(args, "--date", ev.date)
			}
			mustRun(t, "ingest", append(args, in)...)
			nq := filepath.Join(t.TempDir(), "export.nq")
			mustRun(t, "query", "--db", db, "export", "--format", "nquads", "--out", nq)
			out, err := exec.Command("python3", scorer, gold, nq).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", ev.scorer, err, out)
			}
			t.Logf("%s:\n%s", ev.name, out)
			for expr, floor := range ev.metrics {
				m := regexp.MustCompile(expr).FindSubmatch(out)
				if m == nil {
					t.Errorf("no %s in the scorer's output", expr)
					continue
				}
				v, _ := strconv.ParseFloat(string(m[1]), 64)
				if expr == `negation violations: ([0-9]+)` {
					if v != 0 {
						t.Errorf("%s: %v negation violations, want 0", ev.name, v)
					}
					continue
				}
				if v < floor {
					t.Errorf("%s: %s = %.3f, below the floor %.2f", ev.name, expr, v, floor)
				}
			}
		})
	}
}

// articleFloors are the scores the project's own annotated articles (testdata/articles, written
// and annotated for diplograph, independent of the seed) must keep: a little under the measured
// level (facts 0.780, entities 0.972, quotes 0.909 on all thirty), so that a change which helps
// the public sets by hurting other prose fails.
var articleFloors = map[string]float64{
	`facts_f1=([0-9.]+)`:            0.71,
	`(?m)^entities\s.*F1=([0-9.]+)`: 0.95,
	`(?m)^quotes\s.*F1=([0-9.]+)`:   0.90,
}

// blindFloors are the scores the once-blind articles (testdata/blind, written by writers who
// never saw the code and scored once before their errors were read) must keep: a little under
// the level measured on all hundred and forty-one (facts 0.642, events 0.443, entities 0.912,
// quotes 0.816; nineteen negation violations, one of them "she had spoken to the United States"
// in Trump's words, which the gold of 71 forbids as a consultation).
var blindFloors = map[string]float64{
	`facts_f1=([0-9.]+)`:            0.62,
	`(?m)^events\s.*F1=([0-9.]+)`:   0.43,
	`(?m)^entities\s.*F1=([0-9.]+)`: 0.90,
	`(?m)^quotes\s.*F1=([0-9.]+)`:   0.79,
}

// TestArticleSet extracts each article of testdata/articles with the real ingest binary (dated
// by manifest.tsv) and scores all of them against their gold files with score_facts.py.
func TestArticleSet(t *testing.T) {
	out := scoreSet(t, filepath.Join("testdata", "articles"))
	t.Logf("articles:\n%s", out)
	if m := regexp.MustCompile(`negation violations: ([0-9]+)`).FindSubmatch(out); m == nil || string(m[1]) != "0" {
		t.Errorf("negation violations: %q, want 0", m)
	}
	checkFloors(t, "articles", out, articleFloors)
}

// TestBlindSet scores the once-blind articles of testdata/blind the same way.
func TestBlindSet(t *testing.T) {
	out := scoreSet(t, filepath.Join("testdata", "blind"))
	t.Logf("blind:\n%s", out)
	if m := regexp.MustCompile(`negation violations: ([0-9]+)`).FindSubmatch(out); m == nil {
		t.Errorf("no negation violations line in the scorer's output")
	} else if n, _ := strconv.Atoi(string(m[1])); n > 19 {
		t.Errorf("negation violations: %d, want at most 19", n)
	}
	checkFloors(t, "blind", out, blindFloors)
}

func checkFloors(t *testing.T, set string, out []byte, floors map[string]float64) {
	t.Helper()
	for expr, floor := range floors {
		m := regexp.MustCompile(expr).FindSubmatch(out)
		if m == nil {
			t.Errorf("no %s in the scorer's output", expr)
			continue
		}
		if v, _ := strconv.ParseFloat(string(m[1]), 64); v < floor {
			t.Errorf("%s: %s = %.3f, below the floor %.2f", set, expr, v, floor)
		}
	}
}

// scoreSet runs ingest on every article of dir's manifest.tsv and returns score_facts.py's
// report on all of them.
func scoreSet(t *testing.T, dir string) []byte {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatalf("python3 is needed for the scorers: %v", err)
	}
	scorer := shared(t, "eval/score_facts.py")
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var pairs strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n") {
		file, date, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("manifest.tsv: %q is not 'file<TAB>date'", line)
		}
		base := strings.TrimSuffix(file, ".txt")
		res := mustRun(t, "ingest", "-q", "--dry-run", "--date", date, filepath.Join(dir, file))
		nq := filepath.Join(tmp, base+".nq")
		if err := os.WriteFile(nq, []byte(res.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&pairs, "%s\t%s\n", filepath.Join(dir, base+".gold.tsv"), nq)
	}
	list := filepath.Join(tmp, "pairs.tsv")
	if err := os.WriteFile(list, []byte(pairs.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", scorer, "--pairs", list).CombinedOutput()
	if err != nil {
		t.Fatalf("score_facts.py: %v\n%s", err, out)
	}
	return out
}
