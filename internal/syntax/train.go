package syntax

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// TrainOptions set how Train learns a model.
type TrainOptions struct {
	TaggerEpochs int    // passes over the training data for the tagger; 0 means 10
	ParserEpochs int    // passes for the parser; 0 means 15
	Folds        int    // the parser learns from tags of taggers trained on the other folds; 0 means 5
	Seed         uint64 // shuffles the training sentences; the same seed gives the same model
	Log          io.Writer
	// Dev, when not empty, holds gold sentences (a development set) that the parser is scored on
	// after each epoch, with the final tagger's tags, for Log; it does not change the model.
	Dev []Sentence
}

func (o *TrainOptions) defaults() {
	if o.TaggerEpochs == 0 {
		o.TaggerEpochs = 10
	}
	if o.ParserEpochs == 0 {
		o.ParserEpochs = 15
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Train learns a model from sentences with gold lemmas, tags and trees (a UD treebank's
// training file). It is deterministic: the same sentences and options give the same model.
// The parser is trained on tags predicted by taggers that did not see the sentence (jackknifing),
// so that it learns to live with the tagger's mistakes.
func Train(sents []Sentence, opts TrainOptions) (*Model, error) {
	opts.defaults()
	if len(sents) == 0 {
		return nil, fmt.Errorf("train: no sentences")
	}
	for i := range sents {
		if err := checkTree(sents[i].Tokens); err != nil {
			return nil, fmt.Errorf("train: sentence %d: %w", i+1, err)
		}
	}
	start := time.Now()
	m := &Model{Lemmatizer: LearnLemmatizer(sents)}

	// Taggers for the folds and the final one, two at a time.
	taggers := make([]*Tagger, opts.Folds+1)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for f := 0; f <= opts.Folds; f++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var part []Sentence
			for i := range sents {
				if f == opts.Folds || i%opts.Folds != f {
					part = append(part, sents[i])
				}
			}
			taggers[f] = trainTagger(part, opts, nil)
		}()
	}
	wg.Wait()
	m.Tagger = taggers[opts.Folds]
	fmt.Fprintf(opts.Log, "train: %d taggers in %s\n", opts.Folds+1, time.Since(start).Round(time.Second))

	tagged := make([]Sentence, len(sents))
	for i := range sents {
		tagged[i] = Sentence{Tokens: slices.Clone(sents[i].Tokens)}
		taggers[i%opts.Folds].Tag(&tagged[i])
	}
	pt := newParserTrainer(tagged, sents, opts)
	for epoch := 0; epoch < opts.ParserEpochs; epoch++ {
		pt.epoch(epoch)
		if len(opts.Dev) > 0 {
			m.Parser = pt.parser()
			sc, err := m.score(opts.Dev)
			if err != nil {
				return nil, fmt.Errorf("train: dev: %w", err)
			}
			fmt.Fprintf(opts.Log, "parser epoch %d: dev UAS %.2f LAS %.2f\n", epoch+1, sc.UAS, sc.LAS)
		}
	}
	m.Parser = pt.parser()
	fmt.Fprintf(opts.Log, "train: model in %s\n", time.Since(start).Round(time.Second))
	return m, nil
}

// checkTree reports whether toks' heads form a tree rooted at 0 with labels.
func checkTree(toks []Token) error {
	roots := 0
	for i, t := range toks {
		if t.Head < 0 || t.Head > len(toks) || t.Head == i+1 {
			return fmt.Errorf("token %d: head %d out of range", i+1, t.Head)
		}
		if t.Rel == "" || t.UPOS == "" || t.XPOS == "" {
			return fmt.Errorf("token %d: no relation or tag", i+1)
		}
		if t.Head == 0 {
			roots++
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d roots", roots)
	}
	for i := range toks { // every token reaches the root
		j, steps := i+1, 0
		for j != 0 {
			j = toks[j-1].Head
			if steps++; steps > len(toks) {
				return fmt.Errorf("token %d: cycle", i+1)
			}
		}
	}
	return nil
}

// trainTagger learns a tagger from sents; log, when not nil, gets a line per epoch.
func trainTagger(sents []Sentence, opts TrainOptions, log io.Writer) *Tagger {
	classIndex := map[tagClass]int{}
	type wordStat struct {
		total  int
		counts map[int]int
	}
	words := map[string]*wordStat{}
	var buf []byte
	for _, s := range sents {
		for _, t := range s.Tokens {
			c := tagClass{t.UPOS, t.XPOS}
			if _, ok := classIndex[c]; !ok {
				classIndex[c] = 0
			}
		}
	}
	t := &Tagger{dict: map[string]uint16{}, common: map[uint64]uint16{}}
	for c := range classIndex {
		t.classes = append(t.classes, c)
	}
	slices.SortFunc(t.classes, func(a, b tagClass) int {
		return cmp.Or(cmp.Compare(a.upos, b.upos), cmp.Compare(a.xpos, b.xpos))
	})
	for i, c := range t.classes {
		classIndex[c] = i
	}
	for _, s := range sents {
		for _, tok := range s.Tokens {
			buf = normalize(buf[:0], tok.Form)
			ws := words[string(buf)]
			if ws == nil {
				ws = &wordStat{counts: map[int]int{}}
				words[string(buf)] = ws
			}
			ws.total++
			ws.counts[classIndex[tagClass{tok.UPOS, tok.XPOS}]]++
		}
	}
	for w, ws := range words {
		best, n := 0, -1
		for c, k := range ws.counts {
			if k > n || k == n && c < best {
				best, n = c, k
			}
		}
		if ws.total >= 3 {
			t.common[hashString(w)] = uint16(best + 1)
		}
		if ws.total >= 20 && float64(n)/float64(ws.total) >= 0.99 {
			t.dict[w] = uint16(best)
		}
	}

	tw := newTrainWeights(len(t.classes))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 1))
	scores := make([]float32, len(t.classes))
	var info []wordInfo
	var feats []uint64
	for epoch := 0; epoch < opts.TaggerEpochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			toks := sents[si].Tokens
			info = describe(info, toks, t.common, nil)
			var prev, prev2 uint64
			for i := range toks {
				gold := classIndex[tagClass{toks[i].UPOS, toks[i].XPOS}]
				feats = tagFeatures(feats[:0], info, i, prev, prev2)
				tw.score(feats, scores)
				guess := argmax(scores)
				tw.tick()
				tw.update(feats, gold, guess)
				if guess == gold {
					correct++
				}
				total++
				prev2, prev = prev, uint64(guess)+1
			}
		}
		if log != nil {
			fmt.Fprintf(log, "tagger epoch %d: %.2f%% on training\n", epoch+1, 100*float64(correct)/float64(total))
		}
	}
	t.w = tw.average()
	return t
}

