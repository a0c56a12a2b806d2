package extract

import (
	"bufio"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// gazEntry is one named thing a gazetteer knows.
type gazEntry struct {
	Type     EntityType
	Key      string
	Label    string
	Code     string // ISO alpha-3 of a country, or the country of a national body or place
	Wikidata string
	Kind     string // organization or place kind
	Metonym  string // set on capitals and seats of government: the ISO code they stand for
	Adj      bool   // a demonym or adjective of the country Code
}

// role is a title that a person can hold.
type role struct {
	Role  string
	Class string // headgov, head, member, staff, honorific
}

// cameoInfo describes one CAMEO code.
type cameoInfo struct {
	Goldstein float64
	QuadClass int
	Plover    string
	Mode      string
	Context   string
}

// Lexicon is everything the extractor knows before it reads: gazetteers, roles, words and
// event patterns. It is read once with LoadLexicon and shared, read-only, by every Extract.
type Lexicon struct {
	names     map[string][]*gazEntry // lower-cased token phrase → entries
	exact     map[string][]string    // phrases written with inner capitals ("LeT", "NATO") → the forms
	nameCount map[string]int         // how many names have the phrase key
	surnameOf map[string][]*gazEntry // last word of a known person's name → the people
	firstLen  map[string]int         // first token of a phrase → longest phrase length
	countries map[string]*gazEntry   // ISO alpha-3 → country
	roles     map[string]role        // lower-cased title phrase → role
	roleLen   int
	roleFirst map[string]bool            // first words of titles, to rule most words out at once
	words     map[string]map[string]bool // word → classes
	given     map[string]bool
	ambGiven  map[string]bool
	genderOf  map[string]byte // given name → 'm' or 'f' where usage is overwhelmingly one
	surnames  map[string]bool
	common    map[string]bool // ordinary English words, which make no person's name
	cameo     map[string]cameoInfo
	events    *eventLexicon
}

// LoadLexicon reads the gazetteers and lexicons from fsys, laid out as data/ is (see
// data/README.md). It returns an error naming the file and line of the first malformed entry.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{
		names: map[string][]*gazEntry{}, exact: map[string][]string{}, nameCount: map[string]int{}, surnameOf: map[string][]*gazEntry{}, firstLen: map[string]int{}, countries: map[string]*gazEntry{},
		roles: map[string]role{}, roleFirst: map[string]bool{}, words: map[string]map[string]bool{}, given: map[string]bool{},
		ambGiven: map[string]bool{}, genderOf: map[string]byte{}, surnames: map[string]bool{}, common: map[string]bool{}, cameo: map[string]cameoInfo{},
	}
	steps := []struct {
		path string
		cols int
		fn   func([]string) error
	}{
		{"gazetteer/countries.tsv", 8, lx.addCountry},
		{"gazetteer/organizations.tsv", 6, lx.addOrganization},
		{"gazetteer/places.tsv", 6, lx.addPlace},
		{"gazetteer/people.tsv", 6, lx.addPerson},
		{"lexicon/metonyms.tsv", 2, lx.addMetonym},
		{"lexicon/roles.tsv", 3, lx.addRole},
		{"lexicon/words.tsv", 2, lx.addWord},
		{"lexicon/given-names.txt", 1, func(c []string) error { lx.given[strings.ToLower(c[0])] = true; return nil }},
		{"lexicon/given-name-genders.tsv", 2, lx.addGivenGender},
		{"lexicon/ambiguous-given-names.txt", 1, func(c []string) error { lx.ambGiven[strings.ToLower(c[0])] = true; return nil }},
		{"lexicon/surnames.txt", 1, func(c []string) error { lx.surnames[strings.ToLower(c[0])] = true; return nil }},
		{"lexicon/common-words.txt", 1, func(c []string) error { lx.common[strings.ToLower(c[0])] = true; return nil }},
		{"lexicon/cameo.tsv", 7, lx.addCAMEO},
	}
	for _, s := range steps {
		if err := readTable(fsys, s.path, s.cols, s.fn); err != nil {
			return nil, err
		}
	}
	ev, err := loadEvents(fsys, "lexicon/events.tsv", lx)
	if err != nil {
		return nil, err
	}
	lx.events = ev
	return lx, nil
}

