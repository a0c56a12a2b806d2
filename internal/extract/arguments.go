package extract

import "strings"

// party is an entity taking part in an event, with how it was found.
type party struct {
	ents     []*docEntity
	sponsors []*docEntity // countries or organizations the people act for, named with them
	coref    bool         // through a pronoun or a description ("the two countries")
	group    bool         // a part of a country's people, not its state ("Fijian rebels")
	ethnic   bool         // an ethnic group, who may live in another country ("ethnic Albanians")
	demonym  bool         // a country named only by the adjective of someone ("the Bulgarian", "Swiss striker")
}

var clauseStops = map[string]bool{";": true, ":": true, "that": true, "because": true, "although": true,
	"though": true, "while": true, "whereas": true, "but": true, "unless": true, "if": true, "whether": true,
	"when": true, "after": true, "before": true, "since": true, "despite": true, "amid": true, "amidst": true,
	"as": true, "where": true, "so": true, "until": true, "(": true, ")": true, "—": true, "–": true, "saying": true, "arguing": true}

var auxWords = map[string]bool{"will": true, "would": true, "shall": true, "should": true, "could": true,
	"can": true, "may": true, "might": true, "must": true, "'ll": true, "has": true, "have": true, "had": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "did": true,
	"does": true, "do": true, "to": true, "not": true, "never": true, "n't": true, "also": true, "already": true,
	"reportedly": true, "officially": true, "formally": true, "jointly": true, "finally": true, "again": true}

// pronouns that stand for an entity named before; "we", "I" and "you" speak from inside a
// quotation and are left alone.
var pronouns = map[string]string{"he": "person", "she": "person", "his": "person", "her": "person",
	"him": "person", "it": "thing", "its": "thing", "they": "group", "their": "group", "them": "group"}

// unitAt reads the actor expression that ends at token k (inclusive) going left: a mention, a
// country adjective with its group noun, a pronoun or a description such as "the two countries".
// It returns the entities and the first token of the expression.
func (x *Extractor) unitEndingAt(d *doc, si, k int) (party, int, bool) {
	s := &d.sents[si]
	ms := d.ments[si]
	t := s.Toks[k]
	for i, m := range ms {
		if m.End-1 == k || m.End == k && (t.Text == "'s" || t.Text == "\u2019s") {
			// "Bosnian Serbs", "Iraqi Kurds": the first adjective names the country.
			if m.Adj && i > 0 && ms[i-1].Adj && ms[i-1].End == m.Start {
				p := x.partyOf(d, ms[i-1])
				p.demonym = false
				return p, ms[i-1].Start, true
			}
			return x.partyOf(d, m), min(m.UnitStart, m.Start), true
		}
	}
	// Group noun after an adjective: "Hungarian and Romanian officials".
	if x.lx.is(t.Lower, "agent") || x.lx.is(t.Lower, "group") {
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			for _, m := range ms {
				if m.End-1 == j && m.Adj {
					p := x.partyOf(d, m)
					p.group = x.lx.is(t.Lower, "group")
					p.demonym = false // "Chinese officials", "Algerian landowners": the country's people act
					return p, m.Start, true
				}
				// "Poland's parliament", "Sudan's government".
				if m.End == j && m.Poss && (m.Type == Country || m.Metonym != "") {
					return x.partyOf(d, m), m.Start, true
				}
			}
			if !s.Toks[j].Word && s.Toks[j].Text != "-" || s.Toks[j].Cap {
				break // "Vietnamese-led forces" goes on through the hyphen
			}
		}
		// "their forces", "its troops".
		if k > 0 {
			if kind, ok := pronouns[s.Toks[k-1].Lower]; ok {
				if p, ok := x.pronounParty(d, si, k-1, kind); ok {
					return p, k - 1, true
				}
			}
		}
	}
	if kind, ok := pronouns[t.Lower]; ok {
		if p, ok := x.pronounParty(d, si, k, kind); ok {
			return p, k, true
		}
	}
	// "the two countries", "both leaders", "the pair".
	if kind, ok := pairNouns[t.Lower]; ok && k > 0 {
		prev := s.Toks[k-1].Lower
		if k > 1 && prev == "prime" {
			prev = s.Toks[k-2].Lower
		}
		if prev == "two" || prev == "both" || (t.Lower == "pair" || t.Lower == "leaders" || t.Lower == "rivals") && prev == "the" {
			ents := d.dyadP
			if kind == "person" && (prev == "two" || prev == "both") {
				if two := d.lastPeople(si, k, 2); len(two) == 2 {
					ents = two // "Obama, who was hosting Hollande, ... The two leaders had met"
				}
			}
			if kind == "country" {
				ents = d.dyadC
				// The pair the article is about, not the last named; "both sides" are those of its
				// conflict (with the armed groups of dyadFight), else of its other acts.
				sides := t.Lower == "sides"
				main := x.mainPair(d, sides)
				if main == nil && sides && len(d.dyadFight) >= 2 {
					main = d.dyadFight // "urged both sides to show restraint"
				}
				if main == nil && sides {
					main = x.mainPair(d, false)
				}
				if main != nil {
					ents = main
				}
			}
			if len(ents) >= 2 {
				return party{ents: ents, coref: true}, k - 2, true
			}
		}
	}
	return party{}, 0, false
}

