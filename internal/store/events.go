package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Node names a node the result refers to.
type Node struct {
	IRI   string `json:"iri,omitempty"`   // empty for a literal
	Label string `json:"label,omitempty"` // an entity's label, or a literal's text; empty for a node without one
	Type  string `json:"type,omitempty"`  // local name of an entity's class; empty otherwise
}

// Name returns the label, else the local name of the IRI.
func (n Node) Name() string {
	if n.Label != "" {
		return n.Label
	}
	return schema.Local(n.IRI)
}

// Event is a coded event, merged over the articles that report it.
type Event struct {
	IRI        string   `json:"iri"`
	Type       string   `json:"type,omitempty"` // PLOVER type
	CAMEO      string   `json:"cameo,omitempty"`
	Mode       string   `json:"mode,omitempty"`
	Context    string   `json:"context,omitempty"`
	QuadClass  int      `json:"quadClass,omitempty"`
	Goldstein  float64  `json:"goldstein,omitempty"`
	Date       string   `json:"date,omitempty"`    // YYYY-MM-DD: the event's date, else its article's publication date; may be ""
	Undated    bool     `json:"undated,omitempty"` // the text gives no date: Date is the article's
	Actors     []Node   `json:"actors,omitempty"`
	Recipients []Node   `json:"recipients,omitempty"`
	Location   *Node    `json:"location,omitempty"`
	Evidence   string   `json:"evidence,omitempty"`
	Trigger    string   `json:"trigger,omitempty"`
	Confidence float64  `json:"confidence,omitempty"`
	Negated    bool     `json:"negated,omitempty"`
	Articles   []string `json:"articles,omitempty"` // IRIs of the reporting articles
}

