package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or punctuation mark of the text.
type token struct {
	Start, End int    // byte offsets in the document text
	Text       string // as written
	Lower      string // lower-cased, curly apostrophes straightened
	Cap        bool   // starts with an upper-case letter
	Upper      bool   // all letters upper-case (two letters or more)
	Word       bool   // letters or digits, not punctuation
}

// sentence is a run of tokens ending a statement.
type sentence struct {
	Start, End int     // byte range in the text
	Toks       []token //
	Para       int     // paragraph index
	ParaFirst  bool    // first sentence of its paragraph
	AllCaps    bool    // a headline set in capitals
	index      int
}

// paragraph is one line (or blank-line separated block) of the text.
type paragraph struct {
	Start, End int
	Boiler     bool // related-story list, credit, caption: not evidence
}

var boilerStarts = []string{
	"read more", "related:", "related stories", "related articles", "more on this", "watch:", "watch more",
	"photo:", "photo credit", "image:", "image credit", "picture:", "caption:", "video:", "listen:",
	"sign up", "subscribe", "follow us", "share this", "click here", "advertisement", "copyright", "©",
	"getty images", "reuters/", "ap photo", "afp photo", "file photo", "you might also like", "recommended",
	"reporting by", "(reporting by", "additional reporting by", "writing by", "editing by", "compiled by",
	"(editing by", "our standards:", "this story has been", "this article was",
}

// splitParagraphs cuts text at newlines and marks boilerplate paragraphs: lists of related
// stories after a "READ MORE" line, photo credits, captions and video notices.
func splitParagraphs(text string) []paragraph {
	var ps []paragraph
	inRelated := false
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := strings.TrimSpace(text[start:end])
		if line != "" {
			low := strings.ToLower(line)
			boiler := false
			for _, b := range boilerStarts {
				if strings.HasPrefix(low, b) {
					boiler = true
					break
				}
			}
			if low == "read more" || strings.HasPrefix(low, "read more:") || low == "related" || strings.HasPrefix(low, "related stories") {
				inRelated = true
			} else if inRelated && (strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "• ")) {
				boiler = true
			} else {
				inRelated = false
			}
			if strings.HasSuffix(low, "(video)") || strings.HasPrefix(low, "video") && len(line) < 80 {
				boiler = true
			}
			// A caption with its photo credit: "Ardern in Tokyo on Thursday. Photo: Kim Hong-Ji/Reuters".
			if len(line) < 300 && (strings.Contains(low, "photo:") || strings.Contains(low, "image:") ||
				strings.Contains(low, "getty images") || strings.Contains(low, "/reuters") || strings.Contains(low, "/ap photo") ||
				strings.Contains(low, "/afp") || strings.Contains(low, "/epa") || strings.Contains(low, "/bloomberg") || strings.Contains(low, "(photo")) {
				boiler = true
			}
			// A byline: "By Jane Smith", "By Jane Smith, Political Reporter".
			if strings.HasPrefix(line, "By ") && len(strings.Fields(line)) <= 8 && !strings.ContainsAny(line, ".!?\"") {
				boiler = true
			}
			ps = append(ps, paragraph{Start: start, End: end, Boiler: boiler})
		}
		start = end + 1
	}
	return ps
}

// abbreviations that end with a period but do not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "sgt": true, "adm": true, "gov": true, "sen": true, "rep": true, "rev": true,
	"st": true, "jr": true, "sr": true, "co": true, "corp": true, "inc": true, "ltd": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "vs": true, "etc": true, "fla": true, "mich": true,
	"calif": true, "mass": true, "pres": true, "amb": true, "u.s": true, "u.n": true, "u.k": true, "e.g": true,
	"i.e": true, "a.m": true, "p.m": true, "approx": true, "dept": true, "est": true, "ft": true, "mt": true,
}

