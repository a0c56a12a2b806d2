package extract

import "strings"

// Deeds: the doer of an act named by a noun ("condemned the burning", "called the release
// irresponsible", "criticised the decision") is the subject of the verb that reported the act
// earlier ("Paludan burned a Koran", "Japan released the water"), found by the verb's lemma and
// read from that sentence's parse.

// deedReach is how many sentences back a noun may name an act reported by a verb.
const deedReach = 8

// irregularDeeds are nouns whose verb no suffix rule reaches.
var irregularDeeds = map[string]string{"expulsion": "expel", "detention": "detain",
	"destruction": "destroy", "abduction": "abduct", "seizure": "seize", "closure": "close",
	"departure": "depart", "response": "respond", "defence": "defend", "defense": "defend",
	"complaint": "complain", "threat": "threaten", "pursuit": "pursue", "sale": "sell",
	"flight": "fly", "shootdown": "shoot", "speech": "speak", "proof": "prove", "choice": "choose"}

// nominalSuffixes end nouns made from verbs, longest first.
var nominalSuffixes = []string{"ation", "ition", "ution", "ment", "sion", "tion", "ance", "ence", "ure", "ion", "ing", "al"}

// deedVerb reports whether the verb lemma v names the act that noun n (a singular noun) does:
// "burning" burn, "decision" decide, "occupation" occupy, "release" release, "statement" state.
func deedVerb(n, v string) bool {
	if len(v) < 3 || len(n) < 4 {
		return false
	}
	if n == v || irregularDeeds[n] == v {
		return true
	}
	for _, suf := range nominalSuffixes {
		base, ok := strings.CutSuffix(n, suf)
		if !ok || len(base) < 3 {
			continue
		}
		// The noun's base and the verb agree on all but the verb's last two letters ("decis-"
		// and "decide", "occup-" and "occupy", "intervent-" and "intervene").
		cp := 0
		for cp < len(base) && cp < len(v) && base[cp] == v[cp] {
			cp++
		}
		if cp >= 4 && cp >= len(v)-2 || cp == len(v) && cp >= 3 {
			return true
		}
	}
	return false
}

// deedNoun reports whether noun n (singular) may name an act a verb reported: a noun of the
// kinds of acts, or one made from a verb by a nominal suffix.
func deedNoun(n string) bool {
	if forceNouns[n] != "" || generalActs[n] != "" || irregularDeeds[n] != "" {
		return true
	}
	for _, suf := range nominalSuffixes {
		if strings.HasSuffix(n, suf) && len(n) > len(suf)+3 {
			return true
		}
	}
	switch n {
	case "release", "visit", "vote", "ban", "arrest", "raid", "strike", "attack", "move", "test",
		"launch", "recall", "boycott", "purchase", "transfer", "handover", "crackdown", "takeover":
		return true
	}
	return false
}

// verbXPOS guesses the treebank tag of a word read as a verb, from its ending, for the
// lemmatizer.
func verbXPOS(w string) string {
	switch {
	case strings.HasSuffix(w, "ing"):
		return "VBG"
	case strings.HasSuffix(w, "ed"):
		return "VBD"
	case strings.HasSuffix(w, "s"):
		return "VBZ"
	}
	return "VBD"
}

// deedDoer returns the doer of the act that the noun at token k of sentence si names, as the
// subject (or passive agent) of the verb that reported it, in the sentence before k or up to
// deedReach sentences back; never the party whose target is being read (d.judge), who does not
// condemn an act of its own. It returns an empty party when no such verb is found.
func (x *Extractor) deedDoer(d *doc, si, k int) party {
	s := &d.sents[si]
	noun := x.syntax.Lemmatizer.Lemma(s.Toks[k].Lower, "NOUN", "NNS")
	if !strings.HasSuffix(s.Toks[k].Lower, "s") {
		noun = s.Toks[k].Lower
	}
	if !deedNoun(noun) {
		return party{}
	}
	judge := map[*docEntity]bool{}
	for _, e := range d.judge.ents {
		judge[e] = true
	}
	if p := x.deedByVerb(d, si, k, noun, judge); len(p.ents) > 0 {
		return p
	}
	// "the decision", "the move": any act aimed at the one who speaks of it.
	if generalActs[noun] != "" || generalActs[s.Toks[k].Lower] != "" {
		for sj := si; sj >= 0 && sj >= si-deedReach; sj-- {
			if p := x.deedAimedAt(d, sj, judge, sj == si, k); len(p.ents) > 0 {
				return p
			}
		}
	}
	return party{}
}

// deedByVerb returns the subject of the last verb before token k of sentence si (up to
// deedReach sentences back) whose lemma names the act noun does, unless it is one of judge.
func (x *Extractor) deedByVerb(d *doc, si, k int, noun string, judge map[*docEntity]bool) party {
	s := &d.sents[si]
	for sj := si; sj >= 0 && sj >= si-deedReach; sj-- {
		toks := d.sents[sj].Toks
		end := len(toks)
		if sj == si {
			end = k
		}
		for j := end - 1; j >= 0; j-- {
			w := toks[j].Lower
			if !toks[j].Word || toks[j].Cap && j > 0 || len(w) < 3 || w == s.Toks[k].Lower {
				continue
			}
			if !deedVerb(noun, x.verbLemmas(d, sj)[j]) {
				continue
			}
			t := x.parse(d, sj)
			n := t.node[j]
			if n < 0 || t.toks[n].UPOS != "VERB" {
				continue
			}
			p := x.verbDoer(d, sj, t, n)
			own := len(p.ents) > 0
			for _, e := range p.ents {
				own = own && judge[e]
			}
			if len(p.ents) > 0 && !own {
				p.coref = true
				return p
			}
		}
	}
	return party{}
}

