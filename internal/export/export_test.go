package export

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/store"
)

// tricky holds names and sentences with the characters each format must escape.
var tricky = store.Dataset{
	Entities: []store.NetNode{
		{IRI: "https://x/a", Label: `Tom & "Jerry" <Ltd>`, Type: "Organization"},
		{IRI: "https://x/b", Label: "Côte d'Ivoire", Type: "Country", CountryCode: "CIV"},
		{IRI: "https://x/c", Label: "Mali", Type: "Country", CountryCode: "MLI"},
	},
	Edges: []store.NetEdge{
		{Source: "https://x/a", Target: "https://x/b", Kind: "event", Label: "ACCUSE", Weight: 2, Events: 2, Goldstein: -4,
			Evidence: "He said \"a stab\tin the back\"\nand left & went."},
	},
	Events: []store.Event{{IRI: "https://x/ev1", Type: "ACCUSE", CAMEO: "112", QuadClass: 3, Goldstein: -2, Date: "2022-04-21",
		Actors: []store.Node{{IRI: "https://x/a", Label: `Tom & "Jerry" <Ltd>`}}, Recipients: []store.Node{{IRI: "https://x/b"}, {IRI: "https://x/c"}},
		Articles: []string{"https://x/art"}, Evidence: "say \"no\"\tthen"}},
	Articles: map[string]store.Article{"https://x/art": {URL: "https://news.example/1"}},
}

func TestGraphMLEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, Of(tricky)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct {
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML is not XML: %v\n%s", err, buf.String())
	}
	if got := doc.Nodes[0].Data[0].Value; got != tricky.Entities[0].Label {
		t.Errorf("label read back = %q, want %q", got, tricky.Entities[0].Label)
	}
	for _, d := range doc.Edges[0].Data {
		if d.Key == "evidence" && d.Value != tricky.Edges[0].Evidence {
			t.Errorf("evidence read back = %q, want %q", d.Value, tricky.Edges[0].Evidence)
		}
	}
}

func TestDOTQuotes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDOT(&buf, Of(tricky)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `[label="Tom & \"Jerry\" <Ltd>", shape=hexagon]`) || !strings.Contains(out, `-> "https://x/b" [label="ACCUSE", style=dashed, penwidth=2]`) {
		t.Errorf("DOT =\n%s", out)
	}
}

func TestGDELTRows(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGDELT(&buf, tricky); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 { // a header, one row per recipient
		t.Fatalf("gdelt has %d rows, want 3", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, want := range []string{"CIV", "MLI"} {
		row := rows[i+1]
		for k, v := range map[string]string{"SQLDATE": "20220421", "MonthYear": "202204", "EventBaseCode": "112",
			"EventRootCode": "11", "Actor2CountryCode": want, "SOURCEURL": "https://news.example/1", "Evidence": "say \"no\"\tthen"} {
			if row[col[k]] != v {
				t.Errorf("row %d %s = %q, want %q", i+1, k, row[col[k]], v)
			}
		}
	}
}

func TestWriteTables(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteTables(dir, tricky); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "edges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][len(rows[1])-1] != tricky.Edges[0].Evidence || rows[1][4] != "2" {
		t.Errorf("edges.csv = %q, %v", rows, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d files, want nodes.csv and edges.csv only", len(entries))
	}
}

// TestGDELTIncidents: one row per incident, its parties as the incident has them, its counts
// in NumMentions, NumSources and NumArticles, the first report's codes and the first URL.
func TestGDELTIncidents(t *testing.T) {
	civ, mli := store.Node{IRI: "https://x/country/CIV", Label: "Côte d'Ivoire", Type: "Country"}, store.Node{IRI: "https://x/country/MLI", Type: "Country"}
	report := func(ev, art, pub, url string, undated bool) store.Report {
		return store.Report{Event: store.Event{IRI: ev, Type: "CONSULT", CAMEO: "042", QuadClass: 1, Goldstein: 1.9, Undated: undated,
			Evidence: "they met \"twice\"\tin " + art}, Article: art, Publisher: pub, URL: url}
	}
	ins := []store.Incident{
		{IRI: "https://x/incident/1", Type: "CONSULT", Date: "2022-04-21", Actors: []store.Node{civ, mli}, Articles: 3, Sources: 2, Confidence: 0.96,
			Reports: []store.Report{report("https://x/e1", "https://x/a1", "Wire", "", true),
				report("https://x/e2", "https://x/a2", "Wire", "https://news.example/2", false),
				report("https://x/e3", "https://x/a3", "Daily", "https://news.example/3", true)}},
		{IRI: "https://x/incident/2", Type: "CONSULT", Date: "2022-04-28", Actors: []store.Node{mli}, Recipients: []store.Node{civ}, Articles: 1, Sources: 1,
			Reports: []store.Report{report("https://x/e4", "https://x/a4", "", "", true)}},
	}
	var buf bytes.Buffer
	if err := WriteIncidentsGDELT(&buf, store.Dataset{}, ins); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("gdelt has %d rows, want a header and one per incident", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := []map[string]string{
		{"SQLDATE": "20220421", "Actor1Code": "CIV", "Actor1Name": "Côte d'Ivoire", "Actor2Code": "MLI", "Actor2Name": "MLI",
			"EventCode": "042", "EventRootCode": "04", "NumMentions": "3", "NumSources": "2", "NumArticles": "3",
			"SOURCEURL": "https://news.example/2", "Confidence": "0.96", "DateFromArticle": "false", "EventIRI": "https://x/e1",
			"IncidentIRI": "https://x/incident/1", "Actors": "Côte d'Ivoire; MLI", "Evidence": "they met \"twice\"\tin https://x/a1"},
		{"SQLDATE": "20220428", "Actor1Code": "MLI", "Actor2Code": "CIV", "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
			"SOURCEURL": "https://x/a4", "DateFromArticle": "true", "Recipients": "Côte d'Ivoire"},
	}
	for i, w := range want {
		for k, v := range w {
			if got := rows[i+1][col[k]]; got != v {
				t.Errorf("row %d %s = %q, want %q", i+1, k, got, v)
			}
		}
	}
}
