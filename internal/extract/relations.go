package extract

import (
	"sort"
	"strings"
)

// relations finds the static relations the text states: roles from titles and appositions,
// memberships, parts and locations.
func (x *Extractor) relations(d *doc) {
	seen := map[Relation]bool{}
	add := func(r Relation) {
		k := r
		k.Evidence = Span{}
		if r.Subject == r.Object && r.Predicate != "holdsRole" || seen[k] {
			return
		}
		seen[k] = true
		d.res.Relations = append(d.res.Relations, r)
	}
	headless := map[*docEntity]*sentence{}
	for si := range d.sents {
		if d.stopped() {
			return
		}
		s := &d.sents[si]
		ev := Span{Start: s.Start, End: s.End}
		ms := d.ments[si]
		for mi, m := range ms {
			if m.Ent == nil || m.TitleOnly {
				continue
			}
			// Title before the name: "Japan's Prime Minister Fumio Kishida".
			if m.Type == Person && m.Role != nil && m.Role.Class != "honorific" {
				x.roleRelations(d, m.Ent, m.Role, m.RoleOf, ev, add)
				if m.RoleOf == nil && (m.Role.Class == "headgov" || m.Role.Class == "member" && nationalTitle(m.Role.Role)) {
					headless[m.Ent] = s
				}
			}
			// "foreign ministry spokeswoman Mao Ning said in Beijing": the ministry of the country
			// the people gazetteer knows, else of the country the sentence names first.
			if m.Type == Person && m.Role != nil && m.Role.Class == "member" && m.RoleOf == nil && ministryBefore(s.Toks, m.UnitStart) {
				if c := x.ministryCountry(d, s, ms, m); c != nil {
					add(Relation{Subject: d.use(m.Ent), Predicate: "represents", Object: d.use(c), Evidence: ev})
				}
			}
			// Apposition: "David Capie, Director of Victoria University's Centre for ...".
			if m.Type == Person && m.End+1 < len(s.Toks) && s.Toks[m.End].Text == "," {
				k := m.End + 1
				if s.Toks[k].Lower == "the" || s.Toks[k].Lower == "a" {
					k++
				}
				var of *mention
				if om := mentionAt(ms, k); om != nil && (om.Type == Country || om.Type == Organization || om.Adj) {
					of = om
					k = om.End
					if k < len(s.Toks) && (s.Toks[k].Text == "'s" || s.Toks[k].Text == "\u2019s") {
						k++
					}
				}
				if n, r := x.roleMatch(s.Toks, k); n > 0 && r.Class != "honorific" &&
					!(k+n < len(s.Toks) && s.Toks[k+n].Cap && s.Toks[k+n].Word) { // "X, Gazprom chairman Aleksey Miller": the next person's title
					k += n
					if of == nil && k < len(s.Toks) && (s.Toks[k].Lower == "of" || s.Toks[k].Lower == "at" || s.Toks[k].Lower == "for") {
						k++
						if k < len(s.Toks) && s.Toks[k].Lower == "the" {
							k++
						}
						// The last organization of a chain "Victoria University's Centre for ...".
						for om := mentionAt(ms, k); om != nil; om = mentionAt(ms, k) {
							if om.Type == Country || om.Type == Organization || om.Adj {
								of = om
							}
							k = om.End
							if k < len(s.Toks) && (s.Toks[k].Text == "'s" || s.Toks[k].Text == "\u2019s") {
								k++
							}
						}
					}
					if of == nil {
						// "a professor of international relations at the University of Otago"
						for _, om := range ms {
							if om.Start >= k && om.Start < k+8 && om.Type == Organization && om.Ent != nil && !commaBetween(s.Toks, k, om.Start) {
								of = om
								break
							}
						}
					}
					x.roleRelations(d, m.Ent, r, of, ev, add)
				}
			}
			if m.Type == Person {
				x.personClauses(d, s, ms, m, ev, add)
			}
			// "Kirkuk, Iraq" (not a list: "Kirkuk, Iraq and Syria"): the place lies in the country;
			// "Nantucket, Massachusetts": in the larger place.
			if m.Type == Location && mi+1 < len(ms) && m.End < len(s.Toks) && s.Toks[m.End].Text == "," {
				if n := ms[mi+1]; n.Start == m.End+1 && (n.Type == Country || n.Type == Location && n.Metonym == "") && !n.Adj && n.Ent != nil &&
					!listAfter(ms, s.Toks, n.End) &&
					(mi == 0 || ms[mi-1].End+1 != m.Start || s.Toks[m.Start-1].Text != ",") {
					pred := "locatedIn"
					if n.Type == Location {
						pred = "partOf"
					}
					add(Relation{Subject: d.use(m.Ent), Predicate: pred, Object: d.use(n.Ent), Evidence: ev})
				}
			}
			// "the Uzbek city of Samarkand": the place lies in the adjective's country.
			if m.Type == Country && m.Adj && m.Gaz != nil && mi+1 < len(ms) && m.End+2 < len(s.Toks) &&
				placeNouns[s.Toks[m.End].Lower] && s.Toks[m.End+1].Lower == "of" {
				if n := ms[mi+1]; n.Start == m.End+2 && n.Type == Location && n.Ent != nil && (n.Ent.Code == "" || n.Ent.Code == m.Gaz.Code) {
					if c := x.country(d, m.Gaz.Code); c != nil {
						add(Relation{Subject: d.use(n.Ent), Predicate: "locatedIn", Object: d.use(c), Evidence: ev})
					}
				}
			}
			// "Iran's Sistan-Baluchestan province": the country's own place.
			if m.Type == Country && m.Poss && !m.Adj && m.Ent != nil && mi+1 < len(ms) {
				if n := ms[mi+1]; n.Start == m.End+1 && n.Type == Location && n.Ent != nil && n.Metonym == "" &&
					(n.Ent.Code == "" || n.Ent.Code == m.Ent.Code) &&
					// not a modifier: "Ukraine's Black Sea ports" are the country's, not the sea
					(n.End >= len(s.Toks) || !s.Toks[n.End].Word || s.Toks[n.End].Cap || placeNouns[s.Toks[n.End].Lower]) {
					add(Relation{Subject: d.use(n.Ent), Predicate: "locatedIn", Object: d.use(m.Ent), Evidence: ev})
				}
			}
			// Title, then the name: "Russia's U.N. ambassador, Vassily Nebenzia, said".
			if m.Type == Person && m.Role == nil && m.Start >= 2 && s.Toks[m.Start-1].Text == "," {
				for j := max(0, m.Start-8); j < m.Start-1; j++ {
					n, r := x.roleMatch(s.Toks, j)
					if n > 0 && j+n+1 < m.Start-1 && s.Toks[j+n].Lower == "to" {
						// "the EU's ambassador to China, Nicolas Chapuis"
						if to := mentionAt(ms, j+n+1); to != nil && to.End == m.Start-1 && to.Type != Person {
							n = m.Start - 1 - j
						}
					}
					if n > 0 && j+n == m.Start-1 && r.Class != "honorific" {
						var of *mention
						for oi, om := range ms {
							if om.End <= j && (om.End == j || om.Poss && om.End+1 == j || lowerBetween(s.Toks, om.End, j)) &&
								(om.Type == Country || om.Type == Organization || om.Adj) {
								of = countryBefore(ms, oi, r) // the last such before the title
							}
						}
						x.roleRelations(d, m.Ent, r, of, ev, add)
						break
					}
				}
			}
			// "Victoria University's Centre for Strategic Studies": the second is part of the first.
			if m.Type == Organization && m.Poss && mi+1 < len(ms) {
				if n := ms[mi+1]; n.Start == m.End+1 && n.Type == Organization && n.Ent != nil {
					add(Relation{Subject: d.use(n.Ent), Predicate: "partOf", Object: d.use(m.Ent), Evidence: ev})
				}
			}
		}
		x.memberships(d, s, ev, add)
	}
	// A head of government titled without a country leads the country the article is about,
	// when one country clearly dominates (and no one else is said to lead it).
	if len(headless) > 0 {
		led := map[*docEntity]bool{}
		for _, r := range d.res.Relations {
			if r.Predicate == "leaderOf" && r.Object.Type == Country {
				led[d.byKey[string(Country)+"/"+r.Object.Key]] = true
			}
		}
		people := make([]*docEntity, 0, len(headless))
		for p := range headless {
			people = append(people, p)
		}
		sort.Slice(people, func(i, j int) bool { return people[i].order < people[j].order })
		home := x.homeCountry(d, led)
		var homeAny *docEntity // ministers serve a country that has a leader
		for _, p := range people {
			if p.Role != nil && p.Role.Class == "member" && homeAny == nil {
				homeAny = x.homeCountry(d, nil)
			}
			of := home
			if p.Role != nil && p.Role.Class == "member" {
				of = homeAny
			}
			if p.Code != "" {
				// The people gazetteer knows whose office it is ("King Mohammed VI"), when the
				// article names that country.
				of = d.byKey[string(Country)+"/"+p.Code]
				if of == nil && !x.knownByName(p) {
					of = home // only a surname like a known person's
					if p.Role != nil && p.Role.Class == "member" {
						of = homeAny
					}
				}
			}
			if of == nil {
				continue
			}
			s := headless[p]
			pred := "leaderOf"
			if p.Role != nil && p.Role.Class == "member" {
				pred = "represents" // "Foreign Minister Winston Peters" of the article's country
			}
			add(Relation{Subject: d.use(p), Predicate: pred, Object: d.use(of), Evidence: Span{Start: s.Start, End: s.End}})
		}
	}
}

