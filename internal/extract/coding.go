package extract

import "strings"

// events codes every trigger of every sentence into an Event with its actors and targets.
func (x *Extractor) events(d *doc) {
	for si := range d.sents {
		d.sent = si
		if d.stopped() {
			return
		}
		s := &d.sents[si]
		last := len(s.Toks) - 1
		for last > 0 && isCloser(s.Toks[last].Text) {
			last-- // `... between Brazil and China?"`: a question in quotes
		}
		if last >= 0 && s.Toks[last].Text == "?" || s.AllCaps {
			continue
		}
		x.noteDyad(d, si)
		// "X said Y must do Z": X demands of Y, whatever Z is; the triggers from the speech verb
		// to the verb after the modal are the demand's, those before it stand ("The United
		// States condemned the seizure, while Ashton said South Sudan must withdraw").
		var skip [][2]int
		for k := 1; k+1 < len(s.Toks); k++ {
			if w := s.Toks[k].Lower; (w == "must" || w == "should") && s.Toks[k+1].Word {
				base := Event{Evidence: Span{Start: s.Start, End: s.End}, Confidence: 0.7, Derivation: "an obligation: X said Y must"}
				if ev, from, ok := x.obligation(d, si, k, base); ok {
					d.res.Events = append(d.res.Events, ev)
					end := k + 4 // "must stop its attacks", but not "must withdraw and urged both"
					for j := k + 2; j < end && j < len(s.Toks); j++ {
						if w := s.Toks[j].Lower; w == "and" || w == "but" || w == "," {
							end = j
						}
					}
					skip = append(skip, [2]int{from, end})
				}
			}
		}
		obliged := func(k int) bool {
			for _, r := range skip {
				if k >= r[0] && k < r[1] {
					return true
				}
			}
			return false
		}
		trigs := x.findTriggers(s)
		var found []Event
		var ranks []int
		var commaParticiple []bool
		used := map[int]bool{} // the acts of frames, coded with them
		for ti := 0; ti < len(trigs); ti++ {
			tr := trigs[ti]
			if obliged(tr.start) || used[ti] {
				continue
			}
			if x.phrasalMisread(s.Toks, tr) || d.sports && contestWords[s.Toks[tr.start].Lower] {
				continue // in a sports report "beat", "face" and "clash" are games
			}
			rank := clauseRank(s.Toks, tr)
			// A capitalised trigger inside a sentence is part of a name ("Free Trade
			// Agreement"); a participle right after another trigger describes its object
			// ("reject proposed Israeli changes").
			if s.Toks[tr.start].Cap && tr.start > sentStart(s, 0) ||
				ti > 0 && trigs[ti-1].end == tr.start && strings.HasSuffix(s.Toks[tr.start].Lower, "ed") {
				continue
			}
			if rank < 0 || unrealized(s.Toks, tr.start) {
				continue // "the occupied West Bank": a participle as adjective; "proposed that China mediate"
			}
			// An intent, threat or refusal frame codes the verb that follows it.
			var inner *trigger
			if fr := frame(tr.p); fr != "" {
				if j := x.innerAct(d, si, trigs, ti); j >= 0 {
					inner = &trigs[j]
					used[j] = true
				}
			}
			if inner == nil && tr.p.flags["needsinner"] {
				continue // "plans to sell": the plan is no event
			}
			if frame(tr.p) == "intent" && tr.p.flags["needsinner"] && !tr.p.flags["act"] && pastPerfectBefore(s.Toks, tr.start) {
				continue // "had hoped to establish ties": a plan that did not come true
			}
			if ev, ok := x.code(d, si, tr, inner); ok {
				found = append(found, ev)
				ranks = append(ranks, rank)
				// "Colombia expelled two diplomats, accusing Caracas of interference": a second
				// act of the same subject.
				commaParticiple = append(commaParticiple, tr.start > 0 && s.Toks[tr.start-1].Text == "," &&
					strings.HasSuffix(s.Toks[tr.start].Lower, "ing") && len(ev.Recipients) > 0)
			}
		}
		// Events of the main clause stand; a nominal or subordinate one ("to demand", "blowing
		// up", "who attacked") only when the sentence has none of a better rank.
		best := 3
		for _, r := range ranks {
			best = min(best, r)
		}
		for i, ev := range found {
			if ranks[i] == best || ranks[i] == 1 && best == 0 && ev.Confidence >= 0.8 || commaParticiple[i] && best == 0 {
				gapped := x.gappedPledges(d, si, &ev)
				d.res.Events = append(d.res.Events, ev)
				d.res.Events = append(d.res.Events, gapped...)
			}
		}
		if ev, ok := x.namedCriticism(d, si); ok {
			d.res.Events = append(d.res.Events, ev)
		} else if ev, ok := x.evaluation(d, si); ok {
			d.res.Events = append(d.res.Events, ev)
		}
	}
}

// clauseRank ranks a trigger by the clause it stands in: 0 a finite verb of a main clause, 1 a
// noun, 2 a gerund, infinitive or relative clause; -1 a participle used as an adjective.
func clauseRank(toks []token, tr trigger) int {
	h := toks[tr.start]
	prev := ""
	if tr.start > 0 {
		prev = toks[tr.start-1].Lower
	}
	if tr.p.flags["nominal"] {
		if lightVerbAt(toks, tr.start) {
			return 0 // "announced a suspension of air links": the light verb is the main verb
		}
		return 1
	}
	// "a lunch hosted by": a participle after a noun, with its agent, is a reduced relative.
	if tr.end < len(toks) && toks[tr.end].Lower == "by" && (strings.HasSuffix(h.Lower, "ed") || isIrregularParticiple(h.Lower)) {
		if !(tr.start > 0 && (auxWords[prev] || prev == "been")) {
			if strings.HasPrefix(tr.p.cameo, "045") && tr.end+1 < len(toks) && toks[tr.end+1].Cap {
				return 1 // "a deal brokered by China": a named mediator's act
			}
			return 2
		}
	}
	if nounContext(toks, tr.start) {
		return -1 // "a US offer to host", "a United Nations appeal": a noun, not a verb
	}
	// "The 13 Israelis freed, all women and children, were handed to": a participle between a
	// noun and its verb describes the noun.
	if (strings.HasSuffix(h.Lower, "ed") || isIrregularParticiple(h.Lower)) && tr.start > 0 && toks[tr.start-1].Word && !auxWords[prev] && prev != "been" {
		k := tr.end
		if k < len(toks) && toks[k].Text == "," {
			for k++; k < len(toks) && k < tr.end+10 && toks[k].Text != ","; k++ {
			}
			k++
		}
		if k < len(toks) && (k == tr.end || toks[k-1].Text == ",") {
			switch toks[k].Lower {
			case "were", "was", "are", "is", "have", "had", "has":
				return -1
			}
		}
	}
	// "The AfCFTA, negotiated under the African Union, aims": a participle describing the noun
	// before it, which underwent the act.
	if prev == "," && tr.end < len(toks) && (strings.HasSuffix(h.Lower, "ed") || isIrregularParticiple(h.Lower)) {
		switch toks[tr.end].Lower {
		case "under", "in", "at", "on", "during", "over", "since", "last", "earlier":
			return -1
		}
	}
	switch prev {
	case "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our":
		return -1
	case "in", "of", "for", "with", "after", "before", "on", "by", "without", "at", "from", "against", "over":
		// "in protest at", "after meeting": a noun or a gerund, not a finite verb.
		if strings.HasSuffix(h.Lower, "ing") {
			return 2
		}
		return -1
	case "to":
		if tr.start > 1 && auxWords[toks[tr.start-2].Lower] && toks[tr.start-2].Lower != "to" {
			break // "has to", "is to"
		}
		return 2
	}
	if strings.HasSuffix(h.Lower, "ing") {
		aux := false
		for k := tr.start - 1; k >= 0 && k >= tr.start-3; k-- {
			switch toks[k].Lower {
			case "is", "are", "was", "were", "be", "been", "am", "'s", "'re":
				aux = true
			}
		}
		if !aux {
			return 2
		}
	}
	for k := tr.start - 1; k >= 0; k-- {
		switch toks[k].Lower {
		case "that":
			// "reported that India and Russia signed": what is said is the news.
			if k > 0 && speechVerbs[toks[k-1].Lower] {
				return 0
			}
			return 2
		case "after", "when", "because", "since":
			// "summoned the ambassador after Marcos congratulated Lai": a finite verb with its
			// own subject reports a second act, ranked as a noun's.
			subj := k + 1
			if subj+1 < tr.start && toks[subj].Lower == "the" {
				subj++
			}
			if subj < tr.start && toks[subj].Cap && (strings.HasSuffix(h.Lower, "ed") || isIrregularParticiple(h.Lower)) &&
				!hasWord(toks, k, tr.start, "said", "says", "would", "will", "could", "might", "to") {
				return 1
			}
			return 2
		case "who", "which", "whom", "whose", "before", "although", "until", "once":
			return 2
		case ",", ";", ":":
			if k+1 < len(toks) && toks[k+1].Lower != "who" && toks[k+1].Lower != "which" {
				k = -1
			}
		}
	}
	return 0
}

