package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Filter selects the events an export holds; the zero Filter selects the whole graph. A filter
// that selects anything keeps the selected events, the entities they name, the articles that
// report them, and the relations between those entities that those articles state; quotations
// are left out.
type Filter struct {
	Since         string   `json:"since,omitempty"`         // YYYY-MM-DD, inclusive (the event's date, else its article's)
	Until         string   `json:"until,omitempty"`         // YYYY-MM-DD, inclusive
	Actors        []string `json:"actors,omitempty"`        // IRIs: events with any of them as actor or recipient
	Types         []string `json:"types,omitempty"`         // PLOVER types
	MinConfidence float64  `json:"minConfidence,omitempty"` // events at least this sure
}

// IsZero reports whether f selects the whole graph.
func (f Filter) IsZero() bool {
	return f.Since == "" && f.Until == "" && len(f.Actors) == 0 && len(f.Types) == 0 && f.MinConfidence == 0
}

// check normalises the types of f and validates its dates.
func (f *Filter) check() error {
	for i, t := range f.Types {
		p, err := ploverType(t)
		if err != nil {
			return err
		}
		f.Types[i] = p
	}
	for _, d := range []string{f.Since, f.Until} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			return fmt.Errorf("date %q: want YYYY-MM-DD", d)
		}
	}
	return nil
}

// keeps reports whether f selects ev.
func (f Filter) keeps(ev Event) bool {
	if len(f.Types) > 0 && !contains(f.Types, ev.Type) {
		return false
	}
	if (f.Since != "" || f.Until != "") && ev.Date == "" {
		return false
	}
	if (f.Since != "" && ev.Date < f.Since) || (f.Until != "" && ev.Date > f.Until) {
		return false
	}
	if ev.Confidence < f.MinConfidence {
		return false
	}
	if len(f.Actors) > 0 {
		for _, a := range f.Actors {
			if participates(ev, a) {
				return true
			}
		}
		return false
	}
	return true
}

// Dataset is the graph, or the part a Filter selects, as tables: entities, weighted edges,
// events and the articles behind them.
type Dataset struct {
	Entities []NetNode          `json:"entities"` // by class and label
	Edges    []NetEdge          `json:"edges"`    // relations first, then events, by source and target
	Events   []Event            `json:"events"`   // by date
	Articles map[string]Article `json:"articles"` // by IRI: metadata only (no Mentions or Items)
}

// NetNode is an entity as a node of a network.
type NetNode struct {
	IRI         string   `json:"iri"`
	Label       string   `json:"label"`
	Type        string   `json:"type"`
	CountryCode string   `json:"countryCode,omitempty"`
	Wikidata    string   `json:"wikidata,omitempty"`
	Roles       []string `json:"roles,omitempty"` // holdsRole values
	Articles    int      `json:"articles"`        // how many articles name it
}

// NetEdge is a relation or a kind of event between two entities, merged over articles: from
// actor to recipient, or, for an event without recipients, between its actors.
type NetEdge struct {
	Source    string  `json:"source"` // IRI
	Target    string  `json:"target"` // IRI
	Kind      string  `json:"kind"`   // relation or event
	Label     string  `json:"label"`  // the relation's local name (leaderOf) or the event type (AGREE)
	Weight    int     `json:"weight"` // the number of articles stating it
	Events    int     `json:"events,omitempty"`
	First     string  `json:"first,omitempty"`     // earliest date: of the events, else of the articles
	Goldstein float64 `json:"goldstein,omitempty"` // total over the events
	Evidence  string  `json:"evidence,omitempty"`  // the first supporting sentence
}

