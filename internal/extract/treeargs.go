package extract

import (
	"slices"
	"strings"
)

// Arguments of an event read from the dependency tree: who did it (the predicate's subject,
// through shared subjects, participles and relative pronouns), to whom (its object, or the
// nominal after a preposition its frame names), where.

// relPronouns open a relative clause; as a subject they stand for the noun the clause modifies.
var relPronouns = map[string]bool{"who": true, "which": true, "that": true, "whom": true}

// targetCases are the prepositions that introduce the target of an act when the lexicon entry
// names none: "sanctions on Iran", "talks with Japan", "aggression against Ukraine".
var targetCases = map[string]bool{"against": true, "on": true, "upon": true, "with": true, "to": true,
	"toward": true, "towards": true, "at": true, "into": true, "of": true, "for": true, "from": true,
	"between": true, "among": true} // "brokered a truce between Colombia and the ELN"

// subject finds the node that acts as the subject of predicate n: its nsubj, or the subject it
// shares with the verb it is coordinated with or controlled by ("met Xi and signed", "urged
// Iran to withdraw", "accusing"), the noun a participle or relative clause modifies ("troops
// entering", "the envoy who met"). hops counts the links beyond the predicate's own subject.
func (t *tree) subject(n int) (subj, hops int) {
	for i := 0; n >= 0 && i < 4; i++ {
		c := -1
		for _, k := range t.kids[n] {
			if t.rel(k) == "nsubj" && k < n || t.rel(k) == "nsubj" && c < 0 {
				c = k // of two subjects (a misparse), the one nearest before the verb
			}
		}
		if c < 0 && i == 0 {
			// "is prepared to", "it is willing to": a frame's participle or adjective is no
			// passive, and its "it" no expletive.
			c = t.child(n, "nsubj:pass", "expl")
		}
		if c >= 0 {
			if t.rel(n) == "acl:relcl" && relPronouns[t.lemma(c)] {
				return t.head(n), i + 1
			}
			return c, i
		}
		h := t.head(n)
		if h < 0 {
			return -1, 0
		}
		if x := t.toks[n].XPOS; (x == "VBD" || x == "VBZ" || x == "VBP") && t.rel(n) != "conj" {
			return -1, 0 // a finite verb has a subject of its own, which the parse missed
		}
		switch t.rel(n) {
		case "conj":
			if t.passive(h) {
				return -1, 0 // "was arrested and expelled": its subject is the target
			}
		case "xcomp":
			if o := t.child(h, "obj", "iobj"); o >= 0 && t.hasChild(n, "mark", "to") {
				return o, i + 1 // "urged Iran to withdraw": Iran is to withdraw
			}
		case "advcl":
			if x := t.toks[n].XPOS; x != "VBG" && !t.hasChild(n, "mark", "to", "by", "after", "before", "while", "in") {
				return -1, 0
			}
			// "ordered the ambassador to leave, accusing Kigali": a participle set off by a
			// comma is said of the main clause's subject, wherever the parse attached it.
			if t.toks[n].XPOS == "VBG" && t.rel(h) == "xcomp" && t.hasChild(n, "punct", ",") && t.head(h) >= 0 {
				h = t.head(h)
				i++
			}
		case "acl":
			if t.toks[n].XPOS == "VBG" {
				return h, i + 1 // "troops entering the town"
			}
			return -1, 0
		case "acl:relcl":
			return h, i + 1
		default:
			return -1, 0
		}
		n = h
	}
	return -1, 0
}

// agent is the `by` phrase of a passive predicate or an event noun: "expelled by Mali", "the
// bombing by NATO".
func (t *tree) agent(n int) int {
	for _, c := range t.kids[n] {
		if r := t.rel(c); (r == "obl:agent" || r == "obl" || r == "nmod") && t.caseOf(c) == "by" {
			return c
		}
	}
	return -1
}

// nodeParty reads the party that node n names: the mention it heads, a pronoun or description
// standing for one ("he", "the two countries", "the bloc"), or, for a noun that names none itself
// ("officials", "the foreign minister"), the one its modifiers name ("Chinese officials", "the
// foreign minister of Japan", "Russia's military"). Coordinated nominals join it.
func (x *Extractor) nodeParty(d *doc, si int, t *tree, n int) party {
	p := x.nodeParty1(d, si, t, n, 0)
	for _, c := range t.kids[n] {
		if t.rel(c) != "conj" {
			continue
		}
		if u := t.toks[c].UPOS; u != "PROPN" && u != "NOUN" && u != "PRON" && u != "ADJ" && u != "NUM" {
			continue
		}
		q := x.nodeParty1(d, si, t, c, 0)
		p.ents = append(p.ents, q.ents...)
		p.sponsors = append(p.sponsors, q.sponsors...)
		p.coref = p.coref || q.coref
	}
	return p
}

