package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/syntax"
)

// datelineEnd returns the first token after the dateline that opens a wire report ("DUBAI,
// June 5 (Reuters) -", "WASHINGTON (AP) —"): a place in capitals, then a dash within a dozen
// tokens. The dateline is no part of the sentence's syntax; parsed with it, the lead's subject
// becomes an apposition of the place. It returns 0 when the sentence has none.
func datelineEnd(s *sentence) int {
	if !s.ParaFirst || len(s.Toks) < 4 || !s.Toks[0].Upper {
		return 0
	}
	for k := 1; k < len(s.Toks)-2 && k <= 12; k++ {
		switch s.Toks[k].Text {
		case "-", "--", "—", "–":
			return k + 1
		}
	}
	return 0
}

// tree is the dependency parse of one sentence (internal/syntax), aligned with the extractor's
// tokens by byte offsets. Nodes are indexes into toks; the extractor's token k corresponds to
// node[k] (the word of its pieces that heads the others) and node n to ext[n].
type tree struct {
	toks []syntax.Token
	node []int   // extractor token → node, -1 when no word of the parse starts in it
	ext  []int   // node → extractor token
	kids [][]int // node → its dependents, in text order
}

// placeholders stand in the parse for the names the extractor found: one word the treebank
// knows well, of the same kind, so that a multi-word or unknown name ("Prime Minister Fumio
// Kishida", "Ardern") is one proper noun to the parser, as it is to the reader.
var placeholders = map[EntityType]string{Person: "Smith", Country: "France", Organization: "Google", Location: "Paris"}

// parse returns the tree of sentence si, parsing it on first use. The parser reads the
// sentence's tokens as the extractor split them (each split further by UD's conventions:
// "didn't" is two words), with every name replaced by its placeholder.
func (x *Extractor) parse(d *doc, si int) *tree {
	if d.trees == nil {
		d.trees = make([]*tree, len(d.sents))
	}
	if t := d.trees[si]; t != nil {
		return t
	}
	s := &d.sents[si]
	t := &tree{node: make([]int, len(s.Toks))}
	starts := map[int]*mention{} // first token of a name → its mention
	for _, m := range d.ments[si] {
		if _, ok := placeholders[m.Type]; !ok || m.Adj || m.Pronoun || m.Ent == nil {
			continue
		}
		if w := s.Toks[m.Start].Lower; m.End-m.Start == 1 && strings.HasSuffix(w, "s") && !strings.HasSuffix(strings.ToLower(m.Ent.Label), "s") {
			continue // "Palestinians", "Iraqis": a plural noun the treebank knows
		}
		first := m.Start
		if m.Type == Person && m.UnitStart < m.Start && m.UnitStart >= 0 {
			first = m.UnitStart // "Japan's Prime Minister Fumio Kishida"
		}
		if o := starts[first]; o == nil || o.End < m.End {
			starts[first] = m
		}
	}
	var toks []syntax.Token
	first := datelineEnd(s)
	for k := 0; k < first; k++ {
		t.node[k] = -1
	}
	for k := first; k < len(s.Toks); k++ {
		tk := s.Toks[k]
		if m := starts[k]; m != nil && m.End > k {
			n := len(toks)
			toks = append(toks, syntax.Token{Form: placeholders[m.Type], Start: tk.Start, End: s.Toks[m.End-1].End, SpaceAfter: true})
			t.ext = append(t.ext, m.End-1)
			for j := k; j < m.End; j++ {
				t.node[j] = n
			}
			k = m.End - 1
			continue
		}
		t.node[k] = -1
		for _, st := range syntax.Tokens(d.text[tk.Start:tk.End], tk.Start) {
			toks = append(toks, st)
			t.ext = append(t.ext, k)
		}
	}
	ss := syntax.Sentence{Start: s.Toks[first].Start, End: s.End, Tokens: toks}
	x.syntax.Parse(&ss)
	t.toks = ss.Tokens
	t.link()
	actor := func(n int) bool {
		m := mentionOver(d.ments[si], t.ext[n])
		return m != nil && !m.Adj && (m.Type == Person || m.Type == Country || m.Type == Organization)
	}
	if t.placeSubject(actor) {
		t.link()
	}
	if t.reducedRelative() {
		t.link()
	}
	// The node of a token split in several words is the word whose head lies outside it
	// ("did" of "didn't").
	for n := range t.toks {
		k := t.ext[n]
		if t.node[k] < 0 {
			t.node[k] = n
			continue
		}
		if t.ext[t.node[k]] != k || t.node[k] == n {
			continue // a name's placeholder
		}
		if h := t.head(n); h < 0 || t.ext[h] != k {
			if h0 := t.head(t.node[k]); h0 >= 0 && t.ext[h0] == k {
				t.node[k] = n
			}
		}
	}
	d.trees[si] = t
	return t
}

