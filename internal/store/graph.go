package store

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Link is one step between two entities: a static relation or met edge, or taking part in the
// same event.
type Link struct {
	From      Node       `json:"from"`
	To        Node       `json:"to"`
	Predicate string     `json:"predicate,omitempty"` // the relation's IRI (schema.LeaderOf, schema.Met, ...), or schema.Event
	EventType string     `json:"eventType,omitempty"` // for schema.Event: the PLOVER type of Event
	Event     string     `json:"event,omitempty"`     // for schema.Event: the first event both take part in
	Reverse   bool       `json:"reverse,omitempty"`   // the graph's edge runs To → From
	Articles  []string   `json:"articles,omitempty"`  // IRIs of the articles stating it, sorted
	Evidence  []Evidence `json:"evidence,omitempty"`  // the sentences behind it, when asked for
}

// Neighbor is an entity reached from another.
type Neighbor struct {
	Entity Node `json:"entity"`
	Depth  int  `json:"depth,omitempty"` // number of links from the start
	Via    Link `json:"via"`             // the link that reached it, from an entity at Depth-1
}

// walkPredicates are the entity-to-entity edges Neighbors and Path follow, besides events.
var walkPredicates = map[string]bool{
	schema.LeaderOf: true, schema.Represents: true, schema.AffiliatedWith: true,
	schema.MemberOf: true, schema.PartOf: true, schema.LocatedIn: true, schema.Met: true,
}

// Neighbors returns the entities within depth links of the entity at iri (depth < 1 means 1),
// following static relations and met edges both ways and co-participation in events, nearest
// first.
func (s *Store) Neighbors(ctx context.Context, iri string, depth int) ([]Neighbor, error) {
	if depth < 1 {
		depth = 1
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	if err := r.isEntity(iri); err != nil {
		return nil, err
	}
	var out []Neighbor
	if r.adjacencyKept() {
		var err error
		if out, err = r.indexedNeighbors(iri, depth); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{iri: true}
	front := []string{iri}
	for d := 1; d <= depth && len(front) > 0 && !r.adjacencyKept(); d++ {
		var next []string
		for _, x := range front {
			links, err := r.links(x)
			if err != nil {
				return nil, err
			}
			for _, l := range links {
				if seen[l.To.IRI] {
					continue
				}
				seen[l.To.IRI] = true
				next = append(next, l.To.IRI)
				out = append(out, Neighbor{Entity: l.To, Depth: d, Via: l})
			}
		}
		front = next
	}
	for i := range out {
		if err := r.name(&out[i].Via); err != nil {
			return nil, err
		}
		out[i].Entity = out[i].Via.To
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Depth != out[j].Depth {
			return out[i].Depth < out[j].Depth
		}
		return out[i].Entity.Name() < out[j].Entity.Name()
	})
	return out, nil
}

// name fills in the labels of a link's ends.
func (r *reader) name(l *Link) error {
	var err error
	if l.From, err = r.node(l.From.IRI); err != nil {
		return err
	}
	l.To, err = r.node(l.To.IRI)
	return err
}

// links returns the links from the entity at iri, merged over articles, in a fixed order:
// relations in CONTRACT order, met, then events; forward edges first; then by the other end.
// Only IRIs are set on the ends; name fills in labels.
func (r *reader) links(iri string) ([]Link, error) {
	if r.adjacencyKept() {
		return r.indexedLinks(iri, true)
	}
	type key struct {
		pred, other, eventType string
		reverse                bool
	}
	byKey := make(map[key]*Link)
	var order []key
	add := func(k key, l Link, article string) {
		if x, ok := byKey[k]; ok {
			x.Articles = appendUnique(x.Articles, article)
			if l.Event != "" && l.Event < x.Event {
				x.Event = l.Event
			}
			return
		}
		l.Articles = []string{article}
		byKey[k] = &l
		order = append(order, k)
	}
	from := Node{IRI: iri}

	out, err := r.s.quadsWith(r.ctx, quad.Subject, quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	for _, q := range out {
		p, o := iriOf(q.Predicate), iriOf(q.Object)
		if walkPredicates[p] && o != "" && o != iri {
			add(key{pred: p, other: o}, Link{From: from, To: Node{IRI: o}, Predicate: p}, iriOf(q.Label))
		}
	}
	in, err := r.s.quadsWith(r.ctx, quad.Object, quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	var events []string
	for _, q := range in {
		p, sub := iriOf(q.Predicate), iriOf(q.Subject)
		switch {
		case walkPredicates[p] && sub != "" && sub != iri:
			add(key{pred: p, other: sub, reverse: true},
				Link{From: from, To: Node{IRI: sub}, Predicate: p, Reverse: true}, iriOf(q.Label))
		case p == schema.Actor || p == schema.Recipient:
			events = appendUnique(events, sub)
		}
	}
	sort.Strings(events)
	for _, evIRI := range events {
		ev, err := r.describe(evIRI)
		if err != nil {
			return nil, err
		}
		if !ev.is(schema.Event) || truth(ev.first(schema.Negated)) {
			continue
		}
		typ := ev.first(schema.EventType)
		for _, p := range []string{schema.Actor, schema.Recipient} {
			for _, f := range ev.props[p] {
				o := iriOf(f.value)
				if o == "" || o == iri {
					continue
				}
				for _, a := range f.articles {
					add(key{pred: schema.Event, other: o, eventType: typ},
						Link{From: from, To: Node{IRI: o}, Predicate: schema.Event, EventType: typ, Event: evIRI}, a)
				}
			}
		}
	}

	links := make([]Link, 0, len(order))
	for _, k := range order {
		l := byKey[k]
		sort.Strings(l.Articles)
		links = append(links, *l)
	}
	rank := func(l Link) int {
		if l.Predicate == schema.Event {
			return len(schema.EntityRelations) + 1
		}
		return predicateRank(l.Predicate)
	}
	sort.SliceStable(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Reverse != b.Reverse {
			return !a.Reverse
		}
		if a.To.IRI != b.To.IRI {
			return a.To.IRI < b.To.IRI
		}
		return a.EventType < b.EventType
	})
	return links, nil
}
