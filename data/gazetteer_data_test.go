package data

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tsvRow is one data line of an embedded table: its 1-based line number and its fields.
type tsvRow struct {
	line   int
	fields []string
}

// readTable reads an embedded tab-separated table, skipping comment and blank lines, and
// reports every data line that does not have exactly cols fields.
func readTable(tb testing.TB, name string, cols int) []tsvRow {
	tb.Helper()
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		tb.Fatalf("read %s: %v", name, err)
	}
	var rows []tsvRow
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			tb.Errorf("%s:%d: %d columns, want %d", name, n, len(f), cols)
			continue
		}
		rows = append(rows, tsvRow{line: n, fields: f})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("scan %s: %v", name, err)
	}
	return rows
}

// splitList splits a "|"-separated field; an empty field is an empty list.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// checkList reports empty items and items with surrounding spaces in a "|" list.
func checkList(tb testing.TB, where, field, s string) {
	tb.Helper()
	for _, v := range splitList(s) {
		if v == "" || strings.TrimSpace(v) != v {
			tb.Errorf("%s: %s has an empty or padded item in %q", where, field, s)
		}
	}
}

// Column indexes of gazetteer/countries.tsv.
const (
	cIso3 = iota
	cIso2
	cWikidata
	cLabel
	cNames
	cAdjectives
	cCapital
	cStatus
	countryCols
)

var (
	reIso3     = regexp.MustCompile(`^[A-Z]{3}$`)
	reIso2     = regexp.MustCompile(`^[A-Z]{2}$`)
	reWikidata = regexp.MustCompile(`^Q[0-9]+$`)
)

func TestCountriesTable(t *testing.T) {
	const name = "gazetteer/countries.tsv"
	rows := readTable(t, name, countryCols)
	if len(rows) < 196 {
		t.Fatalf("%s: %d rows, want at least 196", name, len(rows))
	}
	where := func(r tsvRow) string { return name + ":" + strconv.Itoa(r.line) + " " + r.fields[cIso3] }

	tests := []struct {
		name  string
		check func(tb testing.TB, rows []tsvRow)
	}{
		{"iso3 unique upper-case alpha-3", func(tb testing.TB, rows []tsvRow) {
			seen := map[string]int{}
			for _, r := range rows {
				code := r.fields[cIso3]
				if !reIso3.MatchString(code) {
					tb.Errorf("%s: iso3 %q is not 3 upper-case letters", where(r), code)
				}
				if prev, ok := seen[code]; ok {
					tb.Errorf("%s: iso3 %q already on line %d", where(r), code, prev)
				}
				seen[code] = r.line
			}
		}},
		{"iso2 unique upper-case alpha-2", func(tb testing.TB, rows []tsvRow) {
			seen := map[string]int{}
			for _, r := range rows {
				code := r.fields[cIso2]
				if !reIso2.MatchString(code) {
					tb.Errorf("%s: iso2 %q is not 2 upper-case letters", where(r), code)
				}
				if prev, ok := seen[code]; ok {
					tb.Errorf("%s: iso2 %q already on line %d", where(r), code, prev)
				}
				seen[code] = r.line
			}
		}},
		{"status and counts", func(tb testing.TB, rows []tsvRow) {
			count := map[string]int{}
			for _, r := range rows {
				switch s := r.fields[cStatus]; s {
				case "member", "observer", "other":
					count[s]++
				default:
					tb.Errorf("%s: status %q, want member, observer or other", where(r), s)
				}
			}
			if count["member"] != 193 {
				tb.Errorf("%d UN members, want 193", count["member"])
			}
			if count["observer"] != 2 {
				tb.Errorf("%d UN observer states, want 2", count["observer"])
			}
		}},
		{"label capital adjective present", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if strings.TrimSpace(r.fields[cLabel]) == "" {
					tb.Errorf("%s: empty label", where(r))
				}
				if len(splitList(r.fields[cCapital])) == 0 {
					tb.Errorf("%s: no capital", where(r))
				}
				if len(splitList(r.fields[cAdjectives])) == 0 {
					tb.Errorf("%s: no adjective", where(r))
				}
			}
		}},
		{"lists well formed", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				checkList(tb, where(r), "names", r.fields[cNames])
				checkList(tb, where(r), "adjectives", r.fields[cAdjectives])
				checkList(tb, where(r), "capital", r.fields[cCapital])
			}
		}},
		{"wikidata IDs", func(tb testing.TB, rows []tsvRow) {
			seen := map[string]int{}
			for _, r := range rows {
				q := r.fields[cWikidata]
				if q == "" {
					continue
				}
				if !reWikidata.MatchString(q) {
					tb.Errorf("%s: wikidata %q does not match %s", where(r), q, reWikidata)
				}
				if prev, ok := seen[q]; ok {
					tb.Errorf("%s: wikidata %q already on line %d", where(r), q, prev)
				}
				seen[q] = r.line
			}
		}},
		{"no alias on two countries", func(tb testing.TB, rows []tsvRow) {
			owner := map[string]string{} // lower-cased label, name or adjective -> iso3
			for _, r := range rows {
				iso := r.fields[cIso3]
				aliases := append([]string{r.fields[cLabel]}, splitList(r.fields[cNames])...)
				aliases = append(aliases, splitList(r.fields[cAdjectives])...)
				for _, a := range aliases {
					k := strings.ToLower(a)
					if prev, ok := owner[k]; ok && prev != iso {
						tb.Errorf("%s: %q is also an alias of %s", where(r), a, prev)
					}
					owner[k] = iso
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, rows) })
	}
}

// Column indexes of lexicon/cameo.tsv.
const (
	kCode = iota
	kGoldstein
	kQuad
	kPlover
	kMode
	kContext
	kDescription
	cameoCols
)