// Dataset returns what f selects. A malformed date or an unknown type is an error.
func (s *Store) Dataset(ctx context.Context, f Filter) (Dataset, error) {
	if err := f.check(); err != nil {
		return Dataset{}, err
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return Dataset{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	sel, err := s.selectFor(ctx, f)
	if err != nil {
		return Dataset{}, err
	}
	return sel.dataset()
}

// selection is the nodes a filter keeps.
type selection struct {
	r         *reader
	all       bool // the zero filter: everything
	consult   bool // met edges stay (CONSULT is not filtered out)
	events    []Event
	eventSet  map[string]bool
	entities  map[string]bool
	articles  map[string]bool
	relations map[string]bool // reified relations
}

func (s *Store) selectFor(ctx context.Context, f Filter) (*selection, error) {
	r := newReader(ctx, s)
	sel := &selection{r: r, all: f.IsZero(), consult: len(f.Types) == 0 || contains(f.Types, "CONSULT"),
		eventSet: map[string]bool{}, entities: map[string]bool{}, articles: map[string]bool{}, relations: map[string]bool{}}
	iris, err := s.candidateEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, iri := range iris {
		ev, ok, err := r.event(iri)
		if err != nil {
			return nil, err
		}
		if !ok || !f.keeps(ev) {
			continue
		}
		sel.events = append(sel.events, ev)
		sel.eventSet[iri] = true
		for _, a := range ev.Articles {
			sel.articles[a] = true
		}
		for _, n := range append(append([]Node(nil), ev.Actors...), ev.Recipients...) {
			sel.entities[n.IRI] = true
		}
		if ev.Location != nil {
			sel.entities[ev.Location.IRI] = true
		}
		n, err := r.describe(iri)
		if err != nil {
			return nil, err
		}
		for _, c := range n.iris(schema.ClaimedBy) {
			sel.entities[c] = true
		}
	}
	sortEvents(sel.events)
	if sel.all {
		es, err := s.entities(ctx, entityClasses)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			sel.entities[e.IRI] = true
		}
		arts, err := s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Article))
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			sel.articles[a] = true
		}
	}
	var rels []string
	if sel.all {
		if rels, err = s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Relation)); err != nil {
			return nil, err
		}
	} else { // only relations whose subject is kept can stay
		for e := range sel.entities {
			xs, err := s.subjectsWith(ctx, schema.Subject, quad.IRI(e))
			if err != nil {
				return nil, err
			}
			rels = append(rels, xs...)
		}
		sort.Strings(rels)
	}
	for _, iri := range rels {
		fact, arts, _, ok, err := r.relation(iri)
		if err != nil {
			return nil, err
		}
		if ok && sel.entities[fact.Subject.IRI] && (fact.Object.IRI == "" || sel.entities[fact.Object.IRI]) && sel.anyArticle(arts) {
			sel.relations[iri] = true
		}
	}
	return sel, nil
}