// irrealisVerbs take a clause that has not happened: "proposed that", "hopes that".
var irrealisVerbs = map[string]bool{"proposed": true, "proposes": true, "propose": true, "suggested": true,
	"suggests": true, "suggest": true, "hoped": true, "hopes": true, "hope": true, "wished": true, "wishes": true,
	"wants": true, "wanted": true, "proposal": true, "idea": true}

// irrealisBefore reports a trigger inside the clause of "proposed that", "hopes that": what
// has not happened.
func irrealisBefore(toks []token, a int) bool {
	for k := a - 1; k > 0; k-- {
		switch toks[k].Text {
		case ";", ":":
			return false
		}
		if toks[k].Lower == "that" && irrealisVerbs[toks[k-1].Lower] {
			return true
		}
	}
	return false
}

// unrealized reports a trigger whose act has not happened: proposed, prevented or only planned.
func unrealized(toks []token, a int) bool {
	return irrealisBefore(toks, a) || preventedBefore(toks, a) || plannedBefore(toks, a)
}

// pastPerfectBefore reports a verb in the past perfect ("had hoped", "had long planned"): of a
// plan or a hope, one overtaken by events.
func pastPerfectBefore(toks []token, a int) bool {
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		switch toks[k].Lower {
		case "had", "'d":
			return true
		case "long", "once", "originally", "initially", "earlier", "also", "been":
			continue
		}
		return false
	}
	return false
}

// plannedBefore reports a trigger that was only planned: "had been due to travel", "is
// scheduled to visit".
func plannedBefore(toks []token, a int) bool {
	if a < 2 || toks[a-1].Lower != "to" {
		return false
	}
	switch toks[a-2].Lower {
	case "due", "scheduled", "slated", "expected":
		return true
	}
	return false
}

// preventedBefore reports a trigger someone was not let do: "the refusal to let the envoy meet
// Suu Kyi", "barred him from meeting".
func preventedBefore(toks []token, a int) bool {
	for k := a - 1; k > 0 && k >= a-20; k-- {
		switch toks[k].Text {
		case ";", ":", ".":
			return false
		}
		switch toks[k].Lower {
		case "let", "allow", "allowed", "allowing", "permit", "permitted":
			for j := k - 1; j >= 0 && j >= k-3; j-- {
				switch toks[j].Lower {
				case "refusal", "refused", "refuses", "refuse", "refusing", "not", "n't", "never", "declined", "won't", "wouldn't", "didn't":
					return true
				}
			}
		case "from":
			if k == a-1 && strings.HasSuffix(toks[a].Lower, "ing") {
				for j := k - 1; j >= 0 && j >= k-5; j-- {
					switch toks[j].Lower {
					case "barred", "banned", "prevented", "stopped", "blocked", "prohibited":
						return true
					}
				}
			}
		}
	}
	return false
}

// frame returns the kind of frame a pattern opens: intent, threat, refuse, request; or "".
func frame(p *pattern) string {
	for _, f := range []string{"intent", "threat", "refuse", "request"} {
		if p.flags[f] {
			return f
		}
	}
	return ""
}

// noteDyad remembers the pair a sentence is about: two or more people or countries joined by
// "and" before the verb ("Ardern and Kishida met").
func (x *Extractor) noteDyad(d *doc, si int) {
	s := &d.sents[si]
	for k := range s.Toks {
		if s.Toks[k].Lower != "and" || k == 0 {
			continue
		}
		p, _, ok := x.unitEndingAt(d, si, k-1)
		if !ok || len(p.ents) != 1 || p.coref {
			continue
		}
		for j := k + 1; j < len(s.Toks) && j < k+8; j++ {
			q, _, ok := x.unitEndingAt(d, si, j)
			if ok && len(q.ents) == 1 && !q.coref && q.ents[0] != p.ents[0] && q.ents[0].Type == p.ents[0].Type &&
				(p.ents[0].Type == Person || p.ents[0].Type == Country) {
				x.setDyad(d, si, []*docEntity{p.ents[0], q.ents[0]})
				return
			}
		}
	}
}

