package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isOpenQuote(r rune) bool  { return r == '"' || r == '\u201c' || r == '\u201e' }
func isCloseQuote(r rune) bool { return r == '"' || r == '\u201d' }

// quoteSpan is a stretch of quoted words in a paragraph.
type quoteSpan struct {
	Start, End int // the words, without the marks
	Para       int
}

// findQuotes pairs quotation marks paragraph by paragraph. Straight and curly marks pair with
// each other; an unclosed quote runs to the end of its paragraph (newspaper style for quotes
// that go on in the next paragraph).
func findQuotes(text string, paras []paragraph) []quoteSpan {
	var out []quoteSpan
	for pi, p := range paras {
		if p.Boiler {
			continue
		}
		open := -1
		for i := p.Start; i < p.End; {
			r, w := utf8.DecodeRuneInString(text[i:])
			// A straight quote opens where a word starts and closes where one ends, so that one
			// stray mark does not turn the rest of the paragraph inside out.
			opens, closes := isOpenQuote(r), isCloseQuote(r)
			if r == '"' {
				before, after := prevRune(text, p.Start, i), nextRune(text, i+w, p.End)
				opens = !isWordRune(before) && !unicode.IsSpace(after) && after != 0
				closes = !unicode.IsSpace(before) && before != 0 && !isWordRune(after)
			}
			switch {
			case open < 0 && opens:
				open = i + w
			case open >= 0 && closes:
				if strings.TrimSpace(text[open:i]) != "" {
					out = append(out, quoteSpan{Start: open, End: i, Para: pi})
				}
				open = -1
			}
			i += w
		}
		if open >= 0 && p.End-open > 20 {
			out = append(out, quoteSpan{Start: open, End: p.End, Para: pi})
		}
	}
	return out
}

// quotes attributes every quotation to its speaker: "…," X said / said X / X said: "…" / a
// paragraph of quotation alone continues the speaker of the paragraph before it.
func (x *Extractor) quotes(d *doc) {
	qs := findQuotes(d.text, d.paras)
	var prev *docEntity // the speaker of the previous paragraph
	qi := 0
	for pi, p := range d.paras {
		if p.Boiler {
			continue
		}
		if d.stopped() {
			return
		}
		var here *docEntity
		for ; qi < len(qs) && qs[qi].Para == pi; qi++ {
			q := qs[qi]
			words := strings.TrimSpace(strings.Trim(strings.TrimSpace(d.text[q.Start:q.End]), ",.\u2026"))
			if utf8.RuneCountInString(words) < 2 {
				continue
			}
			speaker := x.speakerFor(d, q)
			if speaker == nil && !d.opensSentence(q.Start) {
				speaker = x.parsedSpeaker(d, q) // called the attack "completely unacceptable"
			}
			if speaker == nil && here != nil && d.opensSentence(q.Start) {
				speaker = here // `"We have a deal," Borrell said. "Kosovo and Serbia have agreed ..."`
			}
			if speaker == nil {
				outside := strings.TrimSpace(d.text[p.Start:q.Start]) + strings.TrimSpace(d.text[q.End:p.End])
				if utf8.RuneCountInString(strings.Trim(outside, "\"\u201c\u201d,. ")) <= 2 {
					speaker = prev
				}
			}
			if speaker == nil {
				continue
			}
			here = speaker
			x.addStatement(d, speaker, words, q, p)
		}
		if here == nil {
			here = x.paragraphSpeaker(d, pi)
		}
		prev = here
	}
}

// opensSentence reports a quotation that begins its sentence.
func (d *doc) opensSentence(at int) bool {
	for si := d.sentEndingFrom(at); si < len(d.sents) && d.sents[si].Start <= at; si++ {
		s := &d.sents[si]
		if at < s.Start {
			continue
		}
		for _, t := range s.Toks {
			if t.End > at {
				return true
			}
			if !isQuoteTok(t.Text) {
				return false
			}
		}
	}
	return false
}

// paragraphSpeaker is the person a paragraph reports speaking ("He said Japan would ..."), or nil.
func (x *Extractor) paragraphSpeaker(d *doc, pi int) *docEntity {
	var found *docEntity
	// Sentences are in text order, so those of paragraph pi are one run: found by binary
	// search, not by a scan of the whole article per paragraph (quadratic on huge articles).
	for si := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Para >= pi }); si < len(d.sents) && d.sents[si].Para == pi; si++ {
		if p := x.speakerNear(d, si, 0, len(d.sents[si].Toks), quoteSpan{}); p != nil {
			found = p
		}
	}
	return found
}

// sentEndingFrom is the index of the first sentence that ends at or after offset at (len(d.sents)
// when none does). Sentences are in text order and do not overlap, so a span's sentences are
// found by binary search rather than a scan of the article per quotation, which was quadratic.
func (d *doc) sentEndingFrom(at int) int {
	return sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End >= at })
}