// conflictTypes are the PLOVER types of verbal and material conflict.
var conflictTypes = map[string]bool{"ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"MOBILIZE": true, "SANCTION": true, "COERCE": true, "ASSAULT": true}

// pairNouns describe the two parties of the article's dyad: as people ("both leaders") or as
// countries ("the two countries", "both sides").
var pairNouns = map[string]string{"leaders": "person", "ministers": "person", "pair": "person",
	"men": "person", "women": "person", "presidents": "person", "counterparts": "person",
	"countries": "country", "nations": "country", "governments": "country", "sides": "country",
	"neighbours": "country", "neighbors": "country", "rivals": "country", "allies": "country"}

// mainPair is the pair of countries that the article's acts so far join most often (of equals,
// the first: the lead's), for "urged the two countries to": the article's dispute, not the pair
// named last. With conflict, only acts of conflict count: "both sides" of a war are not its
// mediator and one of them. It returns nil when no such act joins two countries.
func (x *Extractor) mainPair(d *doc, conflict bool) []*docEntity {
	type pair struct{ a, b *docEntity }
	count := map[pair]int{}
	var order []pair
	for _, a := range d.acts {
		if conflict && !conflictTypes[a.typ] {
			continue
		}
		others := a.targets
		if len(others) == 0 {
			others = a.ents // "Israel and Lebanon agreed": each with the other
		}
		for _, e := range x.countriesOf(d, a.ents) {
			for _, f := range x.countriesOf(d, others) {
				if e == f || e.Type != Country || f.Type != Country {
					continue
				}
				p := pair{e, f}
				if e.order > f.order {
					p = pair{f, e}
				}
				if count[p] == 0 {
					order = append(order, p)
				}
				if len(a.targets) > 0 || e.order < f.order {
					count[p]++ // a mutual act once
				}
			}
		}
	}
	var best pair
	n := 0
	for _, p := range order {
		if count[p] > n {
			best, n = p, count[p]
		}
	}
	if best.a == nil {
		return nil
	}
	return []*docEntity{best.a, best.b}
}

// countriesOf maps people to the countries they lead or represent.
// servedBy is the country (or, unless countryOnly, the organization) a person is said to lead or
// represent, or nil.
func (d *doc) servedBy(p *docEntity, countryOnly bool) *docEntity {
	for _, r := range d.res.Relations {
		if r.Subject == p.ref() && (r.Predicate == "leaderOf" || r.Predicate == "represents") && !r.Negated &&
			(!countryOnly || r.Object.Type == Country) {
			return d.byKey[string(r.Object.Type)+"/"+r.Object.Key]
		}
	}
	return nil
}

func (x *Extractor) countriesOf(d *doc, ents []*docEntity) []*docEntity {
	var out []*docEntity
	for _, e := range ents {
		c := e
		if e.Type == Person {
			if s := d.servedBy(e, true); s != nil {
				c = s
			}
		}
		out = append(out, c)
	}
	return out
}

// partyOf is the entity a mention stands for as an actor: a capital or seat of government
// stands for its country, an adjective for its country.
func (x *Extractor) partyOf(d *doc, m *mention) party {
	if m.Ent == nil {
		return party{}
	}
	switch {
	case m.Adj:
		// "Palestinians", "Bosnian Serbs": a people acts as its nation; "the Bulgarian" striker
		// does not.
		w := d.sents[m.Sent].Toks[m.End-1].Lower
		p := party{ents: []*docEntity{x.country(d, m.Gaz.Code)}, demonym: m.Agent == "" && !strings.HasSuffix(w, "s")}
		if s := &d.sents[m.Sent]; m.Start > 0 && s.Toks[m.Start-1].Lower == "ethnic" {
			p.group, p.ethnic = true, true
		}
		return p
	case m.Metonym != "":
		if c := x.country(d, m.Metonym); c != nil {
			return party{ents: []*docEntity{c}}
		}
	case m.Type == Location:
		// "a missionary from Calgary": where people come from stands for its country.
		if s := &d.sents[m.Sent]; m.Start > 0 && s.Toks[m.Start-1].Lower == "from" && m.Ent.Code != "" {
			if c := x.country(d, m.Ent.Code); c != nil {
				return party{ents: []*docEntity{c}}
			}
		}
		return party{}
	}
	p := party{ents: []*docEntity{m.Ent}}
	// "Japan's Prime Minister Fumio Kishida": the country or organization the title names
	// takes part with the person.
	if (m.Type == Person || m.Type == Organization) && m.RoleOf != nil {
		if r := m.RoleOf; r.Adj || r.Metonym != "" && r.Type != Organization {
			if c := x.country(d, r.Gaz.Code); c != nil {
				p.sponsors = append(p.sponsors, c)
			}
		} else if r.Ent != nil {
			p.sponsors = append(p.sponsors, r.Ent)
		}
	}
	return p
}

// pronounParty resolves a pronoun at token k of sentence si to the entities it most likely
// stands for: the last person for he/she, the last country or organization for it, the last
// pair or group for they.
func (x *Extractor) pronounParty(d *doc, si, k int, kind string) (party, bool) {
	if kind == "group" {
		// A plural description before it in the sentence ("The two leaders said they would"),
		// else the nearest country or organization ("statements from China articulating their
		// support"), else the last pair.
		s := &d.sents[si]
		for j := k - 1; j >= 0 && j >= k-8; j-- {
			w := s.Toks[j].Lower
			if w == "leaders" || w == "countries" || w == "nations" || w == "sides" || w == "governments" || w == "pair" {
				if p, _, ok := x.unitEndingAt(d, si, j); ok && len(p.ents) >= 2 {
					return p, true
				}
			}
		}
		ms := d.ments[si]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if m.Start >= k || m.Ent == nil || m.Adj && m.Agent == "" || m.Type != Country && m.Type != Organization || k-m.End > 12 {
				continue
			}
			if m.Start > 0 && locPreps[s.Toks[m.Start-1].Lower] {
				continue // "troops in Iraq ... their withdrawal": not Iraq's
			}
			p := x.coordinateLeft(d, si, x.partyOf(d, m), m.Start)
			p.coref = true
			return p, len(p.ents) > 0
		}
		if len(d.dyad) >= 2 && d.dyadSent >= si-3 {
			return party{ents: d.dyad, coref: true}, true
		}
	}
	if kind == "person" {
		if m := x.lastPerson(d, si, k, nil); m != nil {
			p := x.partyOf(d, m)
			p.coref = true
			return p, true
		}
		return party{}, false
	}
	for s := si; s >= 0 && s >= si-2; s-- {
		ms := d.ments[s]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if s == si && m.Start >= k || m.Ent == nil {
				continue
			}
			if m.Type == Country || m.Type == Organization || m.Adj && kind == "group" || m.Metonym != "" && m.Type == Location {
				p := x.partyOf(d, m) // "Moscow said it would": the capital's government
				p.coref = true
				return p, len(p.ents) > 0
			}
		}
	}
	return party{}, false
}