func (x *Extractor) nodeParty1(d *doc, si int, t *tree, n, depth int) party {
	s := &d.sents[si]
	k := t.ext[n]
	ms := d.ments[si]
	if m := mentionOver(ms, k); m != nil {
		// "hosted US President Joe Biden": the person, not the title's country.
		if pm := personAfter(ms, m); pm != nil {
			m = pm
		}
		if p, _, ok := x.unitEndingAt(d, si, m.End-1); ok && len(p.ents) > 0 {
			return p
		}
		if p := x.partyOf(d, m); len(p.ents) > 0 {
			return p
		}
	}
	if p, start, ok := x.unitEndingAt(d, si, k); ok && len(p.ents) > 0 {
		if start < k {
			p = x.coordinateLeft(d, si, p, start) // "French and Egyptian warships"
		}
		return p
	}
	lower := s.Toks[k].Lower
	if depth == 0 && (t.toks[n].UPOS == "NOUN" || t.toks[n].XPOS == "VBG" && t.rel(n) == "amod") {
		if p := x.actDoer(d, si, t, n); len(p.ents) > 0 {
			return p // "condemned the seizure of Heglig by the South Sudanese army"
		}
	}
	det := t.child(n, "det")
	if det >= 0 {
		switch t.lemma(det) {
		case "the", "this", "that", "these":
			switch {
			case orgNouns[lower]:
				if o := d.lastOrg(si, k); o != nil {
					return party{ents: []*docEntity{o}, coref: true} // "joined the bloc"
				}
			case forceNouns[lower] != "" || generalActs[lower] != "":
				if a := d.lastAct(lower); a != nil {
					return party{ents: a, coref: true} // "condemned the annexation"
				}
			case pactWord(lower) && len(d.lastPact) > 0:
				return party{ents: d.lastPact, coref: true} // "oppose the pact"
			case stateNouns[lower] && t.child(n, "nmod:poss") < 0 && x.describesState(d, si, t, n):
				if c := x.lastCountry(d, si, k); c != nil {
					return party{ents: []*docEntity{c}, coref: true} // "accusing the Gulf state of"
				}
			}
		}
	}
	if depth >= 2 {
		return party{}
	}
	// A noun that names no one: its possessor, the name or adjective before it, its apposition,
	// "of X".
	for _, rels := range [][]string{{"compound", "amod", "flat"}, {"nmod:poss"}, {"appos"}, {"nmod"}} {
		for _, c := range t.kids[n] {
			r := t.rel(c)
			ok := false
			for _, want := range rels {
				ok = ok || r == want
			}
			if !ok || r == "nmod" && t.caseOf(c) != "of" && t.caseOf(c) != "from" {
				continue
			}
			if r == "nmod" && forceNouns[lower] != "" {
				continue // "the killing of Soleimani": whom the act struck, not who did it
			}
			// A name before a noun names its owner only when the noun stands for people ("U.S.
			// officials", "the Kremlin spokesman"); "the largest U.S. military facility" is a thing.
			if r == "compound" && !x.peopleNoun(lower) {
				continue
			}
			if p := x.nodeParty1(d, si, t, c, depth+1); len(p.ents) > 0 {
				for _, cc := range t.kids[c] {
					if t.rel(cc) == "conj" { // "French and Egyptian warships"
						q := x.nodeParty1(d, si, t, cc, depth+1)
						p.ents = append(p.ents, q.ents...)
						p.sponsors = append(p.sponsors, q.sponsors...)
					}
				}
				return p
			}
		}
	}
	return party{}
}