// actDoer returns who did the act that noun n names, when n may name one: the agent the phrase
// names ("the occupation of Heglig by the South Sudanese army", "the bombardments carried out by
// the Sudanese air force"), else, for "the", "this" or "that" act, the doer of the last act of
// its kind (lastAct) or of the verb that reported it (deedDoer).
func (x *Extractor) actDoer(d *doc, si int, t *tree, n int) party {
	lower := d.sents[si].Toks[t.ext[n]].Lower
	if !deedNoun(lower) && !deedNoun(strings.TrimSuffix(lower, "s")) {
		return party{}
	}
	for _, c := range t.kids[n] {
		switch t.rel(c) {
		case "nmod":
			if t.caseOf(c) == "by" {
				if p := x.nodeParty1(d, si, t, c, 1); len(p.ents) > 0 {
					return p
				}
			}
		case "acl":
			if a := t.agent(c); a >= 0 {
				if p := x.nodeParty1(d, si, t, a, 1); len(p.ents) > 0 {
					return p
				}
			}
		}
	}
	det := t.child(n, "det")
	if h := t.head(n); det < 0 && t.rel(n) == "amod" && h >= 0 {
		det = t.child(h, "det") // "the burning \"repugnant\"" parsed as a modifier of the word
	}
	if det < 0 {
		return party{}
	}
	switch t.lemma(det) {
	case "the", "this", "that", "these", "those":
	default:
		return party{}
	}
	// A modifier that names someone is the doer ("the Israeli strikes"), read by the caller.
	for _, c := range t.kids[n] {
		if r := t.rel(c); (r == "amod" || r == "compound" || r == "nmod:poss") && mentionOver(d.ments[si], t.ext[c]) != nil {
			return party{}
		}
	}
	if a := d.lastAct(lower); a != nil {
		return party{ents: a, coref: true}
	}
	if d.inDeed {
		return party{}
	}
	d.inDeed = true
	defer func() { d.inDeed = false }()
	return x.deedDoer(d, si, t.ext[n])
}

// deedAimedAt returns the subject of the last verb of sentence si (before token k when before is
// set) whose object or oblique names one of judge: "Japan dropped South Korea from its list" is
// the decision South Korea calls reckless. It parses the sentence only when it names one of them.
func (x *Extractor) deedAimedAt(d *doc, si int, judge map[*docEntity]bool, before bool, k int) party {
	if len(judge) == 0 {
		return party{}
	}
	named := false
	for _, m := range d.ments[si] {
		if m.Ent != nil && (!before || m.Start < k) {
			for _, e := range x.partyOf(d, m).ents {
				named = named || judge[e]
			}
		}
	}
	if !named {
		return party{}
	}
	t := x.parse(d, si)
	aimed := func(q party) bool {
		for _, e := range q.ents {
			if judge[e] {
				return true
			}
		}
		return false
	}
	for v := len(t.toks) - 1; v >= 0; v-- {
		if t.toks[v].UPOS != "VERB" || before && t.ext[v] >= k || t.negated(v) || t.modal(v) || t.conditional(v) {
			continue
		}
		hit := false
		for _, c := range t.kids[v] {
			if r := t.rel(c); r == "obj" || r == "iobj" || r == "obl" || r == "nsubj:pass" {
				hit = hit || aimed(x.nodeParty1(d, si, t, c, 1))
			}
		}
		if !hit {
			continue
		}
		if p := x.verbDoer(d, si, t, v); len(p.ents) > 0 && !aimed(p) {
			p.coref = true
			return p
		}
	}
	return party{}
}

// verbDoer returns who does verb v of sentence si: its subject, or in the passive its agent.
func (x *Extractor) verbDoer(d *doc, si int, t *tree, v int) party {
	if t.passive(v) {
		if a := t.agent(v); a >= 0 {
			return x.nodeParty(d, si, t, a)
		}
		return party{}
	}
	if sn, _ := t.subject(v); sn >= 0 {
		return x.subjectParty(d, si, t, sn)
	}
	return party{}
}

// verbLemmas returns the lemma of every token of sentence si read as a verb, computed once per
// sentence for all the act nouns of the article that look back at it.
func (x *Extractor) verbLemmas(d *doc, si int) []string {
	if d.verbLemmas == nil {
		d.verbLemmas = make([][]string, len(d.sents))
	}
	if ls := d.verbLemmas[si]; ls != nil {
		return ls
	}
	toks := d.sents[si].Toks
	ls := make([]string, len(toks))
	for j, tk := range toks {
		ls[j] = x.syntax.Lemmatizer.Lemma(tk.Lower, "VERB", verbXPOS(tk.Lower))
	}
	d.verbLemmas[si] = ls
	return ls
}