// addGivenGender reads a line of given-name-genders.tsv: a given name and m or f.
func (lx *Lexicon) addGivenGender(c []string) error {
	if c[1] != "m" && c[1] != "f" {
		return fmt.Errorf("gender %q: want m or f", c[1])
	}
	lx.genderOf[strings.ToLower(c[0])] = c[1][0]
	return nil
}

// readTable calls fn with the tab-separated columns of every entry line of path, padded to
// at least cols columns.
func readTable(fsys fs.FS, path string, cols int, fn func([]string) error) error {
	f, err := fsys.Open(path)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		for i := range c {
			c[i] = strings.TrimSpace(c[i])
		}
		for len(c) < cols {
			c = append(c, "")
		}
		if c[0] == "" {
			return fmt.Errorf("lexicon %s:%d: empty first column", path, n)
		}
		if err := fn(c); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s: %w", path, err)
	}
	return nil
}

func splitAlts(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// phraseKey is the lookup key of a name: its tokens, lower-cased, joined by spaces.
func phraseKey(name string) (string, int) {
	toks := tokenize(name, 0, len(name))
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		parts = append(parts, t.Lower)
	}
	return strings.Join(parts, " "), len(parts)
}

func (lx *Lexicon) addName(name string, e *gazEntry) {
	key, n := phraseKey(name)
	if n == 0 {
		return
	}
	lx.nameCount[key]++
	if form := casedForm(name); form != "" {
		lx.exact[key] = append(lx.exact[key], form)
	}
	for _, old := range lx.names[key] {
		if old == e {
			return
		}
	}
	lx.names[key] = append(lx.names[key], e)
	first := key
	if i := strings.IndexByte(key, ' '); i >= 0 {
		first = key[:i]
	}
	if n > lx.firstLen[first] {
		lx.firstLen[first] = n
	}
}

func (lx *Lexicon) addCountry(c []string) error {
	iso := c[0]
	if len(iso) != 3 {
		return fmt.Errorf("bad ISO code %q", iso)
	}
	e := &gazEntry{Type: Country, Key: iso, Label: c[3], Code: iso, Wikidata: c[2]}
	lx.countries[iso] = e
	lx.addName(c[3], e)
	for _, n := range splitAlts(c[4]) {
		lx.addName(n, e)
	}
	adj := &gazEntry{Type: Country, Key: iso, Label: c[3], Code: iso, Wikidata: c[2], Adj: true}
	for _, a := range splitAlts(c[5]) {
		lx.addName(a, adj)
	}
	for _, cap := range splitAlts(c[6]) {
		lx.addName(cap, &gazEntry{Type: Location, Key: placeKey(cap), Label: cap, Code: iso, Kind: "city", Metonym: iso})
	}
	return nil
}

func placeKey(label string) string { return slug(label) }

func (lx *Lexicon) addOrganization(c []string) error {
	e := &gazEntry{Type: Organization, Key: c[0], Wikidata: c[1], Label: c[2], Kind: c[4], Code: c[5]}
	lx.addName(c[2], e)
	for _, a := range splitAlts(c[3]) {
		lx.addName(a, e)
	}
	return nil
}

func (lx *Lexicon) addPlace(c []string) error {
	e := &gazEntry{Type: Location, Key: c[0], Wikidata: c[1], Label: c[2], Kind: c[4], Code: c[5]}
	// A capital listed in countries.tsv: enrich that entry instead of adding a second one.
	key, _ := phraseKey(c[2])
	for _, old := range lx.names[key] {
		if old.Type == Location && old.Metonym != "" && old.Code == c[5] {
			old.Key, old.Wikidata, old.Kind = c[0], c[1], c[4]
			e = old
		}
	}
	lx.addName(c[2], e)
	for _, a := range splitAlts(c[3]) {
		lx.addName(a, e)
	}
	return nil
}