// candidateEvents returns the IRIs of the events f may select, found through the index on its
// actors or types when it names some, sorted.
func (s *Store) candidateEvents(ctx context.Context, f Filter) ([]string, error) {
	type index struct {
		pred string
		obj  quad.Value
	}
	var lookups []index
	switch {
	case len(f.Actors) > 0:
		for _, a := range f.Actors {
			lookups = append(lookups, index{schema.Actor, quad.IRI(a)}, index{schema.Recipient, quad.IRI(a)})
		}
	case len(f.Types) > 0:
		for _, t := range f.Types {
			lookups = append(lookups, index{schema.EventType, quad.String(t)})
		}
	default:
		return s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Event))
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range lookups {
		xs, err := s.subjectsWith(ctx, l.pred, l.obj)
		if err != nil {
			return nil, err
		}
		for _, x := range xs {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func (sel *selection) anyArticle(arts []string) bool {
	for _, a := range arts {
		if sel.articles[a] {
			return true
		}
	}
	return false
}

// keeps reports whether the selection holds q.
func (sel *selection) keeps(q quad.Quad) bool {
	if sel.all {
		return true
	}
	if !sel.articles[iriOf(q.Label)] {
		return false
	}
	sub, pred, obj := iriOf(q.Subject), iriOf(q.Predicate), iriOf(q.Object)
	switch {
	case sel.eventSet[sub], sel.relations[sub]:
		return true
	case sel.entities[sub]:
		if attributes[pred] {
			return true
		}
		if pred == schema.Met {
			return sel.consult && sel.entities[obj]
		}
		return isRelation(pred) && (obj == "" || sel.entities[obj])
	case sel.articles[sub]:
		return pred != schema.Mentions || sel.entities[obj]
	}
	return false
}

func isRelation(pred string) bool {
	for _, r := range schema.EntityRelations {
		if r == pred {
			return true
		}
	}
	return false
}

// dataset reads the selected entities, their edges and the articles' metadata.
func (sel *selection) dataset() (Dataset, error) {
	r := sel.r
	d := Dataset{Events: sel.events, Articles: map[string]Article{}}
	if d.Events == nil {
		d.Events = []Event{}
	}
	for a := range sel.articles {
		n, err := r.describe(a)
		if err != nil {
			return Dataset{}, err
		}
		d.Articles[a] = Article{IRI: a, Identifier: n.first(schema.Identifier), URL: n.first(schema.URL),
			Title: n.first(schema.Title), Published: n.first(schema.Published), Publisher: n.first(schema.Publisher)}
	}
	firstDate := func(arts []string) string {
		first := ""
		for _, a := range arts {
			if p := d.Articles[a].Published; p != "" && (first == "" || p < first) {
				first = p
			}
		}
		return first
	}
	type edgeKey struct{ s, t, kind, label string }
	edges := map[edgeKey]*NetEdge{}
	edgeArticles := map[edgeKey][]string{}
	var order []edgeKey
	add := func(k edgeKey, arts []string, date, evidence string, goldstein float64, event bool) {
		e := edges[k]
		if e == nil {
			e = &NetEdge{Source: k.s, Target: k.t, Kind: k.kind, Label: k.label}
			edges[k] = e
			order = append(order, k)
		}
		for _, a := range arts {
			if sel.articles[a] {
				edgeArticles[k] = appendUnique(edgeArticles[k], a)
			}
		}
		if event {
			e.Events++
			e.Goldstein += goldstein
		}
		if date != "" && (e.First == "" || date < e.First) {
			e.First = date
		}
		if e.Evidence == "" {
			e.Evidence = evidence
		}
	}
	var iris []string
	for iri := range sel.entities {
		iris = append(iris, iri)
	}
	sort.Strings(iris)
	for _, iri := range iris {
		n, err := r.describe(iri)
		if err != nil {
			return Dataset{}, err
		}
		e, ok := entityOf(n)
		if !ok {
			continue
		}
		node := NetNode{IRI: iri, Label: e.Label, Type: e.Type, CountryCode: e.CountryCode, Wikidata: e.Wikidata}
		arts := map[string]bool{}
		for p, facts := range n.props {
			for _, f := range facts {
				kept := false
				for _, a := range f.articles {
					if sel.articles[a] {
						kept, arts[a] = true, true
					}
				}
				if !kept {
					continue
				}
				switch o := iriOf(f.value); {
				case p == schema.HoldsRole:
					node.Roles = appendUnique(node.Roles, text(f.value))
				case isRelation(p) && sel.entities[o]:
					add(edgeKey{iri, o, "relation", schema.Local(p)}, f.articles, firstDate(f.articles), "", 0, false)
				}
			}
		}
		sort.Strings(node.Roles)
		node.Articles = len(arts)
		d.Entities = append(d.Entities, node)
	}
	// Evidence of relation edges, from the reified relations.
	var rels []string
	for iri := range sel.relations {
		rels = append(rels, iri)
	}
	sort.Strings(rels)
	for _, iri := range rels {
		f, _, sentence, ok, err := r.relation(iri)
		if err != nil {
			return Dataset{}, err
		}
		k := edgeKey{f.Subject.IRI, f.Object.IRI, "relation", schema.Local(f.Predicate)}
		if e := edges[k]; ok && !f.Negated && e != nil && e.Evidence == "" {
			e.Evidence = sentence
		}
	}
	for _, ev := range sel.events {
		if ev.Negated {
			continue
		}
		for i, a := range ev.Actors {
			for _, b := range ev.Recipients {
				add(edgeKey{a.IRI, b.IRI, "event", ev.Type}, ev.Articles, ev.Date, ev.Evidence, ev.Goldstein, true)
			}
			if len(ev.Recipients) == 0 { // acting together: an edge between each pair of actors
				for _, b := range ev.Actors[i+1:] {
					add(edgeKey{a.IRI, b.IRI, "event", ev.Type}, ev.Articles, ev.Date, ev.Evidence, ev.Goldstein, true)
				}
			}
		}
	}
	for _, k := range order {
		e := edges[k]
		e.Weight = len(edgeArticles[k])
		d.Edges = append(d.Edges, *e)
	}
	sort.SliceStable(d.Edges, func(i, j int) bool {
		a, b := d.Edges[i], d.Edges[j]
		if a.Kind != b.Kind {
			return a.Kind == "relation"
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Label < b.Label
	})
	sort.SliceStable(d.Entities, func(i, j int) bool {
		a, b := d.Entities[i], d.Entities[j]
		if ra, rb := classRank(a.Type), classRank(b.Type); ra != rb {
			return ra < rb
		}
		return strings.ToLower(a.Label) < strings.ToLower(b.Label)
	})
	if d.Entities == nil {
		d.Entities = []NetNode{}
	}
	if d.Edges == nil {
		d.Edges = []NetEdge{}
	}
	return d, nil
}

// classRank orders entity classes (local names) as the contract lists them.
func classRank(local string) int { return position(entityClasses, schema.NS+local) }