// code turns a trigger (and the verb its frame governs) into an event.
func (x *Extractor) code(d *doc, si int, tr trigger, inner *trigger) (Event, bool) {
	s := &d.sents[si]
	toks := s.Toks
	cameo := tr.p.cameo
	var same *Event // "announced similar measures": the act reported last
	if tr.p.flags["same"] {
		for i := len(d.res.Events) - 1; i >= 0; i-- {
			if e := &d.res.Events[i]; !e.Negated && !speechAct(e.CAMEO) && len(e.Recipients) > 0 {
				same = e
				break
			}
		}
		if same == nil {
			return Event{}, false
		}
		cameo = same.CAMEO
	}
	fr := frame(tr.p)
	last := tr
	if inner != nil {
		last = *inner
		cameo = x.frameCode(fr, tr.p.cameo, inner.p.cameo)
		if tr.p.flags["act"] {
			cameo = inner.p.cameo // "decided to allow": a decision is the act itself
		}
	}
	// A trigger that codes no event ("other senses" of words, coded 010 without a type) needs
	// no parse.
	if info, ok := x.lx.cameo[cameo]; inner == nil && same == nil && (!ok || info.Plover == "" || info.Plover == "-") &&
		(!strings.HasPrefix(cameo, "0") || cameo == "010") {
		return Event{}, false
	}
	t := x.parse(d, si)
	pn, ln := t.predicate(tr.start), t.predicate(last.start)
	if pn < 0 || ln < 0 {
		return Event{}, false
	}
	// A verb pattern the parse reads as a noun ("held their first meeting with") is nominal.
	nominal := tr.p.flags["nominal"] || t.toks[pn].UPOS == "NOUN" && inner == nil
	// A participle that modifies a noun is an adjective: "Yemen's internationally recognised
	// government", "the occupied territories".
	if !nominal && t.rel(pn) == "amod" && t.toks[pn].UPOS == "VERB" && t.head(pn) > pn && t.insideNounPhrase(pn) {
		return Event{}, false
	}
	// Modal intent: "X will give Y", "they would negotiate". A conflict announced as decided
	// ("announced it would prohibit all aid") is the act itself; otherwise it is a threat.
	future := t.future(pn)
	if fr == "" && future {
		// "Russia said it would expel 20 diplomats": a measure said to be coming is decided.
		decided := strings.HasPrefix(cameo, "16") && t.reportedBy(pn, "say") && !t.conditionAnywhere()
		if !(conflictCode(cameo) && t.reportedBy(pn, "announce", "decide", "order")) && !decided {
			cameo = x.frameCode("intent", "", cameo)
		}
	}
	info, ok := x.lx.cameo[cameo]
	if !ok || info.Plover == "" || info.Plover == "-" {
		return Event{}, false
	}
	if inner == nil && tr.p.plover != "" {
		info.Plover = tr.p.plover
	}
	if same != nil {
		info.Plover = same.Type
	}
	// Hypotheticals are not events: conditions, and what could or might happen.
	if t.conditional(pn) || t.conditional(ln) || t.modal(pn) || t.expected(pn) ||
		nominal && t.head(pn) >= 0 && t.modal(t.head(pn)) || t.unrealized(pn, nominal) {
		return Event{}, false
	}
	ev := Event{
		Type: info.Plover, CAMEO: cameo, Mode: info.Mode, Context: info.Context, QuadClass: info.QuadClass,
		Goldstein: info.Goldstein, Trigger: d.text[toks[tr.start].Start:toks[last.end-1].End],
		Evidence: Span{Start: s.Start, End: s.End}, Confidence: 0.8,
	}
	// Denied in the parse, or by a negation right before the trigger (which a misparse may have
	// attached elsewhere).
	ev.Negated = t.negated(pn) || tr.p.flags["negated"] || nominal && t.didNotHappen(pn) || fr == "intent" && inner != nil && ln != pn && t.negated(ln) ||
		nominal && t.rel(pn) == "obj" && lightLemmas[t.lemma(t.head(pn))] && t.negated(t.head(pn)) || // "has not joined Western sanctions"
		negatedBetween(toks, tr.start-3, tr.start) && !hasWord(toks, tr.start-3, tr.start, "no longer")
	// "will not accept", "would not attend": refusing to cooperate is a rejection (12x), not a
	// denied agreement.
	if ev.Negated && fr == "" && ev.Type == "AGREE" && future {
		cameo = x.frameCode("refuse", "", tr.p.cameo)
		info = x.recode(&ev, cameo)
		ev.Negated = false
	}

	// "attacked the president's record": words, not weapons.
	if info.Plover == "ASSAULT" && inner == nil && verbalObject(toks, tr.end) {
		cameo = "111"
		info = x.recode(&ev, cameo)
	}
	quotedWe := false
	if fr == "" && x.futureBefore(toks, tr.start) && hasWord(toks, tr.end, len(toks), "unless") {
		cameo = x.frameCode("threat", "", tr.p.cameo) // "will withdraw ... unless": a threat
		info = x.recode(&ev, cameo)
	}
	// The arguments from the parse: the subject of the frame (or of the act), the target of the
	// act ("agreed to impose sanctions on Iran"), or of the request ("urged Iran to withdraw").
	d.welcoming = info.Plover == "SUPPORT" && strings.HasPrefix(cameo, "05") // "welcomed the decision"
	defer func() { d.welcoming = false }()
	passive := !nominal && fr == "" && t.passive(pn) && !tr.p.flags["stative"]
	// "The Kremlin, asked about the decision, said", "Macron, who was asked about the report":
	// the one asked is no requester, and who asked is not said.
	if !nominal && (strings.HasPrefix(cameo, "02") || strings.HasPrefix(cameo, "10")) && t.agent(pn) < 0 &&
		(t.child(pn, "aux:pass") >= 0 || askedAside(toks, tr)) {
		return Event{}, false
	}
	var actor, target party
	hops := 0
	tn := -1                         // the target's node
	var actorPath, targetPath string // how the parse gave them, for Event.Derivation
	loc := x.treeLocation(d, si, t, ln)
	switch {
	case nominal:
		mediation := strings.HasPrefix(cameo, "045") || strings.HasPrefix(cameo, "039")
		var an int
		actor, hops, an = x.nounActor(d, si, t, pn, cameo, mediation)
		actorPath = t.path(an, pn)
		target, tn = x.treeTarget(d, si, t, ln, last.p, actor)
		if mediation {
			if p := x.between(d, si, tr.end); len(p.ents) >= 2 {
				target = p // "mediation between Israel and Hamas": the mediated are the targets
			}
		}
	case passive:
		if a := t.agent(pn); a >= 0 {
			actor, actorPath = x.nodeParty(d, si, t, a), t.path(a, pn)
		}
		d.judge = actor // "the raid was condemned by Brazil": the raid of whoever raided
		if c := t.child(pn, "nsubj:pass"); c >= 0 {
			target, tn = x.nodeParty(d, si, t, c), c
		} else if h := t.head(pn); h >= 0 && (t.rel(pn) == "acl" || t.rel(pn) == "conj") {
			target = x.nodeParty(d, si, t, h) // "the diplomats expelled by Mali"
			targetPath = "head of acl"
		}
		d.judge = party{}
		actor, target = x.passiveDefaults(d, si, cameo, info, loc, actor, target)
	default:
		sn, h := t.subject(pn)
		// "X said Moscow had crossed a line and urged the Assembly": a speech act joined to
		// the clause of a speech verb is the speaker's.
		if c := t.head(pn); t.rel(pn) == "conj" && c >= 0 && t.rel(c) == "ccomp" && speechAct(cameo) {
			// (not "Blinken telephoned Aliyev and urged him ..., the State Department said")
			if sv := t.head(c); sv >= 0 && sv < c && speechVerbs[strings.ToLower(t.toks[sv].Form)] {
				if s2, h2 := t.subject(sv); s2 >= 0 {
					sn, h = s2, h2+1
				}
			}
		}
		if sn >= 0 {
			actor, hops = x.subjectParty(d, si, t, sn), h
			actorPath = t.rel(sn) + t.climb(pn, h)
		}
		if len(actor.ents) == 0 {
			actor = d.quotedWe(si, tr.start) // "\"We call on both sides ...,\" Mao Ning said"
			quotedWe = len(actor.ents) > 0
		}
		if fr == "request" {
			target, tn = x.treeTarget(d, si, t, pn, tr.p, actor) // "urged Iran to", "called on Iran to"
		}
		if len(target.ents) == 0 {
			target, tn = x.treeTarget(d, si, t, ln, last.p, actor)
		}
		if len(target.ents) == 0 && inner != nil && fr != "request" {
			target, tn = x.treeTarget(d, si, t, pn, tr.p, actor) // "agreed with Israel to"
		}
		if len(actor.ents) == 0 {
			if a := t.agent(ln); a >= 0 {
				actor, actorPath = x.nodeParty(d, si, t, a), t.path(a, ln)
			}
		}
	}
	ev.Confidence -= 0.05 * float64(min(hops, 3))
	if tn >= 0 && targetPath == "" {
		targetPath = t.path(tn, ln)
	}
	// Where the parse gives no actor, the window reading stands in (with less confidence); where
	// it gives an actor but no target, the window's target is taken when the window agrees on
	// the actor.
	// A gerund after "of" or "for" is a charge ("accused Qatar of supporting terrorism"), whose
	// actor is the accused, not the window's nearest name.
	charge := t.hasChild(pn, "mark", "of", "for") && t.toks[pn].XPOS == "VBG"
	if charge && len(actor.ents) == 0 {
		return Event{}, false
	}
	if len(actor.ents) == 0 || len(target.ents) == 0 || loc == nil {
		wActor, wTarget, wLoc, wPassive, wWe := x.windowArgs(d, si, tr, last, inner, cameo, info, nominal)
		switch {
		case len(actor.ents) == 0:
			actor, target, passive, quotedWe = wActor, wTarget, wPassive, wWe
			actorPath, targetPath = "window", "window"
			ev.Confidence -= 0.1
		case len(target.ents) == 0 && len(wTarget.ents) > 0 && sameParty(actor, wActor):
			target, targetPath = wTarget, "window"
		}
		if loc == nil {
			loc = wLoc
		}
	}
	if tr.p.flags["norecip"] || same != nil {
		target = party{}
	}
	// "The Maldives also cut ties": the same act as the last of its kind, against the same; an
	// act, not words (whom "also expressed concern" is about is not said), and with no object
	// beyond its trigger's ("also support wider de-escalation").
	also := t.hasChild(pn, "advmod", "also", "likewise", "too") || t.hasChild(ln, "advmod", "also", "likewise", "too")
	if o := t.child(ln, "obj"); o >= 0 && t.ext[o] >= last.end {
		also = false
	}
	switch info.Plover {
	case "SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "AID":
	default:
		also = false
	}
	if also && len(target.ents) == 0 && len(actor.ents) > 0 {
		for i := len(d.acts) - 1; i >= 0; i-- {
			if a := d.acts[i]; a.typ == info.Plover && len(a.targets) > 0 {
				if q := (party{ents: a.targets}); !sameParty(q, actor) {
					target, targetPath = party{ents: a.targets, coref: true}, "the last "+a.typ+"'s (also)"
				}
				break
			}
		}
	}
	// "Prisoners rioted at a jail in East Timor": people with no nationality act for the place.
	if len(actor.ents) == 0 && !nominal && !passive && x.groupSubject(toks, tr.start) {
		if c := x.placeCountry(d, si, loc); c != nil {
			actor = party{ents: []*docEntity{c}, group: true}
		}
	}
	// "Ethnic Albanians demonstrated in Serbia": an ethnic group acts, or is acted on, as part of
	// the country it lives in, when the sentence names it.
	if actor.ethnic || target.ethnic {
		if c := x.placeCountry(d, si, loc); c != nil {
			if actor.ethnic {
				actor = party{ents: []*docEntity{c}, group: true}
			}
			if target.ethnic {
				target = party{ents: []*docEntity{c}, group: true}
			}
		}
	}
	// A pledge of aid with no one named is for whom the article's aid is for: "pledged $9
	// billion to help Pakistan rebuild", then "the World Bank pledged $2 billion".
	if pledge := info.Plover == "AID" || strings.HasPrefix(cameo, "033"); pledge {
		if b := x.helped(d, si, t, pn); len(b.ents) > 0 {
			d.aidFor = b
		}
		if (len(target.ents) == 0 || targetPath == "window") && len(d.aidFor.ents) > 0 && !sameParty(d.aidFor, actor) {
			target, targetPath = d.aidFor, "whom the article's aid is for"
		}
	}
	if len(actor.ents) == 0 || !x.political(d, actor, target) {
		return Event{}, false
	}
	d.lastActor, d.lastActorSent, d.lastActorEnd = actor, si, tr.end
	if actor.coref || target.coref {
		ev.Confidence -= 0.15
	}
	seen := map[*docEntity]bool{}
	for _, e := range actor.ents {
		if e != nil && !seen[e] {
			seen[e] = true
			ev.Actors = append(ev.Actors, d.use(e))
		}
	}
	for _, e := range actor.sponsors {
		if e != nil && !seen[e] {
			seen[e] = true
			ev.Actors = append(ev.Actors, d.use(e))
		}
	}
	// "accused each other", "met one another": the actors are each other's targets.
	if len(target.ents) == 0 && len(actor.ents) >= 2 && reciprocal(toks, last.end) {
		for _, e := range actor.ents {
			ev.Recipients = append(ev.Recipients, d.use(e))
		}
	}
	for _, e := range append(target.ents, target.sponsors...) {
		// A domestic event may target the actor's own country when the text says so
		// ("French farmers would blockade Paris").
		if e != nil && (!seen[e] || domestic[ev.Type] && e.Type != Organization && !containsRef(ev.Recipients, e.ref())) {
			seen[e] = true
			ev.Recipients = append(ev.Recipients, d.use(e))
		}
	}
	if quotedWe && len(ev.Recipients) == 0 {
		return Event{}, false // "we will work with the mission": only aims named in the quotation
	}
	if same != nil {
		for _, r := range same.Recipients {
			if !containsRef(ev.Actors, r) && !containsRef(ev.Recipients, r) {
				ev.Recipients = append(ev.Recipients, r)
			}
		}
	}
	if len(ev.Actors) == 0 {
		return Event{}, false
	}
	if tr.p.flags["orgtarget"] {
		ok := false
		for _, r := range ev.Recipients {
			ok = ok || r.Type == Organization
		}
		if !ok {
			return Event{}, false // "joined Kishida in Tokyo", "left Tokyo": no organization
		}
	}
	// A threat with no target is aimed at whoever its condition names ("... if the United States
	// goes ahead").
	if len(ev.Recipients) == 0 && ev.Type == "THREATEN" {
		for k := last.end; k < len(toks); k++ {
			if w := toks[k].Lower; w == "if" || w == "unless" {
				if q, _, _ := x.objectRight(d, si, k+1, nil); len(q.ents) > 0 {
					for _, e := range q.ents {
						if !seen[e] {
							seen[e] = true
							ev.Recipients = append(ev.Recipients, d.use(e))
						}
					}
				}
				break
			}
		}
	}
	// Without a named target, an event is aimed at the country where it happens ("opened an
	// embassy in Tehran", "demonstrated in Serbia"), its own for a domestic event; or, for
	// protests and concessions, at the actor's own country.
	if len(ev.Recipients) == 0 && len(ev.Actors) < 2 {
		if c := x.placeCountry(d, si, loc); c != nil && (!seen[c] || domestic[ev.Type]) {
			ev.Recipients = append(ev.Recipients, d.use(c))
			ev.Confidence -= 0.1
		} else if domestic[ev.Type] && (selfTarget[ev.Type] || actor.group) && len(actor.ents) == 1 && actor.ents[0].Type == Country && !x.futureBefore(toks, tr.start) {
			ev.Recipients = append(ev.Recipients, d.use(actor.ents[0]))
			ev.Confidence -= 0.2
		}
	}
	// "France was recalling its ambassador", after Mali expelled him: a measure with no target
	// named answers the last act of conflict aimed at its actor.
	if len(ev.Recipients) == 0 && ev.Type == "SANCTION" && !ev.Negated {
		if a := x.answered(d, actor); a != nil {
			for _, e := range a {
				if !seen[e] {
					seen[e] = true
					ev.Recipients = append(ev.Recipients, d.use(e))
				}
			}
			ev.Confidence -= 0.1
		}
	}
	// Verbal conflict needs a target: "concerns about peace" accuses no one; "A and B failed
	// to agree" is aimed at each other; a refusal ("will not accept") stands alone. So does an
	// agreement or intent of one party: "Kenya offered to lead" with no one named is no dyad
	// (on the 71 annotated articles this drops 29 false events and no true one; on PLOVER dev it
	// loses 2 of 161, domestic promises such as "promised to democratize Serbia").
	if len(ev.Recipients) == 0 && (len(actor.ents) < 2 || !mutualTypes[ev.Type]) && !(ev.Type == "REJECT" && (fr == "refuse" || strings.HasPrefix(ev.CAMEO, "12") && tr.p.cameo != ev.CAMEO)) {
		switch ev.Type {
		case "ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "COERCE", "ASSAULT", "SUPPORT", "AID", "CONSULT", "COOPERATE", "AGREE":
			if ev.CAMEO != "057" || strings.HasSuffix(toks[tr.start].Lower, "ing") || !pactWord(strings.ToLower(ev.Trigger)) && !hasWord(toks, last.end, min(len(toks), last.end+3), "pact", "agreement", "treaty", "accord", "deal", "charter", "convention", "protocol", "declaration") { // "Kenyatta signed the pact": a party to a multilateral agreement
				return Event{}, false
			}
		}
		ev.Confidence -= 0.2
	}
	// In an article of many sentences, an act aimed only at its actor is a target the text gave
	// and the reading missed ("China seized it in 2012": the shoal's claimant is named
	// elsewhere; "held at Japan's request"); a report of one sentence codes domestic acts so.
	// Two actors aimed at each other ("agreed to send their ambassadors back") stand.
	if len(d.sents) > 3 && len(ev.Recipients) > 0 && selfAimed(ev) && !reciprocalParties(ev.Recipients) {
		return Event{}, false
	}
	if !ev.Negated {
		// The pair an event is between, without the countries named only as the people's.
		var parties []*docEntity
		seenParty := map[*docEntity]bool{}
		for _, e := range append(append([]*docEntity{}, actor.ents...), target.ents...) {
			if e != nil && !seenParty[e] && (e.Type == Person || e.Type == Country || e.Type == Organization) {
				seenParty[e] = true
				parties = append(parties, e)
			}
		}
		x.setDyad(d, si, parties)
		if ev.QuadClass >= 3 && len(parties) >= 2 {
			if cs := x.countriesOf(d, parties); len(cs) >= 2 && cs[0] != cs[1] {
				d.dyadFight = cs
			}
		}
		if ev.QuadClass <= 2 && pactWord(ev.Trigger) {
			d.lastPact = parties
		}
		// The acts so far, for "condemned the launch", "called the expulsions unjustified",
		// "Maldives also cut ties".
		d.acts = append(d.acts, act{typ: ev.Type, ents: actor.ents, targets: target.ents, sent: si})
	}
	if loc != nil {
		r := d.use(loc)
		ev.Location = &r
	}
	actors := map[*docEntity]bool{}
	for _, e := range append(actor.ents, actor.sponsors...) {
		actors[e] = true
	}
	if c := x.claimant(d, si, tr, actors); c != nil {
		r := d.use(c)
		ev.Claimant = &r
	}
	ev.Date = x.eventDate(d, s)
	ev.Derivation = derivation(t, pn, ln, actorPath, targetPath, len(ev.Recipients) > 0)
	return ev, true
}

