package extract

import (
	"fmt"
	"io/fs"
	"strings"
)

// pattern is one event trigger of lexicon/events.tsv.
type pattern struct {
	elems  []pelem
	cameo  string
	plover string // overrides the PLOVER type of the CAMEO code, when the trigger is coded otherwise
	flags  map[string]bool
	text   string
}

// pelem is one element of a pattern: a set of word forms, or a gap.
type pelem struct {
	forms map[string]bool
	gap   bool
	long  bool   // a gap of up to six words ("ordered former president Carlos Menem to")
	word  string // a literal word ("on" in "V:call on"): a preposition naming the target
}

// eventLexicon indexes patterns by the forms their first element takes.
type eventLexicon struct {
	byFirst map[string][]*pattern
}

// loadEvents reads the event patterns. Each line: pattern, CAMEO code, flags and, optionally, a
// PLOVER type that overrides the code's. In a pattern,
// V:word is a verb in any inflection, N:word a noun in the singular or plural, ** a gap of up to
// six words, * a gap of up to
// three words, anything else a literal word.
func loadEvents(fsys fs.FS, path string, lx *Lexicon) (*eventLexicon, error) {
	el := &eventLexicon{byFirst: map[string][]*pattern{}}
	err := readTable(fsys, path, 4, func(c []string) error {
		if _, ok := lx.cameo[c[1]]; !ok {
			return fmt.Errorf("pattern %q: unknown CAMEO code %q", c[0], c[1])
		}
		p := &pattern{cameo: c[1], plover: c[3], flags: map[string]bool{}, text: c[0]}
		for _, f := range strings.Split(c[2], ",") {
			if f = strings.TrimSpace(f); f != "" {
				p.flags[f] = true
			}
		}
		for _, w := range strings.Fields(c[0]) {
			switch {
			case w == "*":
				p.elems = append(p.elems, pelem{gap: true})
			case w == "**":
				p.elems = append(p.elems, pelem{gap: true, long: true})
			case strings.HasPrefix(w, "V:"):
				p.elems = append(p.elems, pelem{forms: verbForms(strings.ToLower(w[2:]))})
			case strings.HasPrefix(w, "N:"):
				p.elems = append(p.elems, pelem{forms: nounForms(strings.ToLower(w[2:]))})
			default:
				p.elems = append(p.elems, pelem{forms: map[string]bool{strings.ToLower(w): true}, word: strings.ToLower(w)})
			}
		}
		if len(p.elems) == 0 || p.elems[0].gap {
			return fmt.Errorf("pattern %q must start with a word", c[0])
		}
		for f := range p.elems[0].forms {
			el.byFirst[f] = append(el.byFirst[f], p)
		}
		return nil
	})
	return el, err
}