// lastPeople are the last n different people named before token k of sentence si or in the
// sentence before, the later first; fewer when fewer are named.
func (d *doc) lastPeople(si, k, n int) []*docEntity {
	var out []*docEntity
	seen := map[*docEntity]bool{}
	for s := si; s >= 0 && s >= si-1 && len(out) < n; s-- {
		ms := d.ments[s]
		for j := len(ms) - 1; j >= 0 && len(out) < n; j-- {
			m := ms[j]
			if s == si && m.Start >= k || m.Ent == nil || m.Type != Person || seen[m.Ent] {
				continue
			}
			seen[m.Ent] = true
			out = append(out, m.Ent)
		}
	}
	return out
}

// subjectLeft finds the actor of a verb at token a: the nearest actor expression to its left in
// the same clause, with coordinated ones ("A and B", "A, B and C").
func (x *Extractor) subjectLeft(d *doc, si, a int) (party, int) {
	s := &d.sents[si]
	var fallback party
	fbStart := -1
	for k := a - 1; k >= 0; k-- {
		t := s.Toks[k]
		if t.Text != ")" && (clauseStops[t.Lower] || speechVerbs[t.Lower] && k < a-1) {
			break
		}
		// "Mr Hague, who stepped down": the antecedent of the relative pronoun.
		if (t.Lower == "who" || t.Lower == "which") && k > 0 {
			j := k - 1
			if s.Toks[j].Text == "," && j > 0 {
				j--
			}
			if p, start, ok := x.unitEndingAt(d, si, j); ok && len(p.ents) > 0 {
				return p, start
			}
			// "Kenyatta was among the leaders who signed": one of them.
			if j >= 3 && !s.Toks[j].Cap && s.Toks[j-1].Lower == "the" && s.Toks[j-2].Lower == "among" {
				if b := s.Toks[j-3].Lower; b == "was" || b == "were" || b == "is" || b == "are" {
					if p, start, ok := x.unitEndingAt(d, si, j-4); ok && len(p.ents) > 0 {
						return p, start
					}
				}
			}
			break
		}
		// Skip a parenthesis: "the Serbian Workers' Union (SSS) stopped work".
		if t.Text == ")" {
			j := k - 1
			for j >= 0 && j >= k-4 && s.Toks[j].Text != "(" {
				j--
			}
			if j >= 0 && s.Toks[j].Text == "(" {
				k = j
				continue
			}
		}
		// Skip an apposition: "Pakistan, a key U.S. ally in the war, has refused".
		if t.Text == "," {
			if j := x.appositionStart(s.Toks, k); j > 0 {
				k = j
				continue
			}
		}
		p, start, ok := x.unitEndingAt(d, si, k)
		if !ok || len(p.ents) == 0 {
			continue
		}
		// A name inside a prepositional phrase ("the sides of ... Cyprus") is a modifier: look
		// further left for the head, keep this one in reserve.
		if start > 0 && modPreps[s.Toks[start-1].Lower] && fallback.ents == nil {
			fallback, fbStart = p, start
			// "Rebels in the Ivory Coast": people of the place, not its state.
			for j := start - 2; j >= 0 && j >= start-4; j-- {
				if x.lx.is(s.Toks[j].Lower, "group") {
					fallback.group = true
				}
			}
			k = start
			continue
		}
		return x.coordinateLeft(d, si, p, start), start
	}
	if fallback.ents != nil {
		return fallback, fbStart
	}
	return party{}, -1
}