// leadVerbs say that a person leads what follows: "Daglo, who commands the RSF".
var leadVerbs = map[string]bool{"commands": true, "leads": true, "heads": true, "chairs": true}

// personClauses reads the roles said of a person in the words after the name: "Rousseff as head
// of the New Development Bank", "Daglo, who commands the RSF", "Hou Yu-ih of the Kuomintang",
// "Butikofer, a German member of the European Parliament".
func (x *Extractor) personClauses(d *doc, s *sentence, ms []*mention, m *mention, ev Span, add func(Relation)) {
	toks := s.Toks
	at := func(k int) string {
		if k < len(toks) {
			return toks[k].Lower
		}
		return ""
	}
	// orgAt finds the organization or country named at k, past "the" and up to two adjectives
	// ("of the ruling Democratic Progressive Party").
	orgAt := func(k int) *mention {
		if at(k) == "the" {
			k++
		}
		for skip := 0; skip < 3 && k < len(toks); skip++ {
			if om := mentionAt(ms, k); om != nil {
				if om.Ent != nil && (om.Type == Organization || om.Type == Country && !om.Adj) {
					return om
				}
				return nil
			}
			if t := toks[k]; !t.Word || t.Cap || !x.lx.is(t.Lower, "common") && !partyAdjectives[t.Lower] {
				return nil
			}
			k++
		}
		return nil
	}
	k := m.End
	for k < m.End+4 && appointWords[at(k)] {
		k++ // "Okonjo-Iweala was confirmed as head of the WTO"
	}
	if at(k) != "as" {
		k = m.End
	}
	switch {
	case at(k) == "as":
		// "the swearing-in of Dilma Rousseff as head of the New Development Bank"
		k++
		if at(k) == "the" || at(k) == "a" || at(k) == "its" || at(k) == "new" {
			k++
		}
		if n, r := x.roleMatch(toks, k); n > 0 && r.Class != "honorific" && at(k+n) == "of" {
			if om := orgAt(k + n + 1); om != nil {
				x.roleRelations(d, m.Ent, r, om, ev, add)
			}
		}
	case at(k) == "," && at(k+1) == "who" && leadVerbs[at(k+2)]:
		if om := orgAt(k + 3); om != nil {
			if at(k+2) == "commands" {
				x.roleRelations(d, m.Ent, &role{Role: "Commander", Class: "head"}, om, ev, add)
			} else { // "who leads the Socialist Party": leadership, but no title
				add(Relation{Subject: d.use(m.Ent), Predicate: "leaderOf", Object: d.use(om.Ent), Evidence: ev})
			}
		}
	case at(k) == "," && at(k+1) == "who" && (at(k+2) == "holds" || at(k+2) == "held") && at(k+3) == "the":
		// "Gonsalves, who holds the rotating presidency of CELAC"
		j := k + 4
		if roleModifiers[at(j)] {
			j++
		}
		if (at(j) == "presidency" || at(j) == "chairmanship" || at(j) == "chair") && at(j+1) == "of" && at(k+2) == "holds" {
			if om := orgAt(j + 2); om != nil && om.Type == Organization {
				add(Relation{Subject: d.use(m.Ent), Predicate: "leaderOf", Object: d.use(om.Ent), Evidence: ev})
			}
		}
	case at(k) == "of":
		// "Hou Yu-ih of the Kuomintang": a party's member
		if om := orgAt(k + 1); om != nil && om.Ent.Kind == "party" {
			add(Relation{Subject: d.use(m.Ent), Predicate: "affiliatedWith", Object: d.use(om.Ent), Evidence: ev})
		}
	case at(k) == ",":
		k++
		if at(k) == "a" || at(k) == "the" {
			k++
		}
		if om := mentionAt(ms, k); om != nil && om.Adj {
			k = om.End // "a German member"
		}
		if at(k) == "member" && at(k+1) == "of" {
			if om := orgAt(k + 2); om != nil && om.Type == Organization {
				r := &role{Role: "Member", Class: "staff"}
				if om.Ent.Kind == "legislature" {
					r.Role = "Member of the " + om.Ent.Label
				}
				x.roleRelations(d, m.Ent, r, om, ev, add)
			}
		}
	}
}

