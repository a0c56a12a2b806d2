package syntax

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Lemmatizer gives a word's lemma from its form and part of speech: from an exception table
// learned from a treebank where the rules would be wrong, else from rules for English inflection
// keyed by the Penn Treebank tag. A Lemmatizer is read-only once built and safe for concurrent
// use.
type Lemmatizer struct {
	// exceptions maps the lower-cased form, a tab and the XPOS to the lemma.
	exceptions map[string]string
}

// maxKey bounds the forms looked up in the exception table without allocating.
const maxKey = 64

// LearnLemmatizer returns a Lemmatizer whose exception table holds, for every (lower-cased form,
// XPOS) pair of sents, the most frequent gold lemma when it is right more often than the rules
// are. Tokens without a lemma are ignored; ties go to the rules, then to the smaller lemma.
func LearnLemmatizer(sents []Sentence) *Lemmatizer {
	type tally struct {
		lemmas map[string]int
		rule   int // occurrences the rules get right
	}
	tallies := map[string]*tally{}
	for i := range sents {
		for j := range sents[i].Tokens {
			t := &sents[i].Tokens[j]
			if t.Lemma == "" || t.Form == "" {
				continue
			}
			key := string(lowerInto(nil, t.Form)) + "\t" + t.XPOS
			if len(key) > maxKey {
				continue
			}
			ta := tallies[key]
			if ta == nil {
				ta = &tally{lemmas: map[string]int{}}
				tallies[key] = ta
			}
			ta.lemmas[t.Lemma]++
			if ruleLemma(t.Form, t.UPOS, t.XPOS) == t.Lemma {
				ta.rule++
			}
		}
	}
	l := &Lemmatizer{exceptions: map[string]string{}}
	for key, ta := range tallies {
		best, n := "", 0
		for lemma, c := range ta.lemmas {
			if c > n || c == n && lemma < best {
				best, n = lemma, c
			}
		}
		if n > ta.rule {
			l.exceptions[key] = best
		}
	}
	return l
}

// Len returns the number of exceptions the Lemmatizer holds.
func (l *Lemmatizer) Len() int { return len(l.exceptions) }

// Lemma returns the lemma of a word with the given form, universal and Penn Treebank tags. It
// falls back on the universal tag when xpos is empty.
func (l *Lemmatizer) Lemma(form, upos, xpos string) string {
	if l != nil && len(l.exceptions) > 0 && len(form)+1+len(xpos) <= maxKey {
		var buf [maxKey]byte
		k := lowerInto(buf[:0], form)
		k = append(k, '\t')
		k = append(k, xpos...)
		if lemma, ok := l.exceptions[string(k)]; ok {
			return lemma
		}
	}
	return ruleLemma(form, upos, xpos)
}

// lowerInto appends the ASCII-lower-cased form to b, with the curly apostrophe ’ as '.
func lowerInto(b []byte, form string) []byte {
	for i := 0; i < len(form); i++ {
		c := form[i]
		if c == 0xe2 && i+2 < len(form) && form[i+1] == 0x80 && form[i+2] == 0x99 {
			b = append(b, '\'')
			i += 2
			continue
		}
		b = append(b, lower(c))
	}
	return b
}

// normalizeApostrophe returns s with the curly apostrophe ’ written '.
func normalizeApostrophe(s string) string {
	if !strings.Contains(s, "’") {
		return s
	}
	return strings.ReplaceAll(s, "’", "'")
}