// explore is how often the parser being trained follows its own move rather than a zero-cost
// one, from the second epoch on (the exploration of Goldberg and Nivre 2013, with their k=1 and
// p=0.9), so that it learns what to do after its mistakes.
const explore = 0.9

// parserTrainer holds a parser being trained: its examples, weights and random source.
type parserTrainer struct {
	p        *Parser
	tagged   []Sentence
	examples []parseExample
	tw       *trainWeights
	rng      *rand.Rand
	order    []int
	opts     TrainOptions
}

type parseExample struct {
	heads, labels []int // gold, projectivized; root is n+1
}

// newParserTrainer prepares to learn a parser from tagged (the sentences with predicted tags) and
// gold (the same sentences with gold trees).
func newParserTrainer(tagged, gold []Sentence, opts TrainOptions) *parserTrainer {
	labelSet := map[string]bool{"root": true}
	for _, s := range gold {
		for _, t := range s.Tokens {
			labelSet[t.Rel] = true
		}
	}
	p := &Parser{}
	for l := range labelSet {
		p.labels = append(p.labels, l)
	}
	slices.Sort(p.labels)
	p.root = slices.Index(p.labels, "root")
	labelIndex := map[string]int{}
	for i, l := range p.labels {
		labelIndex[l] = i
	}
	L := len(p.labels)

	examples := make([]parseExample, len(gold))
	lifted, arcs := 0, 0
	for i, s := range gold {
		n := len(s.Tokens)
		heads := make([]int, n+2)
		labels := make([]int, n+2)
		for j, t := range s.Tokens {
			heads[j+1] = t.Head
			labels[j+1] = labelIndex[t.Rel]
		}
		lifted += projectivize(heads[:n+1])
		arcs += n
		for j := 1; j <= n; j++ {
			if heads[j] == 0 {
				heads[j] = n + 1
			}
		}
		examples[i] = parseExample{heads: heads, labels: labels}
	}
	fmt.Fprintf(opts.Log, "parser: %d labels; %d of %d arcs lifted to projectivize\n", L, lifted, arcs)
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	return &parserTrainer{p: p, tagged: tagged, examples: examples, tw: newTrainWeights(1 + 2*L),
		rng: rand.New(rand.NewPCG(opts.Seed, 2)), order: order, opts: opts}
}

