package syntax

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scoreScript runs ../shared/eval/score_conllu.py on two files and returns its output lines
// ("upos=94.12", ...), skipping when python3 or the script is absent.
func scoreScript(t *testing.T, gold, system string) map[string]string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	script := sharedFile(t, "eval/score_conllu.py")
	out, err := exec.Command(py, script, gold, system).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s %s: %v\n%s", script, gold, system, err, out)
	}
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		m[k] = v
	}
	return m
}

// scriptFields formats scores the way score_conllu.py prints them.
func scriptFields(s Scores) map[string]string {
	m := map[string]string{}
	for _, f := range strings.Fields(s.String()) {
		k, v, _ := strings.Cut(f, "=")
		m[k] = v
	}
	return m
}

func TestEvaluateHandmade(t *testing.T) {
	goldPath := filepath.Join("testdata", "handmade.conllu")
	sysPath := filepath.Join("testdata", "handmade-system.conllu")
	got, err := Evaluate(readAll(t, goldPath), readAll(t, sysPath))
	if err != nil {
		t.Fatal(err)
	}
	// Counted by hand: 17 words; one UPOS, one XPOS and one lemma wrong; two heads wrong; one more
	// relation wrong in its universal part (orphan/obj), one only in its subtype (conj/conj:and).
	want := Scores{Words: 17, UPOS: 100 * 16.0 / 17, XPOS: 100 * 16.0 / 17, Lemma: 100 * 16.0 / 17, UAS: 100 * 15.0 / 17, LAS: 100 * 14.0 / 17}
	if got != want {
		t.Errorf("Evaluate(handmade) = %v, want %v", got, want)
	}
	t.Run("score_conllu.py", func(t *testing.T) {
		compareScript(t, got, scoreScript(t, goldPath, sysPath))
	})
}

func compareScript(t *testing.T, got Scores, script map[string]string) {
	t.Helper()
	mine := scriptFields(got)
	for _, k := range []string{"words", "upos", "uas", "las"} {
		if script[k] == "" || mine[k] != script[k] {
			t.Errorf("%s: Evaluate %s, score_conllu.py %s", k, mine[k], script[k])
		}
	}
}

// TestEvaluatePerturbedDev checks Evaluate against score_conllu.py on EWT dev with
// deterministic damage: every 7th word's UPOS, every 5th head, every 3rd relation's subtype or
// universal part changed.
func TestEvaluatePerturbedDev(t *testing.T) {
	goldPath := sharedFile(t, "ud/en_ewt-ud-dev.conllu")
	gold := readAll(t, goldPath)
	sys := readAll(t, goldPath)
	k := 0
	for i := range sys {
		for j := range sys[i].Tokens {
			tok := &sys[i].Tokens[j]
			k++
			if k%7 == 0 {
				tok.UPOS = "X"
			}
			if k%5 == 0 {
				tok.Head = (tok.Head + 1) % (len(sys[i].Tokens) + 1)
			}
			switch k % 3 {
			case 0:
				tok.Rel = universalRel(tok.Rel) + ":sub"
			case 1:
				if k%2 == 0 {
					tok.Rel = "dep"
				}
			}
		}
	}
	sysPath := filepath.Join(t.TempDir(), "system.conllu")
	f, err := os.Create(sysPath)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	for i := range sys {
		if err := Write(bw, &sys[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, err := Evaluate(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	if got.UPOS >= 100 || got.LAS >= got.UAS || got.UAS >= 100 {
		t.Errorf("Evaluate(perturbed dev) = %v: the damage does not show", got)
	}
	compareScript(t, got, scoreScript(t, goldPath, sysPath))
}

func TestEvaluateErrors(t *testing.T) {
	a := []Sentence{{Tokens: []Token{{Form: "a"}, {Form: "b"}}}}
	cases := []struct {
		name      string
		gold, sys []Sentence
		tokenErr  bool
	}{
		{"sentence count", a, append(a, a...), true},
		{"form", a, []Sentence{{Tokens: []Token{{Form: "a"}, {Form: "c"}}}}, true},
		{"length", a, []Sentence{{Tokens: []Token{{Form: "a"}}}}, true},
		{"no words", nil, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Evaluate(c.gold, c.sys)
			if err == nil || errors.Is(err, ErrTokensDiffer) != c.tokenErr {
				t.Errorf("Evaluate(%v, %v) error = %v, want ErrTokensDiffer %v", c.gold, c.sys, err, c.tokenErr)
			}
		})
	}
}
