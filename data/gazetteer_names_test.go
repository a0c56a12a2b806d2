package data

import (
	"bufio"
	"bytes"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// This file checks the organization and place gazetteers and the person-name lexicons.

// Column indexes of gazetteer/organizations.tsv and gazetteer/places.tsv.
const (
	gKey = iota
	gWikidata
	gLabel
	gAliases
	gKind
	gCountry
	gazCols
)

var (
	gazReKey      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	gazReCountry  = regexp.MustCompile(`^[A-Z]{3}$`)
	gazReWikidata = regexp.MustCompile(`^Q[0-9]+$`)
	// one token-ish name: a capital first letter, then letters and marks, with inner
	// apostrophes or hyphens (O'Neill, Jae-in, Kassym-Jomart).
	gazReName = regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*$`)
)

// gazSpec describes one gazetteer table.
type gazSpec struct {
	path    string
	minRows int
	kinds   []string
}

var (
	organizationsSpec = gazSpec{
		path:    "gazetteer/organizations.tsv",
		minRows: 600,
		// The README's "agency" is accepted too; intelligence, central-bank, think-tank and
		// exchange refine it.
		kinds: []string{"igo", "alliance", "bloc", "un-organ", "gov", "legislature", "military",
			"intelligence", "central-bank", "party", "court", "ngo", "media", "company",
			"university", "think-tank", "armed-group", "exchange", "agency", "other"},
	}
	placesSpec = gazSpec{
		path:    "gazetteer/places.tsv",
		minRows: 1500,
		kinds:   []string{"city", "region", "sea", "continent", "island", "other"},
	}
)

// gazNames returns the label and aliases of a row.
func gazNames(r tsvRow) []string {
	names := []string{r.fields[gLabel]}
	if a := r.fields[gAliases]; a != "" {
		names = append(names, strings.Split(a, "|")...)
	}
	return names
}

// checkGazTable runs every check of one gazetteer table as a subtest.
func checkGazTable(t *testing.T, spec gazSpec) {
	t.Helper()
	rows := readTable(t, spec.path, gazCols)
	where := func(r tsvRow) string {
		return spec.path + ":" + strconv.Itoa(r.line) + " " + r.fields[gKey]
	}
	kinds := map[string]bool{}
	for _, k := range spec.kinds {
		kinds[k] = true
	}

	checks := []struct {
		name  string
		check func(tb testing.TB, rows []tsvRow)
	}{
		{"row count", func(tb testing.TB, rows []tsvRow) {
			if len(rows) < spec.minRows {
				tb.Errorf("%s: %d rows, want at least %d", spec.path, len(rows), spec.minRows)
			}
		}},
		{"keys unique slugs", func(tb testing.TB, rows []tsvRow) {
			seen := map[string]int{}
			for _, r := range rows {
				k := r.fields[gKey]
				if !gazReKey.MatchString(k) {
					tb.Errorf("%s: key %q is not a lower-case slug", where(r), k)
				}
				if prev, ok := seen[k]; ok {
					tb.Errorf("%s: key %q already on line %d", where(r), k, prev)
				}
				seen[k] = r.line
			}
		}},
		{"label present", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if l := r.fields[gLabel]; l == "" || strings.TrimSpace(l) != l {
					tb.Errorf("%s: empty or padded label %q", where(r), l)
				}
			}
		}},
		{"kind allowed", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if !kinds[r.fields[gKind]] {
					tb.Errorf("%s: kind %q not in %v", where(r), r.fields[gKind], spec.kinds)
				}
			}
		}},
		{"country alpha-3 or empty", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if c := r.fields[gCountry]; c != "" && !gazReCountry.MatchString(c) {
					tb.Errorf("%s: country %q is not ISO alpha-3", where(r), c)
				}
			}
		}},
		{"wikidata Q-id or empty", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if q := r.fields[gWikidata]; q != "" && !gazReWikidata.MatchString(q) {
					tb.Errorf("%s: wikidata %q is not a Q-identifier", where(r), q)
				}
			}
		}},
		{"aliases well-formed and owned by one row", func(tb testing.TB, rows []tsvRow) {
			// Names are looked up case-insensitively, so compare them lower-cased.
			owner := map[string]string{}
			for _, r := range rows {
				if a := r.fields[gAliases]; a != "" {
					for _, v := range strings.Split(a, "|") {
						if v == "" || strings.TrimSpace(v) != v {
							tb.Errorf("%s: empty or padded alias in %q", where(r), a)
						}
					}
				}
				for i, n := range gazNames(r) {
					if i == 0 {
						continue // labels may repeat (perth-aus, perth-gbr)
					}
					low := strings.ToLower(n)
					if o, ok := owner[low]; ok && o != r.fields[gKey] {
						tb.Errorf("%s: alias %q also on row %s", where(r), n, o)
					}
					owner[low] = r.fields[gKey]
				}
			}
		}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.check(t, rows) })
	}
}

func TestOrganizationsTable(t *testing.T) { checkGazTable(t, organizationsSpec) }

func TestPlacesTable(t *testing.T) { checkGazTable(t, placesSpec) }

// readNameList reads a one-name-a-line lexicon, skipping comment lines and reporting empty
// ones; it returns the names with their line numbers.
func readNameList(tb testing.TB, path string) (names []string, lines []int) {
	tb.Helper()
	b, err := fs.ReadFile(FS(), path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			tb.Errorf("%s:%d: empty line", path, n)
			continue
		}
		names = append(names, line)
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("scan %s: %v", path, err)
	}
	return names, lines
}

func TestNameLists(t *testing.T) {
	tests := []struct {
		path string
		min  int
	}{
		{"lexicon/given-names.txt", 3000},
		{"lexicon/ambiguous-given-names.txt", 25},
		{"lexicon/surnames.txt", 1500},
	}
	lists := map[string]map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			names, lines := readNameList(t, tc.path)
			if len(names) < tc.min {
				t.Errorf("%s: %d names, want at least %d", tc.path, len(names), tc.min)
			}
			seen := map[string]int{}
			for i, n := range names {
				if !gazReName.MatchString(n) {
					t.Errorf("%s:%d: %q is not one capitalised name", tc.path, lines[i], n)
				}
				if prev, ok := seen[n]; ok {
					t.Errorf("%s:%d: %q already on line %d", tc.path, lines[i], n, prev)
				}
				seen[n] = lines[i]
			}
			set := map[string]bool{}
			for n := range seen {
				set[n] = true
			}
			lists[tc.path] = set
		})
	}
	t.Run("ambiguous names are not plain given names", func(t *testing.T) {
		given, amb := lists["lexicon/given-names.txt"], lists["lexicon/ambiguous-given-names.txt"]
		for n := range amb {
			if given[n] {
				t.Errorf("%q is in both given-names.txt and ambiguous-given-names.txt", n)
			}
		}
	})
	t.Run("given-name genders", func(t *testing.T) {
		const path = "lexicon/given-name-genders.tsv"
		rows, lines := readNameList(t, path)
		if len(rows) < 3000 {
			t.Errorf("%s: %d names, want at least 3000", path, len(rows))
		}
		given, seen := lists["lexicon/given-names.txt"], map[string]bool{}
		for i, row := range rows {
			name, g, ok := strings.Cut(row, "\t")
			if !ok || g != "m" && g != "f" {
				t.Errorf("%s:%d: %q, want a name, a tab and m or f", path, lines[i], row)
			}
			if !given[name] {
				t.Errorf("%s:%d: %q is not in given-names.txt", path, lines[i], name)
			}
			if seen[name] {
				t.Errorf("%s:%d: %q twice", path, lines[i], name)
			}
			seen[name] = true
		}
	})
}