// appointWords stand between a name and the office it takes: "was sworn in as".
var appointWords = map[string]bool{"was": true, "is": true, "has": true, "been": true, "be": true, "will": true,
	"confirmed": true, "appointed": true, "named": true, "sworn": true, "in": true, "elected": true,
	"re-elected": true, "installed": true, "took": true, "takes": true, "office": true, "chosen": true,
	"nominated": true, "reappointed": true, "serves": true, "serving": true}

// partyAdjectives stand between "of the" and a party's name.
var partyAdjectives = map[string]bool{"ruling": true, "governing": true, "opposition": true, "main": true,
	"conservative": true, "liberal": true, "nationalist": true, "far-right": true, "far-left": true, "centre-right": true, "center-right": true, "centre-left": true, "center-left": true}

// homeCountry is the country an article is about: named most often, at least three times and
// twice as often as any other country not led by someone the article names; nil otherwise.
func (x *Extractor) homeCountry(d *doc, led map[*docEntity]bool) *docEntity {
	counts := map[*docEntity]int{}
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.Ent == nil {
				continue
			}
			c := m.Ent
			if m.Adj {
				c = x.country(d, m.Gaz.Code)
			}
			if c != nil && c.Type == Country && !led[c] {
				counts[c]++
			}
		}
	}
	// A dateline capital ("PRAGUE, April 18 -") names where the story is told from: officials
	// titled without a country are that country's, when the text names it.
	if len(d.sents) > 0 {
		for _, m := range d.ments[0] {
			if m.Start > 2 {
				break
			}
			if m.Type == Location && m.Metonym != "" && m.Gaz != nil && allUpper(d.sents[0].Toks[m.Start:m.End]) {
				if c := d.byKey[string(Country)+"/"+m.Gaz.Code]; c != nil && counts[c] > 0 && !led[c] {
					return c
				}
				break
			}
		}
	}
	ranked := make([]*docEntity, 0, len(counts))
	for e := range counts {
		ranked = append(ranked, e)
	}
	sort.Slice(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		return counts[a] > counts[b] || counts[a] == counts[b] && a.order < b.order
	})
	var best *docEntity
	first, second := 0, 0
	if len(ranked) > 0 {
		best, first = ranked[0], counts[ranked[0]]
	}
	if len(ranked) > 1 {
		second = counts[ranked[1]]
	}
	if len(ranked) == 1 && !led[best] {
		return best // the only country the article names
	}
	if best == nil || first < 3 || first < 2*second {
		// Fall back on "home to X": the country a leader flies home to.
		for si := range d.sents {
			toks := d.sents[si].Toks
			for k := 0; k+2 < len(toks); k++ {
				if toks[k].Lower == "home" && toks[k+1].Lower == "to" {
					if m := mentionAt(d.ments[si], k+2); m != nil && m.Type == Country && !led[m.Ent] {
						return m.Ent
					}
				}
			}
		}
		return nil
	}
	return best
}