// quotedSpeaker is an attributed quotation: its words' span and who said them.
type quotedSpeaker struct {
	start, end int
	speaker    *docEntity
}

// quotedWe is the party "we" at the subject of a trigger at token a stands for, inside an
// attributed quotation: the speaker, for the country or organization they represent.
func (d *doc) quotedWe(si, a int) party {
	toks := d.sents[si].Toks
	k := a - 1
	for k >= 0 && auxWords[toks[k].Lower] {
		k--
	}
	if k < 0 || toks[k].Lower != "we" {
		return party{}
	}
	at := toks[k].Start
	// The quotations are in text order and do not overlap: the one that may hold at is the
	// last to start at or before it.
	if i := sort.Search(len(d.quoted), func(i int) bool { return d.quoted[i].start > at }) - 1; i >= 0 {
		q := d.quoted[i]
		if at >= q.end {
			return party{}
		}
		p := party{ents: []*docEntity{q.speaker}, coref: true}
		if e := d.servedBy(q.speaker, false); e != nil {
			p.sponsors = append(p.sponsors, e)
		}
		return p
	}
	return party{}
}

func (x *Extractor) addStatement(d *doc, speaker *docEntity, words string, q quoteSpan, p paragraph) {
	d.quoted = append(d.quoted, quotedSpeaker{start: q.Start, end: q.End, speaker: speaker})
	st := Statement{Speaker: d.use(speaker), Quote: words, Span: Span{Start: q.Start, End: q.End}, Evidence: Span{Start: p.Start, End: p.End}}
	seen := map[*docEntity]bool{speaker: true}
	for si := d.sentEndingFrom(q.Start + 1); si < len(d.sents) && d.sents[si].Start < q.End; si++ {
		for _, m := range d.ments[si] {
			if m.Ent != nil && m.Span.Start >= q.Start && m.Span.End <= q.End && !seen[m.Ent] && m.Ent.Named {
				seen[m.Ent] = true
				st.About = append(st.About, m.Ent.ref())
			}
		}
	}
	d.res.Statements = append(d.res.Statements, st)
}

// speakerFor finds the person a speech verb next to the quote names: after the quote
// (", Kishida said" / ", said Kishida"), or before it ("Kishida said: " / "Kishida said he hoped
// the pair could have a ").
func (x *Extractor) speakerFor(d *doc, q quoteSpan) *docEntity {
	// The sentence(s) holding the quote's end and start.
	for si := d.sentEndingFrom(q.Start); si < len(d.sents) && d.sents[si].Start <= q.End+2; si++ {
		s := &d.sents[si]
		if s.Para != q.Para {
			continue
		}
		// Tokens after the quote's end, in this sentence.
		after, before := -1, -1
		for k, t := range s.Toks {
			if t.Start >= q.End && after < 0 {
				after = k
			}
			if t.End <= q.Start {
				before = k
			}
		}
		if after >= 0 {
			if p := x.speakerNear(d, si, after, min(len(s.Toks), after+20), q); p != nil {
				return p
			}
		}
		if before >= 0 {
			if p := x.speakerNear(d, si, max(0, before-25), before+1, q); p != nil {
				return p
			}
		}
	}
	return nil
}

// speakerNear finds "X said" or "said X" within tokens [a, b) of a sentence, X a person or a
// pronoun for one.
func (x *Extractor) speakerNear(d *doc, si, a, b int, q quoteSpan) *docEntity {
	s := &d.sents[si]
	for k := a; k < b; k++ {
		if !speechVerbs[s.Toks[k].Lower] || s.Toks[k].Lower == "according" {
			continue
		}
		// "said X" / "said Foreign Minister X".
		for j := k + 1; j < b && j < k+6; j++ {
			for _, m := range d.ments[si] {
				if m.Start == j && m.Type == Person && m.Ent != nil {
					if m.End < len(s.Toks) && (auxWords[s.Toks[m.End].Lower] || s.Toks[m.End].Lower == "that") {
						break // "the ministry said Pelosi had ...": what was said of her
					}
					return m.Ent
				}
			}
		}
		// "X said", "X, Director of ..., said", "he said"; not the object of a relative clause
		// ("Vieira, who accompanied Lula, said").
		from := k - 1
		if from > a && s.Toks[from].Text == "," {
			for j := from - 1; j > a && j >= from-15; j-- {
				if w := s.Toks[j].Lower; (w == "who" || w == "which") && s.Toks[j-1].Text == "," {
					from = j - 2
					break
				}
				if s.Toks[j].Text == "," {
					break
				}
			}
		}
		for j := from; j >= a && j >= k-20; j-- {
			t := s.Toks[j]
			if isCloseQuote([]rune(t.Text)[0]) {
				break
			}
			if kind := pronouns[t.Lower]; kind == "person" && (t.Lower == "he" || t.Lower == "she") {
				if p := x.pronounSpeaker(d, si, j, q); p != nil {
					return p
				}
			}
			for _, m := range d.ments[si] {
				if m.End-1 == j && m.Type == Person && m.Ent != nil {
					return m.Ent
				}
			}
		}
	}
	return nil
}