// treeTarget finds the target of predicate n: its object when that names a party, else the
// nominal after a preposition the lexicon entry names ("called on", "talks with"), else after
// one of the usual target prepositions, on the predicate or on its object ("imposed sanctions
// on Iran"). It returns the node too, or -1.
func (x *Extractor) treeTarget(d *doc, si int, t *tree, n int, p *pattern, actor party) (party, int) {
	// A party the actor owns is not its target: "withdraw its troops from Lebanon".
	other := func(q party) bool { return len(q.ents) > 0 && !sameParty(q, actor) }
	d.judge = actor
	defer func() { d.judge = party{} }()
	preps := map[string]bool{}
	for i, e := range p.elems {
		if i > 0 && e.word != "" {
			preps[e.word] = true
		}
	}
	var objs []int
	for _, c := range t.kids[n] {
		if r := t.rel(c); r == "obj" || r == "iobj" {
			if len(actor.ents) > 0 && t.ownedByPronoun(c) {
				continue // "allow its citizens", "withdraw their troops": the actor's own
			}
			if q := x.nodeParty(d, si, t, c); other(q) {
				return q, c
			}
			objs = append(objs, c)
			for _, cc := range t.kids[c] {
				if t.rel(cc) == "conj" {
					objs = append(objs, cc) // "photographs and other intelligence to Macedonia"
				}
			}
		}
	}
	// An event noun may be the object of a light verb ("held talks with", "imposed
	// sanctions on"): its head's prepositional phrases are its own.
	heads := []int{n}
	if r := t.rel(n); (r == "obj" || r == "nsubj:pass") && t.head(n) >= 0 {
		heads = append(heads, t.head(n))
	}
	// So are those of a phrase of the trigger's own ("spoke with the emir by telephone") and of
	// the means it names ("spoke by telephone with the emir", where the parse hangs "with the
	// emir" on "telephone").
	for _, c := range t.kids[n] {
		if t.rel(c) == "obl" && (preps[t.caseOf(c)] || meansNouns[t.lemma(c)]) && mentionOver(d.ments[si], t.ext[c]) == nil {
			heads = append(heads, c)
		}
	}
	for _, pass := range []int{0, 1} {
		for _, h := range append(heads, objs...) {
			for _, c := range t.kids[h] {
				r := t.rel(c)
				cs := t.caseOf(c)
				if r != "obl" && r != "nmod" && r != "obl:arg" && !(r == "obl:agent" && pass == 0 && preps[cs]) {
					continue // an agent only where the entry names "by" ("dismayed by")
				}
				if pass == 0 && !preps[cs] || pass == 1 && (preps[cs] || !targetCases[cs]) {
					continue
				}
				if cs == "of" && h == n && t.isVerb(n) {
					continue // "accused X of spying": the charge, not the target
				}
				if cs == "at" && pass == 1 && mentionOver(d.ments[si], t.ext[c]) == nil {
					continue // "at a Mercosur summit": a venue, not a target
				}
				if q := x.nodeParty(d, si, t, c); other(q) {
					return q, c
				}
			}
		}
	}
	// A party named anywhere in the object's phrase, for objects the parse got wrong inside.
	for _, c := range objs {
		if q := x.phraseParty(d, si, t, c); other(q) {
			return q, c
		}
	}
	// "demanded that the US cancel", "warned that Iran would": whom the clause is about.
	for _, c := range t.kids[n] {
		if t.rel(c) == "ccomp" {
			if sn := t.child(c, "nsubj", "nsubj:pass"); sn >= 0 {
				if q := x.nodeParty(d, si, t, sn); other(q) {
					return q, sn
				}
			}
		}
	}
	return party{}, -1
}

// meansNouns are the means of talking at a distance: "by telephone", "in a video call".
var meansNouns = map[string]bool{"telephone": true, "phone": true, "call": true, "videoconference": true,
	"video": true, "videolink": true, "link": true, "line": true, "letter": true, "message": true}

// treeLocation finds where predicate n happens: a place after in, at or near on the predicate
// or its object.
func (x *Extractor) treeLocation(d *doc, si int, t *tree, n int) *docEntity {
	ms := d.ments[si]
	heads := []int{n}
	for _, c := range t.kids[n] {
		if t.rel(c) == "obj" {
			heads = append(heads, c)
		}
	}
	for _, h := range heads {
		for _, c := range t.kids[h] {
			if r := t.rel(c); r == "obj" && h == n {
				// "shelled Kharkiv": a place as object is where the act happened.
				if m := mentionOver(ms, t.ext[c]); m != nil && m.Ent != nil && m.Type == Location && m.Metonym == "" {
					return m.Ent
				}
			}
			if r := t.rel(c); r != "obl" && r != "nmod" {
				continue
			}
			switch t.caseOf(c) {
			case "in", "at", "near", "inside":
				if m := mentionOver(ms, t.ext[c]); m != nil && m.Ent != nil && (m.Type == Location || m.Metonym != "" || m.Type == Country) {
					return m.Ent
				}
			}
		}
	}
	return nil
}