// knownByName reports a person the people gazetteer lists under this entity's key.
func (x *Extractor) knownByName(p *docEntity) bool {
	for _, g := range x.lx.names[strings.ToLower(p.Label)] {
		if g.Type == Person {
			return true
		}
	}
	return false
}

// roleRelations records holdsRole and, when the title names its country or organization,
// leaderOf, represents or affiliatedWith.
func (x *Extractor) roleRelations(d *doc, p *docEntity, r *role, of *mention, ev Span, add func(Relation)) {
	if r.Role == "Counterpart" {
		if held := d.counterpartOf(p, ev); held != nil {
			r = held // "Albanese and his Tuvaluan counterpart, Kausea Natano": a prime minister
		}
	} else if r.Role == "Former Counterpart" {
		if held := d.counterpartOf(p, ev); held != nil {
			// "his then-Turkish counterpart": the office held then, and no leadership now
			r = &role{Role: held.Role, Class: "staff"}
		}
	}
	add(Relation{Subject: d.use(p), Predicate: "holdsRole", Role: r.Role, Evidence: ev})
	if of == nil || of.Ent == nil && !of.Adj {
		return
	}
	target := of.Ent
	if of.Adj || of.Metonym != "" && of.Type != Organization {
		target = x.country(d, of.Gaz.Code)
	}
	if target == nil {
		return
	}
	pred := "represents"
	switch {
	case r.Class == "head" || r.Class == "headgov":
		pred = "leaderOf"
	case r.Role == "Director" && target.Type == Organization && (govKinds[target.Kind] || x.govOffice(target.Label)):
		pred = "leaderOf" // "director of the Xinjiang Public Security Department"
	case r.Class == "staff" && target.Type == Organization && (!govKinds[target.Kind] || target.Kind == "legislature"):
		pred = "affiliatedWith"
	case target.Type == Organization && (target.Kind == "university" || target.Kind == "think-tank" || target.Kind == "media" || target.Kind == "company"):
		pred = "affiliatedWith"
	}
	if r.Class == "staff" && target.Type != Organization {
		return // an opposition leader or a former president does not speak for the country
	}
	add(Relation{Subject: d.use(p), Predicate: pred, Object: d.use(target), Evidence: ev})
}

