package extract

import (
	"bufio"
	"fmt"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/data"
)

// eventLines returns the entry lines of lexicon/events.tsv with their line numbers.
func eventLines(t *testing.T) (lines []string, nums []int) {
	t.Helper()
	f, err := data.FS().Open("lexicon/events.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines, nums = append(lines, l), append(nums, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines, nums
}

var ploverTypes = map[string]bool{"AGREE": true, "CONSULT": true, "SUPPORT": true, "COOPERATE": true, "AID": true,
	"CONCEDE": true, "RETREAT": true, "ACCUSE": true, "REQUEST": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"MOBILIZE": true, "SANCTION": true, "COERCE": true, "ASSAULT": true}

var eventFlags = map[string]bool{"nominal": true, "intent": true, "threat": true, "refuse": true, "request": true,
	"act": true, "needsinner": true, "orgtarget": true, "norecip": true, "same": true, "negated": true, "stative": true}

// TestEventLexiconData checks the event lexicon as data: every code is in cameo.tsv, every flag and
// PLOVER override is known, no pattern is listed twice, every CAMEO root 01-20 has verb entries and
// every code of cameo.tsv has at least one entry.
func TestEventLexiconData(t *testing.T) {
	lx := testExtractor(t).lx
	lines, nums := eventLines(t)
	if len(lines) < 2000 {
		t.Errorf("events.tsv has %d entries, want the lexicon's scale (at least 2000)", len(lines))
	}
	seen := map[string]int{}
	verbRoots := map[string]int{}
	for i, l := range lines {
		c := strings.Split(l, "\t")
		for j := range c {
			c[j] = strings.TrimSpace(c[j])
		}
		where := fmt.Sprintf("events.tsv:%d %q", nums[i], l)
		if len(c) < 2 || len(c) > 4 {
			t.Errorf("%s: want 2 to 4 columns, have %d", where, len(c))
			continue
		}
		pat, code := strings.Join(strings.Fields(c[0]), " "), c[1]
		if _, ok := lx.cameo[code]; !ok {
			t.Errorf("%s: CAMEO code %s is not in cameo.tsv", where, code)
		}
		if len(code) < 3 || code[0] < '0' || code[0] > '2' {
			t.Errorf("%s: malformed CAMEO code %q", where, code)
		}
		if len(c) > 2 && c[2] != "" {
			for _, f := range strings.Split(c[2], ",") {
				if !eventFlags[strings.TrimSpace(f)] {
					t.Errorf("%s: unknown flag %q", where, f)
				}
			}
		}
		if len(c) > 3 && c[3] != "" && !ploverTypes[c[3]] {
			t.Errorf("%s: unknown PLOVER type %q", where, c[3])
		}
		key := strings.ToLower(pat)
		if prev, ok := seen[key]; ok {
			t.Errorf("%s: pattern already listed at line %d", where, prev)
		}
		seen[key] = nums[i]
		words := strings.Fields(pat)
		if words[0] == "*" || words[0] == "**" || words[len(words)-1] == "*" || words[len(words)-1] == "**" {
			t.Errorf("%s: a pattern starts and ends with a word, not a gap", where)
		}
		for k := 1; k < len(words); k++ {
			if (words[k] == "*" || words[k] == "**") && (words[k-1] == "*" || words[k-1] == "**") {
				t.Errorf("%s: two gaps in a row", where)
			}
		}
		if strings.HasPrefix(words[0], "V:") {
			verbRoots[code[:2]]++
		}
	}
	used := map[string]bool{}
	for _, l := range lines {
		if c := strings.Split(l, "\t"); len(c) > 1 {
			used[strings.TrimSpace(c[1])] = true
		}
	}
	for code := range lx.cameo {
		if !used[code] {
			t.Errorf("CAMEO code %s of cameo.tsv has no entry in events.tsv", code)
		}
	}
	for r := 1; r <= 20; r++ {
		root := fmt.Sprintf("%02d", r)
		if verbRoots[root] == 0 {
			t.Errorf("CAMEO root %s has no verb entry", root)
		}
	}
}

// TestLexiconFrames: sentences that an entry of the lexicon must code, and sentences whose
// non-diplomatic sense it must leave alone.
func TestLexiconFrames(t *testing.T) {
	tests := []struct {
		text string
		want []string // "TYPE actors>recipients"
		not  []string // types that must not be coded, "TYPE" alone
	}{
		{"Japan's Foreign Minister Yoko Kamikawa sent congratulations to Lai Ching-te on Sunday.", []string{"SUPPORT Yoko Kamikawa+Japan>Lai Ching-te"}, nil},
		{"Poland said it stands with Lithuania.", []string{"SUPPORT Poland>Lithuania"}, nil},
		{"Germany suspended imports of Russian steel on Monday.", []string{"SANCTION Germany>Russia"}, nil},
		{"Tunisian President Kais Saied greeted Algerian President Abdelmadjid Tebboune at the airport.", []string{"CONSULT Kais Saied+Tunisia>Abdelmadjid Tebboune+Algeria"}, nil},
		{"India and Japan held joint naval drills in the Bay of Bengal.", []string{"COOPERATE India+Japan>"}, nil},
		{"Canada pledged 50 million dollars in humanitarian aid to Sudan.", []string{"AGREE Canada>Sudan"}, nil},
		{"The Czech Republic declined to comment on the report.", nil, []string{"REJECT"}},
		{"Ecuador granted political asylum to Julian Assange.", []string{"AID Ecuador>Julian Assange"}, nil},
		{"The album was released by Sony in May.", nil, []string{"RETREAT"}},
		{"Chile offered humanitarian aid to Peru.", []string{"AGREE Chile>Peru"}, nil},
		{"Ghana appealed to the World Bank for emergency assistance.", []string{"REQUEST Ghana>World Bank"}, nil},
		{"Brazil and Argentina held talks with Uruguay on Monday.", []string{"CONSULT Brazil+Argentina>Uruguay"}, nil},
		{"Norway brokered a truce between Colombia and the ELN.", []string{"CONSULT Norway>Colombia+National Liberation Army"}, nil},
		{"Turkey dropped its objections to Finland's membership.", []string{"CONCEDE Turkey>Finland"}, nil},
		{"Kenya sent medical supplies to Somalia.", []string{"AID Kenya>Somalia"}, nil},
		{"Japan launched an investigation into the sinking of the ship.", nil, []string{"ASSAULT"}},
		{"Serbia lodged a formal protest with Croatia.", []string{"ACCUSE Serbia>Croatia"}, nil},
		{"Russia vetoed the resolution on Syria.", []string{"REJECT Russia>Syria"}, nil},
		{"Iran threatened Israel with retaliation.", []string{"THREATEN Iran>Israel"}, nil},
		{"Pakistan put its troops on high alert along the border with India.", []string{"MOBILIZE Pakistan>India"}, nil},
		{"Lithuania recalled its ambassador from Belarus.", []string{"SANCTION Lithuania>Belarus"}, nil},
		{"The United States imposed tariffs on Chinese steel.", []string{"SANCTION United States>China"}, nil},
		{"Mali expelled the French ambassador on Monday.", []string{"SANCTION Mali>France"}, nil},
		{"Ethiopia expelled United Nations aid workers.", []string{"SANCTION Ethiopia>United Nations"}, nil},
		{"Russia withdrew its peacekeepers from Nagorno-Karabakh.", []string{"SANCTION Russia>Azerbaijan"}, []string{"RETREAT"}},
		{"Armenia accused Azerbaijan of shelling its positions.", []string{"ACCUSE Armenia>Azerbaijan"}, nil},
		{"Chelsea beat Arsenal 2-0 at Stamford Bridge.", nil, []string{"ASSAULT"}},
		{"Microsoft's new software allows users to share files for free.", nil, []string{"CONCEDE", "RETREAT"}},
		{"Owen's goal gave England the lead before half-time.", nil, []string{"AID"}},
		{"The BBC offers its programmes free of charge.", nil, []string{"AGREE", "RETREAT"}},
	}
	for _, tt := range tests {
		r, ents := extractText(t, tt.text)
		got := eventStrings(r, ents)
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("%q: want %q, got %q", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			for _, g := range got {
				if strings.HasPrefix(g, n+" ") {
					t.Errorf("%q: want no %s event, got %q", tt.text, n, g)
				}
			}
		}
	}
}
