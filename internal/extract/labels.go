package extract

// namedCriticism finds "X called Y \"reckless\"": a name put on someone's act in quotation
// marks, a pejorative one, criticises them (CAMEO 111). Y is the first party named between the
// verb and the quotation ("the U.S. position", "India's claims", "NATO's expansion").
func (x *Extractor) namedCriticism(d *doc, si int) (Event, bool) {
	s := &d.sents[si]
	toks := s.Toks
	for k, t := range toks {
		switch t.Lower {
		case "called", "calling", "calls", "described", "describing", "branded", "branding", "labelled", "labeled", "dismissed", "dismissing":
		default:
			continue
		}
		if k > 0 && (toks[k-1].Lower == "so" || toks[k-1].Lower == "what" || toks[k-1].Lower == "-") {
			continue // "so-called", "what India called"
		}
		// The quotation within eight words, holding a pejorative word.
		open := -1
		for j := k + 1; j < len(toks) && j <= k+9; j++ {
			if isQuoteTok(toks[j].Text) {
				open = j
				break
			}
			if toks[j].Text == "," || toks[j].Text == ";" || toks[j].Lower == "on" && j == k+1 {
				break
			}
		}
		if open < 0 {
			continue
		}
		pejorative := false
		for j := open + 1; j < len(toks) && j <= open+12 && !isQuoteTok(toks[j].Text); j++ {
			pejorative = pejorative || x.lx.is(toks[j].Lower, "pejorative")
		}
		if !pejorative {
			continue
		}
		var actor party
		if t.Lower == "calling" || t.Lower == "describing" || t.Lower == "branding" || t.Lower == "dismissing" {
			actor = d.lastActor
			if d.lastActorSent != si || len(actor.ents) == 0 {
				actor, _ = x.subjectLeft(d, si, k)
			}
		} else {
			actor, _ = x.subjectLeft(d, si, k)
		}
		if len(actor.ents) == 0 {
			continue
		}
		var target party
		for _, m := range d.ments[si] {
			if m.Start > k && m.End <= open && m.Ent != nil {
				target = x.partyOf(d, m)
				break
			}
		}
		if len(target.ents) == 0 && k+2 < open && toks[k+1].Lower == "the" {
			// "called the strike \"uncalled-for aggression\"": the act of the last who used force
			d.judge = actor
			if a := d.lastAct(toks[k+2].Lower); a != nil {
				target = party{ents: a, coref: true}
			}
			d.judge = party{}
		}
		if len(target.ents) == 0 {
			continue
		}
		ev := Event{Trigger: d.text[t.Start:toks[open].End], Confidence: 0.7, Derivation: "a quoted label: X called Y \"...\""}
		if x.criticism(d, si, &ev, actor, target) {
			return ev, true
		}
	}
	return Event{}, false
}

// criticism completes ev as a criticism (CAMEO 111) of target by actor in sentence si; it
// reports false when either names no one.
func (x *Extractor) criticism(d *doc, si int, ev *Event, actor, target party) bool {
	s := &d.sents[si]
	ev.Evidence = Span{Start: s.Start, End: s.End}
	x.recode(ev, "111")
	d.addParties(ev, actor, target)
	if len(ev.Actors) == 0 || len(ev.Recipients) == 0 {
		return false
	}
	ev.Date = x.eventDate(d, s)
	return true
}
