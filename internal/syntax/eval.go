package syntax

import (
	"errors"
	"fmt"
	"strings"
)

// ErrTokensDiffer is wrapped by Evaluate's error when the gold and system word sequences differ.
var ErrTokensDiffer = errors.New("gold and system tokens differ")

// Scores are the gold-tokenization accuracies of a system's sentences, in percent.
type Scores struct {
	Words int // the number of words scored
	UPOS  float64
	XPOS  float64
	Lemma float64
	UAS   float64 // the head is right
	LAS   float64 // the head and the universal part of the relation are right
}

// String formats the scores on one line, as ../shared/eval/score_conllu.py prints them (name=value,
// percentages with two decimals).
func (s Scores) String() string {
	return fmt.Sprintf("words=%d upos=%.2f xpos=%.2f lemma=%.2f uas=%.2f las=%.2f", s.Words, s.UPOS, s.XPOS, s.Lemma, s.UAS, s.LAS)
}

// Evaluate scores system against gold the way the CoNLL 2018 shared task's script does with gold
// tokenization (and as ../shared/eval/score_conllu.py does): every word counts, punctuation
// included; multiword-token and empty-node lines (Sentence.Multiword, Sentence.Empty) are not
// words; UPOS, XPOS and LEMMA count when equal; UAS counts an equal HEAD, LAS an equal HEAD and
// an equal DEPREL before any ':'. It returns an error wrapping ErrTokensDiffer when the number of
// sentences or the forms of a sentence's words differ, and an error when there are no words.
func Evaluate(gold, system []Sentence) (Scores, error) {
	if len(gold) != len(system) {
		return Scores{}, fmt.Errorf("sentence count differs: gold %d system %d: %w", len(gold), len(system), ErrTokensDiffer)
	}
	var n, upos, xpos, lemma, uas, las int
	for i := range gold {
		g, s := gold[i].Tokens, system[i].Tokens
		if !sameForms(g, s) {
			return Scores{}, fmt.Errorf("sentence %d (%.80s): %w", i+1, formsOf(g), ErrTokensDiffer)
		}
		for j := range g {
			gw, sw := &g[j], &s[j]
			n++
			if gw.UPOS == sw.UPOS {
				upos++
			}
			if gw.XPOS == sw.XPOS {
				xpos++
			}
			if gw.Lemma == sw.Lemma {
				lemma++
			}
			if gw.Head == sw.Head {
				uas++
				if universalRel(gw.Rel) == universalRel(sw.Rel) {
					las++
				}
			}
		}
	}
	if n == 0 {
		return Scores{}, errors.New("evaluate: no words")
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(n) }
	return Scores{Words: n, UPOS: pct(upos), XPOS: pct(xpos), Lemma: pct(lemma), UAS: pct(uas), LAS: pct(las)}, nil
}

func sameForms(a, b []Token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Form != b[i].Form {
			return false
		}
	}
	return true
}

func formsOf(ts []Token) string {
	var b strings.Builder
	for i := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ts[i].Form)
	}
	return b.String()
}

// universalRel returns the universal part of a relation: "nsubj" for "nsubj:pass".
func universalRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
