package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is a stretch of a sentence that names, or stands for, an entity.
type mention struct {
	Sent       int // sentence index
	Start, End int // token range in the sentence
	Span       Span
	Text       string
	Type       EntityType
	Gaz        *gazEntry // gazetteer entry, when known
	Adj        bool      // a demonym or adjective ("Japanese")
	Metonym    string    // ISO code the mention stands for as an actor (capitals, seats of government)
	Poss       bool      // followed by a possessive 's
	Role       *role     // the title before a person's name
	RoleText   string    //
	RoleOf     *mention  // the country or organization the title belongs to ("Japan's Prime Minister")
	Ent        *docEntity
	Pronoun    bool
	Group      []*docEntity // "the two countries", "they"
	Coref      bool         // stands for an entity named elsewhere ("the prime minister")
	Agent      string       // "officials", "troops" after an adjective
	FromAcr    string       // acronym given in parentheses after the name
	UnitStart  int          // first token of the noun phrase (title and its country included)
	TitleOnly  bool         // a title standing for its holder ("the prime minister")
}

// docEntity is an entity as the document knows it, before it becomes an Entity.
type docEntity struct {
	Type     EntityType
	Key      string
	Label    string
	Aliases  map[string]bool
	Code     string
	Wikidata string
	Kind     string
	Spans    []Span
	Named    bool // named in the text (not only through an adjective)
	Tokens   []string
	Role     *role
	RoleText string
	Gender   byte   // 'm' or 'f' when a title says so (Mr, Mrs, King, Queen), else 0
	RoleCode string // the country the title was given for ("Qatari Prime Minister")
	order    int
}

func (e *docEntity) ref() Ref { return Ref{Type: e.Type, Key: e.Key} }

// connectors may stand inside a multi-word name.
var connectors = map[string]bool{"of": true, "for": true, "and": true, "the": true, "de": true, "du": true,
	"des": true, "da": true, "al": true, "el": true, "bin": true, "ibn": true, "van": true, "von": true,
	"der": true, "den": true, "la": true, "le": true, "&": true, "on": true, "in": true, "y": true}

// gazMatch finds the longest gazetteer name starting at token i.
func (x *Extractor) gazMatch(s *sentence, i int) (n int, es []*gazEntry) {
	toks := s.Toks
	t := toks[i]
	if !t.Word {
		return 0, nil
	}
	max := x.lx.firstLen[t.Lower]
	if max == 0 {
		return 0, nil
	}
	var b strings.Builder
	for k := 0; k < max && i+k < len(toks); k++ {
		tk := toks[i+k]
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tk.Lower)
		key := b.String()
		cand := x.lx.names[key]
		if len(cand) == 0 || !x.shapeOK(s, toks[i:i+k+1]) {
			continue
		}
		if forms, ok := x.lx.exact[key]; ok && !s.AllCaps && !allUpper(toks[i:i+k+1]) {
			surface := make([]string, 0, k+1)
			for _, tk := range toks[i : i+k+1] {
				surface = append(surface, tk.Text)
			}
			if !containsStr(forms, strings.Join(surface, " ")) && len(x.lx.names[key]) > 0 && !anyUncased(cand, key, x.lx) {
				continue
			}
		}
		n, es = k+1, cand
	}
	if n > 0 && i+n < len(toks) && (n == 1 || x.lx.roleFirst[t.Lower]) && x.nameContinues(s, i+n, es) {
		return 0, nil // "Nasser Kanaani" is not Gamal Abdel Nasser, "President Xi Jinping" not "President Xi"
	}
	// "Tamim bin Hamad al-Thani": the family name after a known one is part of it.
	if n > 0 && i+n < len(toks) && pick(es).Type == Person {
		if w := toks[i+n].Text; isNameParticle(toks[i+n].Lower) && len(w) > 3 && w[3] >= 'A' && w[3] <= 'Z' {
			n++
		}
	}
	return n, es
}

// nameLinks join the parts of a name: "Tamim bin Hamad", "Lula da Silva".
var nameLinks = map[string]bool{"bin": true, "ibn": true, "bint": true, "al": true, "el": true, "da": true,
	"de": true, "dos": true, "van": true, "von": true, "der": true, "abu": true}

// nameContinues reports a capitalised word at token k that carries on the name of a person the
// gazetteer matched up to k: a longer name, someone else's.
func (x *Extractor) nameContinues(s *sentence, k int, es []*gazEntry) bool {
	for _, e := range es {
		if e.Type != Person {
			return false
		}
	}
	t := s.Toks[k]
	if nameLinks[t.Lower] && !t.Cap && k+1 < len(s.Toks) && s.Toks[k+1].Cap && s.Toks[k+1].Word {
		return true // "Sheikh Tamim bin Hamad Al Thani"
	}
	if !t.Word || !t.Cap || s.AllCaps || x.lx.is(t.Lower, "notname") || x.lx.is(t.Lower, "common") {
		return false
	}
	if n, _ := x.roleMatch(s.Toks, k); n > 0 {
		return false
	}
	return !x.startsGaz(s, k)
}

// shapeOK checks that tokens are written as a name: content words capitalised, and a short
// acronym in capitals ("US", not "us").
func (x *Extractor) shapeOK(s *sentence, toks []token) bool {
	for j, t := range toks {
		if !t.Word {
			continue
		}
		if connectors[t.Lower] && j > 0 && j < len(toks)-1 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !t.Cap && !unicode.IsDigit(r) {
			return false
		}
	}
	if len(toks) == 1 {
		t := toks[0]
		letters := utf8.RuneCountInString(strings.ReplaceAll(t.Text, ".", ""))
		if letters <= 4 && x.lx.is(t.Lower, "notname") && !t.Upper {
			return false
		}
		if s.AllCaps && letters <= 3 && commonShort[t.Lower] {
			return false
		}
	}
	return true
}

// commonShort are short English words that read as acronyms in headlines set in capitals.
var commonShort = map[string]bool{"who": true, "is": true, "it": true, "at": true, "on": true, "in": true,
	"as": true, "or": true, "an": true, "of": true, "to": true, "be": true, "am": true, "no": true, "us": true,
	"we": true, "me": true, "he": true, "so": true, "do": true, "go": true, "up": true, "by": true, "eu": false}

