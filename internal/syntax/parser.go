package syntax

// Parser builds a labelled dependency tree over tagged tokens. It is a greedy transition-based
// parser in the arc-hybrid system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the root at
// the end of the buffer (Ballesteros and Nivre 2013), so that exactly one token attaches to the
// root and every token gets a head: the result is always a tree. An averaged perceptron trained
// with a dynamic oracle (Goldberg and Nivre 2013) chooses each transition and its label from
// the rich non-local features of Zhang and Nivre (2011). Trees are projective; the training
// trees were projectivized by lifting (see projectivize).
type Parser struct {
	labels []string // relation names; labels[rootLabel] is "root"
	root   int      // index of "root" in labels
	w      *weights
}

// Transitions: class 0 is SHIFT, 1+l is LEFT with label l, 1+L+l is RIGHT with label l.
const (
	shift = iota
	left
	right
)

func moveOf(class, nLabels int) (move, label int) {
	switch {
	case class == 0:
		return shift, -1
	case class <= nLabels:
		return left, class - 1
	default:
		return right, class - 1 - nLabels
	}
}

func classOf(move, label, nLabels int) int {
	switch move {
	case shift:
		return 0
	case left:
		return 1 + label
	default:
		return 1 + nLabels + label
	}
}

// state is a parser configuration over tokens 1..n; n+1 is the root, at the end of the buffer.
type state struct {
	n      int
	stack  []int
	b      int // first token of the buffer
	heads  []int
	labels []int
	// children: the two leftmost and two rightmost dependents (0 none), counts, label sets
	l1, l2, r1, r2 []int
	nl, nr         []int
	lset, rset     []uint64
}

func (st *state) reset(n int) {
	st.n = n
	st.stack = st.stack[:0]
	st.b = 1
	grow := func(s []int) []int {
		if cap(s) < n+2 {
			return make([]int, n+2)
		}
		s = s[:n+2]
		clear(s)
		return s
	}
	st.heads, st.labels = grow(st.heads), grow(st.labels)
	st.l1, st.l2, st.r1, st.r2 = grow(st.l1), grow(st.l2), grow(st.r1), grow(st.r2)
	st.nl, st.nr = grow(st.nl), grow(st.nr)
	if cap(st.lset) < n+2 {
		st.lset, st.rset = make([]uint64, n+2), make([]uint64, n+2)
	}
	st.lset, st.rset = st.lset[:n+2], st.rset[:n+2]
	clear(st.lset)
	clear(st.rset)
}

func (st *state) done() bool { return st.b > st.n && len(st.stack) == 0 }

// valid reports whether move may be made now.
func (st *state) valid(move int) bool {
	switch move {
	case shift:
		return st.b <= st.n
	case left:
		if st.b > st.n { // the root takes one dependent, the last token standing
			return len(st.stack) == 1
		}
		return len(st.stack) >= 1
	default:
		return len(st.stack) >= 2
	}
}

func (st *state) s(i int) int {
	if i < len(st.stack) {
		return st.stack[len(st.stack)-1-i]
	}
	return 0
}

// apply makes move with label.
func (st *state) apply(move, label int) {
	switch move {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
	case left:
		st.attach(st.b, st.s(0), label)
		st.stack = st.stack[:len(st.stack)-1]
	default:
		st.attach(st.s(1), st.s(0), label)
		st.stack = st.stack[:len(st.stack)-1]
	}
}

func (st *state) attach(head, dep, label int) {
	st.heads[dep], st.labels[dep] = head, label
	bit := uint64(1) << (uint(label) & 63)
	if dep < head {
		st.nl[head]++
		st.lset[head] |= bit
		switch {
		case st.l1[head] == 0 || dep < st.l1[head]:
			st.l2[head], st.l1[head] = st.l1[head], dep
		case st.l2[head] == 0 || dep < st.l2[head]:
			st.l2[head] = dep
		}
	} else {
		st.nr[head]++
		st.rset[head] |= bit
		switch {
		case dep > st.r1[head]:
			st.r2[head], st.r1[head] = st.r1[head], dep
		case dep > st.r2[head]:
			st.r2[head] = dep
		}
	}
}