// appositionStart: toks[k] is a comma closing an apposition ", a key ally ,"; it returns the
// index of the opening comma, or -1.
func (x *Extractor) appositionStart(toks []token, k int) int {
	for j := k - 1; j > 0 && j >= k-20; j-- {
		if toks[j].Text == "," {
			switch toks[j+1].Lower {
			case "a", "an", "the", "who", "which", "whose", "one", "itself", "himself", "herself", "already":
				return j
			}
			if n, r := x.roleMatch(toks, j+1); n > 0 && r.Class != "honorific" {
				return j // ", vice chairman of Citigroup,"
			}
			return -1
		}
		if clauseStops[toks[j].Lower] && toks[j].Lower != "as" {
			return -1
		}
	}
	return -1
}

var directional = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true, "northeastern": true,
	"northwestern": true, "southeastern": true, "southwestern": true, "neighbouring": true, "neighboring": true}

var locPreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "into": true}

var modPreps = map[string]bool{"of": true, "in": true, "from": true, "at": true, "near": true, "on": true, "for": true, "with": true, "against": true, "to": true}

// coordinateLeft extends a party with the expressions joined to it by "and" or commas.
func (x *Extractor) coordinateLeft(d *doc, si int, p party, start int) party {
	s := &d.sents[si]
	for start >= 2 {
		j := start - 1
		if (s.Toks[j].Lower == "the" || s.Toks[j].Lower == "his" || s.Toks[j].Lower == "her") && j >= 2 {
			j-- // "Jamaica and the Bahamas", "Japarov and his Tajik counterpart Emomali Rahmon"
		}
		conj := s.Toks[j].Lower
		if conj != "and" && conj != "," && conj != "&" {
			break
		}
		q, qs, ok := x.unitEndingAt(d, si, j-1)
		if !ok || len(q.ents) == 0 || qs > 0 && modPreps[s.Toks[qs-1].Lower] && !x.ofGroup(s.Toks, qs-1) {
			break // "signed for Moscow and Kubrakov signed": no conjunct of the subject
		}
		p.ents = append(q.ents, p.ents...)
		p.sponsors = append(q.sponsors, p.sponsors...)
		start = qs
	}
	return p
}

// objectRight finds the target after token b: the first actor expression before the clause
// ends, and those coordinated with it. byAgent reports a passive agent ("by X").
// purposeVerbs after "to" start a purpose clause: "to ensure", "to protect".
var purposeVerbs = map[string]bool{"ensure": true, "protect": true, "safeguard": true, "guarantee": true,
	"defend": true, "secure": true, "preserve": true, "maintain": true}