// pick chooses among gazetteer entries of one name: countries, then organizations, then capitals,
// then other places.
func pick(es []*gazEntry) *gazEntry {
	best, bestRank := es[0], 99
	for _, e := range es {
		r := 5
		switch {
		case e.Type == Country && !e.Adj:
			r = 0
		case e.Type == Country && e.Adj:
			r = 1
		case e.Type == Organization:
			r = 2
		case e.Type == Person:
			r = 2
		case e.Metonym != "":
			r = 3
		case e.Type == Location:
			r = 4
		}
		if r < bestRank {
			best, bestRank = e, r
		}
	}
	return best
}

// pastTitle words before a title make it a past office.
var pastTitle = map[string]bool{"former": true, "ex": true, "late": true, "then": true, "outgoing": false}

// pastBefore reports whether a past-office word comes just before token b, also hyphenated to
// it: "former President", "then-Speaker", "ex-Prime Minister".
func pastBefore(toks []token, b int) bool {
	if b > 0 && pastTitle[toks[b-1].Lower] {
		return true
	}
	return b > 1 && toks[b-1].Text == "-" && pastTitle[toks[b-2].Lower]
}

// givenToo are words that never name on their own but start a person's name: "Jan Hamacek".
var givenToo = map[string]bool{"jan": true, "may": true, "jun": true}

// roleModifiers qualify a title without changing the office: "caretaker Prime Minister".
var roleModifiers = map[string]bool{"caretaker": true, "acting": true, "interim": true, "incoming": true,
	"outgoing": true, "current": true, "newly-elected": true, "rotating": true}

// portfolioRoles take the name of a portfolio before them: "Infrastructure Minister",
// "Home Affairs Secretary", "Trade Commissioner".
var portfolioRoles = map[string]bool{"minister": true, "secretary": true, "commissioner": true, "spokesman": true, "spokeswoman": true, "spokesperson": true}

// roleMatch finds the longest role title starting at token i, a portfolio title included.
func (x *Extractor) roleMatch(toks []token, i int) (int, *role) {
	if i < 0 || i >= len(toks) {
		return 0, nil
	}
	tn, tr := x.titleMatch(toks, i)
	if tn > 0 && !(tn == 1 && toks[i].Lower == "deputy") {
		return tn, tr
	}
	// "caretaker Prime Minister", "the current chairman": the office itself.
	if roleModifiers[toks[i].Lower] && i+1 < len(toks) {
		if n, r := x.roleMatch(toks, i+1); n > 0 && r.Class != "honorific" {
			return n + 1, r
		}
	}
	// "deputy governor", "Vice Foreign Minister": the deputy acts for the office's holder.
	if (toks[i].Lower == "deputy" || toks[i].Lower == "vice" || toks[i].Lower == "assistant") && i+1 < len(toks) {
		if n, r := x.roleMatch(toks, i+1); n > 0 && r.Class != "honorific" {
			word := strings.ToUpper(toks[i].Text[:1]) + toks[i].Text[1:]
			class := r.Class
			if class == "head" || class == "headgov" {
				class = "member"
			}
			return n + 1, &role{Role: word + " " + r.Role, Class: class}
		}
	}
	if tn > 0 {
		return tn, tr // a deputy of no named office
	}
	// "Shadow foreign secretary": the opposition's spokesperson for a portfolio.
	if toks[i].Lower == "shadow" && i+1 < len(toks) {
		if n, r := x.roleMatch(toks, i+1); n > 0 && r.Class != "honorific" {
			return n + 1, &role{Role: "Shadow " + r.Role, Class: "staff"}
		}
	}
	// "Infrastructure Minister Oleksandr Kubrakov": up to three capitalised portfolio words.
	for m := 1; m <= 3 && i+m < len(toks); m++ {
		t := toks[i+m-1]
		lowerOK := m == 1 && i > 0 && (toks[i-1].Text == "'s" || toks[i-1].Text == "\u2019s") // "India's petroleum minister"
		if !t.Word || !(t.Cap || lowerOK || t.Lower == "and" && m > 1) || x.lx.firstLen[t.Lower] > 0 && x.lx.names[t.Lower] != nil {
			return 0, nil
		}
		if portfolioRoles[toks[i+m].Lower] && (toks[i+m].Cap || lowerOK) {
			if n, r := x.titleMatch(toks, i+m); n > 0 && i+m+n < len(toks) && toks[i+m+n].Cap {
				words := make([]string, 0, m+1)
				for _, w := range toks[i : i+m] {
					words = append(words, strings.ToUpper(w.Text[:1])+w.Text[1:])
				}
				return m + n, &role{Role: strings.Join(words, " ") + " " + r.Role, Class: r.Class}
			}
			return 0, nil
		}
	}
	return 0, nil
}

// titleMatch finds the longest title of roles.tsv starting at token i.
func (x *Extractor) titleMatch(toks []token, i int) (int, *role) {
	if i >= len(toks) || !x.lx.roleFirst[toks[i].Lower] {
		return 0, nil
	}
	var b strings.Builder
	n := 0
	var found *role
	for k := 0; k < x.lx.roleLen && i+k < len(toks); k++ {
		if !toks[i+k].Word && toks[i+k].Text != "-" && toks[i+k].Text != "." {
			break
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i+k].Lower)
		if r, ok := x.lx.roles[b.String()]; ok {
			rr := r
			n, found = k+1, &rr
		}
	}
	return n, found
}