// Parser feature templates.
const (
	pS0w = iota + 100
	pS0t
	pS0wt
	pS1w
	pS1t
	pS1wt
	pS2t
	pS2w
	pB0w
	pB0t
	pB0wt
	pB1w
	pB1t
	pB1wt
	pB2w
	pB2t
	pS0wtB0wt
	pS0wtB0w
	pS0wB0wt
	pS0wtB0t
	pS0tB0wt
	pS0wB0w
	pS0tB0t
	pB0tB1t
	pS1wtS0wt
	pS1wS0w
	pS1tS0t
	pS1tS0w
	pS1wS0t
	pB0tB1tB2t
	pS0tB0tB1t
	pS1tS0tB0t
	pS0tS0l1tB0t
	pS0tS0r1tB0t
	pS0tB0tB0l1t
	pS1tS0tS0l1t
	pS1tS0tS0r1t
	pS1tS1r1tS0t
	pS1tS1l1tS0t
	pS2tS1tS0t
	pS0wD
	pS0tD
	pB0wD
	pB0tD
	pS0wB0wD
	pS0tB0tD
	pS1tS0tD
	pS1wS0wD
	pS0wVr
	pS0tVr
	pS0wVl
	pS0tVl
	pB0wVl
	pB0tVl
	pS1wVr
	pS1tVr
	pS1tVl
	pS0l1w
	pS0l1t
	pS0l1l
	pS0r1w
	pS0r1t
	pS0r1l
	pB0l1w
	pB0l1t
	pB0l1l
	pS1l1t
	pS1l1l
	pS1r1w
	pS1r1t
	pS1r1l
	pS0l2w
	pS0l2t
	pS0l2l
	pS0r2w
	pS0r2t
	pS0r2l
	pB0l2w
	pB0l2t
	pB0l2l
	pS0tS0l1tS0l2t
	pS0tS0r1tS0r2t
	pB0tB0l1tB0l2t
	pS0wLset
	pS0tLset
	pS0tRset
	pB0tLset
	pS1tRset
	pS0lB0
	pS0uB0u
	pS1uS0u
	pS0lS0r1l
	pB0wB1w
	pS0wB0wB1w
	pS1lS0t
	pBias
)

// parseWords are the per-token ids that parser features read; index 0 stands for "no token",
// n+1 for the root.
type parseWords struct {
	word, tag, upos []uint64
}

func (pw *parseWords) fill(toks []Token, info []wordInfo) {
	n := len(toks)
	size := n + 2
	if cap(pw.word) < size {
		pw.word, pw.tag, pw.upos = make([]uint64, size), make([]uint64, size), make([]uint64, size)
	}
	pw.word, pw.tag, pw.upos = pw.word[:size], pw.tag[:size], pw.upos[:size]
	none, root := hashString("\x00<none>"), hashString("\x00<root>")
	pw.word[0], pw.tag[0], pw.upos[0] = none, none, none
	pw.word[n+1], pw.tag[n+1], pw.upos[n+1] = root, root, root
	for i := range toks {
		pw.word[i+1] = info[i].lower
		pw.tag[i+1] = hashString(toks[i].XPOS)
		pw.upos[i+1] = hashString(toks[i].UPOS)
	}
}

