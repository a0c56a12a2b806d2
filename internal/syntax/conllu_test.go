package syntax

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sharedFile returns the path of a file under ../shared (relative to the repository root),
// skipping the test when it is absent.
func sharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s not available: %v", p, err)
	}
	return p
}

// readAll reads every sentence of a CoNLL-U file.
func readAll(tb testing.TB, path string) []Sentence {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sents, err := readSentences(f)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return sents
}

func readSentences(r io.Reader) ([]Sentence, error) {
	var sents []Sentence
	rd := NewReader(r)
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return sents, nil
		}
		if err != nil {
			return sents, err
		}
		sents = append(sents, s)
	}
}

func writeAll(tb testing.TB, sents []Sentence) []byte {
	tb.Helper()
	var buf bytes.Buffer
	for i := range sents {
		if err := Write(&buf, &sents[i]); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// firstDiff describes where two byte slices first differ, by line.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + la[i] + "\nwant " + lb[i]
		}
	}
	return "lengths " + strconv.Itoa(len(la)) + " and " + strconv.Itoa(len(lb)) + " lines"
}

func TestConlluRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		path string
	}{
		{"handmade", filepath.Join("testdata", "handmade.conllu")},
		{"ewt-dev", "ud/en_ewt-ud-dev.conllu"},
		{"ewt-test", "ud/en_ewt-ud-test.conllu"},
		{"ewt-train", "ud/en_ewt-ud-train.conllu"},
		{"gum-news-dev", "ud/en_gum-news-dev.conllu"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path
			if !strings.HasPrefix(path, "testdata") {
				path = sharedFile(t, path)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sents := readAll(t, path)
			if len(sents) == 0 {
				t.Fatal("no sentences")
			}
			got := writeAll(t, sents)
			if !bytes.Equal(got, want) {
				t.Errorf("read and write %s changed it: %s", path, firstDiff(got, want))
			}
		})
	}
}

func TestConlluHandmade(t *testing.T) {
	sents := readAll(t, filepath.Join("testdata", "handmade.conllu"))
	if len(sents) != 3 {
		t.Fatalf("read %d sentences, want 3", len(sents))
	}
	s := sents[0]
	wantComments := []string{"newdoc id = hand-1", "sent_id = hand-1-1", "text = I don't know.", ""}
	if diff := cmp.Diff(wantComments, s.Comments); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Multiword{{First: 2, Last: 3, Form: "don't"}}, s.Multiword); diff != "" {
		t.Errorf("multiword (-want +got):\n%s", diff)
	}
	var forms []string
	var spaces []bool
	for _, tok := range s.Tokens {
		forms = append(forms, tok.Form)
		spaces = append(spaces, tok.SpaceAfter)
		if tok.Start != -1 || tok.End != -1 {
			t.Errorf("token %q has offsets %d-%d, want -1", tok.Form, tok.Start, tok.End)
		}
	}
	if diff := cmp.Diff([]string{"I", "do", "n't", "know", "."}, forms); diff != "" {
		t.Errorf("forms (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, false, true, false, true}, spaces); diff != "" {
		t.Errorf("SpaceAfter (-want +got):\n%s", diff)
	}
	if got := s.Tokens[2]; got.Lemma != "not" || got.UPOS != "PART" || got.XPOS != "RB" || got.Head != 4 || got.Rel != "advmod" || got.Feats != "" {
		t.Errorf("token 3 = %+v", got)
	}
	s = sents[1]
	if diff := cmp.Diff([]EmptyNode{{After: 5, Line: "5.1\tlikes\tlike\tVERB\tVBZ\t_\t_\t_\t2:conj:and\tCopyOf=2"}}, s.Empty); diff != "" {
		t.Errorf("empty nodes (-want +got):\n%s", diff)
	}
	if got := s.Tokens[8]; got.Form != "'s" || got.SpaceAfter {
		t.Errorf("token 9 = %+v, want 's without space after (multiword SpaceAfter=No)", got)
	}
	if got := sents[2].Tokens[0]; got.Form != "_" || got.Lemma != "_" || got.SpaceAfter {
		t.Errorf("sentence 3 token 1 = %+v, want form and lemma _", got)
	}
}

func TestWriteSpaceAfter(t *testing.T) {
	cases := []struct {
		name       string
		misc       string
		spaceAfter bool
		want       string
	}{
		{"empty, space", "", true, "_"},
		{"empty, no space", "", false, "SpaceAfter=No"},
		{"kept", "SpaceAfter=No", false, "SpaceAfter=No"},
		{"removed", "SpaceAfter=No", true, "_"},
		{"removed among others", "A=1|SpaceAfter=No|Z=2", true, "A=1|Z=2"},
		{"added in order", "A=1|Z=2", false, "A=1|SpaceAfter=No|Z=2"},
		{"added last", "A=1", false, "A=1|SpaceAfter=No"},
		{"added first", "Z=1", false, "SpaceAfter=No|Z=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Sentence{Tokens: []Token{{Form: "a", Misc: c.misc, SpaceAfter: c.spaceAfter}}}
			var buf bytes.Buffer
			if err := Write(&buf, &s); err != nil {
				t.Fatal(err)
			}
			want := "1\ta\t_\t_\t_\t_\t0\t_\t_\t" + c.want + "\n\n"
			if buf.String() != want {
				t.Errorf("Write(Misc %q, SpaceAfter %v) = %q, want %q", c.misc, c.spaceAfter, buf.String(), want)
			}
		})
	}
}