var irregular = map[string][]string{
	"meet": {"met"}, "hold": {"held"}, "give": {"gave", "given"}, "make": {"made"}, "take": {"took", "taken"},
	"seek": {"sought"}, "send": {"sent"}, "shoot": {"shot"}, "fight": {"fought"}, "strike": {"struck", "stricken"},
	"break": {"broke", "broken"}, "lead": {"led"}, "begin": {"began", "begun"}, "win": {"won"},
	"withdraw": {"withdrew", "withdrawn"}, "speak": {"spoke", "spoken"}, "bring": {"brought"}, "sell": {"sold"},
	"tell": {"told"}, "say": {"said"}, "forgive": {"forgave", "forgiven"}, "beat": {"beat", "beaten"},
	"shut": {"shut"}, "cut": {"cut"}, "put": {"put"}, "hit": {"hit"}, "let": {"let"}, "lay": {"laid"},
	"pay": {"paid"}, "keep": {"kept"}, "leave": {"left"}, "freeze": {"froze", "frozen"}, "blow": {"blew", "blown"},
	"drive": {"drove", "driven"}, "steal": {"stole", "stolen"}, "swear": {"swore", "sworn"}, "throw": {"threw", "thrown"},
	"forbid": {"forbade", "forbidden"}, "flee": {"fled"}, "stand": {"stood"}, "come": {"came"}, "go": {"went", "gone"},
	"see": {"saw", "seen"}, "find": {"found"}, "hear": {"heard"}, "undertake": {"undertook", "undertaken"},
	"overthrow": {"overthrew", "overthrown"}, "shake": {"shook", "shaken"}, "spread": {"spread"}, "set": {"set"},
	"rebuild": {"rebuilt"}, "build": {"built"}, "buy": {"bought"}, "wage": {"waged"}, "oversee": {"oversaw", "overseen"},
	"bid": {"bid"}, "arise": {"arose", "arisen"}, "rise": {"rose", "risen"}, "write": {"wrote", "written"},
	"bear": {"bore", "borne"}, "upset": {"upset"}, "shed": {"shed"}, "feel": {"felt"}, "wind": {"wound"},
	"become": {"became"}, "slay": {"slew", "slain"}, "sink": {"sank", "sunk"}, "bind": {"bound"}, "lend": {"lent"}, "spend": {"spent"},
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// verbForms returns the inflections of a verb: base, -s, -ed, -ing and irregular forms.
func verbForms(v string) map[string]bool {
	f := map[string]bool{v: true}
	for _, x := range irregular[v] {
		f[x] = true
	}
	n := len(v)
	switch {
	case strings.HasSuffix(v, "y") && n > 1 && !isVowel(v[n-2]):
		f[v[:n-1]+"ies"], f[v[:n-1]+"ied"], f[v+"ing"] = true, true, true
	case strings.HasSuffix(v, "e"):
		f[v+"s"], f[v+"d"], f[v[:n-1]+"ing"] = true, true, true
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z"):
		f[v+"es"], f[v+"ed"], f[v+"ing"] = true, true, true
	default:
		f[v+"s"], f[v+"ed"], f[v+"ing"] = true, true, true
		if n >= 3 && !isVowel(v[n-1]) && isVowel(v[n-2]) && !isVowel(v[n-3]) && strings.IndexByte("wxy", v[n-1]) < 0 {
			f[v+v[n-1:]+"ed"], f[v+v[n-1:]+"ing"] = true, true
		}
	}
	return f
}

// nounForms returns a noun's singular and plural.
func nounForms(n string) map[string]bool {
	f := map[string]bool{n: true}
	l := len(n)
	switch {
	case strings.HasSuffix(n, "y") && l > 1 && !isVowel(n[l-2]):
		f[n[:l-1]+"ies"] = true
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "sh") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "x"):
		f[n+"es"] = true
	default:
		f[n+"s"] = true
	}
	return f
}

// match tries p at token i; it returns the end of the match and the token of the head (the
// last non-gap element), or -1.
func (p *pattern) match(toks []token, i int) (end, head int) {
	k := i
	for ei, e := range p.elems {
		if e.gap {
			continue
		}
		for ei > 0 && k < len(toks) && isQuoteTok(toks[k].Text) {
			k++ // quotation marks are transparent: noted "grave concerns" with
		}
		if ei > 0 && p.elems[ei-1].gap {
			found := -1
			width := 3
			if p.elems[ei-1].long {
				width = 6
			}
			for g := k; g < len(toks) && g <= k+width; g++ {
				if toks[g].Text == "," || toks[g].Text == ";" {
					break
				}
				if e.forms[toks[g].Lower] {
					found = g
					break
				}
			}
			if found < 0 {
				return -1, -1
			}
			k = found
		}
		if k >= len(toks) || !e.forms[toks[k].Lower] {
			return -1, -1
		}
		head = k
		k++
	}
	return k, head
}

func (p *pattern) hasGap() bool {
	for _, e := range p.elems {
		if e.gap {
			return true
		}
	}
	return false
}

// trigger is a matched pattern in a sentence.
type trigger struct {
	p          *pattern
	start, end int
	head       int
}

// findTriggers matches the event patterns in a sentence, longest first, without overlaps.
func (x *Extractor) findTriggers(s *sentence) []trigger {
	var out []trigger
	for i := 0; i < len(s.Toks); i++ {
		cands := x.lx.events.byFirst[s.Toks[i].Lower]
		if len(cands) == 0 {
			continue
		}
		best := trigger{start: -1, end: -1}
		noun := nounContext(s.Toks, i) || i == sentStart(s, 0) // news starts no sentence with a verb
		for _, p := range cands {
			end, head := p.match(s.Toks, i)
			if end < 0 {
				continue
			}
			// The longest pattern wins; of two as long, the noun after a determiner, else the verb.
			if end-i > best.end-best.start || end-i == best.end-best.start && p.flags["nominal"] == noun && best.p.flags["nominal"] != noun {
				best = trigger{p: p, start: i, end: end, head: head}
			}
		}
		if best.start >= 0 {
			out = append(out, best)
			i = best.end - 1
		}
	}
	return out
}

func isQuoteTok(s string) bool {
	switch s {
	case "\"", "\u201c", "\u201d", "'", "\u2018", "\u2019":
		return true
	}
	return false
}
