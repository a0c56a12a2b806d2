package extract

// Personal pronouns ("he", "his", "she", "her") are resolved by salience, after Lappin and
// Leass (1994), on the parse: every person named in the pronoun's sentence before it and in the
// two sentences before that scores for each of their mentions, by the mention's grammatical role
// (a subject over an object over an oblique; the head of a noun phrase over a name inside
// another, "the release of Osman Kavala"), the score halved for each sentence back. A pronoun
// resolved earlier counts as a mention of its antecedent, so a chain of "he said" keeps its
// person. The pronoun goes to the most salient person its gender allows; of two equally salient,
// the nearer. The nearest name alone, which the coder took before, loses the subject of a
// report to whoever its clauses mention last.

// Salience weights (Lappin and Leass's, which their paper tuned on computer manuals; the ones
// the parse cannot tell, existentials and non-adverbial emphasis, are left out).
const (
	salRecency  = 100 // a mention in the current sentence
	salSubject  = 80
	salObject   = 50
	salOblique  = 40 // an indirect object or an oblique argument
	salHeadNoun = 80 // not inside another noun phrase
	salParallel = 35 // the same role as the pronoun (a subject antecedent for a subject pronoun)
	salWindow   = 2  // sentences before the pronoun's that are read
)

// personAt is a person's mention or a resolved pronoun: where it is and whom it names.
type personAt struct {
	m       *mention // the named mention (for a pronoun: the one it was resolved to)
	si, tok int      // sentence and last token
}

// lastPerson is the person the pronoun at token k of sentence si most likely stands for (see
// the top), passing over the mentions skip rejects; nil when no person is in reach.
func (x *Extractor) lastPerson(d *doc, si, k int, skip func(*mention) bool) *mention {
	if skip == nil {
		if m, ok := d.pronouns[[2]int{si, k}]; ok {
			return m
		}
	}
	m := x.resolvePerson(d, si, k, skip)
	if skip == nil {
		if d.pronouns == nil {
			d.pronouns = map[[2]int]*mention{}
		}
		d.pronouns[[2]int{si, k}] = m
	}
	return m
}

func (x *Extractor) resolvePerson(d *doc, si, k int, skip func(*mention) bool) *mention {
	pronoun := d.sents[si].Toks[k].Lower
	// One person in reach needs no parse: the parse of the sentences before is the cost.
	if m := d.onlyPerson(si, k, pronoun, skip); m != nil {
		return m
	}
	pt := x.parse(d, si)
	pn, _ := ownNode(pt, k)
	pRole := roleClass(pt, pn)
	type cand struct {
		m       *mention
		score   int
		si, tok int // the latest mention
	}
	var cands []*cand
	byEnt := map[*docEntity]*cand{}
	add := func(c personAt, weight int) {
		e := c.m.Ent
		if wrongGender(e.Gender, pronoun) {
			return
		}
		o := byEnt[e]
		if o == nil {
			o = &cand{m: c.m, si: -1}
			byEnt[e] = o
			cands = append(cands, o)
		}
		o.score += weight
		if c.si > o.si || c.si == o.si && c.tok > o.tok {
			o.si, o.tok = c.si, c.tok
			if c.m.Sent == c.si {
				o.m = c.m // the latest named mention: its title and country come with it
			}
		}
	}
	for s := si; s >= 0 && s >= si-salWindow; s-- {
		t := x.parse(d, s)
		before := len(d.sents[s].Toks)
		if s == si {
			before = k
		}
		for _, c := range x.peopleIn(d, s, before) {
			if c.tok >= before || skip != nil && skip(c.m) {
				continue
			}
			n, emb := ownNode(t, c.tok)
			r := roleClass(t, n)
			if s == si && coArguments(pt, pn, n) {
				continue // "Xi told him": not Xi
			}
			w := salRecency + roleWeight(r)
			if !emb && !embeddedNoun(t, n) {
				w += salHeadNoun
			}
			if r == pRole && r != "" {
				w += salParallel
			}
			shift := si - s
			if d.sents[s].Para != d.sents[si].Para {
				shift++ // a new paragraph moves the story on
			}
			add(c, w>>shift)
		}
	}
	var best *cand
	for _, c := range cands {
		if best == nil || c.score > best.score || c.score == best.score && (c.si > best.si || c.si == best.si && c.tok > best.tok) {
			best = c
		}
	}
	if best == nil {
		return nil
	}
	return best.m
}

