package main_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"
	"github.com/piprate/json-gold/ld"

	"github.com/diplograph/diplograph/internal/store"
)

// parseNQuads reads N-Quads with cayley's reader, failing on any line it rejects.
func parseNQuads(t *testing.T, s string) []quad.Quad {
	t.Helper()
	r := nquads.NewReader(strings.NewReader(s), true)
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read N-Quads: %v", err)
		}
		out = append(out, q)
	}
}

// canonicalLines are quads as sorted N-Quads lines.
func canonicalLines(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

// TestExportRoundTrip parses every export format of the samples with a parser of its own kind
// and checks that it holds the same graph.
func TestExportRoundTrip(t *testing.T) {
	nq := on(t, samples, "export", "--format", "nquads")
	quads := parseNQuads(t, nq)
	if want := strings.Count(nq, "\n"); len(quads) != want || want < 100 {
		t.Fatalf("N-Quads: read %d quads from %d lines", len(quads), want)
	}
	typed := 0
	for _, q := range quads {
		if q.Label == nil {
			t.Errorf("quad %s has no article label", q.NQuad())
		}
		if ts, ok := q.Object.(quad.TypedString); ok {
			typed++
			if !strings.HasPrefix(string(ts.Type), "http://www.w3.org/2001/XMLSchema#") {
				t.Errorf("literal %s: datatype is no full XSD IRI", q.Object)
			}
		}
	}
	if typed == 0 {
		t.Errorf("no typed literal in the export")
	}
	want := canonicalLines(quads)

	t.Run("jsonld", func(t *testing.T) {
		var doc any
		if err := json.Unmarshal([]byte(on(t, samples, "export", "--format", "jsonld")), &doc); err != nil {
			t.Fatal(err)
		}
		if ctx, ok := doc.(map[string]any)["@context"].(map[string]any); !ok || ctx["actor"] != "https://w3id.org/diplograph/ns#actor" {
			t.Errorf("@context does not map the vocabulary: %v", ctx)
		}
		opts := ld.NewJsonLdOptions("")
		opts.Format = "application/n-quads"
		rdf, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
		if err != nil {
			t.Fatalf("json-gold ToRDF: %v", err)
		}
		if diff := cmp.Diff(want, canonicalLines(parseNQuads(t, rdf.(string)))); diff != "" {
			t.Errorf("JSON-LD read by json-gold differs from the N-Quads (-nquads +jsonld):\n%s", diff)
		}
	})

	t.Run("quads-csv", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(on(t, samples, "export", "--format", "quads-csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(quads)+1 || strings.Join(rows[0], ",") != "subject,predicate,object,label" {
			t.Errorf("quads-csv has %d rows (header %v), want %d and a header", len(rows), rows[0], len(quads)+1)
		}
	})

	var d store.Dataset
	if err := json.Unmarshal([]byte(exportDataset(t)), &d); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "tables")
	on(t, samples, "export", "--format", "csv", "--out", dir)
	nodes, edges := readCSV(t, filepath.Join(dir, "nodes.csv")), readCSV(t, filepath.Join(dir, "edges.csv"))
	t.Run("csv", func(t *testing.T) {
		if got := strings.Join(nodes[0], ","); got != "id,label,type,country_code,wikidata,roles,articles" {
			t.Errorf("nodes.csv header = %s", got)
		}
		if got := strings.Join(edges[0], ","); got != "source,target,kind,predicate,weight,events,first_date,goldstein,evidence" {
			t.Errorf("edges.csv header = %s", got)
		}
		ids := map[string]bool{}
		for _, n := range nodes[1:] {
			ids[n[0]] = true
		}
		for _, e := range edges[1:] {
			if !ids[e[0]] || !ids[e[1]] {
				t.Errorf("edge %v names a node not in nodes.csv", e[:4])
			}
			if e[4] == "0" {
				t.Errorf("edge %v has weight 0", e[:4])
			}
		}
		if len(nodes) < 20 || len(edges) < 20 {
			t.Errorf("tables hold %d nodes and %d edges, want 20 or more of each", len(nodes)-1, len(edges)-1)
		}
	})

	graphml := on(t, samples, "export", "--format", "graphml")
	t.Run("graphml", func(t *testing.T) {
		var doc struct {
			Keys []struct {
				ID string `xml:"id,attr"`
			} `xml:"key"`
			Graph struct {
				Nodes []struct {
					ID   string `xml:"id,attr"`
					Data []struct {
						Key   string `xml:"key,attr"`
						Value string `xml:",chardata"`
					} `xml:"data"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
					Target string `xml:"target,attr"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal([]byte(graphml), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Graph.Nodes) != len(nodes)-1 || len(doc.Graph.Edges) != len(edges)-1 {
			t.Errorf("GraphML has %d nodes and %d edges; the CSV tables %d and %d",
				len(doc.Graph.Nodes), len(doc.Graph.Edges), len(nodes)-1, len(edges)-1)
		}
		if len(doc.Keys) == 0 || len(doc.Graph.Nodes) == 0 || len(doc.Graph.Nodes[0].Data) == 0 {
			t.Errorf("GraphML nodes carry no attributes")
		}
	})
	t.Run("networkx", func(t *testing.T) {
		python := "/usr/bin/python3"
		if err := exec.Command(python, "-c", "import networkx").Run(); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("python3-networkx is missing under CI (.ci/run installs it): %v", err)
			}
			t.Skip("Debian's python3-networkx is not installed")
		}
		file := filepath.Join(t.TempDir(), "graph.graphml")
		if err := os.WriteFile(file, []byte(graphml), 0o644); err != nil {
			t.Fatal(err)
		}
		script := `import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
w = sum(d["weight"] for _, _, d in g.edges(data=True))
labels = sum(1 for _, d in g.nodes(data=True) if d.get("label"))
print(g.number_of_nodes(), g.number_of_edges(), w, labels)`
		out, err := exec.Command(python, "-c", script, file).CombinedOutput()
		if err != nil {
			t.Fatalf("networkx read_graphml: %v\n%s", err, out)
		}
		weight := 0
		for _, e := range d.Edges {
			weight += e.Weight
		}
		got := strings.Fields(string(out))
		want := []string{itoa(len(d.Entities)), itoa(len(d.Edges)), itoa(weight), itoa(len(d.Entities))}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("networkx read (nodes, edges, total weight, labelled nodes) (-want +got):\n%s", diff)
		}
	})

	t.Run("gdelt", func(t *testing.T) {
		read := func(args ...string) ([][]string, map[string]int) {
			r := csv.NewReader(strings.NewReader(on(t, samples, append([]string{"export", "--format", "gdelt"}, args...)...)))
			r.Comma = '\t'
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if rows[0][0] != "GLOBALEVENTID" || rows[0][1] != "SQLDATE" {
				t.Errorf("gdelt header = %v", rows[0])
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			for _, row := range rows[1:] {
				if len(row[col["SQLDATE"]]) != 8 || !strings.HasPrefix(row[col["EventCode"]], row[col["EventRootCode"]]) {
					t.Errorf("gdelt row %v: SQLDATE %q, codes %q/%q", row[0], row[col["SQLDATE"]], row[col["EventCode"]], row[col["EventRootCode"]])
				}
			}
			return rows[1:], col
		}
		rows, _ := read("--raw")
		pairs := 0
		for _, ev := range d.Events {
			pairs += len(ev.Actors) * max(1, len(ev.Recipients))
		}
		if len(rows) != pairs {
			t.Errorf("gdelt --raw has %d rows, want one per actor and recipient pair (%d)", len(rows), pairs)
		}
		// By default one row per incident, counted over its reports.
		ins := incidentsOf(t, samples, d.Events)
		rows, col := read()
		if len(rows) != len(ins) {
			t.Fatalf("gdelt has %d rows, want one per incident (%d)", len(rows), len(ins))
		}
		for i, in := range ins {
			row := rows[i]
			if row[col["IncidentIRI"]] != in.IRI || row[col["NumArticles"]] != itoa(in.Articles) ||
				row[col["NumSources"]] != itoa(in.Sources) || row[col["NumMentions"]] != itoa(len(in.Reports)) {
				t.Errorf("gdelt row %d: incident %s, mentions %s, sources %s, articles %s; want %s, %d, %d, %d", i+1,
					row[col["IncidentIRI"]], row[col["NumMentions"]], row[col["NumSources"]], row[col["NumArticles"]],
					in.IRI, len(in.Reports), in.Sources, in.Articles)
			}
		}
	})

	t.Run("dot", func(t *testing.T) {
		out := ok(t, "neighbors", "New Zealand", "--format", "dot")
		if !strings.HasPrefix(out, "digraph diplograph {") || strings.Count(out, " -> ") != 3 {
			t.Errorf("neighbors --format dot =\n%s\nwant a digraph with the 3 neighbours' links", out)
		}
		if dot, err := exec.LookPath("dot"); err == nil {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(out)
			if svg, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(svg), "<svg") {
				t.Errorf("dot -Tsvg: %v\n%s", err, svg)
			}
		}
	})
}