// govOffice reports an organization named as a government office: "Public Security Department",
// "Federal Bureau of Investigation".
func (x *Extractor) govOffice(label string) bool {
	for _, w := range strings.Fields(strings.ToLower(label)) {
		switch w {
		case "ministry", "department", "bureau", "directorate", "agency", "office", "police", "service":
			return true
		}
	}
	return false
}

// counterpartOf is the office of the person whose counterpart p is said to be: the titled person
// named last before p in the sentence of ev, or in the sentence before.
func (d *doc) counterpartOf(p *docEntity, ev Span) *role {
	si := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Start >= ev.Start })
	if si < len(d.sents) && d.sents[si].Start == ev.Start {
		for s := si; s >= 0 && s >= si-1; s-- {
			ms := d.ments[s]
			end := len(ms)
			if s == si {
				for k, m := range ms {
					if m.Ent == p {
						end = k
						break
					}
				}
			}
			for k := end - 1; k >= 0; k-- {
				if e := ms[k].Ent; e != nil && e != p && e.Type == Person && e.Role != nil && e.Role.Class != "honorific" && e.Role.Role != "Counterpart" && !strings.HasPrefix(e.Role.Role, "Former") {
					return e.Role
				}
			}
		}
	}
	return nil
}

var govKinds = map[string]bool{"gov": true, "igo": true, "un-organ": true, "alliance": true, "bloc": true,
	"legislature": true, "military": true, "intelligence": true, "central-bank": true, "court": true, "agency": true}