// epoch makes one pass over the training sentences in a new random order.
func (pt *parserTrainer) epoch(epoch int) {
	p, tw, rng, L := pt.p, pt.tw, pt.rng, len(pt.p.labels)
	scores := make([]float32, 1+2*L)
	var st state
	var pw parseWords
	var info []wordInfo
	var feats []uint64
	order := pt.order
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	correct, total := 0, 0
	for _, si := range order {
		ex := &pt.examples[si]
		toks := pt.tagged[si].Tokens
		n := len(toks)
		info = describe(info, toks, nil, nil)
		pw.fill(toks, info)
		st.reset(n)
		for !st.done() {
			feats = parseFeatures(feats[:0], &st, &pw)
			tw.score(feats, scores)
			guess, gm, gl := bestMove(&st, scores, L, p.root)
			costs := oracleCosts(&st, ex.heads)
			// the best-scoring zero-cost class
			goldClass, goldScore := -1, float32(0)
			consider := func(m, l int) {
				c := classOf(m, l, L)
				if goldClass < 0 || scores[c] > goldScore {
					goldClass, goldScore = c, scores[c]
				}
			}
			for m := shift; m <= right; m++ {
				if !st.valid(m) || costs[m] != 0 {
					continue
				}
				switch {
				case m == shift:
					consider(m, -1)
				case m == left && ex.heads[st.s(0)] == st.b,
					m == right && ex.heads[st.s(0)] == st.s(1):
					consider(m, ex.labels[st.s(0)])
				case st.b > st.n:
					consider(m, p.root)
				default:
					for l := 0; l < L; l++ {
						if l != p.root {
							consider(m, l)
						}
					}
				}
			}
			tw.tick()
			if goldClass < 0 { // no zero-cost move (cannot happen on projective trees)
				goldClass = guess
			}
			tw.update(feats, goldClass, guess)
			if goldClass == guess {
				correct++
			}
			total++
			if epoch > 0 && rng.Float64() < explore {
				st.apply(gm, gl)
			} else {
				m, l := moveOf(goldClass, L)
				st.apply(m, l)
			}
		}
	}
	fmt.Fprintf(pt.opts.Log, "parser epoch %d: %.2f%% of moves right on training\n", epoch+1, 100*float64(correct)/float64(total))
}

// parser returns the parser with the weights averaged so far.
func (pt *parserTrainer) parser() *Parser {
	p := *pt.p
	p.w = pt.tw.average()
	return &p
}

// oracleCosts returns, for SHIFT, LEFT and RIGHT, how many gold arcs still reachable from st
// the move makes unreachable (the arc-hybrid dynamic oracle of Goldberg and Nivre 2013). heads
// are the gold heads, the root at n+1.
func oracleCosts(st *state, heads []int) [3]int {
	var c [3]int
	n := st.n
	inStack := func(x int, skipTop bool) bool {
		top := len(st.stack)
		if skipTop {
			top--
		}
		for _, y := range st.stack[:max(top, 0)] {
			if y == x {
				return true
			}
		}
		return false
	}
	if st.b <= n {
		b := st.b
		for _, d := range st.stack {
			if heads[d] == b {
				c[shift]++
			}
		}
		if inStack(heads[b], true) {
			c[shift]++
		}
	}
	if len(st.stack) > 0 {
		s0 := st.s(0)
		deps := 0
		for d := st.b; d <= n; d++ {
			if heads[d] == s0 {
				deps++
			}
		}
		h := heads[s0]
		c[left] = deps
		if len(st.stack) > 1 && h == st.s(1) || h > st.b {
			c[left]++
		}
		c[right] = deps
		if h >= st.b {
			c[right]++
		}
	}
	return c
}

// projectivize lifts non-projective arcs of heads (1-based, heads[0] unused, 0 the root) until
// the tree is projective, shortest arcs first, and returns how many lifts it made.
func projectivize(heads []int) int {
	lifts := 0
	for {
		d := shortestNonProjective(heads)
		if d == 0 {
			return lifts
		}
		heads[d] = heads[heads[d]]
		lifts++
	}
}

// shortestNonProjective returns the dependent of the shortest non-projective arc, or 0.
func shortestNonProjective(heads []int) int {
	best, bestLen := 0, 0
	for d := 1; d < len(heads); d++ {
		h := heads[d]
		if h == 0 {
			continue
		}
		lo, hi := min(h, d), max(h, d)
		for k := lo + 1; k < hi; k++ {
			if !dominates(heads, h, k) {
				if best == 0 || hi-lo < bestLen {
					best, bestLen = d, hi-lo
				}
				break
			}
		}
	}
	return best
}

// dominates reports whether h is an ancestor of k.
func dominates(heads []int, h, k int) bool {
	for steps := 0; k != 0 && steps < len(heads); steps++ {
		k = heads[k]
		if k == h {
			return true
		}
	}
	return false
}

// score parses gold's words afresh (tags, lemmas and trees) and scores the result.
func (m *Model) score(gold []Sentence) (Scores, error) {
	sys := make([]Sentence, len(gold))
	for i := range gold {
		toks := make([]Token, len(gold[i].Tokens))
		for j, t := range gold[i].Tokens {
			toks[j] = Token{Form: t.Form}
		}
		sys[i] = Sentence{Tokens: toks}
		m.Parse(&sys[i])
	}
	return Evaluate(gold, sys)
}