// parseFeatures appends the features of state st.
func parseFeatures(feats []uint64, st *state, pw *parseWords) []uint64 {
	s0, s1, s2 := st.s(0), st.s(1), st.s(2)
	b0 := st.b
	b1, b2 := b0+1, b0+2
	if b1 > st.n+1 {
		b1 = 0
	}
	if b2 > st.n+1 {
		b2 = 0
	}
	w, t := pw.word, pw.tag
	lab := func(i int) uint64 {
		if i == 0 || st.heads[i] == 0 {
			return 0
		}
		return uint64(st.labels[i]) + 1
	}
	s0l1, s0l2, s0r1, s0r2 := st.l1[s0], st.l2[s0], st.r1[s0], st.r2[s0]
	s1l1, s1r1 := st.l1[s1], st.r1[s1]
	b0l1, b0l2 := st.l1[b0], st.l2[b0]
	if s0 == 0 {
		s0l1, s0l2, s0r1, s0r2 = 0, 0, 0, 0
	}
	if s1 == 0 {
		s1l1, s1r1 = 0, 0
	}
	d := uint64(0)
	if s0 != 0 {
		d = uint64(min(b0-s0, 6))
	}
	d1 := uint64(0)
	if s1 != 0 {
		d1 = uint64(min(s0-s1, 6))
	}
	vl0, vr0, vlb := uint64(st.nl[s0]), uint64(st.nr[s0]), uint64(st.nl[b0])
	vr1, vl1 := uint64(st.nr[s1]), uint64(st.nl[s1])
	if s0 == 0 {
		vl0, vr0 = 0, 0
	}
	if s1 == 0 {
		vr1, vl1 = 0, 0
	}
	ls0, rs0, lsb, rs1 := st.lset[s0], st.rset[s0], st.lset[b0], st.rset[s1]
	if s0 == 0 {
		ls0, rs0 = 0, 0
	}
	if s1 == 0 {
		rs1 = 0
	}
	u := pw.upos
	feats = append(feats,
		feat(pBias, 0, 0, 0),
		feat(pS0w, w[s0], 0, 0),
		feat(pS0t, t[s0], 0, 0),
		feat(pS0wt, w[s0], t[s0], 0),
		feat(pS1w, w[s1], 0, 0),
		feat(pS1t, t[s1], 0, 0),
		feat(pS1wt, w[s1], t[s1], 0),
		feat(pS2t, t[s2], 0, 0),
		feat(pS2w, w[s2], 0, 0),
		feat(pB0w, w[b0], 0, 0),
		feat(pB0t, t[b0], 0, 0),
		feat(pB0wt, w[b0], t[b0], 0),
		feat(pB1w, w[b1], 0, 0),
		feat(pB1t, t[b1], 0, 0),
		feat(pB1wt, w[b1], t[b1], 0),
		feat(pB2w, w[b2], 0, 0),
		feat(pB2t, t[b2], 0, 0),
		feat(pS0wtB0wt, feat(0, w[s0], t[s0], 0), w[b0], t[b0]),
		feat(pS0wtB0w, w[s0], t[s0], w[b0]),
		feat(pS0wB0wt, w[s0], w[b0], t[b0]),
		feat(pS0wtB0t, w[s0], t[s0], t[b0]),
		feat(pS0tB0wt, t[s0], w[b0], t[b0]),
		feat(pS0wB0w, w[s0], w[b0], 0),
		feat(pS0tB0t, t[s0], t[b0], 0),
		feat(pB0tB1t, t[b0], t[b1], 0),
		feat(pS1wtS0wt, feat(0, w[s1], t[s1], 0), w[s0], t[s0]),
		feat(pS1wS0w, w[s1], w[s0], 0),
		feat(pS1tS0t, t[s1], t[s0], 0),
		feat(pS1tS0w, t[s1], w[s0], 0),
		feat(pS1wS0t, w[s1], t[s0], 0),
		feat(pB0tB1tB2t, t[b0], t[b1], t[b2]),
		feat(pS0tB0tB1t, t[s0], t[b0], t[b1]),
		feat(pS1tS0tB0t, t[s1], t[s0], t[b0]),
		feat(pS0tS0l1tB0t, t[s0], t[s0l1], t[b0]),
		feat(pS0tS0r1tB0t, t[s0], t[s0r1], t[b0]),
		feat(pS0tB0tB0l1t, t[s0], t[b0], t[b0l1]),
		feat(pS1tS0tS0l1t, t[s1], t[s0], t[s0l1]),
		feat(pS1tS0tS0r1t, t[s1], t[s0], t[s0r1]),
		feat(pS1tS1r1tS0t, t[s1], t[s1r1], t[s0]),
		feat(pS1tS1l1tS0t, t[s1], t[s1l1], t[s0]),
		feat(pS2tS1tS0t, t[s2], t[s1], t[s0]),
		feat(pS0wD, w[s0], d, 0),
		feat(pS0tD, t[s0], d, 0),
		feat(pB0wD, w[b0], d, 0),
		feat(pB0tD, t[b0], d, 0),
		feat(pS0wB0wD, w[s0], w[b0], d),
		feat(pS0tB0tD, t[s0], t[b0], d),
		feat(pS1tS0tD, t[s1], t[s0], d1),
		feat(pS1wS0wD, w[s1], w[s0], d1),
		feat(pS0wVr, w[s0], vr0, 0),
		feat(pS0tVr, t[s0], vr0, 0),
		feat(pS0wVl, w[s0], vl0, 0),
		feat(pS0tVl, t[s0], vl0, 0),
		feat(pB0wVl, w[b0], vlb, 0),
		feat(pB0tVl, t[b0], vlb, 0),
		feat(pS1wVr, w[s1], vr1, 0),
		feat(pS1tVr, t[s1], vr1, 0),
		feat(pS1tVl, t[s1], vl1, 0),
		feat(pS0l1w, w[s0l1], 0, 0),
		feat(pS0l1t, t[s0l1], 0, 0),
		feat(pS0l1l, lab(s0l1), 0, 0),
		feat(pS0r1w, w[s0r1], 0, 0),
		feat(pS0r1t, t[s0r1], 0, 0),
		feat(pS0r1l, lab(s0r1), 0, 0),
		feat(pB0l1w, w[b0l1], 0, 0),
		feat(pB0l1t, t[b0l1], 0, 0),
		feat(pB0l1l, lab(b0l1), 0, 0),
		feat(pS1l1t, t[s1l1], 0, 0),
		feat(pS1l1l, lab(s1l1), 0, 0),
		feat(pS1r1w, w[s1r1], 0, 0),
		feat(pS1r1t, t[s1r1], 0, 0),
		feat(pS1r1l, lab(s1r1), 0, 0),
		feat(pS0l2w, w[s0l2], 0, 0),
		feat(pS0l2t, t[s0l2], 0, 0),
		feat(pS0l2l, lab(s0l2), 0, 0),
		feat(pS0r2w, w[s0r2], 0, 0),
		feat(pS0r2t, t[s0r2], 0, 0),
		feat(pS0r2l, lab(s0r2), 0, 0),
		feat(pB0l2w, w[b0l2], 0, 0),
		feat(pB0l2t, t[b0l2], 0, 0),
		feat(pB0l2l, lab(b0l2), 0, 0),
		feat(pS0tS0l1tS0l2t, t[s0], t[s0l1], t[s0l2]),
		feat(pS0tS0r1tS0r2t, t[s0], t[s0r1], t[s0r2]),
		feat(pB0tB0l1tB0l2t, t[b0], t[b0l1], t[b0l2]),
		feat(pS0wLset, w[s0], ls0, 0),
		feat(pS0tLset, t[s0], ls0, 0),
		feat(pS0tRset, t[s0], rs0, 0),
		feat(pB0tLset, t[b0], lsb, 0),
		feat(pS1tRset, t[s1], rs1, 0),
		feat(pS0lB0, lab(s0), t[b0], 0),
		feat(pS0uB0u, u[s0], u[b0], 0),
		feat(pS1uS0u, u[s1], u[s0], 0),
		feat(pS0lS0r1l, t[s0], lab(s0r1), lab(s0l1)),
		feat(pB0wB1w, w[b0], w[b1], 0),
		feat(pS0wB0wB1w, w[s0], w[b0], w[b1]),
		feat(pS1lS0t, lab(s1), t[s1], t[s0]),
	)
	return feats
}