// mentionAt returns the mention starting at token k, or nil.
func mentionAt(ms []*mention, k int) *mention {
	for _, m := range ms {
		if m.Start == k {
			return m
		}
	}
	return nil
}

// mentionsIn returns the mentions inside the token range [a, b).
func mentionsIn(ms []*mention, a, b int) []*mention {
	var out []*mention
	for _, m := range ms {
		if m.Start >= a && m.End <= b {
			out = append(out, m)
		}
	}
	return out
}

// memberships reads "X is a member of Y", "X is part of Y", "Y, which X is a member of",
// "X joined Y", and their negations.
func (x *Extractor) memberships(d *doc, s *sentence, ev Span, add func(Relation)) {
	ms := d.ments[s.index]
	toks := s.Toks
	for k, t := range toks {
		var member, org *mention
		switch t.Lower {
		case "member", "part", "members":
			if k+1 >= len(toks) || toks[k+1].Lower != "of" {
				// "NATO member Turkey", "EU members France and Germany".
				if t.Lower != "part" && k > 0 && k+1 < len(toks) {
					if o := lastMentionBefore(ms, toks, k, 0); o != nil && o.Type == Organization && o.Ent != nil {
						listed := countryList(ms, toks, k+1, min(len(toks), k+8))
						after := len(listed) > 0
						for _, c := range listed {
							add(Relation{Subject: d.use(c.Ent), Predicate: "memberOf", Object: d.use(o.Ent), Evidence: ev,
								Negated: negatedBetween(toks, o.Start-3, o.Start)})
						}
						// "Finland, a European Union member", "Chile is not an OECD member"
						if !after && t.Lower == "member" && o.End == k && o.Start >= 2 {
							a := o.Start - 1
							if toks[a].Lower == "a" || toks[a].Lower == "an" {
								a--
							}
							neg := false
							for a > 0 && (toks[a].Lower == "is" || toks[a].Lower == "was" || toks[a].Lower == "not" || toks[a].Lower == "never" || toks[a].Lower == "," || toks[a].Lower == "remains" || toks[a].Lower == "became") {
								neg = neg || toks[a].Lower == "not" || toks[a].Lower == "never"
								a--
							}
							for _, c := range ms {
								if a < o.Start-2 && c.End == a+1 && c.Type == Country && !c.Adj && c.Ent != nil {
									add(Relation{Subject: d.use(c.Ent), Predicate: "memberOf", Object: d.use(o.Ent), Evidence: ev, Negated: neg})
								}
							}
						}
					}
				}
				continue
			}
			// Right side: "X is a member of Y", "X, a member of Y" (not "officials, including
			// members of the Duma").
			if r := firstMentionAfter(ms, k+2, len(toks), 3); r != nil {
				org = r
				member = lastMentionBefore(ms, toks, k, 6)
				if member != nil && !hasWord(toks, member.End, k, "is", "are", "was", "were", "became", "become", "becomes", "remains", "remain", "as", "a", "an", "full", "founding", "'s") {
					member = nil
				}
			} else {
				// Relative clause: "the Y that X is a member of".
				member = lastMentionBefore(ms, toks, k, 6)
				if member != nil {
					org = lastMentionBefore(ms, toks, member.Start, 6)
				}
			}
		case "group", "grouping", "bloc", "groups", "comprises", "includes", "comprising", "including":
			// "the BRICS group of Brazil, Russia, India, China and South Africa", "ASEAN, which
			// groups ten countries", "the Quad, comprising the US, Japan, India and Australia"
			o := lastMentionBefore(ms, toks, k, 2)
			if o == nil || o.Type != Organization || o.Ent == nil {
				continue
			}
			j := k + 1
			if t.Lower == "group" || t.Lower == "grouping" || t.Lower == "bloc" {
				if o.End != k || j >= len(toks) || toks[j].Lower != "of" {
					continue
				}
				j++
			} else if !(o.End == k || o.End+1 == k && toks[o.End].Text == "," ||
				o.End+2 == k && toks[o.End].Text == "," && toks[o.End+1].Lower == "which") {
				continue
			}
			if j < len(toks) && toks[j].Lower == "the" {
				j++
			}
			list := countryList(ms, toks, j, len(toks))
			if len(list) >= 2 { // a list names the members; "NATO, including Poland" is no definition
				for _, c := range list {
					add(Relation{Subject: d.use(c.Ent), Predicate: "memberOf", Object: d.use(o.Ent), Evidence: ev})
				}
			}
			continue
		case "joined", "joins", "join":
			if t.Lower == "join" && k > 0 && unrealizedBefore[toks[k-1].Lower] {
				continue // "Sweden's bid to join NATO", "Ukraine would join": not yet a member
			}
			org = firstMentionAfter(ms, k+1, len(toks), 2)
			member = lastMentionBefore(ms, toks, k, 4)
			if org == nil && k+2 < len(toks) && toks[k+1].Lower == "the" && orgNouns[toks[k+2].Lower] && member != nil && member.Ent != nil {
				if o := d.lastOrg(s.index, k); o != nil { // "joined the bloc"
					subj := member.Ent
					if member.Adj {
						subj = x.country(d, member.Gaz.Code)
					}
					add(Relation{Subject: d.use(subj), Predicate: "memberOf", Object: d.use(o), Evidence: ev, Negated: negatedBetween(toks, member.Start, k)})
				}
				continue
			}
		default:
			continue
		}
		if member == nil || org == nil || member.Ent == nil || org.Ent == nil || org.Type != Organization {
			continue
		}
		lo := min(member.Start, org.Start)
		neg := negatedBetween(toks, lo, k)
		if member.Type == Location && t.Lower == "part" {
			continue
		}
		pred := "memberOf"
		if member.Type == Location {
			continue // a region is no member of an organization
		}
		if member.Type == Person {
			pred = "affiliatedWith"
		}
		subj := member.Ent
		if member.Adj {
			subj = x.country(d, member.Gaz.Code)
		}
		add(Relation{Subject: d.use(subj), Predicate: pred, Object: d.use(org.Ent), Evidence: ev, Negated: neg})
	}
}