// recode gives ev the type, mode, context, quad class and Goldstein score of a CAMEO code.
func (x *Extractor) recode(ev *Event, cameo string) cameoInfo {
	info := x.lx.cameo[cameo]
	ev.Type, ev.CAMEO, ev.Mode, ev.Context, ev.QuadClass, ev.Goldstein = info.Plover, cameo, info.Mode, info.Context, info.QuadClass, info.Goldstein
	return info
}

// addParties adds the actor's entities and sponsors as actors, then the target's as recipients,
// each entity once.
func (d *doc) addParties(ev *Event, actor, target party) {
	seen := map[*docEntity]bool{}
	for _, e := range append(actor.ents, actor.sponsors...) {
		if e != nil && !seen[e] {
			seen[e] = true
			ev.Actors = append(ev.Actors, d.use(e))
		}
	}
	for _, e := range append(target.ents, target.sponsors...) {
		if e != nil && !seen[e] {
			seen[e] = true
			ev.Recipients = append(ev.Recipients, d.use(e))
		}
	}
}

// isPassive reports "was attacked", "were imposed", "has been expelled".
func (x *Extractor) isPassive(toks []token, tr trigger) bool {
	h := toks[tr.start]
	if !(strings.HasSuffix(h.Lower, "ed") || strings.HasSuffix(h.Lower, "en") || isIrregularParticiple(h.Lower)) {
		return false
	}
	for k := tr.start - 1; k >= 0 && k >= tr.start-3; k-- {
		switch toks[k].Lower {
		case "was", "were", "been", "being", "is", "are", "be", "got", "get":
			return true
		case "not", "also", "reportedly", "allegedly", "later", "then", "already":
			continue
		}
		return false
	}
	return false
}

func isIrregularParticiple(w string) bool { return irregularForms[w] }

// irregularForms are the past forms of the irregular verbs, for lookups.
var irregularForms = func() map[string]bool {
	m := map[string]bool{}
	for _, forms := range irregular {
		for _, f := range forms {
			m[f] = true
		}
	}
	return m
}()

