package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tagger assigns each token a universal (UPOS) and a Penn Treebank (XPOS) part of speech. It is
// a greedy left-to-right averaged perceptron over the pair (UPOS, XPOS) as one class, reading
// the word, its affixes and shape, its neighbours' words and their most frequent classes, and
// the classes it gave the two tokens before; frequent words that the training data always tags
// one way are tagged from a dictionary.
type Tagger struct {
	classes []tagClass
	w       *weights
	dict    map[string]uint16 // frequent unambiguous words → class
	common  map[uint64]uint16 // lower-cased word id → 1 + its most frequent class in training
}

type tagClass struct{ upos, xpos string }

// wordInfo holds what features read about a token, computed once per sentence.
type wordInfo struct {
	form, lower, shape uint64
	pre                [3]uint64 // prefixes of 1-3 runes
	suf                [4]uint64 // suffixes of 1-4 runes
	flags              uint64
	common             uint64 // 1 + most frequent class, 0 unknown
	dict               int32  // the tagger's dictionary class, -1 none
}

const (
	flagUpper = 1 << iota
	flagAllUpper
	flagDigit
	flagHyphen
	flagFirst
)

// Tagger feature templates.
const (
	tBias = iota + 1
	tForm
	tLower
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tFlags
	tPrev
	tPrev2
	tPrevPrev2
	tPrevLower
	tPrevSuf3
	tPrevWord
	tPrev2Word
	tNextWord
	tNextSuf3
	tNextShape
	tNext2Word
	tPrevWordLower
	tLowerNextWord
	tCommon
	tNextCommon
	tNext2Common
	tPrevNextCommon
	tPrevCommon
	tPrevWordNext
)

// boundary ids stand for positions before the first and after the last token.
var (
	idStart = hashString("\x00<s>")
	idEnd   = hashString("\x00</s>")
)

// describe fills info (reused, grown as needed) with the features of each token's form.
func describe(info []wordInfo, toks []Token, common map[uint64]uint16, dict map[string]uint16) []wordInfo {
	info = info[:0]
	var buf, sh []byte
	for i := range toks {
		form := toks[i].Form
		buf = normalize(buf[:0], form)
		sh = appendShape(sh[:0], form)
		wi := wordInfo{form: hashString(form), lower: hashString(buf), shape: hashString(sh), dict: -1}
		if c, ok := dict[string(buf)]; ok {
			wi.dict = int32(c)
		}
		n := utf8.RuneCount(buf)
		for k := 1; k <= 3; k++ {
			if n >= k {
				wi.pre[k-1] = hashString(buf[:runeOffset(buf, k)])
			}
		}
		for k := 1; k <= 4; k++ {
			if n >= k {
				wi.suf[k-1] = hashString(buf[runeOffset(buf, n-k):])
			}
		}
		r, _ := utf8.DecodeRuneInString(form)
		if unicode.IsUpper(r) {
			wi.flags |= flagUpper
			if n > 1 && allUpper(form) {
				wi.flags |= flagAllUpper
			}
		}
		if strings.ContainsAny(form, "0123456789") {
			wi.flags |= flagDigit
		}
		if strings.Contains(form, "-") {
			wi.flags |= flagHyphen
		}
		if i == 0 {
			wi.flags |= flagFirst
		}
		wi.common = uint64(common[wi.lower])
		info = append(info, wi)
	}
	return info
}

// allUpper reports whether strings.ToUpper(s) == s, without building the upper-cased string.
func allUpper(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return unicode.ToUpper(r) != r }) < 0
}