func (x *Extractor) objectRight(d *doc, si, b int, preps map[string]bool) (p party, agent party, loc *docEntity) {
	s := &d.sents[si]
	ms := d.ments[si]
	limit := b + 12
	for k := b; k < len(s.Toks) && k < limit; k++ {
		t := s.Toks[k]
		if clauseStops[t.Lower] && t.Lower != "as" || speechVerbs[t.Lower] {
			break
		}
		// "struck what New Delhi called a training camp": the namer is no target.
		if t.Lower == "what" && k+2 < len(s.Toks) {
			if m := mentionAt(ms, k+1); m != nil && m.End < len(s.Toks) {
				switch s.Toks[m.End].Lower {
				case "called", "calls", "described", "describes", "termed", "terms", "said", "says":
					k = m.End
					continue
				}
			}
		}
		// "would take countermeasures to ensure Russia's security": a purpose, not a target.
		if t.Lower == "to" && k+1 < len(s.Toks) && purposeVerbs[s.Toks[k+1].Lower] {
			break
		}
		// "welcomed the release and urged both sides": another verb, another object.
		if t.Lower == "and" && k+1 < len(s.Toks) && !s.Toks[k+1].Cap && x.lx.events.byFirst[s.Toks[k+1].Lower] != nil &&
			!determiners[s.Toks[k+1].Lower] {
			break
		}
		if t.Text == "," && p.ents == nil && k+2 < len(s.Toks) && (s.Toks[k+1].Lower == "among" && s.Toks[k+2].Lower == "them" || s.Toks[k+1].Lower == "including") {
			// "bans on the four, among them Chen Mingguo": the named ones stand for the group.
			k++
			if s.Toks[k].Lower == "among" {
				k++
			}
			limit += 4
			continue
		}
		if t.Text == "," {
			// A comma ends the object unless a list goes on: of names, or, before any name,
			// of things ("launched artillery, mortar and rocket fire against ...").
			if m := mentionAt(ms, k+1); m == nil {
				if p.ents != nil || k+1 >= len(s.Toks) || !listGoesOn(s.Toks[k+1]) {
					break
				}
			}
			if p.ents == nil && k+1 < len(s.Toks) && (s.Toks[k+1].Lower == "and" || s.Toks[k+1].Lower == "but") {
				break // "to support the mission, and Jamaica offered": a new clause
			}
			continue
		}
		m := mentionAt(ms, k)
		// "brokered by Qatar with the help of Egypt": a helper, not a target.
		if m != nil && k >= 3 && s.Toks[k-1].Lower == "of" && (s.Toks[k-2].Lower == "help" || s.Toks[k-2].Lower == "support") && s.Toks[k-3].Lower == "the" {
			k = m.End - 1
			continue
		}
		// "joined the bloc": the organization named last.
		if m == nil && p.ents == nil && k > 0 && s.Toks[k-1].Lower == "the" && orgNouns[t.Lower] {
			if o := d.lastOrg(si, k); o != nil {
				p = party{ents: []*docEntity{o}, coref: true}
				k++
				continue
			}
		}
		// "urged both sides", "called on the two countries".
		if m == nil && p.ents == nil && (t.Lower == "sides" || t.Lower == "countries" || t.Lower == "leaders" || t.Lower == "nations" || t.Lower == "neighbours" || t.Lower == "neighbors" || t.Lower == "rivals") {
			if q, _, ok := x.unitEndingAt(d, si, k); ok && len(q.ents) >= 2 {
				p = q
				continue
			}
		}
		if m == nil && p.ents == nil && k > b && forceNouns[t.Lower] != "" {
			if w := s.Toks[k-1].Lower; w == "the" || w == "this" || w == "that" || w == "these" {
				if a := d.lastAct(t.Lower); a != nil {
					p = party{ents: a, coref: true} // "the EU condemned the annexation"
				}
			}
		}
		if m == nil && p.ents == nil && k > b && pactWord(t.Lower) && len(d.lastPact) > 0 {
			if w := s.Toks[k-1].Lower; w == "the" || w == "this" || w == "that" {
				p = party{ents: d.lastPact, coref: true} // "oppose the pact"
			}
		}
		if m == nil {
			if kind, ok := pronouns[t.Lower]; ok && p.ents == nil && (t.Lower == "him" || t.Lower == "them") {
				if q, ok := x.pronounParty(d, si, k, kind); ok {
					p = q
				}
			}
			continue
		}
		prev := ""
		if k > 0 {
			prev = s.Toks[k-1].Lower
		}
		byAgent := prev == "by" || k > 1 && s.Toks[k-2].Lower == "by" && (prev == "the" || prev == "a" || prev == "an")
		if byAgent {
			agent = x.partyOf(d, m)
			k = m.End - 1
			continue
		}
		if directional[prev] && k > 1 {
			prev = s.Toks[k-2].Lower // "in northern Israel"
		}
		if determiners[prev] && k > 1 && (s.Toks[k-2].Lower == "at" || s.Toks[k-2].Lower == "during") {
			k = m.End - 1
			continue // "at a Mercosur summit": where, not whom
		}
		if (prev == "in" || prev == "at" || prev == "near") && !preps["in"] {
			if m.Type == Location || m.Metonym != "" {
				if loc == nil {
					loc = m.Ent
				}
			}
			k = m.End - 1
			continue
		}
		// "hosted US President Joe Biden": the country is the title's, the person the target.
		if pm := personAfter(ms, m); pm != nil {
			m = pm
		}
		q := x.partyOf(d, m)
		if len(q.ents) == 0 {
			if m.Type == Location && loc == nil {
				loc = m.Ent
			}
			k = m.End - 1
			continue
		}
		if p.ents != nil {
			conj := prev
			if (prev == "the" || prev == "a" || prev == "an") && k > 1 {
				conj = s.Toks[k-2].Lower
			}
			if conj == "and" || conj == "," || conj == "&" {
				p.ents = append(p.ents, q.ents...)
				p.sponsors = append(p.sponsors, q.sponsors...)
				limit = max(limit, m.End+7)
			}
			k = m.End - 1
			continue
		}
		p = q
		k = m.End - 1
		limit = max(limit, k+8) // a list of long titled names goes on
		// Stop after this name unless a coordinated one follows.
		if k+1 < len(s.Toks) && s.Toks[k+1].Lower != "and" && s.Toks[k+1].Text != "," && s.Toks[k+1].Lower != "by" {
			break
		}
	}
	return p, agent, loc
}

