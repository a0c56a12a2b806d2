package extract

import "strings"

// judgeVerbs report or pass a judgement on an act: "said the expulsions were unacceptable",
// "called the decision reckless", "described the raid as a violation".
var judgeVerbs = map[string]bool{"say": true, "call": true, "describe": true, "brand": true, "label": true,
	"term": true, "dismiss": true, "denounce": true, "condemn": true, "tell": true, "add": true, "state": true,
	"declare": true, "insist": true, "argue": true, "consider": true, "deem": true, "regard": true}

// evaluation finds criticism said as a judgement of someone's act, read from the parse: the
// pejorative word ("unacceptable", "a violation", "reckless") is predicated of the act ("the
// expulsions were unacceptable", "called the decision reckless", "described the raid as a
// violation of international law"), and the one who says or calls it so criticises whoever did
// the act (CAMEO 111): its possessor ("Peru's decision"), the name before it ("the U.S. move"), or
// the actor of the last act of conflict the article reported ("the launch").
func (x *Extractor) evaluation(d *doc, si int) (Event, bool) {
	s := &d.sents[si]
	found := false
	for _, tk := range s.Toks {
		found = found || x.lx.is(tk.Lower, "pejorative")
	}
	if !found {
		return Event{}, false
	}
	t := x.parse(d, si)
	for n := range t.toks {
		if !x.lx.is(t.lemma(n), "pejorative") && !x.lx.is(strings.ToLower(t.toks[n].Form), "pejorative") {
			continue
		}
		judged, verb := -1, -1
		switch h := t.head(n); {
		case t.child(n, "cop") >= 0 && t.child(n, "nsubj") >= 0:
			// "the expulsions were unacceptable", reported: "X said ..." or "..., X said".
			judged = t.child(n, "nsubj")
			if h >= 0 && (t.rel(n) == "ccomp" || t.rel(n) == "parataxis") && judgeVerbs[t.lemma(h)] {
				verb = h
			} else if sv := t.child(n, "parataxis", "ccomp"); sv >= 0 && judgeVerbs[t.lemma(sv)] {
				verb = sv
			}
		case h >= 0 && judgeVerbs[t.lemma(h)] && (t.rel(n) == "xcomp" || t.rel(n) == "obl" || t.rel(n) == "advcl"):
			// "called the decision reckless", "described the raid as a violation"
			judged, verb = t.child(h, "obj"), h
		case h >= 0 && t.rel(n) == "obj" && (t.lemma(h) == "call" || t.lemma(h) == "brand" || t.lemma(h) == "label" || t.lemma(h) == "term") &&
			t.child(n, "nmod:poss", "compound") >= 0:
			// "called Peru's decision reckless" parsed as one noun phrase
			judged, verb = n, h
		case h >= 0 && t.rel(n) == "obj" && judgeVerbs[t.lemma(h)] && t.child(n, "amod") >= 0 && t.child(n, "amod") < n &&
			deedNoun(strings.ToLower(t.toks[t.child(n, "amod")].Form)):
			// "called the burning \"repugnant\"" parsed with the act as the word's modifier
			judged, verb = t.child(n, "amod"), h
		case h >= 0 && (t.rel(n) == "appos" || t.rel(n) == "amod" && h < n) && t.rel(h) == "obj" && t.head(h) >= 0 && judgeVerbs[t.lemma(t.head(h))]:
			// "called the release \"irresponsible\"": the quoted word parsed as the object's
			// apposition
			judged, verb = h, t.head(h)
		}
		if judged < 0 || verb < 0 || t.negated(n) || t.negated(verb) || t.conditional(verb) {
			continue
		}
		sn, hops := t.subject(verb)
		if sn < 0 {
			continue
		}
		actor := x.subjectParty(d, si, t, sn)
		d.judge = actor
		target := x.nodeParty(d, si, t, judged)
		d.judge = party{}
		if len(target.ents) == 0 {
			continue
		}
		if len(actor.ents) == 0 || sameParty(actor, target) || !x.political(d, actor, target) {
			continue
		}
		ev := Event{Trigger: t.toks[verb].Form + " … " + t.toks[n].Form, Confidence: 0.7 - 0.05*float64(min(hops, 3)),
			Derivation: "a judgement: " + t.lemma(n) + " (" + t.rel(n) + " of " + t.lemma(verb) + "); actor " + t.rel(sn) + " of " + t.lemma(verb) + "; recipient " + t.path(judged, n)}
		if x.criticism(d, si, &ev, actor, target) {
			return ev, true
		}
	}
	return Event{}, false
}
