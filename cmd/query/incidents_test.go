package main_test

import (
	"encoding/csv"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// incidentStore ingests the fourteen reports of four incidents (internal/store/testdata) with
// the real ingest command into a new store.
func incidentStore(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "incidents.db")
	corpus := filepath.Join("..", "..", "internal", "store", "testdata", "incidents.jsonl")
	if out, err := exec.Command(ingestBinary, "--db", dir, "-q", corpus).CombinedOutput(); err != nil {
		t.Fatalf("ingest %s: %v\n%s", corpus, err, out)
	}
	return dir
}

// TestIncidentVerbs: events, dyad, timeline and the GDELT export count one row per incident
// with its reports and sources; --raw gives each article's events.
func TestIncidentVerbs(t *testing.T) {
	dir := incidentStore(t)
	run := func(args ...string) string { return on(t, dir, args...) }

	var events []struct {
		Date     string `json:"date"`
		Articles int    `json:"articles"`
		Sources  int    `json:"sources"`
		Negated  bool   `json:"negated"`
	}
	if err := json.Unmarshal([]byte(run("events", "-f", "json")), &events); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Date+" "+itoa(e.Articles)+"/"+itoa(e.Sources)+map[bool]string{true: " denied"}[e.Negated])
	}
	want := []string{"2024-06-19 4/4", "2024-11-16 3/3", "2025-04-12 3/3", "2025-04-12 1/1 denied", "2025-04-19 3/3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	type entry struct {
		Date     string `json:"date"`
		Reports  int    `json:"reports"`
		Sources  int    `json:"sources"`
		Incident string `json:"incident"`
	}
	var dyad struct {
		Totals struct{ Events int } `json:"totals"`
		Events []entry              `json:"events"`
	}
	if err := json.Unmarshal([]byte(run("dyad", "Iran", "United States", "-f", "json")), &dyad); err != nil {
		t.Fatal(err)
	}
	if dyad.Totals.Events != 2 || len(dyad.Events) != 2 || dyad.Events[0].Reports != 3 || dyad.Events[1].Sources != 3 || dyad.Events[0].Incident == "" {
		t.Errorf("dyad Iran USA = %+v, want the Muscat and Rome incidents, 3 reports and 3 sources each", dyad)
	}
	// Raw, each article's event: one article each, no incident.
	dyad.Events = nil
	if err := json.Unmarshal([]byte(run("dyad", "Russia", "North Korea", "-f", "json", "--raw")), &dyad); err != nil {
		t.Fatal(err)
	}
	for _, ev := range dyad.Events {
		if ev.Incident != "" || ev.Reports != 0 {
			t.Errorf("dyad --raw event %+v counts an incident", ev)
		}
	}
	if out := run("dyad", "Russia", "North Korea", "--raw"); !strings.Contains(out, " events (") {
		t.Errorf("dyad --raw =\n%s\nwant events counted", out)
	}
	dyad.Events = nil
	if err := json.Unmarshal([]byte(run("dyad", "Russia", "North Korea", "-f", "json")), &dyad); err != nil {
		t.Fatal(err)
	}
	if dyad.Totals.Events != 1 || len(dyad.Events) != 1 || dyad.Events[0].Reports != 4 || dyad.Events[0].Sources != 4 {
		t.Errorf("dyad Russia North Korea = %+v, want Putin's visit, 4 reports from 4 sources", dyad)
	}

	var tl []entry
	if err := json.Unmarshal([]byte(run("timeline", "Putin", "-f", "json")), &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl) != 1 || tl[0].Reports != 4 || tl[0].Sources != 4 {
		t.Errorf("timeline Putin = %+v, want one incident of 4 reports from 4 sources", tl)
	}
	if err := json.Unmarshal([]byte(run("timeline", "Putin", "-f", "json", "--incident-window", "0")), &tl); err != nil || len(tl) != 2 {
		t.Errorf("timeline Putin --incident-window 0 = %+v, %v; want 2 incidents", tl, err)
	}

	r := csv.NewReader(strings.NewReader(run("export", "--format", "gdelt")))
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got = nil
	for _, row := range rows[1:] {
		got = append(got, strings.Join([]string{row[col["SQLDATE"]], row[col["Actor1Code"]], row[col["Actor2Code"]],
			row[col["NumArticles"]], row[col["NumSources"]], row[col["Negated"]]}, " "))
	}
	want = []string{"20240619 PRK RUS 4 4 false", "20241116 CHN USA 3 3 false", "20250412 IRN USA 3 3 false",
		"20250412 IRN USA 1 1 true", "20250419 IRN USA 3 3 false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("export --format gdelt (-want +got):\n%s", diff)
	}
	// show INCIDENT by the name events --reports gives it: the incident and the denial
	// contradicting it, then their reports.
	var muscat string
	for _, row := range readTSV(t, run("events", "--reports", "-f", "tsv"))[1:] {
		if row[1] == "2025-04-12" && row[2] == "CONSULT" {
			muscat = row[0]
		}
	}
	out := run("show", muscat)
	if !strings.Contains(out, "not CONSULT") || strings.Count(out, "Tehran Evening") != 1 || strings.Count(out, "\n"+muscat+" ") != 3 {
		t.Errorf("show %s =\n%s\nwant the incident, its denial, its 3 reports and the denial's", muscat, out)
	}
	for _, args := range [][]string{{"dyad", "Iran", "USA", "--incident-window", "-1"}, {"export", "--raw"}, {"timeline", "Iran", "--incident-window", "x"}} {
		if res := query(t, nil, append([]string{"--db", dir}, args...)...); res.code != 2 {
			t.Errorf("query %q exited %d, want 2: %s", args, res.code, res.stderr)
		}
	}
}