// possessorLeft finds the possessor of a noun trigger: "Russia's aggression", "Israeli attacks".
func (x *Extractor) possessorLeft(d *doc, si, a int) (party, bool) {
	s := &d.sents[si]
	// A name right before the noun, or before a noun that modifies it, is its possessor: "US
	// sanctions", "NATO peacekeeping troops", "a United Nations appeal".
	for k := a - 1; k >= 0 && k >= a-2; k-- {
		for _, m := range d.ments[si] {
			if m.End-1 == k && !m.Poss && (m.Type == Country || m.Type == Organization) { // not "a Brussels summit": a venue
				if p := x.partyOf(d, m); len(p.ents) > 0 {
					return p, true
				}
			}
		}
		if k < a-1 || !s.Toks[k].Word || s.Toks[k].Cap {
			break
		}
	}
	for k := a - 1; k >= 0 && k >= a-4; k-- {
		t := s.Toks[k]
		if t.Text == "'s" || t.Text == "\u2019s" {
			if p, _, ok := x.unitEndingAt(d, si, k); ok && len(p.ents) > 0 {
				return p, true
			}
			return party{}, false
		}
		if (t.Text == "'" || t.Text == "\u2019") && k > 0 {
			// Plural possessive: "the leaders' concerns".
			if p, _, ok := x.unitEndingAt(d, si, k-1); ok && len(p.ents) > 0 {
				return p, true
			}
			return party{}, false
		}
		if isQuoteTok(t.Text) {
			continue
		}
		if kind, ok := pronouns[t.Lower]; ok && (t.Lower == "their" || t.Lower == "its" || t.Lower == "his" || t.Lower == "her") {
			if p, ok := x.pronounParty(d, si, k, kind); ok {
				return p, true
			}
			return party{}, false
		}
		for _, m := range d.ments[si] {
			if m.End-1 == k && m.Adj {
				return x.partyOf(d, m), true
			}
		}
		if !t.Word || t.Cap || t.Lower == "the" || t.Lower == "a" {
			if t.Lower == "the" || t.Lower == "a" {
				return party{}, false
			}
			continue
		}
	}
	return party{}, false
}

// between finds "between A and B" after a noun trigger.
func (x *Extractor) between(d *doc, si, b int) party {
	s := &d.sents[si]
	for k := b; k < len(s.Toks) && k < b+3; k++ {
		if s.Toks[k].Lower == "between" || s.Toks[k].Lower == "among" {
			p, _, _ := x.objectRight(d, si, k+1, nil)
			if len(p.ents) >= 2 {
				return p
			}
			// "between their two countries".
			for j := k + 1; j < len(s.Toks) && j < k+5; j++ {
				if q, _, ok := x.unitEndingAt(d, si, j); ok && len(q.ents) >= 2 {
					return q
				}
			}
		}
	}
	return party{}
}