// titleAbbrevs keep their period: they stand before a name and never end a sentence.
var titleAbbrevs = map[string]bool{"st": true, "mt": true, "ft": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "gen": true, "lt": true, "col": true, "sen": true, "rep": true, "gov": true, "prof": true,
	"capt": true, "maj": true, "sgt": true, "adm": true, "rev": true, "pres": true, "amb": true, "cmdr": true}

func isApos(r rune) bool { return r == '\'' || r == '\u2019' }

// tokenize splits text[start:end] into tokens. A possessive 's is its own token; words keep
// inner hyphens, apostrophes and the periods of abbreviations such as U.S.
func tokenize(text string, start, end int) []token {
	var toks []token
	i := start
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i + w
			for j < end {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
					j += w2
					continue
				}
				if r2 == '-' && unicode.IsUpper(r) && hyphenParticiple(text[j+w2:end]) {
					break // "Vietnamese-led forces", "Moscow-backed rebels": the name ends here
				}
				if r2 == '-' || r2 == '.' || r2 == '&' || isApos(r2) || r2 == ',' {
					if j+w2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+w2:])
						if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
							if r2 == '-' && unicode.IsUpper(r3) && pastTitle[strings.ToLower(text[i:j])] {
								break // "then-Speaker", "ex-President": the title is a word of its own
							}
							if r2 == ',' && !(unicode.IsDigit(r) && unicode.IsDigit(r3)) {
								break
							}
							if r2 == '.' && !(unicode.IsLetter(r3) && j-i <= 2) && !(unicode.IsDigit(r3) && unicode.IsDigit(r)) {
								break
							}
							if r2 == '&' && !(unicode.IsUpper(r) && j-i <= 3) {
								break
							}
							if isApos(r2) && (r3 == 's' || r3 == 'S') && (j+w2+1 >= end || !isWordByte(text[j+w2+1])) {
								break // possessive
							}
							j += w2
							continue
						}
					}
				}
				break
			}
			// Abbreviations with periods: U.S. U.N. take the final period, and so do titles
			// that stand before names ("St. Louis", "Gen. Avril").
			if j < end && text[j] == '.' && (strings.Contains(text[i:j], ".") || titleAbbrevs[strings.ToLower(text[i:j])]) {
				j++
			}
			toks = append(toks, mkToken(text, i, j, true))
			i = j
			continue
		}
		if isApos(r) && i+w < end && (text[i+w] == 's' || text[i+w] == 'S') && (i+w+1 >= end || !isWordByte(text[i+w+1])) {
			toks = append(toks, mkToken(text, i, i+w+1, false))
			i += w + 1
			continue
		}
		toks = append(toks, mkToken(text, i, i+w, false))
		i += w
	}
	return toks
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func mkToken(text string, s, e int, word bool) token {
	t := token{Start: s, End: e, Text: text[s:e], Word: word}
	t.Lower = strings.ToLower(strings.ReplaceAll(t.Text, "\u2019", "'"))
	if strings.Contains(t.Lower, "isation") || strings.HasPrefix(t.Lower, "co-operat") {
		// One spelling for lookups: "Organisation" finds "Organization", "co-operate" "cooperate".
		t.Lower = strings.ReplaceAll(strings.ReplaceAll(t.Lower, "isation", "ization"), "co-operat", "cooperat")
	}
	if word {
		r, _ := utf8.DecodeRuneInString(t.Text)
		t.Cap = unicode.IsUpper(r)
		letters, upper := 0, 0
		for _, c := range t.Text {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
		}
		t.Upper = letters >= 2 && upper == letters
	}
	return t
}