// link fills kids from the heads.
func (t *tree) link() {
	t.kids = make([][]int, len(t.toks))
	for n := range t.toks {
		if h := t.head(n); h >= 0 {
			t.kids[h] = append(t.kids[h], n)
		}
	}
}

// placeSubject mends a parse the news opening "In Washington, President Obama said" gets from
// the parser: the actor's name after the comma made a conjunct or an apposition of the place,
// though no "and" joins them and the verb has no subject. The name becomes the verb's subject.
// actor reports that a node names a person, country or organization. It reports a change.
func (t *tree) placeSubject(actor func(n int) bool) bool {
	changed := false
	for n := range t.toks {
		if r := t.rel(n); r != "conj" && r != "appos" || n == 0 || t.toks[n-1].Form != "," || !actor(n) {
			continue
		}
		o := t.head(n)
		if o < 0 || t.rel(o) != "obl" || t.child(o, "cc") >= 0 || t.child(o, "case") < 0 || t.child(o, "case") > o {
			continue
		}
		v := t.head(o)
		if v < 0 || v < n || t.child(v, "nsubj", "nsubj:pass") >= 0 || t.toks[v].UPOS != "VERB" {
			continue
		}
		t.toks[n].Head, t.toks[n].Rel = v+1, "nsubj"
		for c := n + 1; c < len(t.toks); c++ {
			if t.head(c) == o && (t.rel(c) == "conj" || t.rel(c) == "cc" && c < v) {
				t.toks[c].Head = n + 1 // "In Kabul, Esper and Stoltenberg issued"
			}
		}
		changed = true
	}
	return changed
}

// reducedRelative mends the parse the parser gives a participle with its agent after an object
// ("condemned the bombardments carried out by the air force"): a clause whose subject is the
// noun ("bombardments carried out", ccomp of "condemned"), though no auxiliary makes it finite and
// the "by" phrase is the participle's agent. The noun becomes the object again, the participle
// its modifier (acl) and the "by" phrase its obl:agent. It reports a change.
func (t *tree) reducedRelative() bool {
	changed := false
	for v := range t.toks {
		if t.rel(v) != "ccomp" || t.toks[v].XPOS != "VBN" && t.toks[v].XPOS != "VBD" || t.child(v, "aux", "aux:pass", "cop", "mark") >= 0 {
			continue
		}
		n, by := t.child(v, "nsubj"), -1
		for _, c := range t.kids[v] {
			if t.rel(c) == "obl" && t.caseOf(c) == "by" && c > v {
				by = c
			}
		}
		h := t.head(v)
		if n < 0 || by < 0 || n > v || h < 0 || h > n || t.child(h, "obj") >= 0 || t.toks[n].UPOS != "NOUN" {
			continue
		}
		t.toks[n].Head, t.toks[n].Rel = h+1, "obj"
		t.toks[v].Head, t.toks[v].Rel = n+1, "acl"
		t.toks[by].Rel = "obl:agent"
		changed = true
	}
	return changed
}

