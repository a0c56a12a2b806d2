package store

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Fact is one edge of the graph as one article states it.
type Fact struct {
	Subject   Node   `json:"subject"`
	Predicate string `json:"predicate,omitempty"` // IRI
	Object    Node   `json:"object"`              // an IRI node, or a literal (empty IRI, text in Label)
	Article   string `json:"article,omitempty"`   // IRI of the article stating it
	Evidence  string `json:"evidence,omitempty"`  // the supporting sentence, when the article records one
}

// Profile is everything the graph says about one entity.
type Profile struct {
	Entity     Entity      `json:"entity"`
	Facts      []Fact      `json:"facts,omitempty"`      // edges from and to the entity, one per stating article
	Events     []Event     `json:"events,omitempty"`     // events it is an actor, recipient or location of
	Statements []Statement `json:"statements,omitempty"` // quotations it speaks or is named in
}

// attributes are the predicates Entity already reports; Show leaves them out of Facts.
var attributes = map[string]bool{
	schema.RDFType: true, schema.RDFSLabel: true, schema.Alias: true,
	schema.CountryCode: true, schema.Wikidata: true, schema.OWLSameAs: true,
}

// structural are the predicates from articles, events, statements and reified relations to
// entities; Show reports those nodes as Events and Statements, not as Facts.
var structural = map[string]bool{
	schema.Mentions: true, schema.Actor: true, schema.Recipient: true, schema.AtLocation: true,
	schema.Speaker: true, schema.About: true, schema.Subject: true, schema.Object: true,
}

// Show returns every fact about the entity at iri, with the article stating it and its
// evidence, and the events and statements it takes part in. An IRI that is no entity gives an
// error wrapping ErrNotFound.
func (s *Store) Show(ctx context.Context, iri string) (Profile, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.entity(ctx, iri)
	if err != nil {
		return Profile{}, err
	}
	p := Profile{Entity: e}
	r := newReader(ctx, s)
	self := Node{IRI: iri, Label: e.Label, Type: e.Type}

	out, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
	if err != nil {
		return Profile{}, err
	}
	in, err := s.quadsWith(ctx, quad.Object, quad.IRI(iri))
	if err != nil {
		return Profile{}, err
	}
	// The reified relations, events and statements that name the entity, by article.
	var relations, events, statements []string
	for _, q := range in {
		sub := iriOf(q.Subject)
		switch iriOf(q.Predicate) {
		case schema.Subject, schema.Object:
			relations = appendUnique(relations, sub)
		case schema.Actor, schema.Recipient, schema.AtLocation:
			events = appendUnique(events, sub)
		case schema.Speaker, schema.About:
			statements = appendUnique(statements, sub)
		}
	}

	for _, q := range out {
		pred := iriOf(q.Predicate)
		if attributes[pred] {
			continue
		}
		obj, err := r.value(q.Object)
		if err != nil {
			return Profile{}, err
		}
		p.Facts = append(p.Facts, Fact{Subject: self, Predicate: pred, Object: obj, Article: iriOf(q.Label)})
	}
	for _, q := range in {
		pred := iriOf(q.Predicate)
		if structural[pred] {
			continue
		}
		sub, err := r.value(q.Subject)
		if err != nil {
			return Profile{}, err
		}
		p.Facts = append(p.Facts, Fact{Subject: sub, Predicate: pred, Object: self, Article: iriOf(q.Label)})
	}
	for i := range p.Facts {
		if p.Facts[i].Evidence, err = r.evidence(p.Facts[i], relations, events); err != nil {
			return Profile{}, err
		}
	}
	sortFacts(iri, p.Facts)

	sort.Strings(events)
	for _, ev := range events {
		x, ok, err := r.event(ev)
		if err != nil {
			return Profile{}, err
		}
		if ok {
			p.Events = append(p.Events, x)
		}
	}
	sortEvents(p.Events)
	sort.Strings(statements)
	for _, st := range statements {
		x, ok, err := r.statement(st)
		if err != nil {
			return Profile{}, err
		}
		if ok {
			p.Statements = append(p.Statements, x)
		}
	}
	sortStatements(p.Statements)
	return p, nil
}

// value names a quad value: an IRI node, or a literal.
func (r *reader) value(v quad.Value) (Node, error) {
	if iri := iriOf(v); iri != "" {
		return r.node(iri)
	}
	return Node{Label: text(v)}, nil
}

// evidence returns the sentence f's article gives for it: the evidence of the reified relation
// stating it, or for a met edge, of the meeting event; "" when there is none.
func (r *reader) evidence(f Fact, relations, events []string) (string, error) {
	if f.Predicate == schema.Met {
		for _, iri := range events {
			ev, ok, err := r.event(iri)
			if err != nil {
				return "", err
			}
			if !ok || ev.Negated || ev.Evidence == "" || !contains(ev.Articles, f.Article) {
				continue
			}
			if participates(ev, f.Subject.IRI) && participates(ev, f.Object.IRI) {
				return ev.Evidence, nil
			}
		}
		return "", nil
	}
	for _, iri := range relations {
		n, err := r.describe(iri)
		if err != nil {
			return "", err
		}
		if !n.is(schema.Relation) || truth(n.first(schema.Negated)) || !contains(n.articles(), f.Article) {
			continue
		}
		if n.first(schema.Subject) == f.Subject.IRI && n.first(schema.Predicate) == f.Predicate &&
			sameNode(n.first(schema.Object), f.Object) {
			if ev := n.first(schema.Evidence); ev != "" {
				return ev, nil
			}
		}
	}
	return "", nil
}

func sameNode(text string, n Node) bool {
	if n.IRI != "" {
		return text == n.IRI
	}
	return text == n.Label
}

func participates(ev Event, iri string) bool {
	return hasNode(ev.Actors, iri) || hasNode(ev.Recipients, iri)
}

// predicateRank orders predicates: the static relations in CONTRACT order, met, then the rest.
func predicateRank(p string) int {
	for i, r := range schema.EntityRelations {
		if r == p {
			return i
		}
	}
	if p == schema.Met {
		return len(schema.EntityRelations)
	}
	return len(schema.EntityRelations) + 1
}

// sortFacts orders facts: those with subject self first, then by predicate, other end and
// article.
func sortFacts(self string, fs []Fact) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ao, bo := a.Subject.IRI == self, b.Subject.IRI == self; ao != bo {
			return ao
		}
		if ra, rb := predicateRank(a.Predicate), predicateRank(b.Predicate); ra != rb {
			return ra < rb
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		other := func(f Fact) string {
			if f.Subject.IRI == self {
				return f.Object.Name()
			}
			return f.Subject.Name()
		}
		if oa, ob := other(a), other(b); oa != ob {
			return oa < ob
		}
		return a.Article < b.Article
	})
}