// Statement is a quotation.
type Statement struct {
	IRI      string   `json:"iri"`
	Speaker  Node     `json:"speaker"`
	Quote    string   `json:"quote,omitempty"`
	About    []Node   `json:"about,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
	Date     string   `json:"date,omitempty"`     // publication date of its article; may be ""
	Articles []string `json:"articles,omitempty"` // IRIs of the reporting articles
}

// EventFilter selects events; zero fields select all.
type EventFilter struct {
	Actor string `json:"actor,omitempty"` // IRI of an entity among the actors
	Type  string `json:"type,omitempty"`  // PLOVER type, any case
	Since string `json:"since,omitempty"` // YYYY-MM-DD, inclusive; events without a date are then left out
	Until string `json:"until,omitempty"` // YYYY-MM-DD, inclusive; events without a date are then left out
}

// Events returns the events f selects, ordered by date and IRI. An unknown type or a malformed
// date is an error.
func (s *Store) Events(ctx context.Context, f EventFilter) ([]Event, error) {
	if f.Type != "" {
		t, err := ploverType(f.Type)
		if err != nil {
			return nil, err
		}
		f.Type = t
	}
	for _, d := range []string{f.Since, f.Until} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return nil, fmt.Errorf("date %q: want YYYY-MM-DD", d)
		}
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var iris []string
	switch {
	case f.Actor != "":
		iris, err = s.subjectsWith(ctx, schema.Actor, quad.IRI(f.Actor))
	case f.Type != "":
		iris, err = s.subjectsWith(ctx, schema.EventType, quad.String(f.Type))
	default:
		iris, err = s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Event))
	}
	if err != nil {
		return nil, err
	}
	r := newReader(ctx, s)
	var out []Event
	for _, iri := range iris {
		ev, ok, err := r.event(iri)
		if err != nil {
			return nil, err
		}
		if !ok || (f.Type != "" && ev.Type != f.Type) {
			continue
		}
		if f.Actor != "" && !hasNode(ev.Actors, f.Actor) {
			continue
		}
		if (f.Since != "" || f.Until != "") && ev.Date == "" {
			continue
		}
		if (f.Since != "" && ev.Date < f.Since) || (f.Until != "" && ev.Date > f.Until) {
			continue
		}
		out = append(out, ev)
	}
	sortEvents(out)
	return out, nil
}

// Quotes returns the statements of speaker (an entity IRI; "" for everyone), ordered by date and
// IRI.
func (s *Store) Quotes(ctx context.Context, speaker string) ([]Statement, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var iris []string
	if speaker != "" {
		iris, err = s.subjectsWith(ctx, schema.Speaker, quad.IRI(speaker))
	} else {
		iris, err = s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Statement))
	}
	if err != nil {
		return nil, err
	}
	r := newReader(ctx, s)
	var out []Statement
	for _, iri := range iris {
		st, ok, err := r.statement(iri)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, st)
		}
	}
	sortStatements(out)
	return out, nil
}

// subjectsWith returns the distinct IRIs of the subjects of quads (?, p, o), sorted.
func (s *Store) subjectsWith(ctx context.Context, p string, o quad.Value) ([]string, error) {
	if s.qs == nil {
		return nil, errors.New("store is closed")
	}
	pref, err := s.qs.ValueOf(quad.IRI(p))
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", p, err)
	}
	oref, err := s.qs.ValueOf(o)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", o, err)
	}
	if isNilRef(pref) || isNilRef(oref) {
		return nil, nil
	}
	// The quads' predicates and subjects are compared and collected as references, without
	// reading a value, and only the distinct subjects are read.
	it := s.qs.QuadIterator(quad.Object, oref).Iterate()
	defer it.Close()
	seen := make(map[any]bool)
	var subjects []graph.Ref
	for it.Next(ctx) {
		q := it.Result()
		pr, err := s.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return nil, fmt.Errorf("read quad: %w", err)
		}
		if pr == nil || pr.Key() != pref.Key() {
			continue
		}
		sr, err := s.qs.QuadDirection(q, quad.Subject)
		if err != nil {
			return nil, fmt.Errorf("read quad: %w", err)
		}
		if sr != nil && !seen[sr.Key()] {
			seen[sr.Key()] = true
			subjects = append(subjects, sr)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read quads with object %v: %w", o, err)
	}
	var out []string
	for len(subjects) > 0 {
		n := min(len(subjects), quadReaderBatch)
		vals, err := s.values.valuesOf(ctx, s.qs, subjects[:n])
		if err != nil {
			return nil, fmt.Errorf("read subjects: %w", err)
		}
		for _, v := range vals {
			if iri := iriOf(v); iri != "" {
				out = append(out, iri)
			}
		}
		subjects = subjects[n:]
	}
	sort.Strings(out)
	return out, ctx.Err()
}

// isNilRef reports a reference to no node: nil, or a backend's zero value for one.
func isNilRef(r graph.Ref) bool {
	if r == nil {
		return true
	}
	if v, ok := r.(cayleykv.Int64Value); ok && v == 0 {
		return true
	}
	return false
}

// reader reads nodes for one request, remembering what it read.
type reader struct {
	s     *Store
	ctx   context.Context
	nodes map[string]*node
	names map[string]Node // what node found

	adjacency int               // whether the store keeps the adjacency index: 0 not asked yet, 1 yes, -1 no
	strings   map[string]string // see intern
}

func newReader(ctx context.Context, s *Store) *reader {
	return &reader{s: s, ctx: ctx, nodes: make(map[string]*node), names: make(map[string]Node)}
}

func (r *reader) describe(iri string) (*node, error) {
	if n, ok := r.nodes[iri]; ok {
		return n, nil
	}
	n, err := r.s.describe(r.ctx, iri)
	if err != nil {
		return nil, err
	}
	r.nodes[iri] = n
	return n, nil
}

// node names the node at iri.
func (r *reader) node(iri string) (Node, error) {
	if x, ok := r.names[iri]; ok {
		return x, nil
	}
	n, ok := r.nodes[iri]
	if !ok && r.adjacencyKept() {
		x, err := r.indexedNode(iri)
		if err != nil {
			return Node{}, err
		}
		r.names[iri] = x
		return x, nil
	}
	if !ok {
		// Only the label and the classes: a hub entity has thousands of other quads.
		var err error
		if n, err = r.s.describeOnly(r.ctx, iri, schema.RDFSLabel, schema.RDFType); err != nil {
			return Node{}, err
		}
	}
	out := Node{IRI: iri, Label: n.first(schema.RDFSLabel)}
	if c := n.class(); isEntityClass(schema.NS + c) {
		out.Type = c
	}
	r.names[iri] = out
	return out, nil
}

func (r *reader) nodesOf(n *node, p string) ([]Node, error) {
	var out []Node
	for _, iri := range n.iris(p) {
		x, err := r.node(iri)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// published returns the publication date of the first of the articles that has one.
func (r *reader) published(articles []string) (string, error) {
	for _, a := range articles {
		n, err := r.describe(a)
		if err != nil {
			return "", err
		}
		if d := n.first(schema.Published); d != "" {
			return d, nil
		}
	}
	return "", nil
}

// event reads the event at iri; ok is false when iri is not an event.
func (r *reader) event(iri string) (ev Event, ok bool, err error) {
	n, err := r.describe(iri)
	if err != nil || !n.is(schema.Event) {
		return Event{}, false, err
	}
	ev = Event{
		IRI:      iri,
		Type:     n.first(schema.EventType),
		CAMEO:    n.first(schema.CAMEO),
		Mode:     n.first(schema.Mode),
		Context:  n.first(schema.Context),
		Date:     n.first(schema.Date),
		Evidence: n.first(schema.Evidence),
		Trigger:  n.first(schema.Trigger),
		Negated:  truth(n.first(schema.Negated)),
		Articles: n.iris(schema.ReportedIn),
	}
	ev.QuadClass, _ = strconv.Atoi(n.first(schema.QuadClass))
	ev.Goldstein, _ = strconv.ParseFloat(n.first(schema.Goldstein), 64)
	ev.Confidence, _ = strconv.ParseFloat(n.first(schema.Confidence), 64)
	if len(ev.Articles) == 0 {
		ev.Articles = n.articles()
	}
	if ev.Date == "" {
		ev.Undated = true
		if ev.Date, err = r.published(ev.Articles); err != nil {
			return Event{}, false, err
		}
	}
	if ev.Actors, err = r.nodesOf(n, schema.Actor); err != nil {
		return Event{}, false, err
	}
	if ev.Recipients, err = r.nodesOf(n, schema.Recipient); err != nil {
		return Event{}, false, err
	}
	if loc := n.iris(schema.AtLocation); len(loc) > 0 {
		l, err := r.node(loc[0])
		if err != nil {
			return Event{}, false, err
		}
		ev.Location = &l
	}
	return ev, true, nil
}

// statement reads the statement at iri; ok is false when iri is not a statement.
func (r *reader) statement(iri string) (st Statement, ok bool, err error) {
	n, err := r.describe(iri)
	if err != nil || !n.is(schema.Statement) {
		return Statement{}, false, err
	}
	st = Statement{
		IRI:      iri,
		Quote:    n.first(schema.Quote),
		Evidence: n.first(schema.Evidence),
		Articles: n.iris(schema.ReportedIn),
	}
	if len(st.Articles) == 0 {
		st.Articles = n.articles()
	}
	if sp := n.iris(schema.Speaker); len(sp) > 0 {
		if st.Speaker, err = r.node(sp[0]); err != nil {
			return Statement{}, false, err
		}
	}
	if st.About, err = r.nodesOf(n, schema.About); err != nil {
		return Statement{}, false, err
	}
	if st.Date, err = r.published(st.Articles); err != nil {
		return Statement{}, false, err
	}
	return st, true, nil
}

func hasNode(ns []Node, iri string) bool {
	for _, n := range ns {
		if n.IRI == iri {
			return true
		}
	}
	return false
}

func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].Date != evs[j].Date {
			return evs[i].Date < evs[j].Date
		}
		return evs[i].IRI < evs[j].IRI
	})
}

func sortStatements(sts []Statement) {
	sort.SliceStable(sts, func(i, j int) bool {
		if sts[i].Date != sts[j].Date {
			return sts[i].Date < sts[j].Date
		}
		return sts[i].IRI < sts[j].IRI
	})
}

// ploverType returns the PLOVER type named t, in upper case.
func ploverType(t string) (string, error) {
	for _, p := range schema.PLOVER {
		if strings.EqualFold(p, t) {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown event type %q (want one of %s)", t, strings.Join(schema.PLOVER, " "))
}