// findMentions marks the names in every sentence: gazetteer names first, then role titles and
// runs of capitalised words, classified by their words and context.
func (x *Extractor) findMentions(d *doc) {
	// First pass: which capitalised words occur in lower case too (common words).
	lowerSeen := map[string]bool{}
	for si := range d.sents {
		for _, t := range d.sents[si].Toks {
			if t.Word && !t.Cap {
				lowerSeen[t.Lower] = true
			}
		}
	}
	d.lowerSeen = lowerSeen
	// Two passes: the first learns the people the text names in full, so that the second can
	// recognise their surnames anywhere, sentence starts included.
	x.markMentions(d)
	d.nameParts = map[string]EntityType{}
	for _, ms := range d.ments {
		for _, m := range ms {
			if m.Type == Person && m.End-m.Start >= 2 && m.Gaz == nil {
				for _, t := range strings.Fields(m.Text) {
					if len(t) > 2 {
						d.nameParts[strings.ToLower(t)] = Person
					}
				}
			} else if m.Type == Person && m.End-m.Start >= 2 {
				// A person the gazetteer knows: the surname the text wrote ("Luis Arce" ... "Arce
				// met"), which the gazetteer's aliases may not list.
				f := strings.Fields(m.Text)
				if t := f[len(f)-1]; len(t) > 2 && !x.lx.common[strings.ToLower(t)] {
					d.nameParts[strings.ToLower(t)] = Person
				}
			}
		}
	}
	d.persons = nil
	x.markMentions(d)
}

func (x *Extractor) markMentions(d *doc) {
	for si := range d.sents {
		if d.stopped() {
			return
		}
		s := &d.sents[si]
		var ms []*mention
		var pendingRole *role
		var pendingRoleText string
		var pendingRoleOf *mention
		pendingAt, pendingStart := -1, -1
		for i := 0; i < len(s.Toks); {
			t := s.Toks[i]
			if !t.Word {
				i++
				continue
			}
			// "the prime minister", "Japan's foreign minister" with no name after: the person
			// who holds that title, found once every name is known (resolveTitles).
			if n, r := x.roleMatch(s.Toks, i); n > 0 && r.Class != "honorific" && i > 0 &&
				(s.Toks[i-1].Lower == "the" || s.Toks[i-1].Text == "'s" || s.Toks[i-1].Text == "\u2019s" || x.theAdjBefore(s, ms, i)) &&
				!(i+n < len(s.Toks) && s.Toks[i+n].Cap && s.Toks[i+n].Word) && !(i+n < len(s.Toks) && s.Toks[i+n].Lower == "of") {
				m := &mention{Sent: si, Start: i, End: i + n, Type: Person, Coref: true, Role: r, TitleOnly: true}
				if len(ms) > 0 {
					if last := ms[len(ms)-1]; (last.Adj || last.Type == Country) && (last.End == i || last.Poss && last.End+1 == i) {
						m.RoleOf = last // "the Qatari prime minister"
					}
				}
				x.finish(d, s, m)
				m.UnitStart = m.Start
				ms = append(ms, m)
				i += n
				continue
			}
			// Role titles ("Prime Minister", "Foreign Minister") before a name.
			if n, r := x.roleMatch(s.Toks, i); n > 0 && !(r.Class == "honorific" && pendingAt != i && x.orgHeadIn(s.Toks[i+n:min(len(s.Toks), i+n+3)])) && (s.Toks[i].Cap || r.Class == "honorific" ||
				i+n < len(s.Toks) && s.Toks[i+n].Cap && s.Toks[i+n].Word && !x.lx.is(s.Toks[i+n].Lower, "notname")) {
				if gn, _ := x.gazMatch(s, i); gn <= n && r.Class == "honorific" && pendingAt == i && pendingRole != nil {
					pendingAt = i + n // "Qatar's Emir Sheikh Tamim": the title holds past the honorific
					i += n
					continue
				}
				if gn, _ := x.gazMatch(s, i); gn <= n {
					pendingRole, pendingRoleText, pendingAt, pendingStart = r, joinToks(s.Toks[i:i+n]), i+n, i
					pendingRoleOf = nil
					if len(ms) > 0 {
						last := ms[len(ms)-1]
						if last.End == i || (last.Poss && last.End+1 == i) {
							if last.Type == Country || last.Type == Organization || last.Adj {
								pendingRoleOf = countryBefore(ms, len(ms)-1, r)
								pendingStart = pendingRoleOf.UnitStart
							}
						} else if (last.Adj || last.Type == Country && last.Poss) && lowerBetween(s.Toks, last.End, i) {
							// "Chinese foreign ministry spokesman Wang Wenbin"
							pendingRoleOf = last
							pendingStart = last.UnitStart
						}
					}
					// "former president Carlos Menem", "former Conservative leader William
					// Hague": a past office, no leadership now.
					if pastBefore(s.Toks, pendingStart) && r.Class != "honorific" {
						pendingRole = &role{Role: "Former " + r.Role, Class: "staff"}
					}
					i += n
					continue
				}
			}
			if n, es := x.gazMatch(s, i); n > 0 && !(pendingAt == i && pick(es).Type != Person && !pick(es).Adj && pick(es).Type != Country) &&
				!(t.Lower == "the" && x.longerGazAt(s, i+1, i+n)) {
				// (after a title, a place name is a person's: "Mr Hague", "President Jackson";
				// "The National Unity Government" is not the newspaper The National)
				e := pick(es)
				m := &mention{Sent: si, Start: i, End: i + n, Type: e.Type, Gaz: e, Adj: e.Adj, Metonym: e.Metonym}
				// A gazetteer name inside a longer organization name ("Bank of Canada",
				// "Philadelphia Eagles"); after an adjective the organization starts after it
				// ("Russian Interior Ministry").
				if e.Type == Country || e.Type == Location {
					if run := x.capRun(s, i); run > n && x.lx.is(s.Toks[i+run-1].Lower, "lochead") && !x.orgHeadIn(s.Toks[i+n:i+run]) {
						m = &mention{Sent: si, Start: i, End: i + run, Type: Location} // "Europe Bridge"
					} else if run > n && (x.orgHeadIn(s.Toks[i+n:i+run]) || e.Type == Location && x.nameGoesOn(s, i+n, i+run)) {
						if e.Adj {
							x.finish(d, s, m)
							m.UnitStart = m.Start
							ms = append(ms, m)
							org := &mention{Sent: si, Start: i + n, End: i + run, Type: Organization}
							x.finish(d, s, org)
							org.UnitStart = org.Start
							ms = append(ms, org)
							i = org.End
							continue
						}
						m = &mention{Sent: si, Start: i, End: i + run, Type: Organization}
					}
				}
				x.finish(d, s, m)
				m.UnitStart = m.Start
				if pendingAt == i && m.Type == Person {
					m.Role, m.RoleText, m.RoleOf = pendingRole, pendingRoleText, pendingRoleOf
					m.UnitStart = pendingStart
				}
				ms = append(ms, m)
				i = m.End
				continue
			}
			if t.Cap && (x.lx.is(t.Lower, "notname") && !(givenToo[t.Lower] && i+1 < len(s.Toks) && s.Toks[i+1].Cap && s.Toks[i+1].Word) ||
				x.lx.is(t.Lower, "common") && i+1 < len(s.Toks) && x.startsGaz(s, i+1)) {
				i++ // "The", "Earlier", "Senior Hungarian": a name may start after it, not with it
				continue
			}
			if t.Cap || isNameParticle(t.Lower) {
				n := x.capRun(s, i)
				if n > 0 {
					m := x.classify(d, s, i, i+n, pendingAt == i, pendingRole)
					if m != nil {
						m.UnitStart = m.Start
						if pendingAt == i {
							m.Role, m.RoleText, m.RoleOf = pendingRole, pendingRoleText, pendingRoleOf
							m.UnitStart = pendingStart
						}
						x.finish(d, s, m)
						ms = append(ms, m)
					}
					i += n
					continue
				}
			}
			i++
		}
		// "officials", "troops" after a country adjective make the adjective an actor.
		for _, m := range ms {
			if m.Adj && m.End < len(s.Toks) {
				for k := m.End; k < len(s.Toks) && k < m.End+3; k++ {
					w := s.Toks[k].Lower
					if x.lx.is(w, "agent") || x.lx.is(w, "group") {
						m.Agent = w
						break
					}
					if !s.Toks[k].Word || s.Toks[k].Cap && !x.isAdjAt(s, k) {
						break
					}
				}
			}
		}
		// "The Ivory Coast's Supreme Court": the organization belongs to the country.
		for mi, m := range ms {
			if m.Type == Organization && mi > 0 && m.RoleOf == nil {
				if p := ms[mi-1]; p.Poss && p.End+1 == m.Start && (p.Type == Country || p.Adj) {
					m.RoleOf = p
				}
			}
		}
		// Name (ACRONYM): the acronym is another name of the same entity.
		for _, m := range ms {
			if m.End+2 < len(s.Toks) && s.Toks[m.End].Text == "(" && s.Toks[m.End+2].Text == ")" {
				a := s.Toks[m.End+1]
				if a.Upper && m.Type != Person && m.End-m.Start > 1 {
					m.FromAcr = a.Text
				}
			}
		}
		d.ments[si] = dropInsideAcronyms(ms)
	}
}