// pronounSpeaker is the person "he" or "she" at token k stands for (lastPerson), not one named
// inside the quotation it attributes ("\"We advise President Marcos ...,\" she said").
func (x *Extractor) pronounSpeaker(d *doc, si, k int, q quoteSpan) *docEntity {
	inQuote := func(m *mention) bool {
		return q.End > q.Start && m.Span.Start >= q.Start && m.Span.End <= q.End
	}
	if m := x.lastPerson(d, si, k, inQuote); m != nil {
		return m.Ent
	}
	return nil
}

func prevRune(text string, start, i int) rune {
	if i <= start {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[start:i])
	return r
}

func nextRune(text string, i, end int) rune {
	if i >= end {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// quotingLemmas are the verbs whose subject speaks the words quoted under them: "called the
// attack \"completely unacceptable\"", "hailed the agreement as \"a great day\"", "said Russia
// would respond \"very soon\"".
var quotingLemmas = map[string]bool{"say": true, "tell": true, "call": true, "describe": true,
	"add": true, "hail": true, "condemn": true, "denounce": true, "urge": true, "warn": true,
	"vow": true, "insist": true, "accuse": true, "write": true, "declare": true, "announce": true,
	"brand": true, "term": true, "label": true, "dub": true, "praise": true, "welcome": true,
	"criticise": true, "criticize": true, "reject": true, "dismiss": true,
	"stress": true, "argue": true, "claim": true, "note": true, "reply": true, "tweet": true, "post": true}

// parsedSpeaker finds who speaks a quotation inside a sentence from the sentence's parse: the
// subject of the nearest verb above the quotation's first word that reports or judges in words
// (quotingLemmas), a person before an organization or a country. Words expressed ("voiced
// \"grave concerns\"") are a phrase of the verb's, not a saying. It returns nil for a quoted word
// alone, when no such verb governs the quotation, or when its subject names no one.
func (x *Extractor) parsedSpeaker(d *doc, q quoteSpan) *docEntity {
	if len(strings.Fields(d.text[q.Start:q.End])) < 2 {
		return nil // "unfriendly", "hype": a word quoted is as often a term as a saying
	}
	si := d.sentEndingFrom(q.Start + 1)
	if si >= len(d.sents) || d.sents[si].Start > q.Start || d.sents[si].End < q.End-1 {
		return nil // a quotation across sentences is no fragment
	}
	s := &d.sents[si]
	k := -1
	for j, tk := range s.Toks {
		if tk.Start >= q.Start && tk.Word {
			k = j
			break
		}
	}
	if k < 0 {
		return nil
	}
	t := x.parse(d, si)
	n := t.node[k]
	inside := func(n int) bool {
		e := t.ext[n]
		return e < len(s.Toks) && s.Toks[e].Start >= q.Start && s.Toks[e].End <= q.End
	}
	// The quotation's head: the word of it whose head lies outside. A phrase begun before the
	// quotation ("noted the leaders' \"grave concerns\"") quotes part of a noun phrase.
	for h := n; h >= 0 && inside(h); h = t.head(h) {
		n = h
	}
	if h := t.head(n); h >= 0 && t.rel(n) == "conj" && t.toks[h].UPOS == "NOUN" {
		n = h // "\"grave concerns\" with ... and \"serious concerns\" about": one phrase
	}
	for _, c := range t.kids[n] {
		if !inside(c) && c < n {
			switch t.rel(c) {
			case "det", "nmod:poss", "amod", "compound":
				return nil
			}
		}
	}
	for i := 0; n >= 0 && i < 6; i++ {
		n = t.head(n)
		if n < 0 || t.ext[n] >= k && t.ext[n] < len(s.Toks) && s.Toks[t.ext[n]].Start < q.End {
			continue // still inside the quotation
		}
		if t.toks[n].UPOS != "VERB" || !quotingLemmas[t.lemma(n)] {
			continue
		}
		sn, _ := t.subject(n)
		if sn < 0 {
			return nil
		}
		p := x.subjectParty(d, si, t, sn)
		var best *docEntity
		for _, want := range []EntityType{Person, Organization, Country} {
			for _, e := range p.ents {
				if e != nil && e.Type == want && best == nil {
					best = e
				}
			}
		}
		return best
	}
	return nil
}