func hasWord(toks []token, a, b int, words ...string) bool {
	for k := max(a, 0); k < b && k < len(toks); k++ {
		for _, w := range words {
			if toks[k].Lower == w {
				return true
			}
		}
	}
	return false
}

// personAfter returns the person whose title a mention belongs to ("US" in "US President Joe
// Biden"), or nil.
func personAfter(ms []*mention, m *mention) *mention {
	for _, pm := range ms {
		if pm.Type == Person && pm.Start > m.Start && pm.UnitStart <= m.Start && pm.RoleOf != nil {
			return pm
		}
	}
	return nil
}

// listGoesOn reports a word after a comma that continues a list of things, not a new clause.
func listGoesOn(t token) bool {
	if !t.Word || t.Cap || strings.HasSuffix(t.Lower, "ing") || strings.HasSuffix(t.Lower, "ed") {
		return false
	}
	switch t.Lower {
	case "who", "which", "that", "where", "when", "while", "but", "as", "saying", "according", "after", "before", "although":
		return false
	}
	return true
}

// forceNouns name a use of force already reported: "condemned the annexation".
var forceNouns = map[string]string{
	"annexation": "ASSAULT COERCE", "invasion": "ASSAULT", "attack": "ASSAULT", "attacks": "ASSAULT",
	"strike": "ASSAULT", "strikes": "ASSAULT", "airstrike": "ASSAULT", "airstrikes": "ASSAULT",
	"bombing": "ASSAULT", "bombings": "ASSAULT", "shelling": "ASSAULT", "offensive": "ASSAULT",
	"incursion": "ASSAULT MOBILIZE", "incursions": "ASSAULT MOBILIZE", "assault": "ASSAULT",
	"killing": "ASSAULT", "killings": "ASSAULT", "massacre": "ASSAULT", "downing": "ASSAULT",
	"raid": "ASSAULT COERCE", "raids": "ASSAULT COERCE", "occupation": "ASSAULT COERCE MOBILIZE",
	"crackdown": "COERCE ASSAULT", "coup": "ASSAULT COERCE", "launch": "MOBILIZE ASSAULT",
	"launches": "MOBILIZE ASSAULT", "test": "MOBILIZE ASSAULT", "tests": "MOBILIZE ASSAULT",
	"expulsion": "SANCTION", "expulsions": "SANCTION", "blockade": "COERCE SANCTION MOBILIZE",
	"deployment": "MOBILIZE", "drills": "MOBILIZE", "exercises": "MOBILIZE",
	"detention": "COERCE", "arrest": "COERCE", "arrests": "COERCE", "seizure": "COERCE",
	"sanctions": "SANCTION COERCE", "ban": "SANCTION COERCE", "embargo": "SANCTION COERCE",
	"measures": "SANCTION COERCE", "restrictions": "SANCTION COERCE",
	"violation": "ASSAULT COERCE SANCTION MOBILIZE", "violations": "ASSAULT COERCE SANCTION MOBILIZE"}

// generalActs are nouns for any act, which lastAct reads only as an act aimed at the one who
// speaks of it: "Seoul called the decision reckless" after Japan dropped South Korea from its
// list, "Russia dismissed the remarks as offensive" after Blinken criticised it.
var generalActs = map[string]string{
	"decision": "SANCTION COERCE REJECT MOBILIZE ASSAULT", "move": "SANCTION COERCE REJECT MOBILIZE ASSAULT",
	"step": "SANCTION COERCE REJECT MOBILIZE", "cancellation": "SANCTION REJECT", "action": "SANCTION COERCE ASSAULT",
	"actions": "SANCTION COERCE ASSAULT", "remarks": "ACCUSE THREATEN", "comments": "ACCUSE THREATEN",
	"accusation": "ACCUSE", "accusations": "ACCUSE", "allegations": "ACCUSE", "claims": "ACCUSE"}

