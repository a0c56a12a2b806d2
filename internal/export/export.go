// Package export writes the graph in the formats analysts' tools open: two tidy CSV tables
// (nodes and edges), GraphML (Gephi, yEd, networkx), Graphviz DOT, and a GDELT 2.0-style event
// table. It takes what internal/store reads and knows no storage.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// Formats this package writes, beside the quad formats of store.Export.
const (
	CSV     = "csv"     // nodes.csv and edges.csv in a directory
	GraphML = "graphml" // GraphML with attributes
	GDELT   = "gdelt"   // tab-separated event table with GDELT 2.0 column names
	DOT     = "dot"     // Graphviz
)

// Graph is the nodes and edges a DOT or GraphML file draws.
type Graph struct {
	Nodes []store.NetNode
	Edges []store.NetEdge
}

// Of returns the graph of a dataset.
func Of(d store.Dataset) Graph { return Graph{Nodes: d.Entities, Edges: d.Edges} }

// Neighborhood returns the graph of the neighbours of center: one edge per link that reached a
// neighbour, weighted by the articles stating it.
func Neighborhood(center store.Entity, ns []store.Neighbor) Graph {
	g := Graph{Nodes: []store.NetNode{{IRI: center.IRI, Label: center.Label, Type: center.Type,
		CountryCode: center.CountryCode, Wikidata: center.Wikidata, Articles: len(center.Articles)}}}
	for _, n := range ns {
		g.Nodes = append(g.Nodes, store.NetNode{IRI: n.Entity.IRI, Label: n.Entity.Name(), Type: n.Entity.Type})
		l := n.Via
		src, dst := l.From, l.To
		if l.Reverse {
			src, dst = dst, src
		}
		kind, label := "relation", schema.Local(l.Predicate)
		if l.Predicate == schema.Event {
			kind, label = "event", l.EventType
		}
		e := store.NetEdge{Source: src.IRI, Target: dst.IRI, Kind: kind, Label: label, Weight: len(l.Articles)}
		if len(l.Evidence) > 0 {
			e.Evidence = l.Evidence[0].Sentence
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}

// NodesHeader and EdgesHeader are the columns of nodes.csv and edges.csv.
var (
	NodesHeader = []string{"id", "label", "type", "country_code", "wikidata", "roles", "articles"}
	EdgesHeader = []string{"source", "target", "kind", "predicate", "weight", "events", "first_date", "goldstein", "evidence"}
)

// WriteTables writes nodes.csv and edges.csv into dir (created if need be), each whole or not
// at all.
func WriteTables(dir string, d store.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	nodes := [][]string{NodesHeader}
	for _, n := range d.Entities {
		nodes = append(nodes, []string{n.IRI, n.Label, n.Type, n.CountryCode, n.Wikidata,
			strings.Join(n.Roles, "; "), strconv.Itoa(n.Articles)})
	}
	edges := [][]string{EdgesHeader}
	for _, e := range d.Edges {
		edges = append(edges, []string{e.Source, e.Target, e.Kind, e.Label, strconv.Itoa(e.Weight),
			strconv.Itoa(e.Events), e.First, num(e.Goldstein), e.Evidence})
	}
	for name, rows := range map[string][][]string{"nodes.csv": nodes, "edges.csv": edges} {
		err := WriteFile(filepath.Join(dir, name), func(w io.Writer) error {
			enc := csv.NewWriter(w)
			if err := enc.WriteAll(rows); err != nil {
				return err
			}
			return enc.Error()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteFile writes path through write: to a temporary file beside it, renamed over path once
// whole, so that path is whole or untouched.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

// graphmlKeys are the attributes of the GraphML export: id, element, name, type.
var graphmlKeys = [][4]string{
	{"label", "node", "label", "string"}, {"type", "node", "type", "string"},
	{"country_code", "node", "country_code", "string"}, {"wikidata", "node", "wikidata", "string"},
	{"roles", "node", "roles", "string"}, {"articles", "node", "articles", "int"},
	{"kind", "edge", "kind", "string"}, {"predicate", "edge", "predicate", "string"},
	{"weight", "edge", "weight", "int"}, {"events", "edge", "events", "int"},
	{"first_date", "edge", "first_date", "string"}, {"goldstein", "edge", "goldstein", "double"},
	{"evidence", "edge", "evidence", "string"},
}

// WriteGraphML writes g as a directed GraphML graph: node ids are entity IRIs; labels, types,
// country codes, weights (articles), dates and evidence are attributes.
func WriteGraphML(w io.Writer, g Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		fmt.Fprintf(bw, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k[0], k[1], k[2], k[3])
	}
	bw.WriteString(`  <graph id="diplograph" edgedefault="directed">` + "\n")
	data := func(indent, key, value string) {
		if value != "" {
			fmt.Fprintf(bw, `%s<data key="%s">%s</data>`+"\n", indent, key, escape(value))
		}
	}
	for _, n := range g.Nodes {
		fmt.Fprintf(bw, `    <node id="%s">`+"\n", escape(n.IRI))
		data("      ", "label", n.Label)
		data("      ", "type", n.Type)
		data("      ", "country_code", n.CountryCode)
		data("      ", "wikidata", n.Wikidata)
		data("      ", "roles", strings.Join(n.Roles, "; "))
		data("      ", "articles", strconv.Itoa(n.Articles))
		bw.WriteString("    </node>\n")
	}
	for i, e := range g.Edges {
		fmt.Fprintf(bw, `    <edge id="e%d" source="%s" target="%s">`+"\n", i+1, escape(e.Source), escape(e.Target))
		data("      ", "kind", e.Kind)
		data("      ", "predicate", e.Label)
		data("      ", "weight", strconv.Itoa(e.Weight))
		if e.Kind == "event" {
			data("      ", "events", strconv.Itoa(e.Events))
			data("      ", "goldstein", num(e.Goldstein))
		}
		data("      ", "first_date", e.First)
		data("      ", "evidence", e.Evidence)
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}

// WriteDOT writes g as a Graphviz digraph: entities as labelled nodes shaped by type, relations
// as solid edges, events as dashed ones, each labelled and as thick as the articles stating it.
func WriteDOT(w io.Writer, g Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph diplograph {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	shapes := map[string]string{"Person": "ellipse", "Country": "box", "Organization": "hexagon", "Location": "note"}
	for _, n := range g.Nodes {
		shape := shapes[n.Type]
		if shape == "" {
			shape = "ellipse"
		}
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s];\n", dotID(n.IRI), dotID(n.Label), shape)
	}
	for _, e := range g.Edges {
		style := "solid"
		if e.Kind == "event" {
			style = "dashed"
		}
		fmt.Fprintf(bw, "  %s -> %s [label=%s, style=%s, penwidth=%d];\n", dotID(e.Source), dotID(e.Target),
			dotID(e.Label), style, min(max(e.Weight, 1), 8))
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// dotID quotes s as a DOT string.
func dotID(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// GDELTHeader is the header of the GDELT-style event table: GDELT 2.0 column names where a
// column means what GDELT's does, then diplograph's own.
var GDELTHeader = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type",
	"EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumArticles", "ActionGeo_FullName", "SOURCEURL",
	"PLOVERType", "Negated", "Confidence", "DateFromArticle", "EventIRI", "Evidence",
}

// WriteGDELT writes the dataset's events as a tab-separated table with GDELT 2.0 column names,
// one row per actor and recipient pair (an event with no recipient gives one row per actor with
// Actor2 empty). Dates are YYYYMMDD; Actor1Type is the entity's class (Person, Country, ...).
func WriteGDELT(w io.Writer, d store.Dataset) error {
	enc := csv.NewWriter(w)
	enc.Comma = '\t'
	if err := enc.Write(GDELTHeader); err != nil {
		return err
	}
	byIRI := map[string]store.NetNode{}
	for _, n := range d.Entities {
		byIRI[n.IRI] = n
	}
	actor := func(n *store.Node) []string {
		if n == nil {
			return []string{"", "", "", ""}
		}
		e := byIRI[n.IRI]
		code := ""
		if e.Type == "Country" {
			code = e.CountryCode
		}
		return []string{code, n.Name(), e.CountryCode, e.Type}
	}
	id := 0
	for _, ev := range d.Events {
		sqlDate, month, year := "", "", ""
		if len(ev.Date) == 10 {
			sqlDate = strings.ReplaceAll(ev.Date, "-", "")
			month, year = sqlDate[:6], sqlDate[:4]
		}
		base, root := ev.CAMEO, ev.CAMEO
		if len(base) > 3 {
			base = base[:3]
		}
		if len(root) > 2 {
			root = root[:2]
		}
		where, url := "", ""
		if ev.Location != nil {
			where = ev.Location.Name()
		}
		for _, a := range ev.Articles {
			if u := d.Articles[a].URL; u != "" {
				url = u
				break
			}
		}
		if url == "" && len(ev.Articles) > 0 {
			url = ev.Articles[0]
		}
		targets := make([]*store.Node, 0, len(ev.Recipients))
		for i := range ev.Recipients {
			targets = append(targets, &ev.Recipients[i])
		}
		if len(targets) == 0 {
			targets = append(targets, nil)
		}
		for i := range ev.Actors {
			for _, t := range targets {
				id++
				row := []string{strconv.Itoa(id), sqlDate, month, year}
				row = append(row, actor(&ev.Actors[i])...)
				row = append(row, actor(t)...)
				row = append(row, ev.CAMEO, base, root, strconv.Itoa(ev.QuadClass), num(ev.Goldstein),
					strconv.Itoa(len(ev.Articles)), where, url,
					ev.Type, strconv.FormatBool(ev.Negated), num(ev.Confidence), strconv.FormatBool(ev.Undated), ev.IRI, ev.Evidence)
				if err := enc.Write(row); err != nil {
					return err
				}
			}
		}
	}
	enc.Flush()
	return enc.Error()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
