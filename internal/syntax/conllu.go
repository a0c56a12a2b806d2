package syntax

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Reader reads CoNLL-U sentences one at a time from a stream.
//
// Fields written "_" come back as "" except FORM, which is kept as written, and LEMMA, which is
// kept as "_" when FORM is "_". A HEAD of "_" comes back as -1. Comments keep their text after
// the "#" and one following space ("# text = a" is kept as "text = a"). Tokens read from
// CoNLL-U have Start and End -1; SpaceAfter is false when MISC (of the word, or of the
// multiword token ending at it) holds SpaceAfter=No, and false for every word of a multiword
// token but its last.
type Reader struct {
	sc   *bufio.Scanner
	line int
	err  error
}

// NewReader returns a Reader reading CoNLL-U from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	return &Reader{sc: sc}
}

// Next returns the next sentence. It returns io.EOF when the input holds no more sentences, and
// an error naming the line ("conllu line 12: ...") when a line is malformed (not 10 columns, an
// empty column, an ID out of sequence, a bad HEAD, a comment among the words); after an error,
// Next keeps returning it.
func (r *Reader) Next() (Sentence, error) {
	if r.err != nil {
		return Sentence{}, r.err
	}
	s, err := r.next()
	if err != nil {
		r.err = err
		return Sentence{}, err
	}
	return s, nil
}

func (r *Reader) next() (Sentence, error) {
	s := Sentence{Start: -1, End: -1}
	started := false
	mwEnd, mwIndex := 0, -1 // the last word of the open multiword token, and its index
	for r.sc.Scan() {
		r.line++
		line := strings.TrimSuffix(r.sc.Text(), "\r")
		if line == "" {
			if started {
				return s, r.finish(&s)
			}
			continue
		}
		started = true
		if line[0] == '#' {
			c := line[1:]
			c = strings.TrimPrefix(c, " ")
			if len(s.Tokens) > 0 || len(s.Multiword) > 0 || len(s.Empty) > 0 {
				return s, r.errorf("comment after the sentence's first word")
			}
			s.Comments = append(s.Comments, c)
			continue
		}
		var cols [10]string
		rest := line
		for i := 0; i < 9; i++ {
			tab := strings.IndexByte(rest, '\t')
			if tab < 0 {
				return s, r.errorf("%d columns, want 10", i+1)
			}
			cols[i], rest = rest[:tab], rest[tab+1:]
		}
		if strings.IndexByte(rest, '\t') >= 0 {
			return s, r.errorf("more than 10 columns")
		}
		cols[9] = rest
		for i := range cols {
			if cols[i] == "" {
				return s, r.errorf("column %d is empty (\"_\" marks an empty field)", i+1)
			}
		}
		id := cols[0]
		if dash := strings.IndexByte(id, '-'); dash >= 0 {
			first, err1 := strconv.Atoi(id[:dash])
			last, err2 := strconv.Atoi(id[dash+1:])
			if err1 != nil || err2 != nil || first != len(s.Tokens)+1 || last < first {
				return s, r.errorf("bad multiword token ID %q", id)
			}
			s.Multiword = append(s.Multiword, Multiword{First: first, Last: last, Form: cols[1], Misc: field(cols[9])})
			mwEnd, mwIndex = last, len(s.Multiword)-1
			continue
		}
		if dot := strings.IndexByte(id, '.'); dot >= 0 {
			after, err1 := strconv.Atoi(id[:dot])
			_, err2 := strconv.Atoi(id[dot+1:])
			if err1 != nil || err2 != nil || after != len(s.Tokens) {
				return s, r.errorf("bad empty node ID %q", id)
			}
			s.Empty = append(s.Empty, EmptyNode{After: after, Line: line})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(s.Tokens)+1 {
			return s, r.errorf("word ID %q, want %d", id, len(s.Tokens)+1)
		}
		head := -1
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil || head < 0 {
				return s, r.errorf("bad HEAD %q", cols[6])
			}
		}
		t := Token{
			Form:  cols[1],
			Start: -1, End: -1,
			Lemma: field(cols[2]),
			UPOS:  field(cols[3]),
			XPOS:  field(cols[4]),
			Feats: field(cols[5]),
			Head:  head,
			Rel:   field(cols[7]),
			Deps:  field(cols[8]),
			Misc:  field(cols[9]),
		}
		if t.Form == "_" && cols[2] == "_" {
			t.Lemma = "_"
		}
		switch {
		case n < mwEnd:
			t.SpaceAfter = false
		case n == mwEnd:
			t.SpaceAfter = !hasSpaceAfterNo(s.Multiword[mwIndex].Misc)
		default:
			t.SpaceAfter = !hasSpaceAfterNo(t.Misc)
		}
		s.Tokens = append(s.Tokens, t)
	}
	if err := r.sc.Err(); err != nil {
		return s, fmt.Errorf("conllu line %d: %w", r.line+1, err)
	}
	if started {
		return s, r.finish(&s)
	}
	return s, io.EOF
}

// finish checks what can only be checked at the end of a sentence.
func (r *Reader) finish(s *Sentence) error {
	n := len(s.Tokens)
	if n == 0 {
		return r.errorf("sentence without words")
	}
	for _, m := range s.Multiword {
		if m.Last > n {
			return r.errorf("multiword token %d-%d past the last word %d", m.First, m.Last, n)
		}
	}
	for i := range s.Tokens {
		if s.Tokens[i].Head > n {
			return r.errorf("word %d has HEAD %d past the last word %d", i+1, s.Tokens[i].Head, n)
		}
	}
	return nil
}