// onlyPerson is the latest mention of the one person the pronoun at token k of sentence si can
// stand for by name within the window, or nil when there are none or several.
func (d *doc) onlyPerson(si, k int, pronoun string, skip func(*mention) bool) *mention {
	var only *mention
	for s := si; s >= 0 && s >= si-salWindow; s-- {
		ms := d.ments[s]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if s == si && m.End > k || m.Ent == nil || m.Type != Person || skip != nil && skip(m) || wrongGender(m.Ent.Gender, pronoun) {
				continue
			}
			if only != nil && only.Ent != m.Ent {
				return nil
			}
			if only == nil {
				only = m
			}
		}
	}
	return only
}

// peopleIn lists the people of sentence si before token before: its person mentions, and its
// personal pronouns resolved (which reads the text before them).
func (x *Extractor) peopleIn(d *doc, si, before int) []personAt {
	var out []personAt
	for _, m := range d.ments[si] {
		if m.Ent != nil && m.Type == Person {
			out = append(out, personAt{m: m, si: si, tok: m.End - 1})
		}
	}
	for k, tk := range d.sents[si].Toks[:before] {
		switch tk.Lower {
		case "he", "him", "his", "she", "her":
		default:
			continue
		}
		if mentionOver(d.ments[si], k) != nil {
			continue
		}
		if m := x.lastPerson(d, si, k, nil); m != nil {
			out = append(out, personAt{m: m, si: si, tok: k})
		}
	}
	return out
}

// ownNode is the parse node of token k when k is a word of its own, else -1; inside reports a
// token inside a name's placeholder ("her" of "her counterpart Wang Yi"), which sits in the
// name's noun phrase.
func ownNode(t *tree, k int) (n int, inside bool) {
	n = t.node[k]
	if n >= 0 && t.ext[n] != k {
		return -1, true
	}
	return n, false
}

// roleClass is the grammatical role of node n for salience: "subj", "obj", "obl" or "". A
// conjunct or an apposition has the role of the noun it joins.
func roleClass(t *tree, n int) string {
	for i := 0; n >= 0 && i < 4; i++ {
		switch t.rel(n) {
		case "nsubj", "nsubj:pass", "obl:agent":
			return "subj"
		case "obj":
			return "obj"
		case "iobj", "obl":
			return "obl"
		case "root":
			if u := t.toks[n].UPOS; u == "PROPN" || u == "NOUN" {
				return "subj" // a name the parse left at the root is the sentence's topic
			}
			return ""
		case "conj", "appos", "flat", "compound":
			n = t.head(n)
			continue
		}
		return ""
	}
	return ""
}

func roleWeight(r string) int {
	switch r {
	case "subj":
		return salSubject
	case "obj":
		return salObject
	case "obl":
		return salOblique
	}
	return 0
}

// embeddedNoun reports a noun inside another noun phrase: a modifier of a noun ("the release
// of Kavala", "Kavala's lawyers") or in a clause that modifies one.
func embeddedNoun(t *tree, n int) bool {
	for i := 0; n >= 0 && i < 4; i++ {
		switch t.rel(n) {
		case "nmod", "nmod:poss", "compound":
			return true
		case "conj", "appos", "flat":
			n = t.head(n)
			continue
		}
		return false
	}
	return false
}

// coArguments reports two core arguments of one verb ("she" and "him" of "she told him"; the
// subject of the verb a second one is joined to, "Blinken telephoned Aliyev and urged him"),
// which a non-reflexive pronoun cannot share a referent with.
func coArguments(t *tree, a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	core := func(n int) bool {
		switch t.rel(n) {
		case "nsubj", "nsubj:pass", "obj", "iobj":
			return true
		}
		return false
	}
	for i := 0; i < 3 && t.head(b) >= 0 && (t.rel(b) == "appos" || t.rel(b) == "flat"); i++ {
		b = t.head(b) // "Kuwait's emir, Sheikh Sabah"
	}
	if !core(a) || !core(b) {
		return false
	}
	v := t.head(a)
	if v == t.head(b) {
		return true
	}
	// The subject of the first verb is the second's too when it has none of its own.
	return t.rel(b) != "obj" && t.rel(b) != "iobj" && v >= 0 && t.rel(v) == "conj" && t.child(v, "nsubj", "nsubj:pass") < 0 && t.head(v) == t.head(b)
}

// wrongGender reports a pronoun that cannot stand for a person of the known gender ("he" for
// Mrs Thatcher).
func wrongGender(g byte, pronoun string) bool {
	switch pronoun {
	case "he", "him", "his":
		return g == 'f'
	case "she", "her", "hers":
		return g == 'm'
	}
	return false
}