func (lx *Lexicon) addPerson(c []string) error {
	e := &gazEntry{Type: Person, Key: c[0], Wikidata: c[1], Label: c[2], Code: c[4], Kind: c[5]}
	for _, a := range splitAlts(c[3]) {
		if f := strings.Fields(strings.ToLower(foldName(a))); len(f) == 1 {
			lx.surnameOf[f[0]] = append(lx.surnameOf[f[0]], e) // "Bouteflicka" as well
		}
	}
	if f := strings.Fields(strings.ToLower(foldName(c[2]))); len(f) > 1 {
		last := f[len(f)-1]
		lx.surnameOf[last] = append(lx.surnameOf[last], e)
		if bare := stripParticle(last); bare != last {
			lx.surnameOf[bare] = append(lx.surnameOf[bare], e) // "al-Bashir" as "El Bashir"
		}
	}
	lx.addName(c[2], e)
	for _, a := range splitAlts(c[3]) {
		lx.addName(a, e)
	}
	return nil
}

func (lx *Lexicon) addMetonym(c []string) error {
	lx.addName(c[0], &gazEntry{Type: Organization, Key: slug(c[0]), Label: c[0], Code: c[1], Kind: "gov", Metonym: c[1]})
	return nil
}

func (lx *Lexicon) addRole(c []string) error {
	switch c[2] {
	case "headgov", "head", "member", "staff", "honorific":
	default:
		return fmt.Errorf("unknown role class %q", c[2])
	}
	lx.roles[c[0]] = role{Role: c[1], Class: c[2]}
	if key, _ := phraseKey(c[0]); key != "" {
		lx.roleFirst[strings.SplitN(key, " ", 2)[0]] = true
	}
	if _, n := phraseKey(c[0]); n > lx.roleLen {
		lx.roleLen = n
	}
	return nil
}

func (lx *Lexicon) addWord(c []string) error {
	m := lx.words[c[0]]
	if m == nil {
		m = map[string]bool{}
		lx.words[c[0]] = m
	}
	m[c[1]] = true
	return nil
}

func (lx *Lexicon) addCAMEO(c []string) error {
	g, err := strconv.ParseFloat(c[1], 64)
	if err != nil {
		return fmt.Errorf("goldstein %q: %w", c[1], err)
	}
	q, err := strconv.Atoi(c[2])
	if err != nil {
		return fmt.Errorf("quadclass %q: %w", c[2], err)
	}
	lx.cameo[c[0]] = cameoInfo{Goldstein: g, QuadClass: q, Plover: c[3], Mode: c[4], Context: c[5]}
	return nil
}

func (lx *Lexicon) is(word, class string) bool { return lx.words[word][class] }

func slug(s string) string { return schema.Slug(s) }

// casedForm returns the tokens of name joined by spaces when a token of it is an acronym or has
// inner capitals ("NATO", "LeT", "U.S."), so that a match must keep its case; else "".
func casedForm(name string) string {
	toks := tokenize(name, 0, len(name))
	cased := false
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Text
		upper := 0
		for _, r := range t.Text {
			if r >= 'A' && r <= 'Z' {
				upper++
			}
		}
		if upper >= 2 {
			cased = true
		}
	}
	if !cased {
		return ""
	}
	return strings.Join(parts, " ")
}

// foldName drops the accents of a name, for comparing spellings ("Erdoğan", "Erdogan").
func foldName(s string) string { return schema.Fold(s) }

// stripParticle drops an Arabic article joined to a surname: "al-bashir" → "bashir".
func stripParticle(w string) string {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "at-", "az-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p)+2 {
			return w[len(p):]
		}
	}
	return w
}
