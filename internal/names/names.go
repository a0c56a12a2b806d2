// Package names normalizes the names of people and organizations that no gazetteer knows, so
// that the spelling variants of one name give one key across articles.
package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/diplograph/diplograph/schema"
)

// Key is the key of a name of an entity of class (a local name: "Person", "Organization",
// ...) that no gazetteer knows: the same for the spellings of one name
// that news writers vary, and a readable slug. It
//   - folds case and diacritics ("Erdoğan", "Erdogan") and drops apostrophes and a possessive;
//   - treats hyphens, spaces and dots alike ("Kim Jong-un", "Kim Jong Un"; "U.S.", "US");
//   - joins initials ("J. K. Rowling", "J.K. Rowling", "JK Rowling") and, in a person's name,
//     drops middle initials ("George W. Bush") and honorifics ("Mr", "Dr", "Gen");
//   - keeps the plural of an acronym apart from the acronym ("PCs", "PCS"; "MEPs", "MEPS");
//   - writes the Arabic article one way ("Al-Sisi", "el-Sisi", "al Sisi"; "ad-Din" inside a
//     name, not "Ed" or "Ash" at its start) and maps common
//     transliteration variants to one form ("Gaddafi", "Qaddafi", "Kadhafi"; "Mohammed",
//     "Muhammad");
//   - drops a leading "the" from other names ("the U.S. State Department").
//
// It returns "" for a name with no letters or digits.
func Key(class, name string) string {
	var toks []nameToken
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2013' }) {
		plural := pluralAcronym(f)
		f = foldName(f)
		if plural {
			f = strings.TrimSuffix(f, "s") + " s" // "PCs", computers, apart from "PCS", a union
		}
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "\u2019s")
		f = strings.NewReplacer("'", "", "\u2019", "", "`", "", "\u02bc", "", "\u02bb", "").Replace(f)
		initial := isInitials(f)
		f = strings.ReplaceAll(f, ".", "")
		if f == "" {
			continue
		}
		if n := len(toks); initial && n > 0 && toks[n-1].initial {
			toks[n-1].text += f // "J. K." as "JK"
			continue
		}
		toks = append(toks, nameToken{text: f, initial: initial})
	}
	if class == "Person" {
		for len(toks) > 1 && honorifics[toks[0].text] {
			toks = toks[1:]
		}
		if len(toks) > 2 {
			kept := []nameToken{toks[0]}
			for _, tk := range toks[1 : len(toks)-1] {
				if !tk.initial {
					kept = append(kept, tk)
				}
			}
			toks = append(kept, toks[len(toks)-1])
		}
	} else if len(toks) > 1 && toks[0].text == "the" {
		toks = toks[1:]
	}
	parts := make([]string, 0, len(toks))
	for i, tk := range toks {
		w := tk.text
		if i < len(toks)-1 && (articles[w] || class == "Person" && i > 0 && sunLetters[w]) {
			w = "al"
		}
		if v, ok := variants[w]; ok {
			w = v
		}
		parts = append(parts, w)
	}
	return schema.Slug(strings.Join(parts, " "))
}

// pluralAcronym reports whether a word as written is the plural of an acronym: two capitals or
// more and a lower-case "s" ("PCs", "MEPs", "NGOs").
func pluralAcronym(w string) bool {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	for _, r := range w[:len(w)-1] {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

type nameToken struct {
	text    string
	initial bool // one letter, or letters each followed by a dot ("J.K.", "U.S.")
}

// isInitials reports whether a folded word is one letter, with or without a dot, or letters
// each followed by a dot.
func isInitials(w string) bool {
	if len(w) == 1 || len(w) == 2 && w[1] == '.' {
		return w[0] >= 'a' && w[0] <= 'z'
	}
	if len(w) < 4 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'a' || w[i] > 'z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// foldName lower-cases w and removes its diacritics, with the letters that do not decompose
// ("ł", "ø", "ı", "ß") spelled in ASCII.
func foldName(w string) string {
	w = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(strings.ToLower(w)))
	return undecomposed.Replace(norm.NFC.String(w))
}

var undecomposed = strings.NewReplacer("ł", "l", "ø", "o", "ı", "i", "đ", "d", "ħ", "h", "ß", "ss", "æ", "ae", "œ", "oe", "þ", "th")

var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true,
	"dame": true, "gen": true, "prof": true, "professor": true, "lord": true, "lady": true, "baroness": true,
	"baron": true, "rev": true, "revd": true}

// articles are the spellings of the Arabic article before a name; sunLetters are its
// assimilated spellings ("ad-Din", "as-Sadr"), read so in people's names only.
var (
	articles   = map[string]bool{"al": true, "el": true, "ul": true}
	sunLetters = map[string]bool{"ad": true, "ed": true, "as": true, "ash": true, "az": true, "ar": true, "an": true, "at": true, "ath": true}
)

// variants maps transliteration variants of common names to one spelling (the first of each
// family).
var variants = func() map[string]string {
	m := map[string]string{}
	for _, family := range []string{
		"gaddafi qaddafi kadhafi gadhafi qadhafi gathafi kaddafi gadafi qadafi kadafi",
		"muammar moammar muamar moamar muammer",
		"muhammad mohammed mohammad mohamed muhammed mohamad mohammed",
		"ahmed ahmad",
		"hussein husain hussain husayn hossein husein",
		"hassan hasan",
		"abdul abdel abd",
		"osama usama",
		"qaeda qaida",
		"yusuf youssef yousef yousuf yusef",
		"omar umar",
		"khalid khaled",
		"mahmoud mahmud",
		"nasrallah nasrullah",
		"zelensky zelenskyy zelenskiy zelenski",
		"navalny navalnyy navalni",
		"gorbachev gorbachov",
		"khrushchev khrushchyov",
		"assad asad",
		"hezbollah hizbollah hizbullah hizballah",
		"sergei sergey",
		"dmitry dmitri dmitriy",
		"yevgeny evgeny yevgeniy evgeni",
		"alexei alexey aleksei aleksey",
		"yuri yury yuriy iurii",
		"abdullah abdallah",
		"saddam sadam",
		"mujahideen mujahedin mujahidin",
	} {
		fs := strings.Fields(family)
		for _, f := range fs[1:] {
			m[f] = fs[0]
		}
	}
	return m
}()