// exportDataset is the samples' dataset as JSON, read through the store package.
func exportDataset(t *testing.T) string {
	t.Helper()
	s, err := store.Open(t.Context(), store.Options{Address: samples, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Dataset(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// incidentsOf returns the incidents that evs report in the store at dir.
func incidentsOf(t *testing.T, dir string, evs []store.Event) []store.Incident {
	t.Helper()
	s, err := store.Open(t.Context(), store.Options{Address: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ins, err := s.IncidentsOf(t.Context(), evs, store.DefaultIncidentWindow)
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

func readCSV(t *testing.T, file string) [][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return rows
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExportFilters: a filter keeps the events it selects and what they name, nothing else.
func TestExportFilters(t *testing.T) {
	all := parseNQuads(t, on(t, samples, "export"))
	sanction := parseNQuads(t, on(t, samples, "export", "--type", "sanction"))
	if len(sanction) == 0 || len(sanction) >= len(all) {
		t.Fatalf("export --type sanction has %d of %d quads", len(sanction), len(all))
	}
	events := map[string]bool{}
	for _, q := range sanction {
		if strings.HasSuffix(string(q.Predicate.(quad.IRI)), "#eventType") {
			events[q.Subject.String()] = true
			if v := q.Object.String(); v != `"SANCTION"` {
				t.Errorf("export --type sanction holds a %s event", v)
			}
		}
		if strings.HasSuffix(string(q.Predicate.(quad.IRI)), "#quote") {
			t.Errorf("filtered export holds a quotation: %s", q.NQuad())
		}
	}
	if len(events) != 1 {
		t.Errorf("export --type sanction holds %d events, want the one", len(events))
	}
	// --actor: every event kept names France; --min-confidence 1 keeps nothing of the samples'.
	r := csv.NewReader(strings.NewReader(on(t, samples, "export", "--format", "gdelt", "--actor", "France")))
	r.Comma = '\t'
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("gdelt --actor France: %d rows, %v", len(rows), err)
	}
	for _, row := range rows[1:] {
		if !strings.Contains(strings.Join(row, "\t"), "France") {
			t.Errorf("gdelt --actor France has a row without France: %v", row[:12])
		}
	}
	if out := on(t, samples, "export", "--min-confidence", "1"); out != "" {
		t.Errorf("export --min-confidence 1 = %d bytes, want nothing", len(out))
	}
	if out := on(t, samples, "export", "--since", "2022-04-21", "--until", "2022-04-21", "--format", "gdelt"); strings.Count(out, "\n") < 2 {
		t.Errorf("export --since/--until the samples' date has no events:\n%s", out)
	}
	for _, args := range [][]string{{"--format", "csv"}, {"--since", "April"}, {"--type", "party"}, {"--min-confidence", "2"}} {
		if r := query(t, nil, append([]string{"--db", samples, "export"}, args...)...); r.code != 2 {
			t.Errorf("export %q exited %d, want 2: %s", args, r.code, r.stderr)
		}
	}
}