func TestWriteMultiwordSpaceAfter(t *testing.T) {
	s := Sentence{
		Comments:  []string{"text = don't", "foo"},
		Tokens:    []Token{{Form: "do", Head: 0, Rel: "root"}, {Form: "n't", Head: 1, Rel: "advmod", SpaceAfter: false}},
		Multiword: []Multiword{{First: 1, Last: 2, Form: "don't"}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, &s); err != nil {
		t.Fatal(err)
	}
	want := "# text = don't\n# foo\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n2\tn't\t_\t_\t_\t_\t1\tadvmod\t_\t_\n\n"
	if buf.String() != want {
		t.Errorf("Write = %q, want %q", buf.String(), want)
	}
}

func TestWriteBadSentence(t *testing.T) {
	cases := []struct {
		name string
		s    Sentence
	}{
		{"multiword past end", Sentence{Tokens: []Token{{Form: "a"}}, Multiword: []Multiword{{First: 1, Last: 2, Form: "ab"}}}},
		{"multiword never reached", Sentence{Tokens: []Token{{Form: "a"}}, Multiword: []Multiword{{First: 3, Last: 4, Form: "ab"}}}},
		{"empty node past end", Sentence{Tokens: []Token{{Form: "a"}}, Empty: []EmptyNode{{After: 5, Line: "5.1\tx"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Write(io.Discard, &c.s)
			if !errors.Is(err, ErrBadSentence) {
				t.Errorf("Write(%+v) = %v, want ErrBadSentence", c.s, err)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	cases := []struct {
		name, in, wantPrefix string
	}{
		{"few columns", "1\ta\tb\n", "conllu line 1: "},
		{"many columns", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\t_\n", "conllu line 1: "},
		{"bad id", "# c\n2\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", "conllu line 2: "},
		{"bad head", "1\ta\t_\t_\t_\t_\tx\troot\t_\t_\n", "conllu line 1: "},
		{"head past end", "1\ta\t_\t_\t_\t_\t3\troot\t_\t_\n\n", "conllu line 2: "},
		{"bad multiword", "1-x\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", "conllu line 1: "},
		{"bad empty node", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3.1\tb\t_\t_\t_\t_\t_\t_\t_\t_\n", "conllu line 2: "},
		{"comment inside", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n# late\n", "conllu line 2: "},
		{"empty column", "1\t\t_\t_\t_\t_\t0\troot\t_\t_\n", "conllu line 1: "},
		{"second sentence", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n\n1\tb\n", "conllu line 3: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readSentences(strings.NewReader(c.in))
			if err == nil || !strings.HasPrefix(err.Error(), c.wantPrefix) {
				t.Errorf("reading %q: error %v, want prefix %q", c.in, err, c.wantPrefix)
			}
		})
	}
}

func TestReaderEOF(t *testing.T) {
	cases := []struct {
		name string
		in   string
		n    int
	}{
		{"empty", "", 0},
		{"blank lines", "\n\n", 0},
		{"no final blank line", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_", 1},
		{"crlf and extra blank lines", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\r\n\r\n\r\n1\tb\t_\t_\t_\t_\t0\troot\t_\t_\r\n", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sents, err := readSentences(strings.NewReader(c.in))
			if err != nil || len(sents) != c.n {
				t.Errorf("reading %q: %d sentences, %v; want %d", c.in, len(sents), err, c.n)
			}
		})
	}
}

func BenchmarkReader(b *testing.B) {
	data, err := os.ReadFile(sharedFile(b, "ud/en_ewt-ud-dev.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readSentences(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzReader checks that the reader does not panic, and that what it reads is written and read
// back to the same sentences.
func FuzzReader(f *testing.F) {
	hand, err := os.ReadFile(filepath.Join("testdata", "handmade.conllu"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(hand))
	f.Add("1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n")
	f.Add("# c\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\t_\t_\t1\tdep\t_\tSpaceAfter=No\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := readSentences(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		for i := range sents {
			if err := Write(&buf, &sents[i]); err != nil {
				t.Fatalf("Write(%+v): %v", sents[i], err)
			}
		}
		again, err := readSentences(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		if diff := cmp.Diff(sents, again); diff != "" {
			t.Fatalf("read, write, read of %q (-first +second):\n%s", in, diff)
		}
	})
}