// lastAct returns the actors of the article's last act (of conflict) that the noun may name:
// "condemned the raid" is aimed at whoever raided, not at whoever acted last; "the expulsions"
// at the last who expelled. When the one who speaks of it (d.judge) was the target of such an
// act, it is that act ("Qatar called the measures unjustified"); an act of the speaker's own is
// not the one it condemns. It returns nil when the article reported no such act.
func (d *doc) lastAct(noun string) []*docEntity {
	types, general := forceNouns[noun], false
	if types == "" {
		types, general = generalActs[noun], true
	}
	if types == "" {
		return nil
	}
	has := func(es []*docEntity) bool {
		for _, e := range es {
			for _, j := range d.judge.ents {
				if e == j {
					return true
				}
			}
		}
		return false
	}
	for i := 0; i < len(d.acts) && len(d.judge.ents) > 0; i++ {
		if a := d.acts[i]; strings.Contains(types, a.typ) && has(a.targets) {
			return a.ents
		}
	}
	if general && d.welcoming {
		// "Armenia voted to ratify the statute. The EU welcomed the decision": a decision
		// welcomed is the last act of cooperation reported, in the two sentences before, by
		// someone else.
		for i := len(d.acts) - 1; i >= 0 && d.acts[i].sent >= d.sent-2; i-- {
			a := d.acts[i]
			switch a.typ {
			case "AGREE", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT", "AID":
				if a.sent < d.sent && !has(a.ents) {
					return a.ents
				}
			}
		}
	}
	if general {
		return nil // "the decision" of no one aimed at the speaker may be anyone's
	}
	for i := len(d.acts) - 1; i >= 0; i-- {
		if a := d.acts[i]; strings.Contains(types, a.typ) && !has(a.ents) {
			return a.ents
		}
	}
	return nil
}

// orgNouns stand for an organization named before: "the bloc", "the alliance".
var orgNouns = map[string]bool{"bloc": true, "alliance": true, "organization": true, "union": true,
	"grouping": true, "body": true, "club": true, "pact": false}

// stateNouns describe one country: "the Gulf state", "the kingdom", "the island nation".
var stateNouns = map[string]bool{"state": true, "nation": true, "country": true, "kingdom": true,
	"emirate": true, "monarchy": true, "archipelago": true}

// describesState reports that the noun n of stateNouns describes a foreign country: a kingdom
// or an emirate on its own, a state, nation or country with a modifier that names no one ("the
// Gulf state", "the island nation", "the oil-rich country"). Bare "the country" and "the
// nation" are as often the speaker's own ("defend the nation"); "the Lebanese state" and "the
// island nation of Tuvalu" are named.
func (x *Extractor) describesState(d *doc, si int, t *tree, n int) bool {
	modified := false
	for _, c := range t.kids[n] {
		switch t.rel(c) {
		case "amod", "compound", "flat":
			if m := mentionOver(d.ments[si], t.ext[c]); m != nil && (m.Type == Country || m.Adj) {
				return false
			}
			modified = true
		case "nmod":
			if mentionOver(d.ments[si], t.ext[c]) != nil {
				return false // "the island nation of Tuvalu" is named
			}
		}
	}
	switch d.sents[si].Toks[t.ext[n]].Lower {
	case "kingdom", "emirate", "monarchy", "archipelago":
		return true
	}
	return modified
}

// lastCountry is the country named last before token k of sentence si (or in the two sentences
// before) that is not the party whose target is being read (d.judge): "Saudi Arabia cut ties
// with Qatar, accusing the Gulf state of".
func (x *Extractor) lastCountry(d *doc, si, k int) *docEntity {
	judge := map[*docEntity]bool{}
	for _, e := range x.countriesOf(d, d.judge.ents) {
		judge[e] = true
	}
	for s := si; s >= 0 && s >= si-2; s-- {
		ms := d.ments[s]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if s == si && m.Start >= k || m.Ent == nil || m.Type != Country && m.Metonym == "" {
				continue
			}
			for _, e := range x.partyOf(d, m).ents {
				if e.Type == Country && !judge[e] {
					return e
				}
			}
		}
	}
	return nil
}

// lastOrg is the international organization named last before token k of sentence si.
func (d *doc) lastOrg(si, k int) *docEntity {
	for s := si; s >= 0 && s >= si-3; s-- {
		ms := d.ments[s]
		for j := len(ms) - 1; j >= 0; j-- {
			m := ms[j]
			if s == si && m.Start >= k || m.Ent == nil || m.Type != Organization {
				continue
			}
			switch m.Ent.Kind {
			case "igo", "alliance", "bloc", "un-organ":
				return m.Ent
			}
		}
	}
	return nil
}

// ofGroup reports "of" after a plural title or group noun at k: "the foreign ministers of Arland
// and Beland", whose list names the actors.
func (x *Extractor) ofGroup(toks []token, k int) bool {
	if toks[k].Lower != "of" || k == 0 {
		return false
	}
	w := toks[k-1].Lower
	if x.lx.is(w, "agent") || x.lx.is(w, "group") {
		return true
	}
	if strings.HasSuffix(w, "s") {
		if _, ok := x.lx.roles[strings.TrimSuffix(w, "s")]; ok {
			return true // "ministers", "presidents"
		}
	}
	return false
}