// closedLemmas are the lemmas of pronouns, determiners, auxiliaries and clitics, keyed by the
// lower-cased form, a tab and the XPOS.
var closedLemmas = map[string]string{
	"i\tPRP": "I", "me\tPRP": "I", "him\tPRP": "he", "her\tPRP": "she", "us\tPRP": "we",
	"them\tPRP": "they", "'em\tPRP": "they", "'s\tPRP": "we",
	"those\tDT": "that", "these\tDT": "this",
	"is\tVBZ": "be", "'s\tVBZ": "be", "s\tVBZ": "be", "are\tVBP": "be", "'re\tVBP": "be",
	"am\tVBP": "be", "'m\tVBP": "be", "was\tVBD": "be", "were\tVBD": "be", "been\tVBN": "be",
	"being\tVBG": "be", "be\tVB": "be", "art\tVBP": "be",
	"has\tVBZ": "have", "had\tVBD": "have", "had\tVBN": "have",
	"'ve\tVBP": "have", "'ve\tVB": "have", "'d\tVBD": "have", "having\tVBG": "have",
	"does\tVBZ": "do", "did\tVBD": "do", "done\tVBN": "do", "doing\tVBG": "do",
	"'ll\tMD": "will", "wo\tMD": "will", "ca\tMD": "can", "'d\tMD": "would",
	"n't\tRB": "not", "nt\tRB": "not", "'s\tPOS": "'s", "'\tPOS": "'s", "s\tPOS": "'s",
	"gon\tVBG": "go", "na\tTO": "to", "ta\tTO": "to", "wan\tVBP": "want", "got\tVBD": "get",
	"went\tVBD": "go", "gone\tVBN": "go", "made\tVBD": "make", "made\tVBN": "make",
	"said\tVBD": "say", "said\tVBN": "say", "got\tVBN": "get", "took\tVBD": "take",
	"taken\tVBN": "take", "came\tVBD": "come", "saw\tVBD": "see", "seen\tVBN": "see",
	"knew\tVBD": "know", "known\tVBN": "know", "thought\tVBD": "think", "thought\tVBN": "think",
	"told\tVBD": "tell", "told\tVBN": "tell", "found\tVBD": "find", "found\tVBN": "find",
	"gave\tVBD": "give", "given\tVBN": "give", "left\tVBD": "leave", "left\tVBN": "leave",
	"felt\tVBD": "feel", "felt\tVBN": "feel", "kept\tVBD": "keep", "kept\tVBN": "keep",
	"held\tVBD": "hold", "held\tVBN": "hold", "met\tVBD": "meet", "met\tVBN": "meet",
	"better\tJJR": "good", "best\tJJS": "good", "worse\tJJR": "bad", "worst\tJJS": "bad",
	"better\tRBR": "well", "best\tRBS": "well", "more\tJJR": "more", "most\tJJS": "most",
	"people\tNNS": "person", "men\tNNS": "man", "women\tNNS": "woman", "children\tNNS": "child",
}

// ruleLemma is the lemma the rules give, without the exception table.
func ruleLemma(form, upos, xpos string) string {
	if form == "" {
		return ""
	}
	if xpos == "" {
		xpos = xposOf(upos)
	}
	switch xpos {
	case "NNP":
		return properLemma(form)
	case "NNPS":
		return properLemma(pluralStem(form, form))
	case "ADD":
		return form // e-mail addresses and URLs
	}
	var buf [maxKey]byte
	if len(form)+1+len(xpos) <= maxKey {
		k := lowerInto(buf[:0], form)
		k = append(k, '\t')
		k = append(k, xpos...)
		if lemma, ok := closedLemmas[string(k)]; ok {
			return lemma
		}
	}
	low := strings.ToLower(normalizeApostrophe(form))
	n := len(low)
	switch xpos {
	case "NNS":
		return pluralStem(low, low)
	case "VBZ":
		switch {
		case strings.HasSuffix(low, "ies") && n > 4:
			return low[:n-3] + "y"
		case strings.HasSuffix(low, "sses"), strings.HasSuffix(low, "xes"), strings.HasSuffix(low, "zzes"),
			strings.HasSuffix(low, "ches"), strings.HasSuffix(low, "shes"), strings.HasSuffix(low, "oes"):
			return low[:n-2]
		case strings.HasSuffix(low, "s") && n > 2:
			return low[:n-1]
		}
		return low
	case "VBD", "VBN":
		switch {
		case strings.HasSuffix(low, "ied") && n > 4:
			return low[:n-3] + "y"
		case strings.HasSuffix(low, "eed") && n > 4:
			return low[:n-1] // agreed, freed
		case strings.HasSuffix(low, "ed") && n > 3:
			return restoreStem(low[:n-2])
		}
		return low
	case "VBG":
		if strings.HasSuffix(low, "ying") && n > 5 && !isVowel(low[n-5]) {
			return low[:n-4] + "y" // studying, trying
		}
		if strings.HasSuffix(low, "ing") && n > 4 {
			return restoreStem(low[:n-3])
		}
		return low
	case "JJR", "RBR":
		return degreeStem(low, "er")
	case "JJS", "RBS":
		return degreeStem(low, "est")
	}
	return low
}

// degreeStem returns the positive degree of a comparative or superlative, whose suffix ("er" or
// "est") is suf: "happier" -> "happy", "bigger" -> "big", "nicest" -> "nice".
func degreeStem(low, suf string) string {
	n, m := len(low), len(suf)
	switch {
	case n > m+2 && strings.HasSuffix(low, "i"+suf):
		return low[:n-m-1] + "y"
	case n > m+2 && strings.HasSuffix(low, suf):
		return restoreStem(low[:n-m])
	}
	return low
}