// parseScratch is the reusable memory of one parse.
type parseScratch struct {
	st     state
	pw     parseWords
	feats  []uint64
	scores []int32
}

// Parse sets Head and Rel of every token of s, whose tags must be set. info holds the
// tokens' word features (from describe).
func (p *Parser) parse(s *Sentence, info []wordInfo, sc *parseScratch) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	sc.pw.fill(s.Tokens, info)
	st := &sc.st
	st.reset(n)
	nc := 1 + 2*len(p.labels)
	if cap(sc.scores) < nc {
		sc.scores = make([]int32, nc)
	}
	scores := sc.scores[:nc]
	for !st.done() {
		sc.feats = parseFeatures(sc.feats[:0], st, &sc.pw)
		p.w.score(sc.feats, scores)
		move, label := p.best(st, scores)
		st.apply(move, label)
	}
	for i := range s.Tokens {
		h := st.heads[i+1]
		if h == n+1 {
			h = 0
		}
		s.Tokens[i].Head = h
		s.Tokens[i].Rel = p.labels[st.labels[i+1]]
	}
}

// best returns the highest-scoring valid move and label: attachments to the root are labelled
// root, and no other attachment is.
func (p *Parser) best(st *state, scores []int32) (move, label int) {
	_, move, label = bestMove(st, scores, len(p.labels), p.root)
	return move, label
}

// bestMove returns the highest-scoring valid class, its move and its label, for the parser's
// int32 scores and the trainer's float32 ones alike.
func bestMove[T int32 | float32](st *state, scores []T, L, root int) (class, move, label int) {
	class = -1
	try := func(m, l int) {
		c := classOf(m, l, L)
		if class < 0 || scores[c] > scores[class] {
			class, move, label = c, m, l
		}
	}
	if st.valid(shift) {
		try(shift, -1)
	}
	if st.valid(left) {
		if st.b > st.n { // the root takes one dependent, labelled root
			try(left, root)
		} else {
			for l := 0; l < L; l++ {
				if l != root {
					try(left, l)
				}
			}
		}
	}
	if st.valid(right) {
		for l := 0; l < L; l++ {
			if l != root {
				try(right, l)
			}
		}
	}
	return class, move, label
}