// futureBefore reports a modal of intent in the auxiliaries before token a: will, would, shall,
// 'll, "is to", "plans to", "is going to".
func (x *Extractor) futureBefore(toks []token, a int) bool {
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		switch toks[k].Lower {
		case "will", "would", "shall", "'ll", "wo":
			return true
		case "not", "also", "soon", "now", "then", "still", "jointly", "further", "be", "to", "n't", "never", "later", "formally", "officially", "forced", "obliged", "compelled":
			continue
		}
		return false
	}
	return false
}

// frameCode codes the verb a frame governs: intent to cooperate is AGREE (03x), intent to harm
// a THREAT (13x), refusing to do a thing a REJECTION (12x).
func (x *Extractor) frameCode(fr, own, inner string) string {
	root := inner
	if len(root) > 2 {
		root = root[:2]
	}
	switch fr {
	case "threat":
		switch root {
		case "16":
			return "131"
		case "17":
			return "137"
		case "18", "19", "20":
			return "138"
		case "14":
			return "133"
		}
		return "130"
	case "refuse":
		switch {
		case strings.HasPrefix(inner, "04") || inner == "036":
			return "125"
		case root == "06":
			return "121"
		case root == "07":
			return "122"
		case root == "08":
			return "124"
		}
		return "120"
	case "request":
		if own != "" {
			return own
		}
		return "100"
	}
	// intent
	switch root {
	case "03", "01", "02", "10", "11", "12":
		return inner
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		if len(inner) == 3 && inner[2] >= '1' && inner[2] <= '4' {
			return "031" + inner[2:3]
		}
		return "031"
	case "07":
		if len(inner) == 3 && inner[2] >= '1' && inner[2] <= '4' {
			return "033" + inner[2:3]
		}
		return "033"
	case "08":
		switch {
		case strings.HasPrefix(inner, "087"):
			return "0356"
		case strings.HasPrefix(inner, "084"):
			return "0353"
		case strings.HasPrefix(inner, "085"):
			return "0354"
		case strings.HasPrefix(inner, "083"):
			return "034"
		}
		return "035"
	case "15":
		return inner // "will deploy troops": a mobilization announced, not a threat
	case "13", "14", "16", "17", "18", "19", "20":
		return x.frameCode("threat", "", inner)
	}
	if own != "" {
		return own
	}
	return inner
}

var lightVerbs = map[string]bool{"hold": true, "held": true, "holds": true, "holding": true, "had": true,
	"have": true, "has": true, "launched": true, "launch": true, "launches": true, "conducted": true,
	"began": true, "begin": true, "started": true, "resumed": true, "opened": true, "made": true, "make": true,
	"staged": true, "expressed": true, "voiced": true, "announced": true, "issued": true, "lodged": true,
	"imposed": true, "pursued": true, "continued": true, "completed": true, "ended": true, "concluded": true,
	"reached": true, "gave": true, "offered": true, "paid": true, "pay": true, "undertook": true,
	"raised": true, "renewed": true, "stepped": true, "intensified": true, "carried": true, "joined": true,
	"engaged": true, "waged": true, "mounted": true}

// lightVerbAt is lightVerbBefore for clause ranking: a finite light verb before a noun trigger.
func lightVerbAt(toks []token, a int) bool {
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		if lightVerbs[toks[k].Lower] {
			return k == 0 || toks[k-1].Lower != "to"
		}
		if !toks[k].Word || toks[k].Cap {
			return false
		}
	}
	return false
}

// lightVerbIndex is the index of a light verb ("held talks", "launched a mediation effort")
// before a noun trigger at token a, with at most three words between; -1 when there is none.
func lightVerbIndex(toks []token, a int) int {
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		if lightVerbs[toks[k].Lower] {
			return k
		}
		if !toks[k].Word || toks[k].Cap {
			return -1
		}
	}
	return -1
}

// setDyad remembers the parties of the last bilateral statement, as people and as countries.
func (x *Extractor) setDyad(d *doc, si int, parties []*docEntity) {
	if len(parties) < 2 {
		return
	}
	d.dyad, d.dyadSent = parties, si
	var people []*docEntity
	for _, e := range parties {
		if e.Type == Person {
			people = append(people, e)
		}
	}
	if len(people) >= 2 {
		d.dyadP = people
	}
	cs := x.countriesOf(d, parties)
	for _, c := range cs {
		if c.Type != Country {
			return
		}
	}
	d.dyadC = cs
}

func pactWord(trigger string) bool {
	for _, w := range []string{"pact", "deal", "agreement", "treaty", "accord", "memorandum"} {
		if strings.Contains(strings.ToLower(trigger), w) {
			return true
		}
	}
	return false
}

var domestic = map[string]bool{"PROTEST": true, "CONCEDE": true, "COERCE": true, "ASSAULT": true,
	"REQUEST": true, "REJECT": true, "THREATEN": true, "MOBILIZE": true, "RETREAT": true}

var selfTarget = map[string]bool{"PROTEST": true, "CONCEDE": true, "COERCE": true}

// placeCountry is the country of the place an event happens: the location found next to the
// trigger, else the first country or located place after "in", "at", "throughout" or "across".
func (x *Extractor) placeCountry(d *doc, si int, loc *docEntity) *docEntity {
	if loc != nil && loc.Code != "" {
		return x.country(d, loc.Code)
	}
	s := &d.sents[si]
	for _, m := range d.ments[si] {
		if m.Start == 0 || m.Ent == nil || m.Adj {
			continue
		}
		prev := s.Toks[m.Start-1].Lower
		if directional[prev] && m.Start > 1 {
			prev = s.Toks[m.Start-2].Lower
		}
		switch prev {
		case "in", "at", "throughout", "across", "inside":
		default:
			continue
		}
		if m.Type == Country {
			return m.Ent
		}
		if m.Type == Location && m.Ent.Code != "" {
			return x.country(d, m.Ent.Code)
		}
	}
	return nil
}

// obligation codes "X said Y must do Z" as X demanding of Y, and returns the token of the
// speech verb; without a speaker the obligation is no event.
func (x *Extractor) obligation(d *doc, si, modal int, ev Event) (Event, int, bool) {
	s := &d.sents[si]
	subj, start := x.subjectLeft(d, si, modal)
	if len(subj.ents) == 0 || start <= 0 {
		return Event{}, 0, false
	}
	// The speech verb before the subject, and who speaks.
	// The speech verb, a few words before: "said on Friday that".
	k := start - 1
	for k >= 0 && k >= start-5 && !speechVerbs[s.Toks[k].Lower] {
		k--
	}
	if k < 0 || !speechVerbs[s.Toks[k].Lower] {
		return Event{}, 0, false
	}
	speaker, _ := x.subjectLeft(d, si, k)
	if len(speaker.ents) == 0 {
		return Event{}, 0, false
	}
	x.recode(&ev, "100")
	ev.Trigger = d.text[s.Toks[k].Start:s.Toks[modal+1].End]
	d.addParties(&ev, speaker, subj)
	ev.Date = x.eventDate(d, s)
	return ev, k, len(ev.Actors) > 0 && len(ev.Recipients) > 0
}

// sharedSubject returns the subject of the previous verb of the sentence when the verb at a is
// joined to it by "and" ("accused Canberra ... and criticised Washington").
func (d *doc) sharedSubject(si int, toks []token, a int) (party, bool) {
	if d.lastActorSent != si || d.lastActorEnd > a || len(d.lastActor.ents) == 0 {
		return party{}, false
	}
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		switch toks[k].Lower {
		case "and":
			return d.lastActor, true
		case "also", "then", "later", "strongly", "sharply", ",", "would", "will", "could", "should", "had", "has", "have", "was", "were", "is", "are", "not", "does", "did", "do", "n't":
			continue
		}
		return party{}, false
	}
	return party{}, false
}

// conflictCode reports a CAMEO code of verbal or material conflict (roots 10-20).
func conflictCode(c string) bool { return len(c) >= 2 && c[:2] >= "10" && c[:2] <= "20" }

// claimant is who the sentence says reports the event, when that is not its actor: "X
// said Y attacked Z", "Y attacked Z, X said", "according to X".
func (x *Extractor) claimant(d *doc, si int, tr trigger, actors map[*docEntity]bool) *docEntity {
	s := &d.sents[si]
	toks := s.Toks
	for k, t := range toks {
		if !speechVerbs[t.Lower] || k >= tr.start && k < tr.end {
			continue
		}
		var p party
		switch {
		case t.Lower == "according" && k+2 < len(toks) && toks[k+1].Lower == "to":
			p, _, _ = x.objectRight(d, si, k+2, nil)
		case k < tr.start:
			p, _ = x.subjectLeft(d, si, k)
		case !trailingAttribution(toks, k):
			continue // "asked for help", "and the EU said it was ready": not who reports the event
		default:
			// "..., the White House said" / "..., said the ministry".
			if k > 0 && toks[k-1].Word {
				p, _, _ = x.unitEndingAt(d, si, k-1)
			}
			if len(p.ents) == 0 {
				p, _, _ = x.objectRight(d, si, k+1, nil)
			}
		}
		for _, e := range p.ents {
			if e != nil && !actors[e] {
				return e
			}
		}
	}
	return nil
}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true,
	"her": true, "this": true, "these": true, "those": true, "our": true, "any": true, "every": true}