// pluralStem returns the singular of the plural noun form, whose lower-cased spelling is low:
// "cities" -> "city", "boxes" -> "box", "dogs" -> "dog"; the case of form is kept.
func pluralStem(form, low string) string {
	if len(low) != len(form) {
		return form
	}
	n := len(low)
	switch {
	case strings.HasSuffix(low, "ies") && n > 4:
		if form[n-3] == 'I' {
			return form[:n-3] + "Y"
		}
		return form[:n-3] + "y"
	case strings.HasSuffix(low, "sses"), strings.HasSuffix(low, "xes"), strings.HasSuffix(low, "zzes"),
		strings.HasSuffix(low, "ches"), strings.HasSuffix(low, "shes"):
		return form[:n-2]
	case strings.HasSuffix(low, "ss"), strings.HasSuffix(low, "us"), strings.HasSuffix(low, "is"):
		return form
	case strings.HasSuffix(low, "s") && n > 2:
		return form[:n-1]
	}
	return form
}

// properLemma returns the lemma of a proper noun: its form, with an initial capital when the
// form is all lower case ("kerala" -> "Kerala"), as EWT writes them.
func properLemma(form string) string {
	if form == "" || form[0] < 'a' || form[0] > 'z' {
		return form
	}
	for i := 1; i < len(form); i++ {
		if c := form[i]; c < 'a' || c > 'z' {
			return form
		}
	}
	return string(form[0]-'a'+'A') + form[1:]
}