// unrealizedBefore are the words before a bare verb that make its act one not yet done: an
// infinitive ("a bid to join") or a modal ("would join").
var unrealizedBefore = map[string]bool{"to": true, "will": true, "would": true, "could": true, "might": true,
	"may": true, "can": true, "should": true, "must": true, "shall": true}

// firstMentionAfter is the first mention starting within skip tokens after k.
func firstMentionAfter(ms []*mention, k, end, skip int) *mention {
	for _, m := range ms {
		if m.Start >= k && m.Start <= k+skip && m.Start < end {
			return m
		}
	}
	return nil
}

// lastMentionBefore is the nearest mention ending at most window tokens before k, not across a
// clause boundary.
func lastMentionBefore(ms []*mention, toks []token, k, window int) *mention {
	var best *mention
	for _, m := range ms {
		if m.End <= k && m.End >= k-window {
			if best == nil || m.End > best.End {
				best = m
			}
		}
	}
	if best != nil {
		for j := best.End; j < k; j++ {
			if toks[j].Text == ";" || toks[j].Text == ":" {
				return nil
			}
		}
	}
	return best
}

// negatedBetween reports a negation word among toks[a:b].
func negatedBetween(toks []token, a, b int) bool {
	for j := max(a, 0); j < b && j < len(toks); j++ {
		switch toks[j].Lower {
		case "not", "never", "n't", "no", "neither", "nor", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "didn't", "doesn't", "don't", "won't", "wouldn't", "cannot":
			return true
		case "yet":
			// "Hungary has yet to ratify": not done
			if j+1 < len(toks) && toks[j+1].Lower == "to" && j > 0 && (toks[j-1].Lower == "has" || toks[j-1].Lower == "have" || toks[j-1].Lower == "had" || toks[j-1].Lower == "is" || toks[j-1].Lower == "are" || toks[j-1].Lower == "also") {
				return true
			}
		}
	}
	return false
}