// splitSentences tokenizes every non-boilerplate paragraph and cuts it into sentences. It
// returns nil as soon as stopped reports true (it asks before every 64 KiB of a paragraph and
// after every sentence).
func splitSentences(text string, paras []paragraph, stopped func() bool) []sentence {
	var out []sentence
	for pi, p := range paras {
		if p.Boiler {
			continue
		}
		toks, ok := tokenizePieces(text, p.Start, p.End, 64<<10, stopped)
		if !ok {
			return nil
		}
		first := true
		begin := 0
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			end := false
			switch t.Text {
			case "!", "?":
				end = true
			case ".":
				end = true
				if i > 0 && toks[i-1].End == t.Start && toks[i-1].Word {
					prev := toks[i-1]
					if abbrevs[prev.Lower] || (utf8.RuneCountInString(prev.Text) == 1 && prev.Cap) {
						end = false
					}
				}
			}
			if !end && t.Word && strings.HasSuffix(t.Text, ".") && i+1 < len(toks) && toks[i+1].Cap &&
				!abbrevs[strings.TrimSuffix(t.Lower, ".")] && len(t.Text) > 4 {
				end = true // "in the U.S. The" is rare; keep abbreviations inside
			}
			if !end {
				continue
			}
			// Take closing quotes and brackets along.
			j := i + 1
			for j < len(toks) && isCloser(toks[j].Text) && !(isAmbiguousQuote(toks[j].Text) && toks[j].Start > toks[j-1].End) {
				j++ // a straight quote after a space opens the next sentence: `had been "productive". "This`
			}
			if j < len(toks) && !startsSentence(toks[j]) {
				continue
			}
			out = append(out, mkSentence(toks[begin:j], pi, first))
			if stopped() {
				return nil
			}
			first = false
			begin = j
			i = j - 1
		}
		if begin < len(toks) {
			out = append(out, mkSentence(toks[begin:], pi, first))
		}
	}
	return out
}

// tokenizePieces is tokenize(text, start, end) in pieces of about size bytes, each cut before
// an ASCII space (where no token goes on and tokenize looks no further, so the tokens are the
// same), asking stopped before each piece: ok is false when it said stop.
func tokenizePieces(text string, start, end, size int, stopped func() bool) (toks []token, ok bool) {
	for start < end {
		if stopped() {
			return nil, false
		}
		cut := end
		if end-start > size {
			if k := strings.IndexAny(text[start+size:end], " \t\n\r"); k >= 0 {
				cut = start + size + k
			}
		}
		if toks == nil {
			toks = tokenize(text, start, cut)
		} else {
			toks = append(toks, tokenize(text, start, cut)...)
		}
		start = cut
	}
	return toks, true
}

// isAmbiguousQuote reports a quotation mark that opens as well as closes.
func isAmbiguousQuote(s string) bool { return s == "\"" || s == "'" }

func isCloser(s string) bool {
	switch s {
	case "\"", "\u201d", "'", "\u2019", ")", "]":
		return true
	}
	return false
}

func startsSentence(t token) bool {
	if t.Cap || !t.Word {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsDigit(r)
}

func mkSentence(toks []token, para int, first bool) sentence {
	s := sentence{Start: toks[0].Start, End: toks[len(toks)-1].End, Toks: toks, Para: para, ParaFirst: first}
	letters, upper := 0, 0
	for _, t := range toks {
		if t.Word {
			for _, c := range t.Text {
				if unicode.IsLetter(c) {
					letters++
					if unicode.IsUpper(c) {
						upper++
					}
				}
			}
		}
	}
	s.AllCaps = letters >= 6 && upper*10 >= letters*8
	return s
}

// hyphenParticiple reports a participle that follows a name and a hyphen: "-led", "-backed".
func hyphenParticiple(rest string) bool {
	for _, p := range []string{"led", "backed", "based", "born", "owned", "run", "controlled", "sponsored", "allied", "held", "brokered", "funded", "supported", "made", "dominated", "registered", "listed", "headquartered", "financed", "armed", "trained", "linked", "affiliated"} {
		if strings.HasPrefix(rest, p) && (len(rest) == len(p) || !isWordByte(rest[len(p)])) {
			return true
		}
	}
	return false
}