// insideNounPhrase reports that node n, a modifier before its head noun, stands inside the
// noun's phrase: after its determiner or possessor ("the occupied territories", "Yemen's
// internationally recognised government"), or with an adverb of its own. A participle at the
// phrase's start may be the clause's verb the parser took for a modifier ("commanders held
// talks").
func (t *tree) insideNounPhrase(n int) bool {
	if t.child(n, "obj", "aux", "aux:pass", "nsubj") >= 0 || n > 0 && t.toks[n-1].Form == "-" {
		return false // "had earlier accused France"; "the Algeria-backed Polisario" names its backer
	}
	if a := t.child(n, "advmod"); a >= 0 && a == n-1 {
		return true // "internationally recognised"
	}
	h := t.head(n)
	for _, c := range t.kids[h] {
		if c < n && (t.rel(c) == "det" || t.rel(c) == "nmod:poss") {
			return true
		}
	}
	return false
}

// planNouns name an act intended, not done: "her plan to visit Guatemala", "a bid to join".
var planNouns = map[string]bool{"plan": true, "intention": true, "bid": true, "attempt": true,
	"offer": true, "proposal": true, "desire": true, "hope": true, "wish": true, "idea": true,
	"readiness": true, "willingness": true, "effort": true, "push": true, "drive": true}

// readyWords are adjectives of a readiness that has not acted: "ready to host a meeting".
var readyWords = map[string]bool{"ready": true, "willing": true, "prepared": true, "eager": true,
	"keen": true, "open": true}

// cancelVerbs undo an event named by a noun: "the meeting was cancelled", "called off the
// talks".
var cancelVerbs = map[string]bool{"cancel": true, "postpone": true, "scrap": true, "delay": true,
	"shelve": true, "abandon": true, "defer": true}

// unrealized reports an act that the tree says was only meant or offered: a verb that tells
// what a plan is ("her plan to visit Guatemala"), a noun that is the object of a readiness or
// an offer ("ready to host a meeting between", "offered to host talks"), or a noun of an act
// cancelled ("the summit was cancelled", "called off the talks").
func (t *tree) unrealized(n int, nominal bool) bool {
	h := t.head(n)
	if h < 0 {
		return false
	}
	if !nominal {
		if !t.hasChild(n, "mark", "to") {
			return false
		}
		// "her plan to visit", also where the parse hangs "to visit" elsewhere
		return t.rel(n) == "acl" && planNouns[t.lemma(h)] || n >= 2 && t.toks[n-1].Form == "to" && planNouns[t.lemma(n-2)] && t.toks[n-2].UPOS == "NOUN"
	}
	r := t.rel(n)
	if r != "obj" && r != "nsubj:pass" {
		return false
	}
	if cancelVerbs[t.lemma(h)] || t.lemma(h) == "call" && t.hasChild(h, "compound:prt", "off") {
		return true
	}
	if r == "obj" {
		if t.lemma(h) == "offer" || t.lemma(h) == "propose" {
			return true // "offered to host talks", "proposed a meeting"
		}
		if g := t.head(h); g >= 0 && t.rel(h) == "xcomp" && (readyWords[t.lemma(g)] || t.lemma(g) == "offer" || t.lemma(g) == "propose") {
			return true // "ready to host a meeting", "offered to host talks"
		}
	}
	return false
}

// didNotHappen reports a noun of an act that the clause says did not take place: "a meeting
// between Duda and Zelenskiy did not take place", "the talks never happened".
func (t *tree) didNotHappen(n int) bool {
	h := t.head(n)
	if h < 0 || t.rel(n) != "nsubj" || !t.negated(h) {
		return false
	}
	switch t.lemma(h) {
	case "happen", "occur", "materialize", "materialise", "proceed":
		return true
	case "take":
		return t.hasChild(h, "obj", "place")
	case "go":
		return t.hasChild(h, "advmod", "ahead") || t.hasChild(h, "compound:prt", "ahead")
	}
	return false
}

// head is the head of node n, or -1 for the root.
func (t *tree) head(n int) int { return t.toks[n].Head - 1 }

// rel is the relation of node n to its head ("nsubj", "obl:agent", ...).
func (t *tree) rel(n int) string { return t.toks[n].Rel }

// lemma is the lower-cased lemma of node n.
func (t *tree) lemma(n int) string { return strings.ToLower(t.toks[n].Lemma) }