// xposOf returns the Penn Treebank tag most words of a universal part of speech have, for
// words without one.
func xposOf(upos string) string {
	switch upos {
	case "PROPN":
		return "NNP"
	}
	return ""
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// restoreStem returns the base of a stem left by removing -ed, -ing, -er or -est: a doubled
// final consonant undone ("stopp" -> "stop"), a silent e restored ("lik" -> "like", "argu" ->
// "argue", "handl" -> "handle", "creat" -> "create").
func restoreStem(s string) string {
	n := len(s)
	if n < 2 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	if last == prev && !isVowel(last) {
		switch last {
		case 'l', 's', 'z', 'f':
			return s // called, passed, buzzed, stuffed
		}
		return s[:n-1]
	}
	if !isLetterASCII(last) {
		return s
	}
	var prev2 byte // the letter before prev, 0 when none
	if n > 2 {
		prev2 = s[n-3]
	}
	consonant2 := prev2 != 0 && !isVowel(prev2)
	switch {
	case last == 'v', last == 'u', last == 'c', last == 'z' && prev != 'z':
		return s + "e"
	case prev == 'i' && (last == 'n' || last == 'd' || last == 'b') && consonant2:
		return s + "e" // examined, decided, described
	case prev == 'i' && last == 'r' && prev2 != 'a' && prev2 != 'e':
		return s + "e" // required, desired
	case prev == 'u' && (last == 'r' || last == 'd' || last == 't' && n > 4) && consonant2:
		return s + "e" // secured, measured, included, computed
	case prev == 'o' && last == 'k' && prev2 != 'o', prev == 'o' && last == 's' && consonant2:
		return s + "e" // provoked, proposed
	case prev == 'u' && last == 's' && consonant2 && !strings.HasSuffix(s, "focus"):
		return s + "e" // refused, accused, abused (not focused)
	case prev == 'u' && last == 'm' && prev2 == 's':
		return s + "e" // resumed, assumed
	case prev == 'a' && (last == 'r' || last == 'p') && consonant2 && n > 3, prev == 'a' && last == 'g' && n > 4:
		return s + "e" // declared, shaped, managed
	case prev == 'n' && last == 'g' && (prev2 == 'a' || prev2 == 'e' || prev2 == 'u') && n > 4:
		return s + "e" // changed, challenged, plunged
	case prev == 'a' && last == 't' && n > 3 && prev2 != 'e' && prev2 != 'o' && prev2 != 'a':
		return s + "e" // evacuated, related
	case strings.HasSuffix(s, "let") && n > 4:
		return s + "e" // completed, deleted
	case last == 'l' && strings.IndexByte("bcdfgkptz", prev) >= 0:
		return s + "e"
	case last == 'g' && (prev == 'r' || prev == 'd'):
		return s + "e" // charged, judged
	case last == 's' && (isVowel(prev) && n > 2 && isVowel(s[n-3]) || prev == 'n' || prev == 'r' || prev == 'p' || prev == 'l'):
		return s + "e" // caused, raised, sensed, nursed, collapsed, pulsed
	case !isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(prev) && n > 2 && !isVowel(s[n-3]) && n <= 4:
		return s + "e" // liked, hoped, based, named, voted
	case n == 2 && !isVowel(last) && isVowel(prev) && last != 'w' && last != 'x' && last != 'y':
		return s + "e" // used, aged
	}
	return s
}

func isLetterASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// lemmatizerMagic starts a Lemmatizer's binary form, with its format version.
const lemmatizerMagic = "LEM1"

// MarshalBinary encodes the exception table: the magic "LEM1", the number of entries, then the
// entries in key order, each as the key (varint length and bytes), the number of bytes the lemma
// shares with the key's form, and the rest of the lemma. The same table gives the same bytes.
func (l *Lemmatizer) MarshalBinary() ([]byte, error) {
	keys := make([]string, 0, len(l.exceptions))
	for k := range l.exceptions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := make([]byte, 0, 16*len(keys)+16)
	b = append(b, lemmatizerMagic...)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	prev := ""
	for _, k := range keys {
		// Keys share prefixes with the previous key.
		p := commonPrefix(prev, k)
		b = binary.AppendUvarint(b, uint64(p))
		b = binary.AppendUvarint(b, uint64(len(k)-p))
		b = append(b, k[p:]...)
		lemma := l.exceptions[k]
		form := k[:strings.IndexByte(k, '\t')]
		q := commonPrefix(form, lemma)
		b = binary.AppendUvarint(b, uint64(q))
		b = binary.AppendUvarint(b, uint64(len(lemma)-q))
		b = append(b, lemma[q:]...)
		prev = k
	}
	return b, nil
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// ErrBadLemmatizer is wrapped by UnmarshalBinary's errors for data that is not a Lemmatizer.
var ErrBadLemmatizer = errors.New("bad lemmatizer data")

// UnmarshalBinary replaces l's exception table with the one data encodes (as MarshalBinary
// writes it). It returns an error wrapping ErrBadLemmatizer when data is truncated, has another
// magic or version, or is inconsistent.
func (l *Lemmatizer) UnmarshalBinary(data []byte) error {
	if len(data) < len(lemmatizerMagic) || string(data[:len(lemmatizerMagic)]) != lemmatizerMagic {
		return fmt.Errorf("magic: %w", ErrBadLemmatizer)
	}
	d := data[len(lemmatizerMagic):]
	next := func() (int, error) {
		v, n := binary.Uvarint(d)
		if n <= 0 || v > uint64(len(data)) {
			return 0, fmt.Errorf("truncated at byte %d: %w", len(data)-len(d), ErrBadLemmatizer)
		}
		d = d[n:]
		return int(v), nil
	}
	// shared reads a string written as the length of a prefix it shares and the rest.
	shared := func() (int, string, error) {
		p, err := next()
		if err != nil {
			return 0, "", err
		}
		n, err := next()
		if err != nil {
			return 0, "", err
		}
		if n > len(d) {
			return 0, "", fmt.Errorf("truncated at byte %d: %w", len(data)-len(d), ErrBadLemmatizer)
		}
		rest := string(d[:n])
		d = d[n:]
		return p, rest, nil
	}
	count, err := next()
	if err != nil {
		return err
	}
	ex := make(map[string]string, count)
	prev := ""
	for i := 0; i < count; i++ {
		p, rest, err := shared()
		if err != nil {
			return err
		}
		if p > len(prev) {
			return fmt.Errorf("entry %d shares %d bytes of a %d-byte key: %w", i, p, len(prev), ErrBadLemmatizer)
		}
		k := prev[:p] + rest
		tab := strings.IndexByte(k, '\t')
		if tab < 0 || k <= prev {
			return fmt.Errorf("entry %d: bad or unordered key %q: %w", i, k, ErrBadLemmatizer)
		}
		q, lrest, err := shared()
		if err != nil {
			return err
		}
		if q > tab {
			return fmt.Errorf("entry %d: lemma shares %d bytes of a %d-byte form: %w", i, q, tab, ErrBadLemmatizer)
		}
		ex[k] = k[:q] + lrest
		prev = k
	}
	if len(d) != 0 {
		return fmt.Errorf("%d bytes after the last entry: %w", len(d), ErrBadLemmatizer)
	}
	l.exceptions = ex
	return nil
}
