package data

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Column indexes of gazetteer/people.tsv.
const (
	pKey = iota
	pWikidata
	pLabel
	pAliases
	pCountry
	pRole
	peopleCols
)

const peopleFile = "gazetteer/people.tsv"

var (
	rePeopleKey      = regexp.MustCompile(`^[a-z0-9-]+$`)
	rePeopleCountry  = regexp.MustCompile(`^[A-Z]{3}$`)
	rePeopleWikidata = regexp.MustCompile(`^Q[0-9]+$`)

	peopleRoles = map[string]bool{
		"head-of-state":      true,
		"head-of-government": true,
		"foreign-minister":   true,
		"defence-minister":   true,
		"minister":           true,
		"monarch":            true,
		"igo-head":           true,
		"opposition-leader":  true,
		"militant-leader":    true,
		"other":              true,
	}
)

// peopleRow is one data line of people.tsv.
type peopleRow struct{ tsvRow }

func (r peopleRow) where() string {
	return peopleFile + ":" + strconv.Itoa(r.line) + " " + r.fields[pKey]
}

func (r peopleRow) aliases() []string {
	if r.fields[pAliases] == "" {
		return nil
	}
	return strings.Split(r.fields[pAliases], "|")
}

// readPeople reads people.tsv; lines without exactly peopleCols fields are reported and left out.
func readPeople(tb testing.TB) []peopleRow {
	tb.Helper()
	var rows []peopleRow
	for _, r := range readTable(tb, peopleFile, peopleCols) {
		rows = append(rows, peopleRow{r})
	}
	return rows
}

// peopleCountryCodes returns the iso3 codes of gazetteer/countries.tsv, or nil if it cannot be read.
func peopleCountryCodes() map[string]bool {
	b, err := fs.ReadFile(FS(), "gazetteer/countries.tsv")
	if err != nil {
		return nil
	}
	codes := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		codes[strings.SplitN(line, "\t", 2)[0]] = true
	}
	return codes
}