// ploverTypes are the PLOVER 2021 event types; "-" marks a CAMEO code PLOVER does not code.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "COOPERATE": true, "AID": true,
	"CONCEDE": true, "RETREAT": true, "ACCUSE": true, "REQUEST": true, "REJECT": true,
	"THREATEN": true, "PROTEST": true, "MOBILIZE": true, "SANCTION": true, "COERCE": true,
	"ASSAULT": true, "-": true,
}

var reCameoCode = regexp.MustCompile(`^[0-9]{3,4}$`)

// quadClass is the CAMEO quad class of a 2-digit root, or 0 when the root is not 01..20.
func quadClass(root int) int {
	switch {
	case root >= 1 && root <= 5:
		return 1
	case root >= 6 && root <= 8:
		return 2
	case root >= 9 && root <= 14:
		return 3
	case root >= 15 && root <= 20:
		return 4
	}
	return 0
}

// ploverMappingPath is the PLOVER team's CAMEO->PLOVER table, relative to this package's
// directory (where go test runs); it is optional.
var ploverMappingPath = filepath.Join("..", "..", "shared", "eval", "plover", "CAMEO2PLOVER-2021.txt")

// reMappingLine matches a 3- or 4-digit code line of the PLOVER mapping: "0871: RETREAT, ...".
var reMappingLine = regexp.MustCompile(`^([0-9]{3,4}):\s*([A-Z]+)\s*,`)

// readPloverMapping returns code -> PLOVER type from the PLOVER mapping file, skipping the
// test when the file is absent.
func readPloverMapping(tb testing.TB, path string) map[string]string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("%s not present", path)
	}
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if g := reMappingLine.FindStringSubmatch(line); g != nil {
			m[g[1]] = g[2]
		}
	}
	if len(m) == 0 {
		tb.Fatalf("%s: no code lines found", path)
	}
	return m
}

func TestCameoTable(t *testing.T) {
	const name = "lexicon/cameo.tsv"
	rows := readTable(t, name, cameoCols)
	if len(rows) < 250 {
		t.Fatalf("%s: %d rows, want at least 250", name, len(rows))
	}
	where := func(r tsvRow) string { return name + ":" + strconv.Itoa(r.line) + " " + r.fields[kCode] }
	byCode := map[string]tsvRow{}
	for _, r := range rows {
		byCode[r.fields[kCode]] = r
	}

	tests := []struct {
		name  string
		check func(tb testing.TB, rows []tsvRow)
	}{
		{"codes unique and well formed", func(tb testing.TB, rows []tsvRow) {
			seen := map[string]int{}
			for _, r := range rows {
				code := r.fields[kCode]
				if !reCameoCode.MatchString(code) {
					tb.Errorf("%s: code %q is not 3 or 4 digits", where(r), code)
					continue
				}
				if root, _ := strconv.Atoi(code[:2]); quadClass(root) == 0 {
					tb.Errorf("%s: root %s is not 01..20", where(r), code[:2])
				}
				if len(code) == 4 {
					if _, ok := byCode[code[:3]]; !ok {
						tb.Errorf("%s: parent code %s missing", where(r), code[:3])
					}
				}
				if prev, ok := seen[code]; ok {
					tb.Errorf("%s: code already on line %d", where(r), prev)
				}
				seen[code] = r.line
			}
		}},
		{"every root has a 0 code", func(tb testing.TB, rows []tsvRow) {
			for root := 1; root <= 20; root++ {
				code := fmt.Sprintf("%02d0", root) // 1 -> "010", 20 -> "200"
				if _, ok := byCode[code]; !ok {
					tb.Errorf("%s: code %s missing", name, code)
				}
			}
		}},
		{"goldstein in [-10,10]", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				g, err := strconv.ParseFloat(r.fields[kGoldstein], 64)
				if err != nil || g < -10 || g > 10 {
					tb.Errorf("%s: goldstein %q not a number in [-10,10]", where(r), r.fields[kGoldstein])
				}
			}
		}},
		{"quadclass matches root", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				code := r.fields[kCode]
				if len(code) < 2 {
					continue
				}
				root, _ := strconv.Atoi(code[:2])
				if want := strconv.Itoa(quadClass(root)); r.fields[kQuad] != want {
					tb.Errorf("%s: quadclass %q, want %s", where(r), r.fields[kQuad], want)
				}
			}
		}},
		{"plover type known", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if !ploverTypes[r.fields[kPlover]] {
					tb.Errorf("%s: plover %q is not a PLOVER 2021 type or -", where(r), r.fields[kPlover])
				}
				if r.fields[kPlover] == "-" && (r.fields[kMode] != "" || r.fields[kContext] != "") {
					tb.Errorf("%s: mode or context on a code PLOVER does not code", where(r))
				}
				checkList(tb, where(r), "context", r.fields[kContext])
			}
		}},
		{"description present", func(tb testing.TB, rows []tsvRow) {
			for _, r := range rows {
				if strings.TrimSpace(r.fields[kDescription]) == "" {
					tb.Errorf("%s: empty description", where(r))
				}
			}
		}},
		{"PLOVER 2021 mapping agrees", func(tb testing.TB, rows []tsvRow) {
			for code, want := range readPloverMapping(tb, ploverMappingPath) {
				r, ok := byCode[code]
				if !ok {
					tb.Errorf("%s: code %s of the PLOVER mapping missing", name, code)
					continue
				}
				if got := r.fields[kPlover]; got != want {
					tb.Errorf("%s: plover %s, PLOVER mapping says %s", where(r), got, want)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, rows) })
	}
}