// child returns the first dependent of n whose relation is one of rels, or -1.
func (t *tree) child(n int, rels ...string) int {
	for _, c := range t.kids[n] {
		for _, r := range rels {
			if t.toks[c].Rel == r {
				return c
			}
		}
	}
	return -1
}

// hasChild reports whether n has a dependent with relation rel and one of the lemmas.
func (t *tree) hasChild(n int, rel string, lemmas ...string) bool {
	for _, c := range t.kids[n] {
		if t.toks[c].Rel != rel {
			continue
		}
		l := t.lemma(c)
		for _, w := range lemmas {
			if l == w {
				return true
			}
		}
	}
	return false
}

// caseOf is the preposition of a nominal (its `case` dependent, "on" in "on Iran"), or "".
func (t *tree) caseOf(n int) string {
	var parts []string
	for _, c := range t.kids[n] {
		if t.toks[c].Rel == "case" && c < n {
			parts = append(parts, t.lemma(c))
		}
	}
	return strings.Join(parts, " ")
}

// isVerb reports whether node n is a verb or auxiliary.
func (t *tree) isVerb(n int) bool { u := t.toks[n].UPOS; return u == "VERB" || u == "AUX" }

// predicate is the node an event trigger stands on: its first word, or, for a copula or
// auxiliary ("became a member"), the word it serves.
func (t *tree) predicate(k int) int {
	n := t.node[k]
	if n < 0 {
		return -1
	}
	switch t.rel(n) {
	case "cop", "aux", "aux:pass":
		if h := t.head(n); h >= 0 {
			return h
		}
	}
	return n
}

// passive reports whether predicate n is in the passive voice: "was expelled", "sanctions
// imposed by the EU" (a participle modifying a noun).
func (t *tree) passive(n int) bool {
	if t.child(n, "nsubj:pass", "aux:pass") >= 0 {
		return true
	}
	return t.rel(n) == "acl" && t.toks[n].XPOS == "VBN"
}

// clausal relations start a clause of their own, whose words are no part of a noun phrase.
var clausal = map[string]bool{"acl": true, "acl:relcl": true, "advcl": true, "ccomp": true, "xcomp": true,
	"parataxis": true, "csubj": true, "punct": true, "conj": true, "cc": true, "dep": true, "list": true}

// path names the relations from node n up to its clause's predicate, for `query explain`:
// "nsubj", "obl:on<obj".
func (t *tree) path(from, to int) string {
	var parts []string
	for n, i := from, 0; n >= 0 && n != to && i < 8; n, i = t.head(n), i+1 {
		r := t.rel(n)
		if c := t.caseOf(n); c != "" && (strings.HasPrefix(r, "obl") || strings.HasPrefix(r, "nmod")) {
			r += "(" + c + ")"
		}
		parts = append(parts, r)
	}
	return strings.Join(parts, "<")
}

// underFrame reports whether node n is the act of the frame predicate f: its xcomp or ccomp,
// directly or through a chain of them ("agreed to begin negotiating").
func (t *tree) underFrame(n, f int) bool {
	comp := false // a complement link seen: a conjunct of the frame verb itself is no act of it
	for i := 0; n >= 0 && i < 4; i++ {
		h := t.head(n)
		if h < 0 {
			return false
		}
		switch t.rel(n) {
		case "xcomp", "ccomp":
			comp = true
		case "conj":
		default:
			return false
		}
		if h == f {
			return comp
		}
		n = h
	}
	return false
}

// conditional reports whether predicate n stands in a condition or a question of whether:
// "if Russia invades", "unless talks resume", "whether to impose".
// Every clause on the way up counts: a noun's relative clause inside an if clause is as
// hypothetical ("if there is a situation where China is seen to be aligned with Russia").
func (t *tree) conditional(n int) bool {
	for i := 0; n >= 0 && i < 12; i++ {
		if t.hasChild(n, "mark", "if", "unless", "whether") {
			return true
		}
		n = t.head(n)
	}
	return false
}