// nounContext reports a word at i that stands where a noun does: after a determiner, with only
// names or adjectives of names between ("a US offer", "the Russian attack").
// nounPreps take a noun phrase: after one and a name, a trigger word is a noun.
var nounPreps = map[string]bool{"from": true, "in": true, "into": true, "of": true, "at": true, "with": true, "by": true, "under": true}

func nounContext(toks []token, i int) bool {
	if w := toks[i].Lower; strings.HasSuffix(w, "ed") || isIrregularParticiple(w) {
		return false // "the Treasury Department imposed": a past tense is a verb
	}
	k := i - 1
	for k >= 0 && toks[k].Word && toks[k].Cap {
		k--
	}
	if k >= 0 && k < i-1 && determiners[toks[k].Lower] || i > 0 && determiners[toks[i-1].Lower] {
		return true
	}
	// "12 hours of talks between Vucic and Kurti": after "of", or before "between", a noun.
	if i > 0 && toks[i-1].Lower == "of" && !strings.HasSuffix(toks[i].Lower, "ing") ||
		i+1 < len(toks) && toks[i+1].Lower == "between" {
		return true
	}
	// "freed from Israeli jails": a preposition, a name, the noun.
	if k >= 0 && k < i-1 && nounPreps[toks[k].Lower] {
		return true
	}
	// "all terror attacks", "their nuclear bombs": a determiner, a modifier, the noun.
	return i > 1 && !strings.HasSuffix(toks[i].Lower, "ing") && (determiners[toks[i-2].Lower] || quantifiers[toks[i-2].Lower]) && toks[i-1].Word && !toks[i-1].Cap &&
		!auxWords[toks[i-1].Lower] && !strings.HasSuffix(toks[i-1].Lower, "ly")
}

func containsRef(rs []Ref, r Ref) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// groupSubject reports a group noun ("prisoners", "students", "rebels") right before the verb
// at a, with only auxiliaries and adverbs between.
func (x *Extractor) groupSubject(toks []token, a int) bool {
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		if x.lx.is(toks[k].Lower, "group") {
			return true
		}
		if !auxWords[toks[k].Lower] && !strings.HasSuffix(toks[k].Lower, "ly") {
			return false
		}
	}
	return false
}

// byNear reports "by" within the four words after token b: the agent of the object noun
// ("rejected calls by Belarus"), not of a later clause ("assets once owned by Yukos").
func byNear(toks []token, b int) bool {
	for k := b; k < len(toks) && k <= b+3; k++ {
		if toks[k].Lower == "by" {
			return true
		}
	}
	return false
}

// subjectAfterOpening finds the subject of a sentence that opens with a participle clause: "By
// signing the agreement on Tuesday, the prime ministers of Bulgaria and Albania ...".
func (x *Extractor) subjectAfterOpening(d *doc, si, a int) party {
	s := &d.sents[si]
	toks := s.Toks
	first := sentStart(s, 0)
	switch toks[first].Lower {
	case "by", "after", "before", "while", "when", "in", "on", "following", "having", "upon":
	default:
		if !strings.HasSuffix(toks[a].Lower, "ing") || a != first {
			return party{}
		}
	}
	for k := a + 1; k < len(toks); k++ {
		if toks[k].Text == "," {
			p, _, _ := x.objectRight(d, si, k+1, nil)
			return p
		}
		if clauseStops[toks[k].Lower] {
			break
		}
	}
	return party{}
}

// reducedRelative reports a participle after a noun with its agent, not after "be": "data
// provided by the Liberians".
func reducedRelative(toks []token, tr trigger) bool {
	h := toks[tr.start]
	if tr.end >= len(toks) || toks[tr.end].Lower != "by" || !(strings.HasSuffix(h.Lower, "ed") || isIrregularParticiple(h.Lower)) {
		return false
	}
	return tr.start > 0 && toks[tr.start-1].Word && !auxWords[toks[tr.start-1].Lower] && toks[tr.start-1].Lower != "been"
}

// phrasalMisread reports a trigger word that, with the particle after or the verb before it,
// means something else: "went back on a pledge", "give up citizenship", "finance minister",
// "the book demonstrates this".
func (x *Extractor) phrasalMisread(toks []token, tr trigger) bool {
	h := toks[tr.start].Lower
	next, prev := "", ""
	if tr.end < len(toks) {
		next = toks[tr.end].Lower
	}
	if tr.start > 0 {
		prev = toks[tr.start-1].Lower
	}
	if tr.end-tr.start == 1 {
		if n, r := x.roleMatch(toks, tr.end); n > 0 && r.Class != "honorific" && !toks[tr.end].Cap {
			return true // "finance minister", "trade secretary" (not "release Prime Minister X")
		}
	}
	switch h {
	case "back", "backs", "backed", "backing":
		switch next {
		case "on", "from", "to", "up", "down", "into", "in", "off", "out", "away":
			return true
		}
		return strings.HasSuffix(prev, "ed") || prev == "went" || prev == "came" || prev == "go" || prev == "come" || prev == "get" || prev == "got"
	case "give", "gives", "gave", "given", "giving":
		return next == "up" || next == "way" || next == "in"
	case "demonstrate", "demonstrates", "demonstrated", "demonstrating":
		return determiners[next] || next == "how" || next == "what" || next == "that"
	case "meet", "meets", "met", "meeting":
		for k := tr.end; k < len(toks) && k < tr.end+4; k++ {
			if notMeetings[toks[k].Lower] {
				return true // "met a cool reception"
			}
		}
	}
	return false
}

// verbalObjects are what one attacks with words: "attacked the government's record".
var verbalObjects = map[string]bool{"record": true, "policy": true, "policies": true, "plan": true, "plans": true,
	"remarks": true, "comments": true, "decision": true, "handling": true, "stance": true, "proposal": true,
	"proposals": true, "budget": true, "approach": true, "leadership": true, "statement": true, "claims": true,
	"report": true, "speech": true, "views": true, "position": true, "reforms": true, "strategy": true, "bill": true}

// verbalObject reports such a word among the five after token b, before the clause ends.
func verbalObject(toks []token, b int) bool {
	for k := b; k < len(toks) && k < b+6; k++ {
		if clauseStops[toks[k].Lower] || toks[k].Text == "," {
			return false
		}
		if verbalObjects[toks[k].Lower] {
			return true
		}
	}
	return false
}

// contestWords code conflict or meetings in the news and games in sport.
var contestWords = map[string]bool{"beat": true, "beats": true, "beaten": true, "beating": true,
	"defeat": true, "defeated": true, "defeats": true, "clash": true, "clashed": true, "clashes": true,
	"attack": true, "attacked": true, "attacks": true, "attacking": true, "meet": true, "meets": true,
	"met": true, "meeting": true, "face": true, "faced": true, "faces": true, "visit": true, "visits": true,
	"visited": true, "host": true, "hosted": true, "hosts": true, "slam": true, "crush": true, "crushed": true,
	"thrash": true, "thrashed": true, "fight": true, "fought": true, "bombs": true, "shoot": true, "shot": true,
	"strike": true, "struck": true, "capture": true, "captured": true, "win": true, "won": true, "provide": true}

// isSports reports an article about sport: four or more different sports words.
func (x *Extractor) isSports(d *doc) bool {
	seen := map[string]bool{}
	for si := range d.sents {
		for _, t := range d.sents[si].Toks {
			if x.lx.is(t.Lower, "sport") {
				seen[t.Lower] = true
			}
		}
	}
	return len(seen) >= 4
}

// mutualTypes can stand between the actors of a compound subject with no target: "A and B
// agreed", "met", "clashed", "failed to agree".
var mutualTypes = map[string]bool{"AGREE": true, "CONSULT": true, "COOPERATE": true, "SUPPORT": true,
	"REJECT": true, "ASSAULT": true, "RETREAT": true}

