package e2e

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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