// modal reports whether predicate n is only possible, or did not happen: "could expel", "may
// impose", "would have condemned".
func (t *tree) modal(n int) bool {
	return t.hasChild(n, "aux", "could", "might", "may") ||
		t.hasChild(n, "aux", "have") && t.hasChild(n, "aux", "would", "should")
}

// reportedBy reports whether predicate n is the complement of a verb with one of the lemmas
// ("said it would expel", "announced it would prohibit").
func (t *tree) reportedBy(n int, lemmas ...string) bool {
	for i := 0; n >= 0 && i < 4; i++ {
		h := t.head(n)
		if h < 0 || t.rel(n) != "ccomp" && t.rel(n) != "xcomp" && t.rel(n) != "conj" {
			return false
		}
		l := t.lemma(h)
		for _, w := range lemmas {
			if l == w {
				return true
			}
		}
		n = h
	}
	return false
}

// conditionAnywhere reports an if or unless clause anywhere in the sentence.
func (t *tree) conditionAnywhere() bool {
	for n := range t.toks {
		if t.rel(n) == "mark" {
			if l := t.lemma(n); l == "if" || l == "unless" {
				return true
			}
		}
	}
	return false
}

// future reports whether predicate n is announced for later: "will visit", "would impose",
// "is to meet", "is going to", "is due to meet".
func (t *tree) future(n int) bool {
	if t.hasChild(n, "aux", "will", "would", "shall", "'ll", "wo") {
		return true
	}
	// "is to visit", "are going to sign": the xcomp of a finite be or go.
	if t.rel(n) == "xcomp" && t.hasChild(n, "mark", "to") {
		h := t.head(n)
		switch l := t.lemma(h); {
		case l == "be" || l == "go" && t.toks[h].XPOS == "VBG":
			return true
		case l == "due" || l == "schedule" || l == "slate" || l == "set":
			// "is due to meet", "is scheduled to visit", "is set to sign"
			return t.child(h, "aux:pass") >= 0 || t.child(h, "cop") >= 0
		}
	}
	return false
}

// expected reports whether predicate n is only expected of its subject, by others: "is expected
// to travel", "is likely to sign". What an observer foresees has not happened, nor is it the
// actor's own stated intent (a schedule is: "is due to meet" is future).
// So is what it is to do there: "is expected to travel to Riyadh to meet the king".
func (t *tree) expected(n int) bool {
	for i := 0; i < 3; i++ {
		h := t.head(n)
		if h < 0 || !t.hasChild(n, "mark", "to") {
			return false
		}
		switch r := t.rel(n); {
		case r == "xcomp":
			switch t.lemma(h) {
			case "expect", "poise", "tip", "likely", "unlikely":
				if t.child(h, "aux:pass") >= 0 || t.child(h, "cop") >= 0 {
					return true
				}
			}
		case r != "advcl":
			return false
		}
		n = h
	}
	return false
}

// negated reports whether predicate n is denied: "did not meet", "never signed", "no talks".
func (t *tree) negated(n int) bool {
	if t.hasChild(n, "advmod", "longer") {
		return false // "no longer recognises": a state ends, the act is not denied
	}
	// "has yet to ratify", "is yet to sign": not done.
	if h := t.head(n); h >= 0 && t.rel(n) == "xcomp" && t.hasChild(h, "advmod", "yet") && (t.lemma(h) == "have" || t.lemma(h) == "be") {
		return true
	}
	// "agreed to refrain from criticising Japan": an act forgone.
	if h := t.head(n); h >= 0 && (t.rel(n) == "advcl" || t.rel(n) == "xcomp" || t.rel(n) == "obl") && t.hasChild(n, "mark", "from") {
		switch t.lemma(h) {
		case "refrain", "abstain", "desist":
			return true
		}
	}
	for _, c := range t.kids[n] {
		switch t.rel(c) {
		case "advmod":
			if l := t.lemma(c); l == "not" || l == "never" || l == "n't" {
				return true
			}
		case "det":
			if t.lemma(c) == "no" {
				return true
			}
		}
	}
	return false
}