// trailingAttribution reports a speech verb at k that attributes what comes before it: "...,
// the ministry said." or "..., said the ministry" — after a comma, ending its clause or followed
// by its speaker.
func trailingAttribution(toks []token, k int) bool {
	comma := false
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if toks[j].Text == "," {
			comma = true
			break
		}
		if toks[j].Lower == "and" || toks[j].Lower == "but" {
			return false
		}
	}
	if !comma {
		return false
	}
	if k+1 >= len(toks) {
		return true
	}
	switch next := toks[k+1]; {
	case next.Text == "." || next.Text == "," || next.Lower == "on" || next.Lower == "in" || next.Lower == "today" || next.Lower == "yesterday" || next.Lower == "late" || next.Lower == "earlier":
		return true
	case toks[k-1].Text == "," && (next.Cap || next.Lower == "the" || next.Lower == "a"):
		return true // ", said the ministry"
	}
	return false
}

// reciprocal reports "each other" or "one another" right after token b.
func reciprocal(toks []token, b int) bool {
	for k := b; k+1 < len(toks) && k <= b+2; k++ {
		if toks[k].Lower == "each" && toks[k+1].Lower == "other" || toks[k].Lower == "one" && toks[k+1].Lower == "another" {
			return true
		}
	}
	return false
}

// speakerAnd finds the speaker of "X said ... and VERB": a verb joined by "and" after a speech
// verb in the same sentence shares the speech verb's subject.
func (x *Extractor) speakerAnd(d *doc, si, a int) (party, bool) {
	toks := d.sents[si].Toks
	k := a - 1
	for k >= 0 && (auxWords[toks[k].Lower] || strings.HasSuffix(toks[k].Lower, "ly")) {
		k--
	}
	if k < 1 || toks[k].Lower != "and" {
		return party{}, false
	}
	for j := k - 1; j >= 0; j-- {
		if speechVerbs[toks[j].Lower] && toks[j].Lower != "according" {
			p, _ := x.subjectLeft(d, si, j)
			return p, len(p.ents) > 0 && p.ents[0].Type == Person
		}
	}
	return party{}, false
}

var quantifiers = map[string]bool{"all": true, "some": true, "many": true, "several": true, "most": true,
	"more": true, "further": true, "new": true, "recent": true, "two": true, "three": true, "no": true, "any": true}

// notMeetings are what one "meets" without a meeting: "met a cool reception", "met resistance".
var notMeetings = map[string]bool{"reception": true, "resistance": true, "criticism": true, "opposition": true,
	"approval": true, "demand": true, "demands": true, "target": true, "targets": true, "standard": true,
	"standards": true, "criteria": true, "deadline": true, "expectations": true, "fate": true, "end": true,
	"needs": true, "requirements": true, "response": true, "scepticism": true, "skepticism": true, "obligations": true}

// speechAct reports a CAMEO code of something said: appeals, praise, demands, accusations,
// rejections, threats. Such a verb after "X said ... and" is X's.
func speechAct(c string) bool {
	if len(c) < 2 {
		return false
	}
	switch c[:2] {
	case "01", "02", "05", "10", "11", "12", "13":
		return true
	}
	return false
}

// windowArgs finds an event's arguments the way the extractor did before it parsed: the actor
// expression nearest to the left of the trigger in its clause, the first one to its right. The
// parse's arguments stand when the parse gives an actor; these stand in when it gives none,
// which happens where the parser misreads a sentence (a verb tagged as a participle or a noun).
func (x *Extractor) windowArgs(d *doc, si int, tr, last trigger, inner *trigger, cameo string, info cameoInfo, nominal bool) (actor, target party, loc *docEntity, passive, quotedWe bool) {
	s := &d.sents[si]
	toks := s.Toks
	fr := frame(tr.p)
	objFrom := last.end
	if inner == nil && tr.p.hasGap() || fr == "request" {
		objFrom = tr.start + 1 // "blamed Israel for", "imposed sanctions on Iran", "urged both sides to"
	}
	// "is committed to", "is prepared to": a frame's participle is no passive.
	passive = !nominal && fr == "" && (x.isPassive(toks, tr) || reducedRelative(toks, tr))
	switch {
	case nominal:
		mediation := strings.HasPrefix(cameo, "045") || strings.HasPrefix(cameo, "039")
		if p, ok := x.possessorLeft(d, si, tr.start); ok {
			actor = p
		} else if p := x.between(d, si, tr.end); len(p.ents) >= 2 && !mediation {
			actor = p
		} else if lv := lightVerbIndex(s.Toks, tr.start); lv >= 0 {
			actor, _ = x.subjectLeft(d, si, lv) // "Italy announced a suspension of ..."
		} else if tr.start > 0 && toks[tr.start-1].Lower == "for" && tr.p.cameo[:2] == "04" {
			actor, _ = x.subjectLeft(d, si, tr.start) // "negotiators return to Geneva for talks"
		}
		var agent party
		target, agent, loc = x.objectRight(d, si, objFrom, nil)
		if len(actor.ents) == 0 {
			actor = agent // "the bombing by X"
		}
		if mediation {
			if p := x.between(d, si, tr.end); len(p.ents) >= 2 {
				target = p // "mediation between Israel and Hamas": the mediated are the targets
			}
		}
	case passive:
		target, _ = x.subjectLeft(d, si, tr.start)
		_, actor, loc = x.objectRight(d, si, objFrom, nil)
		actor, target = x.passiveDefaults(d, si, cameo, info, loc, actor, target)
	default:
		if shared, ok := d.sharedSubject(si, toks, tr.start); ok {
			actor = shared // "Le Drian accused Canberra ... and criticised Washington"
		} else if tr.start > 0 && toks[tr.start-1].Text == "," && strings.HasSuffix(toks[tr.start].Lower, "ing") &&
			d.lastActorSent == si && len(d.lastActor.ents) > 0 {
			actor = d.lastActor // "Colombia expelled two diplomats, accusing Caracas of ..."
		} else if sp, ok := x.speakerAnd(d, si, tr.start); ok && speechAct(cameo) {
			actor = sp // "Thomas-Greenfield said Moscow had crossed a line and urged the Assembly"
		} else {
			actor, _ = x.subjectLeft(d, si, tr.start)
		}
		if len(actor.ents) == 0 {
			actor = x.subjectAfterOpening(d, si, tr.start) // "By signing the agreement, the leaders of ..."
		}
		if len(actor.ents) == 0 {
			actor = d.quotedWe(si, tr.start) // "\"We call on both sides ...,\" Mao Ning said"
			quotedWe = len(actor.ents) > 0
		}
		var agent party
		target, agent, loc = x.objectRight(d, si, objFrom, nil)
		switch {
		case len(actor.ents) == 0 && len(agent.ents) > 0:
			actor = agent
		case len(target.ents) == 0 && len(agent.ents) > 0 && byNear(toks, last.end):
			target = agent // "rejected calls by Belarus"
		}
	}
	return actor, target, loc, passive, quotedWe
}

// sameParty reports whether two readings of an argument name the same entities.
func sameParty(a, b party) bool {
	if len(a.ents) != len(b.ents) {
		return false
	}
	for i := range a.ents {
		if a.ents[i] != b.ents[i] {
			return false
		}
	}
	return true
}

// innerAct finds the act a frame trigger governs ("agreed to negotiate", "threatened to expel",
// "urged Iran to withdraw"): the first later trigger whose predicate is the frame's xcomp or
// ccomp in the parse, else the trigger right after it in the same clause. It returns its index
// in trigs, or -1.
func (x *Extractor) innerAct(d *doc, si int, trigs []trigger, ti int) int {
	t := x.parse(d, si)
	f := t.predicate(trigs[ti].start)
	for j := ti + 1; j < len(trigs) && f >= 0; j++ {
		if n := t.predicate(trigs[j].start); n >= 0 && t.underFrame(n, f) {
			return j
		}
	}
	toks := d.sents[si].Toks
	if j := ti + 1; j < len(trigs) && trigs[j].start <= trigs[ti].end+4 && !hasWord(toks, trigs[ti].end, trigs[j].start, ",", ";") {
		return j
	}
	return -1
}

// political reports whether an event between these parties is one of politics: one of them is
// a state, a body of government, an international organization, a party or an armed group, or a
// person who holds office or acts for one. An athlete named by nationality ("the Bulgarian")
// or a club makes no diplomatic event: a sports report's "beat" and a business story's "deal"
// stay out.
func (x *Extractor) political(d *doc, ps ...party) bool {
	for _, p := range ps {
		if p.demonym && d.sports {
			continue // "the Bulgarian", "his Swiss team-mate"
		}
		for _, ents := range [][]*docEntity{p.ents, p.sponsors} {
			for _, e := range ents {
				// In a sports report a country is its team ("Italy defended well").
				if e != nil && x.politicalEntity(d, e) && !(d.sports && e.Type == Country) {
					return true
				}
			}
		}
	}
	return false
}