func (x *Extractor) isAdjAt(s *sentence, k int) bool {
	n, es := x.gazMatch(s, k)
	return n > 0 && pick(es).Adj
}

// dropInsideAcronyms removes a mention that is only the acronym in "Name (ACR)".
func dropInsideAcronyms(ms []*mention) []*mention {
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && ms[i-1].FromAcr != "" && m.Start == ms[i-1].End+1 {
			continue
		}
		out = append(out, m)
	}
	return out
}

func isNameParticle(w string) bool {
	return strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") || strings.HasPrefix(w, "bin ")
}

func (x *Extractor) orgHeadIn(toks []token) bool {
	for _, t := range toks {
		if x.isOrgHead(t) {
			return true
		}
	}
	return false
}

func (x *Extractor) isOrgHead(t token) bool {
	return t.Cap && (x.lx.is(t.Lower, "orghead") || x.lx.is(t.Lower, "orgsuffix"))
}

// capRun is the length of the run of capitalised words starting at i, with connectors inside.
func (x *Extractor) capRun(s *sentence, i int) int {
	toks := s.Toks
	// headBefore(end) is orgHeadIn(toks[i:end]), each token looked at once: a run of
	// thousands of capitalised words (a list of names, a table) stays linear.
	head, scanned := -1, i
	headBefore := func(end int) bool {
		end = min(end, len(toks))
		for ; head < 0 && scanned < end; scanned++ {
			if x.isOrgHead(toks[scanned]) {
				head = scanned
			}
		}
		return head >= 0 && head < end
	}
	n := 0
	for k := i; k < len(toks); k++ {
		t := toks[k]
		if t.Word && (t.Cap || isNameParticle(t.Lower)) {
			if k > i && x.startsRole(toks, k) && !headBefore(k) {
				break
			}
			// "Ethnic Albanians": an ordinary word does not join the known name after it.
			if x.demonymEndsRun(s, k) {
				break // no name ends in a nationality: "Young Algerians", "Ethnic Albanians"
			}
			// "Glenn Somerville Washington" (a byline and its dateline): a person's name does
			// not run into a known place.
			// ("Trevor Holland", "Neil Jordan": a given name and a surname that is a place go on.)
			if k > i && !headBefore(k+4) && x.startsPlace(s, k) &&
				!(k == i+1 && x.lx.given[toks[i].Lower] && (k+1 >= len(toks) || !toks[k+1].Cap)) {
				break
			}
			// "Rolf Soderlind LONGYEAR, Norway": a byline does not run into a dateline in capitals.
			if k > i && t.Upper && len(t.Text) >= 3 && !toks[k-1].Upper {
				break
			}
			n = k - i + 1
			continue
		}
		if k > i && t.Word && connectors[t.Lower] && k+1 < len(toks) && toks[k+1].Word && toks[k+1].Cap &&
			!x.lx.is(toks[k-1].Lower, "orgsuffix") {
			// "of" and "for" join names with an organization or place head; "and" only inside
			// organization names ("Trade and Industry").
			if x.lx.given[toks[i].Lower] && !headBefore(k) {
				break // "Lynn Reaser of Barnett Banks Inc": a person, then where they work
			}
			if (t.Lower == "of" || t.Lower == "for" || t.Lower == "and" || t.Lower == "on" || t.Lower == "de" || t.Lower == "&") &&
				(headBefore(k) || x.orgHeadIn(toks[k+1:min(len(toks), k+4)])) {
				if t.Lower == "and" && !x.orgHeadIn(toks[k+1:min(len(toks), k+4)]) {
					break
				}
				continue
			}
			if t.Lower == "al" || t.Lower == "bin" || t.Lower == "ibn" || t.Lower == "van" || t.Lower == "von" || t.Lower == "de" || t.Lower == "la" || t.Lower == "der" || t.Lower == "el" {
				continue
			}
			break
		}
		if k > i && t.Text == "-" {
			continue
		}
		break
	}
	return n
}