// lightLemmas are the verbs whose object noun names the act their subject does: "held talks",
// "imposed sanctions", "launched an offensive" (but not "prevent attacks").
var lightLemmas = map[string]bool{"hold": true, "have": true, "launch": true, "conduct": true, "begin": true,
	"start": true, "resume": true, "open": true, "make": true, "stage": true, "express": true, "voice": true,
	"announce": true, "issue": true, "lodge": true, "impose": true, "pursue": true, "continue": true,
	"complete": true, "end": true, "conclude": true, "reach": true, "give": true, "offer": true, "pay": true,
	"undertake": true, "raise": true, "renew": true, "step": true, "intensify": true, "carry": true,
	"join": true, "engage": true, "wage": true, "mount": true, "attend": true, "order": true, "sign": true,
	"extend": true, "deliver": true, "file": true, "send": true, "deploy": true, "provide": true, "host": true}

// nounActor finds the actor of an event noun n (and returns how many links away, and its node): its possessor or the name before it ("Russia's
// aggression", "US sanctions", "Israeli strikes"), the parties "between A and B", its `by`
// phrase, or the subject of the light verb whose object it is ("held talks", "imposed
// sanctions"), or of the verb it is the purpose of ("went to Geneva for talks").
func (x *Extractor) nounActor(d *doc, si int, t *tree, n int, cameo string, mediation bool) (party, int, int) {
	for _, c := range t.kids[n] {
		switch t.rel(c) {
		case "nmod:poss", "compound", "amod":
			if c > n {
				continue
			}
			if p := x.nodeParty1(d, si, t, c, 1); len(p.ents) > 0 {
				return p, 0, c
			}
		}
	}
	if !mediation {
		for _, c := range t.kids[n] {
			if r := t.rel(c); (r == "nmod" || r == "obl") && (t.caseOf(c) == "between" || t.caseOf(c) == "among") {
				if p := x.nodeParty(d, si, t, c); len(p.ents) >= 2 {
					return p, 0, c
				}
			}
		}
	}
	if a := t.agent(n); a >= 0 {
		if p := x.nodeParty(d, si, t, a); len(p.ents) > 0 {
			return p, 0, a
		}
	}
	h := t.head(n)
	if h < 0 || !t.isVerb(h) {
		return party{}, 0, -1
	}
	switch r := t.rel(n); {
	case r == "obj" && lightLemmas[t.lemma(h)], r == "obl" && t.caseOf(n) == "for" && strings.HasPrefix(cameo, "04"):
		if t.passive(h) {
			if a := t.agent(h); a >= 0 {
				return x.nodeParty(d, si, t, a), 1, a
			}
			return party{}, 0, -1
		}
		if sn, hops := t.subject(h); sn >= 0 {
			return x.nodeParty(d, si, t, sn), hops + 1, sn
		}
	}
	return party{}, 0, -1
}

// phraseParty is the first party named inside the phrase of node n (its subtree without the
// clauses attached to it), for phrases the parse got wrong inside ("gave the Ivory Coast 5
// million dollars", read as one noun phrase).
func (x *Extractor) phraseParty(d *doc, si int, t *tree, n int) party {
	if u := t.toks[n].UPOS; u != "NOUN" && u != "PROPN" && u != "NUM" && u != "ADJ" {
		return party{} // "the signing of a memorandum": a clause, not a party
	}
	ms := d.ments[si]
	// A place the act passes ("fired a missile over Japan") is no target.
	passed := func(m int) bool {
		for ; m >= 0 && m != n; m = t.head(m) {
			switch t.caseOf(m) {
			case "over", "across", "above", "past", "beyond", "through":
				return true
			}
		}
		return false
	}
	for _, m := range t.phrase(n) {
		if mm := mentionOver(ms, t.ext[m]); mm != nil && t.ext[m] == mm.End-1 && !passed(m) {
			if p, _, ok := x.unitEndingAt(d, si, mm.End-1); ok && len(p.ents) > 0 {
				return p
			}
		}
	}
	return party{}
}