func (x *Extractor) politicalEntity(d *doc, e *docEntity) bool {
	switch e.Type {
	case Country:
		return true
	case Organization:
		switch e.Kind {
		case "party", "armed-group", "court":
			return true
		}
		return govKinds[e.Kind] || e.Kind == "" && x.govOffice(e.Label)
	case Person:
		if e.Wikidata != "" || e.Code != "" || e.RoleCode != "" {
			return true // a political figure of the gazetteer, "Qatari Prime Minister ..."
		}
		if e.Role != nil && (e.Role.Class == "headgov" || e.Role.Class == "member") {
			return true
		}
		if s := d.servedBy(e, false); s != nil && s != e {
			return s.Type == Country || x.politicalEntity(d, s)
		}
	}
	return false
}

// derivation describes how the parse gave an event: its predicate (and the act of a frame),
// and the dependency path to its actor and to its recipient.
func derivation(t *tree, pn, ln int, actorPath, targetPath string, recipients bool) string {
	var b strings.Builder
	b.WriteString("predicate " + t.lemma(pn) + " (" + t.toks[pn].UPOS + ")")
	if ln != pn {
		b.WriteString(", act " + t.lemma(ln) + " (" + t.rel(ln) + ")")
	}
	if actorPath != "" {
		b.WriteString("; actor " + actorPath)
	}
	if recipients {
		if targetPath == "" {
			targetPath = "from the sentence's place or the article's last pair"
		}
		b.WriteString("; recipient " + targetPath)
	}
	return b.String()
}

// passiveDefaults fills what a passive leaves unsaid: "a deal brokered by China", "the truce was
// brokered by Qatar" mediate between the parties of the agreement just reported; "was arrested
// in Lebanon", with no agent, is the work of the authorities where it happens.
func (x *Extractor) passiveDefaults(d *doc, si int, cameo string, info cameoInfo, loc *docEntity, actor, target party) (party, party) {
	if (len(target.ents) == 0 || target.coref) && strings.HasPrefix(cameo, "045") {
		if len(d.lastPact) >= 2 {
			target = party{ents: d.lastPact}
		} else if len(d.dyad) >= 2 && d.dyadSent >= si-2 {
			target = party{ents: d.dyad}
		}
	}
	if len(actor.ents) == 0 && (info.Plover == "COERCE" || info.Plover == "SANCTION") {
		if c := x.placeCountry(d, si, loc); c != nil {
			actor = party{ents: []*docEntity{c}}
		}
	}
	return actor, target
}

// helped is the party that a pledge at predicate n is to help: "pledged $9 billion to help
// Pakistan rebuild", "promised aid to support Ukraine".
func (x *Extractor) helped(d *doc, si int, t *tree, n int) party {
	var walk func(n, depth int) party
	walk = func(n, depth int) party {
		for _, c := range t.kids[n] {
			switch t.rel(c) {
			case "advcl", "xcomp", "acl", "obj":
				switch t.lemma(c) {
				case "help", "assist", "support", "aid", "rebuild":
					if o := t.child(c, "obj"); o >= 0 {
						if q := x.nodeParty(d, si, t, o); len(q.ents) > 0 {
							return q
						}
						if q := x.phraseParty(d, si, t, o); len(q.ents) > 0 {
							return q // "help Pakistan rebuild" read as a noun phrase
						}
					}
				}
				if depth < 2 {
					if q := walk(c, depth+1); len(q.ents) > 0 {
						return q
					}
				}
			}
		}
		return party{}
	}
	return walk(n, 0)
}

// gappedPledges reads the pledges that share the verb of pledge ev: "The Islamic Development
// Bank pledged $4.2 billion, the World Bank $2 billion and the Asian Development Bank $1.5
// billion": after a comma, "and" or "while", a party followed at once by a sum.
//
// A party read as the first pledge's target that is one of those pledging ("Germany pledged 244
// million euros, the EU 355 million") is not its target: the target then is whom the article's
// aid is for, as for the others.
func (x *Extractor) gappedPledges(d *doc, si int, ev *Event) []Event {
	if ev.Type != "AID" && !strings.HasPrefix(ev.CAMEO, "033") || ev.Negated || len(ev.Recipients) == 0 {
		return nil
	}
	s := &d.sents[si]
	toks := s.Toks
	at := strings.Index(d.text[s.Start:s.End], ev.Trigger)
	if at < 0 {
		return nil
	}
	verbEnd := s.Start + at + len(ev.Trigger)
	var out []Event
	for _, m := range d.ments[si] {
		if m.Ent == nil || m.Pronoun || m.Start == 0 || m.End >= len(toks) || toks[m.Start].Start < verbEnd {
			continue
		}
		before := m.Start - 1
		if toks[before].Lower == "the" && before > 0 {
			before--
		}
		if w := toks[before].Lower; w != "," && w != "and" && w != "while" {
			continue
		}
		if !sumAt(toks, m.End) {
			continue
		}
		p := x.partyOf(d, m)
		if len(p.ents) == 0 || !x.political(d, p) {
			continue
		}
		g := *ev
		g.Actors = nil
		for _, e := range p.ents {
			g.Actors = append(g.Actors, d.use(e))
		}
		end := m.End + 1
		for end < len(toks) && toks[end].Word && !toks[end].Cap && !clauseStops[toks[end].Lower] && toks[end].Lower != "and" && end < m.End+4 {
			end++
		}
		g.Trigger = d.text[toks[m.Start].Start:toks[end-1].End]
		g.Confidence -= 0.1
		g.Derivation = "a gapped pledge: the verb of \"" + ev.Trigger + "\" shared"
		out = append(out, g)
	}
	var misread bool
	for _, g := range out {
		misread = misread || containsRef(ev.Recipients, g.Actors[0])
	}
	if misread {
		var to []Ref
		for _, e := range d.aidFor.ents {
			to = append(to, d.use(e))
		}
		if len(to) == 0 {
			return nil
		}
		ev.Recipients = to
		for i := range out {
			out[i].Recipients = to
		}
	}
	return out
}

// sumAt reports a sum of money at token k: "$2 billion", "500 million euros", "an additional
// $100 million".
func sumAt(toks []token, k int) bool {
	for k < len(toks) && (toks[k].Lower == "an" || toks[k].Lower == "additional" || toks[k].Lower == "another" || toks[k].Lower == "a" || toks[k].Lower == "further") {
		k++
	}
	if k >= len(toks) {
		return false
	}
	w := toks[k].Text
	if strings.HasPrefix(w, "$") || strings.HasPrefix(w, "€") || strings.HasPrefix(w, "£") || strings.HasPrefix(w, "US$") {
		return true
	}
	if w != "" && w[0] >= '0' && w[0] <= '9' && k+1 < len(toks) {
		switch toks[k+1].Lower {
		case "million", "billion", "trillion", "euros", "dollars", "yuan", "pounds", "yen", "rupees":
			return true
		}
	}
	return false
}

// answered returns the actors of the article's last act of conflict (SANCTION, COERCE, ASSAULT,
// ACCUSE) aimed at the actor's country, for a measure that names no target: its answer.
func (x *Extractor) answered(d *doc, actor party) []*docEntity {
	own := map[*docEntity]bool{}
	for _, e := range x.countriesOf(d, actor.ents) {
		own[e] = true
	}
	if len(own) == 0 {
		return nil
	}
	for i := len(d.acts) - 1; i >= 0; i-- {
		a := d.acts[i]
		switch a.typ {
		case "SANCTION", "COERCE", "ASSAULT", "ACCUSE":
		default:
			continue
		}
		hit := false
		for _, e := range x.countriesOf(d, a.targets) {
			hit = hit || own[e]
		}
		if !hit {
			continue
		}
		var by []*docEntity
		for _, e := range x.countriesOf(d, a.ents) {
			if !own[e] {
				by = append(by, e)
			}
		}
		if len(by) > 0 {
			return by
		}
	}
	return nil
}

// askedAside reports a participle between commas that says what someone was asked ("The
// Kremlin, asked about the decision, said"), which the parse may read as the clause's verb.
func askedAside(toks []token, tr trigger) bool {
	if tr.start == 0 || toks[tr.start-1].Text != "," || !strings.HasSuffix(toks[tr.start].Lower, "ed") || tr.end >= len(toks) {
		return false
	}
	switch toks[tr.end].Lower {
	case "about", "whether", "if", "what", "how", "why", "when":
		return true
	}
	return false
}

// selfAimed reports an event whose every recipient is one of its actors.
func selfAimed(ev Event) bool {
	for _, r := range ev.Recipients {
		if !containsRef(ev.Actors, r) {
			return false
		}
	}
	return true
}

// reciprocalParties reports two parties of one kind among refs (two countries, two people): an
// event of theirs aimed at them is aimed at each other, not at one actor itself.
func reciprocalParties(refs []Ref) bool {
	n := map[EntityType]int{}
	for _, r := range refs {
		n[r.Type]++
		if n[r.Type] >= 2 {
			return true
		}
	}
	return false
}