// normalize appends the lower-cased form with every digit written 0.
func normalize(buf []byte, form string) []byte {
	for _, r := range form {
		switch {
		case r >= '0' && r <= '9':
			buf = append(buf, '0')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// runeOffset returns the byte offset of rune k of b (len(b) past the end).
func runeOffset(b []byte, k int) int {
	for i := range b {
		if utf8.RuneStart(b[i]) {
			if k == 0 {
				return i
			}
			k--
		}
	}
	return len(b)
}

// appendShape appends to out the shape of s: letters mapped to X/x and digits to d, runs
// longer than two collapsed, at most 32 bytes: "McCain" → "XxXxx", "1990s" → "ddx".
func appendShape(out []byte, s string) []byte {
	start := len(out)
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		if len(out)-start < 32 {
			out = append(out, c)
		}
	}
	return out
}

// tagFeatures appends the features of token i given the classes of the two before it (as
// 1 + class, 0 for none).
func tagFeatures(feats []uint64, info []wordInfo, i int, prev, prev2 uint64) []uint64 {
	w := &info[i]
	at := func(j int) (lower, suf3, shape, common uint64) {
		if j < 0 {
			return idStart, idStart, idStart, 0
		}
		if j >= len(info) {
			return idEnd, idEnd, idEnd, 0
		}
		return info[j].lower, info[j].suf[2], info[j].shape, info[j].common
	}
	pw, ps3, _, pc := at(i - 1)
	p2w, _, _, _ := at(i - 2)
	nw, ns3, nsh, nc := at(i + 1)
	n2w, _, _, n2c := at(i + 2)
	feats = append(feats,
		feat(tBias, 0, 0, 0),
		feat(tForm, w.form, 0, 0),
		feat(tLower, w.lower, 0, 0),
		feat(tSuf1, w.suf[0], 0, 0),
		feat(tSuf2, w.suf[1], 0, 0),
		feat(tSuf3, w.suf[2], 0, 0),
		feat(tSuf4, w.suf[3], 0, 0),
		feat(tPre1, w.pre[0], 0, 0),
		feat(tPre2, w.pre[1], 0, 0),
		feat(tPre3, w.pre[2], 0, 0),
		feat(tShape, w.shape, 0, 0),
		feat(tFlags, w.flags, 0, 0),
		feat(tPrev, prev, 0, 0),
		feat(tPrev2, prev2, 0, 0),
		feat(tPrevPrev2, prev, prev2, 0),
		feat(tPrevLower, prev, w.lower, 0),
		feat(tPrevSuf3, prev, w.suf[2], 0),
		feat(tPrevWord, pw, 0, 0),
		feat(tPrev2Word, p2w, 0, 0),
		feat(tNextWord, nw, 0, 0),
		feat(tNextSuf3, ns3, 0, 0),
		feat(tNextShape, nsh, 0, 0),
		feat(tNext2Word, n2w, 0, 0),
		feat(tPrevWordLower, pw, w.lower, 0),
		feat(tLowerNextWord, w.lower, nw, 0),
		feat(tCommon, w.common, 0, 0),
		feat(tNextCommon, nc, 0, 0),
		feat(tNext2Common, nc, n2c, 0),
		feat(tPrevNextCommon, prev, nc, 0),
		feat(tPrevCommon, pc, ps3, 0),
		feat(tPrevWordNext, pw, nw, 0),
	)
	return feats
}

// tagScratch is the reusable memory of one tagging.
type tagScratch struct {
	info   []wordInfo
	feats  []uint64
	scores []int32
}

// Tag sets UPOS and XPOS of every token of s.
func (t *Tagger) Tag(s *Sentence) { t.tag(s, &tagScratch{}) }

func (t *Tagger) tag(s *Sentence, sc *tagScratch) {
	sc.info = describe(sc.info, s.Tokens, t.common, t.dict)
	if cap(sc.scores) < len(t.classes) {
		sc.scores = make([]int32, len(t.classes))
	}
	scores := sc.scores[:len(t.classes)]
	var prev, prev2 uint64
	for i := range s.Tokens {
		c, ok := uint16(sc.info[i].dict), sc.info[i].dict >= 0
		if !ok || sc.info[i].flags&flagUpper != 0 && i > 0 {
			sc.feats = tagFeatures(sc.feats[:0], sc.info, i, prev, prev2)
			t.w.score(sc.feats, scores)
			c = uint16(argmax(scores))
		}
		s.Tokens[i].UPOS = t.classes[c].upos
		s.Tokens[i].XPOS = t.classes[c].xpos
		prev2, prev = prev, uint64(c)+1
	}
}

func argmax[T int32 | float32](scores []T) int {
	best := 0
	for i, s := range scores {
		if s > scores[best] {
			best = i
		}
	}
	return best
}