func TestPeopleTable(t *testing.T) {
	rows := readPeople(t)
	if len(rows) < 1500 {
		t.Errorf("%s: %d rows, want at least 1500", peopleFile, len(rows))
	}
	byKey := map[string]peopleRow{}
	for _, r := range rows {
		byKey[r.fields[pKey]] = r
	}

	t.Run("keys unique slugs", func(t *testing.T) {
		seen := map[string]int{}
		for _, r := range rows {
			k := r.fields[pKey]
			if !rePeopleKey.MatchString(k) {
				t.Errorf("%s: key %q does not match %s", r.where(), k, rePeopleKey)
			}
			if prev, ok := seen[k]; ok {
				t.Errorf("%s: key %q already on line %d", r.where(), k, prev)
			}
			seen[k] = r.line
		}
	})

	t.Run("labels present", func(t *testing.T) {
		for _, r := range rows {
			if l := r.fields[pLabel]; strings.TrimSpace(l) == "" || strings.TrimSpace(l) != l {
				t.Errorf("%s: empty or padded label %q", r.where(), l)
			}
		}
	})

	t.Run("country codes", func(t *testing.T) {
		known := peopleCountryCodes()
		for _, r := range rows {
			c := r.fields[pCountry]
			if c == "" {
				continue
			}
			if !rePeopleCountry.MatchString(c) {
				t.Errorf("%s: country %q is not 3 upper-case letters", r.where(), c)
			} else if known != nil && !known[c] {
				t.Errorf("%s: country %q is not in gazetteer/countries.tsv", r.where(), c)
			}
		}
	})

	t.Run("roles", func(t *testing.T) {
		for _, r := range rows {
			role := r.fields[pRole]
			if !peopleRoles[role] {
				t.Errorf("%s: unknown role %q", r.where(), role)
			}
			if role == "igo-head" && r.fields[pCountry] != "" {
				t.Errorf("%s: igo-head with country %q, want empty", r.where(), r.fields[pCountry])
			}
		}
	})

	t.Run("wikidata IDs", func(t *testing.T) {
		seen := map[string]int{}
		for _, r := range rows {
			q := r.fields[pWikidata]
			if q == "" {
				continue
			}
			if !rePeopleWikidata.MatchString(q) {
				t.Errorf("%s: wikidata %q does not match %s", r.where(), q, rePeopleWikidata)
			}
			if prev, ok := seen[q]; ok {
				t.Errorf("%s: wikidata %q already on line %d", r.where(), q, prev)
			}
			seen[q] = r.line
		}
	})

	t.Run("aliases unambiguous", func(t *testing.T) {
		labels := map[string]int{} // lower-cased label -> line
		for _, r := range rows {
			labels[strings.ToLower(r.fields[pLabel])] = r.line
		}
		owner := map[string]int{} // lower-cased alias -> line
		for _, r := range rows {
			for _, a := range r.aliases() {
				if a == "" || strings.TrimSpace(a) != a {
					t.Errorf("%s: empty or padded alias in %q", r.where(), r.fields[pAliases])
					continue
				}
				k := strings.ToLower(a)
				if prev, ok := owner[k]; ok && prev != r.line {
					t.Errorf("%s: alias %q is also an alias on line %d", r.where(), a, prev)
				}
				owner[k] = r.line
				if l, ok := labels[k]; ok && l != r.line {
					t.Errorf("%s: alias %q is the label on line %d", r.where(), a, l)
				}
			}
		}
	})

	t.Run("spot checks", func(t *testing.T) {
		tests := []struct {
			key, label, country, role, alias string
		}{
			{"jacinda-ardern", "Jacinda Ardern", "NZL", "head-of-government", "Ardern"},
			{"vladimir-putin", "Vladimir Putin", "RUS", "head-of-state", "Putin"},
			{"fumio-kishida", "Fumio Kishida", "JPN", "head-of-government", "Kishida"},
			{"antonio-guterres", "António Guterres", "", "igo-head", "Guterres"},
			{"barack-obama", "Barack Obama", "USA", "head-of-state", "Obama"},
			{"volodymyr-zelenskyy", "Volodymyr Zelenskyy", "UKR", "head-of-state", "Zelensky"},
			{"recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "TUR", "head-of-state", "Erdogan"},
			{"muammar-gaddafi", "Muammar Gaddafi", "LBY", "head-of-state", "Qaddafi"},
			{"mikhail-gorbachev", "Mikhail Gorbachev", "RUS", "head-of-state", "Gorbachev"},
			{"slobodan-milosevic", "Slobodan Milošević", "SRB", "head-of-state", "Milosevic"},
			{"yasser-arafat", "Yasser Arafat", "PSE", "head-of-state", "Arafat"},
			{"hillary-clinton", "Hillary Clinton", "USA", "foreign-minister", ""},
			{"osama-bin-laden", "Osama bin Laden", "", "militant-leader", "bin Laden"},
			{"hassan-nasrallah", "Hassan Nasrallah", "LBN", "militant-leader", "Nasrallah"},
			{"alexei-navalny", "Alexei Navalny", "RUS", "opposition-leader", "Navalny"},
		}
		for _, tt := range tests {
			r, ok := byKey[tt.key]
			if !ok {
				t.Errorf("no row with key %q", tt.key)
				continue
			}
			if got := r.fields[pLabel]; got != tt.label {
				t.Errorf("%s: label %q, want %q", r.where(), got, tt.label)
			}
			if got := r.fields[pCountry]; got != tt.country {
				t.Errorf("%s: country %q, want %q", r.where(), got, tt.country)
			}
			if got := r.fields[pRole]; got != tt.role {
				t.Errorf("%s: role %q, want %q", r.where(), got, tt.role)
			}
			if tt.alias != "" {
				found := false
				for _, a := range r.aliases() {
					found = found || a == tt.alias
				}
				if !found {
					t.Errorf("%s: alias %q missing from %q", r.where(), tt.alias, r.fields[pAliases])
				}
			}
		}
	})

	t.Run("ambiguous surnames not aliases", func(t *testing.T) {
		banned := []string{"Bush", "Clinton", "Kim", "Lee", "Singh", "Khan", "Johnson",
			"Castro", "Gandhi", "Bhutto", "Sharif", "Assad", "Park", "Aliyev", "Kabila", "May", "Brown"}
		owner := map[string]peopleRow{}
		for _, r := range rows {
			for _, a := range r.aliases() {
				owner[strings.ToLower(a)] = r
			}
		}
		for _, b := range banned {
			if r, ok := owner[strings.ToLower(b)]; ok {
				t.Errorf("%s: ambiguous alias %q", r.where(), b)
			}
		}
	})
}
