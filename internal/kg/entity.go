package kg

import (
	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/names"
	"github.com/diplograph/diplograph/schema"
)

// EntityIRI is the node of an entity across articles. A country is keyed by its ISO code and
// an entity a gazetteer knows (it has a Wikidata identifier, or a key that is not the slug of
// its label) by its gazetteer key, so that every article names it alike; any other entity by
// names.Key of its label, so that the spelling variants of one name ("Kim Jong-un", "Kim Jong
// Un") meet on one node.
func EntityIRI(e extract.Entity) quad.IRI {
	key := e.Key
	if e.Type != extract.Country && e.Wikidata == "" && e.Key == schema.Slug(e.Label) {
		if k := names.Key(string(e.Type), e.Label); k != "" {
			key = k
		}
	}
	return quad.IRI(schema.EntityIRI(schema.NS+string(e.Type), key))
}

// refIRI is the node of a reference to an entity the Result does not list (it keeps its key).
func refIRI(r extract.Ref) quad.IRI {
	return quad.IRI(schema.EntityIRI(schema.NS+string(r.Type), r.Key))
}

// entityIRIs maps each entity of a Result to its node.
type entityIRIs map[extract.Ref]quad.IRI

func newEntityIRIs(es []extract.Entity) entityIRIs {
	m := make(entityIRIs, len(es))
	for _, e := range es {
		m[extract.Ref{Type: e.Type, Key: e.Key}] = EntityIRI(e)
	}
	return m
}

func (m entityIRIs) of(r extract.Ref) quad.IRI {
	if iri, ok := m[r]; ok {
		return iri
	}
	return refIRI(r)
}