// listJoined reports that toks[a:b] holds only names joined by commas and "and".
// countryList reads the countries named from token from on, joined by commas and "and":
// "Brazil, Russia, India, China and South Africa".
func countryList(ms []*mention, toks []token, from, to int) []*mention {
	var list []*mention
	j := from
	for _, c := range mentionsIn(ms, from, to) {
		if c.Type != Country || c.Adj || c.Ent == nil || c.Start > j && !listJoined(toks, j, c.Start) {
			break
		}
		list = append(list, c)
		j = c.End
	}
	return list
}

func listJoined(toks []token, a, b int) bool {
	for k := a; k < b; k++ {
		if w := toks[k].Lower; w != "," && w != "and" && !toks[k].Cap {
			return false
		}
	}
	return true
}

// listAfter reports a list going on at token k: "and X" or ", X".
func listAfter(ms []*mention, toks []token, k int) bool {
	if k >= len(toks) {
		return false
	}
	if toks[k].Lower == "and" {
		return true
	}
	return toks[k].Text == "," && mentionAt(ms, k+1) != nil
}

// nationalTitle reports a title held for a country: ministers, ambassadors, envoys.
// ministryBefore reports a title preceded by "foreign ministry", "defence ministry".
func ministryBefore(toks []token, start int) bool {
	for k := start - 1; k >= 0 && k >= start-2; k-- {
		if toks[k].Lower == "ministry" && !toks[k].Cap {
			return true
		}
	}
	return false
}

// ministryCountry is the country whose ministry an untitled spokesperson speaks for.
func (x *Extractor) ministryCountry(d *doc, s *sentence, ms []*mention, p *mention) *docEntity {
	if p.Ent.Code != "" {
		return d.byKey[string(Country)+"/"+p.Ent.Code]
	}
	for _, m := range ms {
		if m == p || m.Ent == nil {
			continue
		}
		switch {
		case m.Type == Country && !m.Adj:
			return m.Ent
		case m.Type == Country && m.Adj || m.Metonym != "" && m.Gaz != nil:
			return x.country(d, m.Gaz.Code)
		}
	}
	return nil
}

func nationalTitle(role string) bool {
	r := strings.ToLower(role)
	// (not ambassadors and envoys: one titled without a country is as often the foreign one
	// summoned as the article's own)
	return strings.HasSuffix(r, "minister") || strings.HasSuffix(r, "secretary") && !strings.Contains(r, "general")
}

func commaBetween(toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if toks[k].Text == "," {
			return true
		}
	}
	return false
}

// countryBefore returns ms[i], or, when it is an organization a country names just before it
// ("Russia's U.N. ambassador"), that country: a diplomat or minister speaks for the country;
// only a head ("NATO Secretary-General") is the organization's.
func countryBefore(ms []*mention, i int, r *role) *mention {
	m := ms[i]
	if m.Type != Organization || i == 0 || r.Class == "head" || r.Class == "headgov" {
		return m
	}
	if p := ms[i-1]; (p.Type == Country || p.Adj) && (p.End == m.Start || p.Poss && p.End+1 == m.Start) {
		return p
	}
	return m
}
