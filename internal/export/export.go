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
// whole, so that path is whole or untouched. A path that names something other than a regular
// file (/dev/null, a named pipe, a terminal) is written directly, and a symbolic link is
// followed: the file it names is replaced, the link stays.
func WriteFile(path string, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return fmt.Errorf("export %s: is a directory", path)
		}
		return writeDirect(path, write)
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
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

// writeDirect writes path, which is no regular file, through write.
func writeDirect(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
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
	"NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "SOURCEURL",
	"PLOVERType", "Negated", "Confidence", "DateFromArticle", "EventIRI", "IncidentIRI",
	"Actors", "Recipients", "Evidence",
}

// gdelt writes the rows of the GDELT-style table.
type gdelt struct {
	enc    *csv.Writer
	byIRI  map[string]store.NetNode
	lastID int
}

func newGDELT(w io.Writer, d store.Dataset) (*gdelt, error) {
	g := &gdelt{enc: csv.NewWriter(w), byIRI: map[string]store.NetNode{}}
	g.enc.Comma = '\t'
	for _, n := range d.Entities {
		g.byIRI[n.IRI] = n
	}
	return g, g.enc.Write(GDELTHeader)
}

// actor returns the four columns of an actor: code (a country's ISO code), name, country code
// and class.
func (g *gdelt) actor(n *store.Node) []string {
	if n == nil {
		return []string{"", "", "", ""}
	}
	e, typ, cc := g.byIRI[n.IRI], n.Type, ""
	if typ == "" {
		typ = e.Type
	}
	cc = e.CountryCode
	code := ""
	if typ == "Country" {
		if cc == "" {
			cc = strings.ToUpper(schema.Local(n.IRI))
		}
		code = cc
	}
	return []string{code, n.Name(), cc, typ}
}

// row is what one row of the table says beside its actors.
type row struct {
	ev                          store.Event // the event, or the report standing for an incident
	date                        string
	mentions, sources, articles int
	url, incident, confidence   string
	undated                     bool
	actors, recipients          []store.Node
}

func (g *gdelt) write(a1, a2 *store.Node, r row) error {
	sqlDate, month, year := "", "", ""
	if len(r.date) == 10 {
		sqlDate = strings.ReplaceAll(r.date, "-", "")
		month, year = sqlDate[:6], sqlDate[:4]
	}
	ev := r.ev
	base, root := ev.CAMEO, ev.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	if len(root) > 2 {
		root = root[:2]
	}
	where := ""
	if ev.Location != nil {
		where = ev.Location.Name()
	}
	g.lastID++
	out := []string{strconv.Itoa(g.lastID), sqlDate, month, year}
	out = append(out, g.actor(a1)...)
	out = append(out, g.actor(a2)...)
	out = append(out, ev.CAMEO, base, root, strconv.Itoa(ev.QuadClass), num(ev.Goldstein),
		strconv.Itoa(r.mentions), strconv.Itoa(r.sources), strconv.Itoa(r.articles), where, r.url,
		ev.Type, strconv.FormatBool(ev.Negated), r.confidence, strconv.FormatBool(r.undated), ev.IRI, r.incident,
		nodeNames(r.actors), nodeNames(r.recipients), ev.Evidence)
	return g.enc.Write(out)
}

func (g *gdelt) close() error {
	g.enc.Flush()
	return g.enc.Error()
}

func nodeNames(ns []store.Node) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name()
	}
	return strings.Join(out, "; ")
}

// WriteGDELT writes the dataset's events, each as one article reports it, as a tab-separated
// table with GDELT 2.0 column names, one row per actor and recipient pair (an event with no
// recipient gives one row per actor with Actor2 empty). Dates are YYYYMMDD; Actor1Type is the
// entity's class (Person, Country, ...); NumMentions and NumArticles count the articles of the
// event node (one) and NumSources their publishers. WriteIncidentsGDELT writes one row per
// incident instead.
func WriteGDELT(w io.Writer, d store.Dataset) error {
	g, err := newGDELT(w, d)
	if err != nil {
		return err
	}
	for _, ev := range d.Events {
		url := ""
		publishers := map[string]bool{}
		for _, a := range ev.Articles {
			art := d.Articles[a]
			if url == "" {
				url = art.URL
			}
			p := strings.ToLower(strings.TrimSpace(art.Publisher))
			if p == "" {
				p = a
			}
			publishers[p] = true
		}
		if url == "" && len(ev.Articles) > 0 {
			url = ev.Articles[0]
		}
		r := row{ev: ev, date: ev.Date, mentions: len(ev.Articles), sources: len(publishers), articles: len(ev.Articles),
			url: url, confidence: num(ev.Confidence), undated: ev.Undated, actors: ev.Actors, recipients: ev.Recipients}
		targets := make([]*store.Node, 0, len(ev.Recipients))
		for i := range ev.Recipients {
			targets = append(targets, &ev.Recipients[i])
		}
		if len(targets) == 0 {
			targets = append(targets, nil)
		}
		for i := range ev.Actors {
			for _, t := range targets {
				if err := g.write(&ev.Actors[i], t, r); err != nil {
					return err
				}
			}
		}
	}
	return g.close()
}

// WriteIncidentsGDELT writes the incidents ins (store.IncidentsOf the dataset's events) as the
// GDELT-style table, one row per incident: Actor1 is the incident's first actor and Actor2 its
// first recipient, or, for an incident without recipients (parties acting together: a
// meeting, a joint statement), its second actor, people counted as their country as the
// incident counts them; Actors and Recipients list all its
// parties. NumMentions counts its reports, NumSources their distinct publishers and NumArticles
// their articles. The event columns (codes, Goldstein, place, evidence, EventIRI) are those of
// its earliest report, SOURCEURL the first report's URL (else its article IRI), Confidence the
// incident's, and DateFromArticle is true when no report dates it in its text.
func WriteIncidentsGDELT(w io.Writer, d store.Dataset, ins []store.Incident) error {
	g, err := newGDELT(w, d)
	if err != nil {
		return err
	}
	for _, in := range ins {
		if len(in.Reports) == 0 {
			continue
		}
		r := row{ev: in.Reports[0].Event, date: in.Date, mentions: len(in.Reports), sources: in.Sources,
			articles: in.Articles, incident: in.IRI, confidence: num(in.Confidence), undated: true,
			actors: in.Actors, recipients: in.Recipients}
		for _, rep := range in.Reports {
			if r.url == "" {
				r.url = rep.URL
			}
			if !rep.Event.Undated {
				r.undated = false
			}
			if r.ev.Location == nil && rep.Event.Location != nil {
				loc := *rep.Event.Location
				r.ev.Location = &loc
			}
		}
		if r.url == "" {
			r.url = in.Reports[0].Article
		}
		var a1, a2 *store.Node
		if len(in.Actors) > 0 {
			a1 = &in.Actors[0]
		}
		switch {
		case len(in.Recipients) > 0:
			a2 = &in.Recipients[0]
		case len(in.Actors) > 1:
			a2 = &in.Actors[1]
		}
		if err := g.write(a1, a2, r); err != nil {
			return err
		}
	}
	return g.close()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