func (r *Reader) errorf(format string, args ...any) error {
	return fmt.Errorf("conllu line %d: %s", r.line, fmt.Sprintf(format, args...))
}

// field maps CoNLL-U's "_" to "".
func field(s string) string {
	if s == "_" {
		return ""
	}
	return s
}

// hasSpaceAfterNo reports whether a MISC value holds the item SpaceAfter=No.
func hasSpaceAfterNo(misc string) bool {
	for misc != "" {
		item := misc
		if bar := strings.IndexByte(misc, '|'); bar >= 0 {
			item, misc = misc[:bar], misc[bar+1:]
		} else {
			misc = ""
		}
		if item == "SpaceAfter=No" {
			return true
		}
	}
	return false
}

// miscWithSpace returns misc made consistent with spaceAfter: the item SpaceAfter=No removed
// when spaceAfter is true, added (in alphabetical place, as UD orders MISC) when it is false.
func miscWithSpace(misc string, spaceAfter bool) string {
	has := hasSpaceAfterNo(misc)
	if has != spaceAfter {
		return misc
	}
	items := []string{}
	if misc != "" {
		items = strings.Split(misc, "|")
	}
	if has {
		out := items[:0]
		for _, it := range items {
			if it != "SpaceAfter=No" {
				out = append(out, it)
			}
		}
		return strings.Join(out, "|")
	}
	at := len(items)
	for i, it := range items {
		if it > "SpaceAfter=No" {
			at = i
			break
		}
	}
	items = append(items[:at], append([]string{"SpaceAfter=No"}, items[at:]...)...)
	return strings.Join(items, "|")
}

// ErrBadSentence is wrapped by the errors Write returns for sentences it cannot write.
var ErrBadSentence = errors.New("sentence cannot be written as CoNLL-U")

// Write writes s in CoNLL-U: its comments ("# " and the text), its multiword-token and
// empty-node lines at their places, one line of 10 columns per token (ID from its position,
// "_" for empty fields, HEAD "_" when negative), and a blank line. MISC is written as Token.Misc
// with the item SpaceAfter=No added or removed to agree with SpaceAfter; a multiword token's
// line carries the SpaceAfter of its last word, and the words inside it carry none. It returns
// an error wrapping ErrBadSentence for multiword tokens or empty nodes out of order or range,
// and the writer's error otherwise. When w is a *bufio.Writer, Write writes into it without
// flushing it, and the caller's Flush reports write errors.
func Write(w io.Writer, s *Sentence) error {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	for _, c := range s.Comments {
		bw.WriteByte('#')
		if c != "" {
			bw.WriteByte(' ')
			bw.WriteString(c)
		}
		bw.WriteByte('\n')
	}
	mw, em := 0, 0
	mwEnd := 0
	var num [20]byte
	for i := 0; i <= len(s.Tokens); i++ {
		for em < len(s.Empty) && s.Empty[em].After == i {
			bw.WriteString(s.Empty[em].Line)
			bw.WriteByte('\n')
			em++
		}
		if i == len(s.Tokens) {
			break
		}
		t := &s.Tokens[i]
		id := i + 1
		if mw < len(s.Multiword) && s.Multiword[mw].First == id {
			m := &s.Multiword[mw]
			if m.Last < m.First || m.Last > len(s.Tokens) || id <= mwEnd {
				return fmt.Errorf("multiword token %d-%d in a sentence of %d words: %w", m.First, m.Last, len(s.Tokens), ErrBadSentence)
			}
			bw.Write(strconv.AppendInt(num[:0], int64(m.First), 10))
			bw.WriteByte('-')
			bw.Write(strconv.AppendInt(num[:0], int64(m.Last), 10))
			bw.WriteByte('\t')
			writeField(bw, m.Form)
			bw.WriteString("\t_\t_\t_\t_\t_\t_\t_\t")
			writeField(bw, miscWithSpace(m.Misc, s.Tokens[m.Last-1].SpaceAfter))
			bw.WriteByte('\n')
			mwEnd = m.Last
			mw++
		}
		bw.Write(strconv.AppendInt(num[:0], int64(id), 10))
		bw.WriteByte('\t')
		writeField(bw, t.Form)
		bw.WriteByte('\t')
		writeField(bw, t.Lemma)
		bw.WriteByte('\t')
		writeField(bw, t.UPOS)
		bw.WriteByte('\t')
		writeField(bw, t.XPOS)
		bw.WriteByte('\t')
		writeField(bw, t.Feats)
		bw.WriteByte('\t')
		if t.Head < 0 {
			bw.WriteByte('_')
		} else {
			bw.Write(strconv.AppendInt(num[:0], int64(t.Head), 10))
		}
		bw.WriteByte('\t')
		writeField(bw, t.Rel)
		bw.WriteByte('\t')
		writeField(bw, t.Deps)
		bw.WriteByte('\t')
		if id <= mwEnd {
			writeField(bw, t.Misc)
		} else {
			writeField(bw, miscWithSpace(t.Misc, t.SpaceAfter))
		}
		bw.WriteByte('\n')
	}
	if mw < len(s.Multiword) || em < len(s.Empty) {
		return fmt.Errorf("multiword token or empty node out of order or range: %w", ErrBadSentence)
	}
	bw.WriteByte('\n')
	if !ok {
		return bw.Flush()
	}
	return nil
}

func writeField(bw *bufio.Writer, s string) {
	if s == "" {
		bw.WriteByte('_')
		return
	}
	bw.WriteString(s)
}