// mentionOver returns the mention that covers token k, or nil.
func mentionOver(ms []*mention, k int) *mention {
	for _, m := range ms {
		if m.Start <= k && k < m.End {
			return m
		}
	}
	return nil
}

// subjectParty is the party of a subject node; a name followed by a comma at the start of the
// subject's phrase is the subject, whatever the parse made head ("Pakistan, a key U.S. ally in
// the war, has refused": the ally is Pakistan).
func (x *Extractor) subjectParty(d *doc, si int, t *tree, n int) party {
	if p, ok := x.reportedSubject(d, si, t, n); ok {
		return p
	}
	first := t.phrase(n)[0]
	toks := d.sents[si].Toks
	if m := mentionOver(d.ments[si], t.ext[first]); m != nil && m.End < len(toks) && toks[m.End].Text == "," && t.ext[first] < t.ext[n] {
		if p, _, ok := x.unitEndingAt(d, si, m.End-1); ok && len(p.ents) > 0 {
			return p
		}
	}
	if p := x.nodeParty(d, si, t, n); len(p.ents) > 0 {
		return p
	}
	return x.phraseParty(d, si, t, n)
}

// ownedByPronoun reports a noun possessed by a pronoun ("its citizens", "their border"), which
// within a clause is the subject's own.
func (t *tree) ownedByPronoun(n int) bool {
	for _, c := range t.kids[n] {
		if t.rel(c) == "nmod:poss" && t.toks[c].UPOS == "PRON" {
			return true
		}
	}
	return false
}

// climb names the links followed from predicate n to the node whose subject it shares, for
// derivations: "" for its own subject, " of conj head" for "met Xi and signed".
func (t *tree) climb(n, hops int) string {
	var rels []string
	for i := 0; i < hops && n >= 0; i++ {
		rels = append(rels, t.rel(n))
		n = t.head(n)
	}
	if len(rels) == 0 {
		return ""
	}
	return " of the " + strings.Join(rels, "<") + " head"
}

// peopleNoun reports a noun that stands for people who may act for a state or an organization:
// "officials", "troops", "rebels", "minister", "spokesman".
func (x *Extractor) peopleNoun(w string) bool {
	if x.lx.is(w, "agent") || x.lx.is(w, "group") {
		return true
	}
	_, ok := x.lx.roles[w]
	return ok
}

// phrase is node n and its dependents, without the clauses attached to it, in text order.
func (t *tree) phrase(n int) []int {
	nodes := []int{n}
	for i := 0; i < len(nodes); i++ {
		for _, c := range t.kids[nodes[i]] {
			if !clausal[t.rel(c)] {
				nodes = append(nodes, c)
			}
		}
	}
	slices.Sort(nodes)
	return nodes
}

// reportedSubject resolves the pronoun subject of reported speech to the one who speaks when
// they agree: "Russia said it would expel", "Kagame told reporters he had not", "the two
// leaders said they": the speaker, not the name nearest the pronoun ("Moscow, which accuses
// Kyiv, said it ..."). It reports false for other nodes, or when the speaker is no party that
// the pronoun can stand for.
func (x *Extractor) reportedSubject(d *doc, si int, t *tree, n int) (party, bool) {
	if t.toks[n].UPOS != "PRON" || t.rel(n) != "nsubj" && t.rel(n) != "nsubj:pass" {
		return party{}, false
	}
	pron := strings.ToLower(t.toks[n].Form)
	switch pron {
	case "it", "he", "she", "they":
	default:
		return party{}, false
	}
	c := t.head(n)
	if c < 0 || t.rel(c) != "ccomp" {
		return party{}, false
	}
	v := t.head(c)
	sv := t.child(v, "nsubj")
	if sv < 0 || t.toks[sv].UPOS == "PRON" || !speechVerbs[strings.ToLower(t.toks[v].Form)] {
		return party{}, false
	}
	p := x.nodeParty(d, si, t, sv)
	if len(p.ents) == 0 {
		return party{}, false
	}
	person := p.ents[0].Type == Person
	switch pron {
	case "it":
		if person || len(p.ents) > 1 {
			return party{}, false
		}
	case "he", "she":
		if !person || len(p.ents) > 1 || wrongGender(p.ents[0].Gender, pron) {
			return party{}, false
		}
	case "they":
		if person && len(p.ents) == 1 {
			return party{}, false
		}
	}
	p.coref = true
	return p, true
}
