package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func loadModel(tb testing.TB) *Model {
	tb.Helper()
	m, err := Load()
	if err != nil {
		tb.Fatalf("Load() = %v", err)
	}
	return m
}

// stripped returns sents with only their forms, as a system sees gold tokens.
func stripped(sents []Sentence) []Sentence {
	out := make([]Sentence, len(sents))
	for i, s := range sents {
		toks := make([]Token, len(s.Tokens))
		for j, t := range s.Tokens {
			toks[j] = Token{Form: t.Form, Start: -1, End: -1, SpaceAfter: t.SpaceAfter, Head: -1}
		}
		out[i] = Sentence{Start: -1, End: -1, Tokens: toks, Multiword: s.Multiword, Empty: s.Empty, Comments: s.Comments}
	}
	return out
}

// TestAccuracy parses the UD treebanks in ../shared/ud with gold tokenization and holds the
// embedded model to the accuracy it was measured at.
func TestAccuracy(t *testing.T) {
	m := loadModel(t)
	for _, tc := range []struct {
		file                  string
		upos, uas, las, lemma float64
	}{
		// Measured at the model's commit: EWT dev 95.06/84.45/81.26, test 95.48/84.37/81.53,
		// GUM news 94.88/80.99/78.14 (UPOS/UAS/LAS); the floors sit just under.
		{"ud/en_ewt-ud-dev.conllu", 94.8, 84.0, 81.0, 96.5},
		{"ud/en_ewt-ud-test.conllu", 95.0, 84.2, 81.3, 96.3},
		{"ud/en_gum-news-dev.conllu", 94.0, 80.0, 77.0, 96.0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			gold := readAll(t, sharedFile(t, tc.file))
			sys := stripped(gold)
			for i := range sys {
				m.Parse(&sys[i])
			}
			sc, err := Evaluate(gold, sys)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %v", tc.file, sc)
			if sc.UPOS < tc.upos || sc.UAS < tc.uas || sc.LAS < tc.las || sc.Lemma < tc.lemma {
				t.Errorf("%s: %v; want upos ≥ %.1f, uas ≥ %.1f, las ≥ %.1f, lemma ≥ %.1f", tc.file, sc, tc.upos, tc.uas, tc.las, tc.lemma)
			}
		})
	}
}

// checkParsed reports whether s's heads form one tree and its tokens have tags.
func checkParsed(s *Sentence) error {
	for _, tok := range s.Tokens {
		if tok.UPOS == "" || tok.XPOS == "" || tok.Rel == "" || tok.Lemma == "" {
			return fmt.Errorf("token %q: missing tag, lemma or relation: %+v", tok.Form, tok)
		}
		if (tok.Head == 0) != (tok.Rel == "root") {
			return fmt.Errorf("token %q: head %d with relation %s", tok.Form, tok.Head, tok.Rel)
		}
	}
	return checkTree(s.Tokens)
}

func TestParseText(t *testing.T) {
	m := loadModel(t)
	text := "Ardern met Kishida in Tokyo on Thursday. New Zealand and Japan agreed to negotiate an intelligence-sharing arrangement, officials said.\n\n\"Japan isn't part of the Five Eyes,\" she told reporters."
	sents := m.ParseText(text)
	if len(sents) != 3 {
		t.Fatalf("ParseText: %d sentences, want 3", len(sents))
	}
	for i := range sents {
		if err := checkParsed(&sents[i]); err != nil {
			t.Errorf("sentence %d: %v", i+1, err)
		}
		for _, tok := range sents[i].Tokens {
			if text[tok.Start:tok.End] != tok.Form {
				t.Errorf("token %q at %d-%d reads %q", tok.Form, tok.Start, tok.End, text[tok.Start:tok.End])
			}
		}
	}
	// The first sentence's verb heads it, with its subject and object.
	s := sents[0].Tokens
	root := -1
	for i, tok := range s {
		if tok.Head == 0 {
			root = i
		}
	}
	if root < 0 || s[root].Form != "met" || s[root].Lemma != "meet" || s[root].UPOS != "VERB" {
		t.Fatalf("root of %q = %+v, want the verb met", "Ardern met Kishida ...", s[max(root, 0)])
	}
	if s[0].Head != root+1 || s[0].Rel != "nsubj" || s[2].Head != root+1 || s[2].Rel != "obj" {
		t.Errorf("Ardern = %s→%d, Kishida = %s→%d; want nsubj and obj of met (%d)", s[0].Rel, s[0].Head, s[2].Rel, s[2].Head, root+1)
	}
}

// TestConcurrentDeterminism parses the same sentences from several goroutines: the output is
// the same whatever their number.
func TestConcurrentDeterminism(t *testing.T) {
	m := loadModel(t)
	texts := []string{
		"France recalled its ambassadors to the United States and Australia on Friday in protest at a new security pact.",
		"The sanctions imposed by the European Union on Iran were criticised by Russia, which called them unjustified.",
		"Two diplomats were expelled by Prague after an investigation into the 2014 blasts.",
	}
	render := func() string {
		var b strings.Builder
		for _, text := range texts {
			for _, s := range m.ParseText(text) {
				if err := Write(&b, &s); err != nil {
					t.Error(err)
				}
			}
		}
		return b.String()
	}
	want := render()
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = render()
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("goroutine %d parsed differently:\n%s\nwant\n%s", i, g, want)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := loadModel(t)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ReadModel(MarshalBinary()) = %v", err)
	}
	b2, err := m2.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Errorf("model encodes to %d bytes, then %d different bytes", len(b), len(b2))
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("diplograph syntax modeX\n"), b[len(modelMagic):]...),
		"version":   append(append([]byte(modelMagic), 9, 0, 0, 0), b[len(modelMagic)+4:]...),
		"truncated": b[:len(b)/2],
	} {
		if _, err := ReadModel(bytes.NewReader(bad)); !errors.Is(err, ErrModel) {
			t.Errorf("ReadModel(%s) = %v, want ErrModel", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	m := loadModel(f)
	for _, s := range []string{"", "Hello.", "U.S. envoy won't go. \"No,\" he said!", "a\x00b ...", "((((", "Mr. Smith met Dr. Jones—twice…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, s := range m.ParseText(text) {
			if err := checkParsed(&s); err != nil && len(s.Tokens) > 0 {
				t.Fatalf("ParseText(%q): %v", text, err)
			}
			for _, tok := range s.Tokens {
				if tok.Start < 0 || tok.End > len(text) || tok.Start > tok.End {
					t.Fatalf("ParseText(%q): token %q at %d-%d out of range", text, tok.Form, tok.Start, tok.End)
				}
			}
		}
	})
}

// BenchmarkParse tokenizes, tags, lemmatizes and parses the BBC articles of ../shared/bench on
// one goroutine. Besides tokens per second of wall time it reports them per second of the
// process's CPU time (cpu-tokens/s), which other work on a shared machine disturbs less.
func BenchmarkParse(b *testing.B) {
	m := loadModel(b)
	texts, size := benchTexts(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	tokens := 0
	cpu0 := cpuTime()
	for b.Loop() {
		for _, text := range texts {
			for _, s := range m.ParseText(text) {
				tokens += len(s.Tokens)
			}
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(float64(tokens)/cpu.Seconds(), "cpu-tokens/s")
	}
}
