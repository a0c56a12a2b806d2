package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Source is one article's sentence behind a fact or an event.
type Source struct {
	Node      string `json:"node"` // IRI of the event or reified relation
	Kind      string `json:"kind"` // event or relation
	Negated   bool   `json:"negated,omitempty"`
	Article   string `json:"article"` // IRI
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Sentence  string `json:"sentence,omitempty"`
	Offset    string `json:"offset,omitempty"` // start-end, bytes into the article's text
	// Derivation is how an event was read from the parse of its sentence (schema.Derivation).
	Derivation string `json:"derivation,omitempty"`
}

// ExplainNode returns the sources of the event or reified relation at iri: every article that
// reports it, with the sentence. A node that is neither gives an error wrapping ErrNotFound.
func (s *Store) ExplainNode(ctx context.Context, iri string) ([]Source, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	n, err := r.describe(iri)
	if err != nil {
		return nil, err
	}
	kind := "event"
	switch {
	case n.is(schema.Event):
	case n.is(schema.Relation):
		kind = "relation"
	default:
		return nil, fmt.Errorf("%s is no event or relation: %w", iri, ErrNotFound)
	}
	arts := n.iris(schema.ReportedIn)
	if len(arts) == 0 {
		arts = n.articles()
	}
	var out []Source
	for _, a := range arts {
		src, err := r.source(iri, kind, a, n.first(schema.Evidence), n.first(schema.Offset), truth(n.first(schema.Negated)))
		if err != nil {
			return nil, err
		}
		src.Derivation = n.first(schema.Derivation)
		out = append(out, src)
	}
	return out, nil
}

// ExplainFact returns the sources of the fact (subject, predicate, object): predicate is a
// relation's IRI or local name (leaderOf, met) or a PLOVER event type, object an entity IRI or,
// for holdsRole, the role. Denied statements of the fact are included, marked Negated; an event
// type gives the events subject acts in towards (or together with) object.
func (s *Store) ExplainFact(ctx context.Context, subject, predicate, object string) ([]Source, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	if t, err := ploverType(predicate); err == nil || strings.EqualFold(predicate, "met") || predicate == schema.Met {
		typ := t
		if err != nil {
			typ = "CONSULT"
		}
		evs, err := r.sharedEvents(subject, object, typ)
		if err != nil {
			return nil, err
		}
		var out []Source
		for _, ev := range evs {
			if !hasNode(ev.Actors, subject) {
				continue
			}
			n, err := r.describe(ev.IRI)
			if err != nil {
				return nil, err
			}
			for _, a := range ev.Articles {
				src, err := r.source(ev.IRI, "event", a, ev.Evidence, n.first(schema.Offset), ev.Negated)
				if err != nil {
					return nil, err
				}
				src.Derivation = n.first(schema.Derivation)
				out = append(out, src)
			}
		}
		return out, nil
	}
	if !strings.Contains(predicate, "/") && !strings.Contains(predicate, "#") {
		predicate = schema.NS + predicate
	}
	obj := Node{IRI: object}
	if !strings.HasPrefix(object, "http://") && !strings.HasPrefix(object, "https://") {
		obj = Node{Label: object}
	}
	return r.relationSources(subject, predicate, obj)
}

// relationSources returns a source per article of every reified relation (subject, predicate,
// object), denied ones included.
func (r *reader) relationSources(subject, predicate string, object Node) ([]Source, error) {
	rels, err := r.s.subjectsWith(r.ctx, schema.Subject, quad.IRI(subject))
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, iri := range rels {
		f, arts, sentence, ok, err := r.relation(iri)
		if err != nil {
			return nil, err
		}
		if !ok || f.Predicate != predicate {
			continue
		}
		if object.IRI != "" && f.Object.IRI != object.IRI {
			continue
		}
		if object.IRI == "" && (f.Object.IRI != "" || !strings.EqualFold(f.Object.Label, object.Label)) {
			continue
		}
		n, err := r.describe(iri)
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			src, err := r.source(iri, "relation", a, sentence, n.first(schema.Offset), f.Negated)
			if err != nil {
				return nil, err
			}
			out = append(out, src)
		}
	}
	return out, nil
}

// source describes one article's report of the node at iri.
func (r *reader) source(iri, kind, article, sentence, offset string, negated bool) (Source, error) {
	a, err := r.describe(article)
	if err != nil {
		return Source{}, err
	}
	return Source{
		Node: iri, Kind: kind, Negated: negated, Article: article, Sentence: sentence, Offset: offset,
		Title: a.first(schema.Title), URL: a.first(schema.URL), Published: a.first(schema.Published),
	}, nil
}

func participates(ev Event, iri string) bool {
	return hasNode(ev.Actors, iri) || hasNode(ev.Recipients, iri)
}