// demonymLike reports a word shaped like a nationality adjective (Kurdish, Zairean, Congolese).
// compass words start regional adjectives: "West African", "Southeast Asian".
var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true, "sub-saharan": true}

// placeNouns name a kind of place: after a name they make it a place's ("Hatay province"), and
// "the Uzbek city of Samarkand" lies in the adjective's country.
var placeNouns = map[string]bool{"province": true, "region": true, "district": true, "county": true,
	"governorate": true, "prefecture": true, "oblast": true, "state": true, "city": true, "town": true,
	"port": true, "village": true, "capital": true, "island": true, "enclave": true}

// isInitials reports a name's initials: "T.S.", "J.".
func isInitials(w string) bool {
	if len(w) < 2 || len(w)%2 != 0 {
		return false
	}
	for k := 0; k < len(w); k += 2 {
		if w[k] < 'A' || w[k] > 'Z' || w[k+1] != '.' {
			return false
		}
	}
	return true
}

func demonymLike(w string) bool {
	for _, suf := range []string{"ish", "ian", "ean", "ese", "ic", "ern", "ican"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// startsRoleBeforeName reports a title at k followed by a capitalised name.
func (x *Extractor) startsRoleBeforeName(toks []token, k int) bool {
	n, r := x.roleMatch(toks, k)
	return n > 0 && r.Class != "honorific" && k+n < len(toks) && toks[k+n].Cap && toks[k+n].Word
}

// startsRole reports a title inside a run of capitals that goes on with a name after it
// ("... Prime Minister Fumio Kishida"), not a name that happens to be a title word ("Tom King").
func (x *Extractor) startsRole(toks []token, k int) bool {
	n, r := x.roleMatch(toks, k)
	return n > 0 && r.Class != "honorific" && toks[k].Cap && k+n < len(toks) && toks[k+n].Cap && toks[k+n].Word
}

// classify decides whether the run of capitalised words toks[i:j] names an entity, and which.
func (x *Extractor) classify(d *doc, s *sentence, i, j int, titled bool, r *role) *mention {
	toks := s.Toks
	// Leading words that do not start names ("The", "Like", "Earlier", "Former").
	for i < j && (x.lx.is(toks[i].Lower, "notname") && !(givenToo[toks[i].Lower] && i+1 < j) || pastTitle[toks[i].Lower] || (i == sentStart(s, i) && d.lowerSeen[toks[i].Lower] && !titled)) {
		if j-i > 1 && toks[i].Lower == "the" && x.orgHeadIn(toks[i+1:j]) {
			i++
			break
		}
		i++
	}
	// Trailing connectors.
	for j > i && (connectors[toks[j-1].Lower] || !toks[j-1].Word) {
		j--
	}
	if i >= j {
		return nil
	}
	words := toks[i:j]
	first, last := words[0], words[len(words)-1]
	m := &mention{Sent: s.index, Start: i, End: j}
	n := len(words)
	allCommon := true
	for _, w := range words {
		if !x.lx.is(w.Lower, "notname") && !x.lx.is(w.Lower, "common") && !d.lowerSeen[w.Lower] {
			allCommon = false
		}
	}
	if n == 2 && compass[first.Lower] && demonymLike(last.Lower) && j < len(toks) && toks[j].Word && !toks[j].Cap {
		return nil // "West African leaders", "Southeast Asian ministers": an adjective
	}
	switch {
	case s.AllCaps && !titled:
		// Headlines set in capitals: only names the body confirms.
		if p := d.knownName(joinToks(words)); p != nil {
			m.Type = p.Type
			return m
		}
		return nil
	case n == 1 && (x.lx.is(first.Lower, "orghead") || x.lx.is(first.Lower, "orgsuffix")) && !first.Upper:
		return nil // "Police", "Government", "Co": a head word alone names nothing
	case x.lx.is(last.Lower, "orgsuffix") || x.orgHeadIn(words) && !titled:
		m.Type = Organization
	case j < len(toks) && x.startsRoleBeforeName(toks, j):
		// "Lib Dem leader Charles Kennedy", "Arab League Secretary-General Chedli Klibi": what
		// a title belongs to is an organization (countries are known by name).
		m.Type = Organization
	case titled && r != nil:
		m.Type = Person
	case j < len(toks) && placeNouns[toks[j].Lower] && !toks[j].Cap && n <= 3 && !demonymLike(last.Lower):
		m.Type = Location // "Iran's Sistan-Baluchestan province", "Hatay province"
	case x.lx.is(last.Lower, "lochead") && n > 1:
		m.Type = Location
	case allCommon:
		return nil
	case first.Upper && n == 1 && utf8.RuneCountInString(first.Text) >= 2 && utf8.RuneCountInString(first.Text) <= 6:
		if p := d.knownName(first.Text); p != nil {
			m.Type = p.Type
			return m
		}
		m.Type = Organization
	case x.lx.given[first.Lower] && n >= 2 && n <= 4:
		m.Type = Person
	case n >= 2 && n <= 4 && isInitials(first.Text) && !s.AllCaps:
		m.Type = Person // "T.S. Tirumurti", "J. Smith"
	case n >= 2 && n <= 3 && x.lx.surnames[last.Lower]:
		m.Type = Person
	case x.lx.ambGiven[first.Lower] && n >= 2 && n <= 3 && x.lx.surnames[last.Lower]:
		m.Type = Person
	default:
		if p := d.knownName(joinToks(words)); p != nil {
			m.Type = p.Type
			return m
		}
		if n == 1 && d.nameParts[first.Lower] == Person {
			m.Type = Person
			return m
		}
		if n == 1 && (x.lx.surnames[first.Lower] || x.lx.given[first.Lower] || !d.lowerSeen[first.Lower] && !x.lx.common[first.Lower]) && x.personContext(s, i, j) {
			m.Type = Person
			return m
		}
		if x.personContext(s, i, j) && n >= 2 && n <= 3 {
			m.Type = Person
			return m
		}
		if n >= 2 && n <= 3 && allNameLike(words) && !s.AllCaps && !x.ordinaryWords(words) {
			m.Type = Person
			return m
		}
		if i > 0 && placePreps[toks[i-1].Lower] && n <= 2 {
			m.Type = Location
			return m
		}
		if n == 1 && demonymLike(first.Lower) && j < len(toks) && toks[j].Word && !toks[j].Cap {
			return nil // "Kurdish rebels", "Zairean troops": an adjective, not a name
		}

		if n == 1 && i != sentStart(s, i) && !d.lowerSeen[first.Lower] {
			m.Type = Organization
			m.Coref = true // weak: kept only if confirmed (see weakMentions)
			return m
		}
		return nil
	}
	return m
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "from": true, "to": true, "outside": true, "into": true}

// sentStart is the index of the first word of the sentence (after opening quotes).
func sentStart(s *sentence, i int) int {
	for k := 0; k < len(s.Toks); k++ {
		if s.Toks[k].Word {
			return k
		}
	}
	return 0
}

func allNameLike(ws []token) bool {
	for _, w := range ws {
		if !w.Cap || strings.ContainsAny(w.Text, "0123456789") || w.Upper && len(w.Text) > 1 {
			return false
		}
	}
	return true
}

// personContext: "X said", "said X", "X told", "Mr X".
func (x *Extractor) personContext(s *sentence, i, j int) bool {
	if j < len(s.Toks) && speechVerbs[s.Toks[j].Lower] {
		return true
	}
	if j+1 < len(s.Toks) && s.Toks[j].Text == "," && j+2 < len(s.Toks) {
		if n, r := x.roleMatch(s.Toks, j+1); n > 0 && r.Class != "honorific" {
			return true
		}
		if s.Toks[j+1].Lower == "the" || s.Toks[j+1].Lower == "a" {
			if n, r := x.roleMatch(s.Toks, j+2); n > 0 && r.Class != "honorific" {
				return true
			}
		}
	}
	if i > 0 && speechVerbs[s.Toks[i-1].Lower] {
		return true
	}
	return false
}

var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "added": true, "stated": true,
	"announced": true, "noted": true, "declared": true, "explained": true, "insisted": true, "warned": true,
	"argued": true, "wrote": true, "asked": true, "replied": true, "continued": true, "stressed": true,
	"reported": true, "claimed": true, "say": true, "tells": true, "according": true}

func joinToks(ts []token) string {
	var b strings.Builder
	for k, t := range ts {
		if k > 0 && t.Start > ts[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// finish fills a mention's text, span and possessive mark.
func (x *Extractor) finish(d *doc, s *sentence, m *mention) {
	m.Span = Span{Start: s.Toks[m.Start].Start, End: s.Toks[m.End-1].End}
	m.Text = d.text[m.Span.Start:m.Span.End]
	m.Text = strings.TrimSuffix(strings.TrimSuffix(m.Text, "'s"), "\u2019s")
	if m.End < len(s.Toks) && (s.Toks[m.End].Text == "'s" || s.Toks[m.End].Text == "\u2019s" || s.Toks[m.End].Text == "'") {
		m.Poss = true
	}
	if m.Type == Person && !m.TitleOnly {
		d.persons = append(d.persons, m)
	}
}

// knownName finds an entity the document already named, by full name or a name part.
func (d *doc) knownName(name string) *docEntity {
	low := strings.ToLower(name)
	for _, e := range d.order {
		if strings.ToLower(e.Label) == low {
			return e
		}
		for a := range e.Aliases {
			if strings.ToLower(a) == low {
				return e
			}
		}
	}
	for _, e := range d.order {
		if e.Type == Person && len(e.Tokens) > 1 {
			for _, t := range e.Tokens {
				if strings.ToLower(t) == low {
					return e
				}
			}
		}
	}
	return nil
}

// resolve turns mentions into document entities: gazetteer entries by key, people by name with
// surnames and given names joined to the full name, and weak single words dropped unless seen
// again.
func (x *Extractor) resolve(d *doc) {
	// Full names first, so that "Ardern" finds "Jacinda Ardern" wherever it stands.
	for si := range d.ments {
		if d.stopped() {
			return
		}
		for _, m := range d.ments[si] {
			if m.Type == Person && m.End-m.Start >= 2 && m.Gaz == nil && !m.TitleOnly {
				x.entityFor(d, m)
			}
		}
	}
	for si := range d.ments {
		if d.stopped() {
			return
		}
		for _, m := range d.ments[si] {
			if m.Ent == nil && !m.TitleOnly {
				x.entityFor(d, m)
			}
		}
	}
	d.resolveTitles()
	// Weak single-word guesses count only when named twice or more.
	count := map[*docEntity]int{}
	for si := range d.ments {
		for _, m := range d.ments[si] {
			if m.Ent != nil {
				count[m.Ent]++
			}
		}
	}
	for si := range d.ments {
		out := d.ments[si][:0]
		for _, m := range d.ments[si] {
			if m.Coref && m.Gaz == nil && m.Ent != nil && m.Ent.Type == Organization && count[m.Ent] < 2 && !m.Ent.Named {
				continue
			}
			out = append(out, m)
		}
		d.ments[si] = out
	}
}

func (x *Extractor) entityFor(d *doc, m *mention) {
	var e *docEntity
	switch {
	case m.Gaz != nil:
		g := m.Gaz
		key := g.Key
		e = d.byKey[string(g.Type)+"/"+key]
		if e == nil {
			e = d.newEntity(g.Type, key, g.Label)
			e.Code, e.Wikidata, e.Kind = g.Code, g.Wikidata, g.Kind
			if g.Type == Person {
				e.Tokens = strings.Fields(g.Label)
			}
			if g.Type == Location || g.Type == Organization && g.Kind != "" {
				e.Code = g.Code
			}
		}
		if !m.Adj {
			e.Named = true
			e.Aliases[m.Text] = true
		}
		if m.Type == Person && m.Role != nil && m.Role.Class != "honorific" && e.Role == nil {
			e.Role, e.RoleText = m.Role, m.RoleText
		}
	case m.Type == Person:
		name := m.Text
		if g := x.knownPerson(m, name); g != nil {
			m.Gaz = g
			x.entityFor(d, m)
			e = m.Ent
			e.Aliases[name] = true
			return
		}
		if p := d.personByPart(name); p != nil {
			e = p
		} else {
			e = d.newEntity(Person, slug(name), name)
			e.Tokens = strings.Fields(name)
			// "President Bush": a titled surname that the people gazetteer knows in one country
			// only gives the person that country, though not who they are.
			if m.Role != nil && m.Role.Class != "honorific" {
				f := strings.Fields(strings.ToLower(foldName(name)))
				if cs := x.lx.surnameOf[f[len(f)-1]]; len(cs) > 0 && sameCountry(cs) {
					e.Code = cs[0].Code
				}
			}
		}
		e.Named = true
		e.Aliases[name] = true
		if m.Role != nil && m.Role.Class != "honorific" && e.Role == nil {
			e.Role, e.RoleText = m.Role, m.RoleText
		}
	default:
		name := m.Text
		if p := d.knownName(name); p != nil && (p.Type == m.Type || m.Coref) {
			e = p
		} else {
			e = d.byKey[string(m.Type)+"/"+slug(name)]
			if e == nil {
				e = d.newEntity(m.Type, slug(name), name)
			}
		}
		if !m.Coref {
			e.Named = true
		}
		e.Aliases[name] = true
	}
	if m.FromAcr != "" {
		e.Aliases[m.FromAcr] = true
	}
	if m.Type == Person && m.RoleOf != nil && m.RoleOf.Adj && m.RoleOf.Ent != nil && m.RoleOf.Type == Country {
		m.RoleOf.Ent.Named = true // "Rwandan President Paul Kagame" names Rwanda: the office's country
	}
	if m.Type == Person && m.RoleOf != nil && m.RoleOf.Gaz != nil && e.RoleCode == "" {
		e.RoleCode = m.RoleOf.Gaz.Code
		if m.RoleOf.Metonym != "" {
			e.RoleCode = m.RoleOf.Metonym
		}
	}
	if m.Type == Person && m.RoleText != "" && e.Gender == 0 {
		e.Gender = titleGender[strings.ToLower(strings.TrimSuffix(m.RoleText, "."))]
	}
	if m.Type == Person && e.Gender == 0 && e.Named {
		// "Foreign Minister Penny Wong": her given name tells "she" who she is.
		if first, _, ok := strings.Cut(e.Label, " "); ok {
			e.Gender = x.lx.genderOf[strings.ToLower(first)]
		}
	}
	m.Ent = e
	m.Type = e.Type
	e.Spans = append(e.Spans, m.Span)
}

// personByPart finds a person whose full name contains name as a whole-word part
// ("Ardern" in "Jacinda Ardern"), or whose name is contained in name.
func (d *doc) personByPart(name string) *docEntity {
	parts := strings.Fields(name)
	for _, e := range d.order {
		if e.Type != Person {
			continue
		}
		if strings.EqualFold(e.Label, name) {
			return e
		}
		if len(parts) == 1 {
			for _, t := range e.Tokens {
				if strings.EqualFold(t, name) {
					return e
				}
			}
		}
	}
	return nil
}

func (d *doc) newEntity(t EntityType, key, label string) *docEntity {
	e := &docEntity{Type: t, Key: key, Label: label, Aliases: map[string]bool{}, order: len(d.order)}
	d.byKey[string(t)+"/"+key] = e
	d.order = append(d.order, e)
	return e
}

// country returns the document entity of the country with the given ISO code, making it
// (unnamed) when the text has not named it.
func (x *Extractor) country(d *doc, iso string) *docEntity {
	if e := d.byKey[string(Country)+"/"+iso]; e != nil {
		return e
	}
	g := x.lx.countries[iso]
	if g == nil {
		return nil
	}
	e := d.newEntity(Country, iso, g.Label)
	e.Code, e.Wikidata = iso, g.Wikidata
	return e
}

// entities converts the document's entities into the Result's, sorted by first mention.
func (d *doc) entities() []Entity {
	out := make([]Entity, 0, len(d.order))
	for _, e := range d.order {
		if !e.Named && !d.used[e] {
			continue
		}
		ent := Entity{Key: e.Key, Type: e.Type, Label: e.Label, CountryCode: e.Code, Wikidata: e.Wikidata, Mentions: e.Spans,
			Implicit: !e.Named}
		if e.Type != Country && e.Type != Person && e.Kind == "" {
			ent.CountryCode = ""
		}
		for a := range e.Aliases {
			ent.Aliases = append(ent.Aliases, a)
		}
		if !e.Aliases[e.Label] {
			ent.Aliases = append(ent.Aliases, e.Label)
		}
		sort.Strings(ent.Aliases)
		out = append(out, ent)
	}
	return out
}

func allUpper(ts []token) bool {
	for _, t := range ts {
		if t.Word && !t.Upper {
			return false
		}
	}
	return true
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// anyUncased reports whether the phrase key is also a plain name (written without inner
// capitals) of some entry, so that any capitalisation of it matches.
func anyUncased(cand []*gazEntry, key string, lx *Lexicon) bool {
	return len(lx.exact[key]) < lx.nameCount[key]
}

// longerGazAt reports a gazetteer name starting at token i that ends after token end.
func (x *Extractor) longerGazAt(s *sentence, i, end int) bool {
	if i >= len(s.Toks) {
		return false
	}
	n, _ := x.gazMatch(s, i)
	return n > 0 && i+n > end
}

// startsGaz reports a gazetteer name starting at token i.
func (x *Extractor) startsGaz(s *sentence, i int) bool {
	n, _ := x.gazMatch(s, i)
	return n > 0
}

// nameGoesOn reports capitalised words in [a, b) that continue a place name into the name of
// something else ("Philadelphia Eagles", "New York Newsdesk"): not titles, common words or other
// known names.
func (x *Extractor) nameGoesOn(s *sentence, a, b int) bool {
	for k := a; k < b; k++ {
		t := s.Toks[k]
		if !t.Word || !t.Cap || x.lx.is(t.Lower, "notname") || x.lx.is(t.Lower, "common") || x.startsGaz(s, k) || x.startsRole(s.Toks, k) {
			return false
		}
		if n, _ := x.roleMatch(s.Toks, k); n > 0 {
			return false
		}
	}
	return !s.AllCaps
}

// knownPerson finds the gazetteer person a name no gazetteer alias matched stands for: the same
// surname and the same first name, spelt with or without accents ("Abdelaziz Bouteflicka" for
// Abdelaziz Bouteflika is too far; "Recep Erdogan" for Recep Tayyip Erdoğan is found).
func (x *Extractor) knownPerson(m *mention, name string) *gazEntry {
	f := strings.Fields(strings.ToLower(foldName(name)))
	if len(f) < 2 {
		return nil
	}
	var found *gazEntry
	for _, g := range x.lx.surnameOf[stripParticle(f[len(f)-1])] {
		gf := strings.Fields(strings.ToLower(foldName(g.Label)))
		if gf[0] != f[0] {
			continue
		}
		if found != nil && found != g {
			return nil // two people of that name
		}
		found = g
	}
	return found
}

func sameCountry(es []*gazEntry) bool {
	for _, e := range es {
		if e.Code == "" || e.Code != es[0].Code {
			return false
		}
	}
	return true
}

// ordinaryWords reports a word of ws that is an ordinary English word or a nationality, and no
// known name: "Labor Day", "Human Rights", "Latin American" name no person.
func (x *Extractor) ordinaryWords(ws []token) bool {
	for _, w := range ws {
		if x.lx.given[w.Lower] || x.lx.surnames[w.Lower] {
			continue
		}
		if x.lx.common[w.Lower] || demonymLike(w.Lower) || x.lx.is(w.Lower, "notname") || x.lx.is(w.Lower, "common") {
			return true
		}
	}
	return false
}

// startsPlace reports a gazetteer country or place (not an adjective) starting at token k.
func (x *Extractor) startsPlace(s *sentence, k int) bool {
	n, es := x.gazMatch(s, k)
	if n == 0 {
		return false
	}
	e := pick(es)
	return (e.Type == Location || e.Type == Country) && !e.Adj
}

// demonymEndsRun reports a nationality at k that ends the run of capitals ("Ethnic Albanians
// have"), not one inside a longer name ("Royal Dutch Shell").
func (x *Extractor) demonymEndsRun(s *sentence, k int) bool {
	n, es := x.gazMatch(s, k)
	if n == 0 || !pick(es).Adj {
		return false
	}
	return k+n >= len(s.Toks) || !s.Toks[k+n].Cap
}

// resolveTitles points every title-only mention ("the prime minister") at the person named
// before it with that title; a title nobody or several people held before is dropped.
func (d *doc) resolveTitles() {
	for si := range d.ments {
		out := d.ments[si][:0]
		for _, m := range d.ments[si] {
			if m.TitleOnly {
				var best *docEntity
				holders := 0
				for _, e := range d.order {
					if e.Type != Person || e.Role == nil || !sameTitle(e.Role.Role, m.Role.Role) {
						continue
					}
					if m.RoleOf != nil && m.RoleOf.Gaz != nil && e.RoleCode != m.RoleOf.Gaz.Code && e.Code != m.RoleOf.Gaz.Code {
						continue // "the Qatari prime minister" is not Israel's
					}
					for _, sp := range e.Spans {
						if sp.Start < m.Span.Start {
							best = e
							holders++
							break
						}
					}
				}
				if holders != 1 {
					continue // "the prime minister" after two prime ministers: which one?
				}
				m.Ent = best
			}
			out = append(out, m)
		}
		d.ments[si] = out
	}
}

// sameTitle: "Prime Minister" is held by a Prime Minister; "minister" by any kind of Minister.
func sameTitle(held, said string) bool {
	h, s := strings.ToLower(held), strings.ToLower(said)
	return h == s || strings.HasSuffix(h, " "+s)
}

// lowerBetween reports one to three lower-case words (a possessive mark allowed) in toks[a:b]:
// "foreign ministry" in "Chinese foreign ministry spokesman".
func lowerBetween(toks []token, a, b int) bool {
	n := 0
	for k := a; k < b; k++ {
		t := toks[k]
		if t.Text == "'s" || t.Text == "\u2019s" {
			continue
		}
		if !t.Word || t.Cap {
			return false
		}
		n++
	}
	return n >= 1 && n <= 3
}

// titleGender is the gender some titles tell.
var titleGender = map[string]byte{"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "dame": 'f',
	"lord": 'm', "lady": 'f', "king": 'm', "queen": 'f', "prince": 'm', "princess": 'f', "emir": 'm',
	"sultan": 'm', "sheikh": 'm', "spokesman": 'm', "spokeswoman": 'f', "congressman": 'm',
	"congresswoman": 'f', "chairman": 'm', "chairwoman": 'f', "crown prince": 'm'}

// theAdjBefore reports "the Qatari" right before token i: a nationality after "the".
func (x *Extractor) theAdjBefore(s *sentence, ms []*mention, i int) bool {
	if len(ms) == 0 {
		return false
	}
	last := ms[len(ms)-1]
	return last.End == i && last.Adj && last.Start > 0 && s.Toks[last.Start-1].Lower == "the"
}
