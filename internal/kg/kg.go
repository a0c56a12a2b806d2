// Package kg turns what the extractor found in one article into the quads of diplograph's graph
// (see schema/). It knows the vocabulary and the quad types, not the store.
package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

// Build returns the article's IRI and every quad derived from it, each labelled with that IRI.
// doc.ID must be set (the caller gives the article its identity). The quads are in a
// deterministic order and free of duplicates.
func Build(doc extract.Document, r extract.Result) (quad.IRI, []quad.Quad) {
	art := quad.IRI(schema.ArticleIRI(doc.ID))
	b := builder{label: art, seen: map[quad.Quad]bool{}}
	typ := quad.IRI(schema.RDFType)

	b.add(art, typ, quad.IRI(schema.Article))
	b.add(art, quad.IRI(schema.Identifier), quad.String(doc.ID))
	b.str(art, schema.URL, doc.URL)
	b.str(art, schema.Title, doc.Title)
	b.str(art, schema.Publisher, doc.Publisher)
	if !doc.Published.IsZero() {
		b.add(art, quad.IRI(schema.Published), date(doc.Published.Format("2006-01-02")))
	}

	ents := newEntityIRIs(r.Entities)
	for _, e := range r.Entities {
		n := ents.of(extract.Ref{Type: e.Type, Key: e.Key})
		b.add(n, typ, quad.IRI(schema.NS+string(e.Type)))
		b.add(n, quad.IRI(schema.RDFSLabel), quad.String(e.Label))
		for _, a := range e.Aliases {
			b.add(n, quad.IRI(schema.Alias), quad.String(a))
		}
		b.str(n, schema.CountryCode, e.CountryCode)
		if e.Wikidata != "" {
			b.add(n, quad.IRI(schema.Wikidata), quad.String(e.Wikidata))
			b.add(n, quad.IRI(schema.OWLSameAs), quad.IRI(schema.WikidataBase+e.Wikidata))
		}
		if !e.Implicit {
			b.add(art, quad.IRI(schema.Mentions), n)
		}
	}

	slug := schema.ArticleKey(doc.ID)
	for i, rel := range r.Relations {
		s := ents.of(rel.Subject)
		pred := quad.IRI(schema.NS + rel.Predicate)
		var obj quad.Value
		if rel.Predicate == "holdsRole" {
			obj = quad.String(rel.Role)
		} else {
			obj = ents.of(rel.Object)
		}
		if !rel.Negated {
			b.add(s, pred, obj)
		}
		n := quad.IRI(fmt.Sprintf("%srelation/%s-%d", schema.ID, slug, i+1))
		b.add(n, typ, quad.IRI(schema.Relation))
		b.add(n, quad.IRI(schema.Subject), s)
		b.add(n, quad.IRI(schema.Predicate), pred)
		b.add(n, quad.IRI(schema.Object), obj)
		b.evidence(n, doc.Text, rel.Evidence)
		if rel.Negated {
			b.add(n, quad.IRI(schema.Negated), boolTrue)
		}
		b.add(n, quad.IRI(schema.ReportedIn), art)
	}

	published := ""
	if !doc.Published.IsZero() {
		published = doc.Published.Format("2006-01-02")
	}
	reported := map[quad.IRI]quad.IRI{} // incident → the event of this article that reports it
	for i, ev := range r.Events {
		n := quad.IRI(fmt.Sprintf("%sevent/%s-%d", schema.ID, slug, i+1))
		in := incidentOf(ev, &r, ents, published, slug)
		if first, ok := reported[in.iri]; ok {
			// The article reports the incident again ("A met B" and later "A and B met"): one
			// event, with both sentences as its evidence.
			b.evidence(first, doc.Text, ev.Evidence)
			continue
		}
		reported[in.iri] = n
		in.write(&b)
		b.add(n, quad.IRI(schema.InIncident), in.iri)
		b.add(n, typ, quad.IRI(schema.Event))
		b.add(n, quad.IRI(schema.EventType), quad.String(ev.Type))
		b.str(n, schema.CAMEO, ev.CAMEO)
		b.str(n, schema.Mode, ev.Mode)
		b.str(n, schema.Context, ev.Context)
		if ev.QuadClass > 0 {
			b.add(n, quad.IRI(schema.QuadClass), integer(ev.QuadClass))
		}
		if ev.CAMEO != "" {
			b.add(n, quad.IRI(schema.Goldstein), decimal(ev.Goldstein))
		}
		for _, a := range ev.Actors {
			b.add(n, quad.IRI(schema.Actor), ents.of(a))
		}
		for _, a := range ev.Recipients {
			b.add(n, quad.IRI(schema.Recipient), ents.of(a))
		}
		if ev.Location != nil {
			b.add(n, quad.IRI(schema.AtLocation), ents.of(*ev.Location))
		}
		if ev.Claimant != nil {
			b.add(n, quad.IRI(schema.ClaimedBy), ents.of(*ev.Claimant))
		}
		if ev.Date != "" {
			b.add(n, quad.IRI(schema.Date), date(ev.Date))
		}
		b.str(n, schema.Trigger, ev.Trigger)
		if ev.Derivation != "" {
			b.str(n, schema.Derivation, ev.Derivation)
		}
		b.evidence(n, doc.Text, ev.Evidence)
		b.add(n, quad.IRI(schema.Confidence), decimal(ev.Confidence))
		if ev.Negated {
			b.add(n, quad.IRI(schema.Negated), boolTrue)
		}
		b.add(n, quad.IRI(schema.ReportedIn), art)
		if ev.Type == "CONSULT" && !ev.Negated {
			for _, a := range ev.Actors {
				for _, r := range ev.Recipients {
					b.add(ents.of(a), quad.IRI(schema.Met), ents.of(r))
				}
			}
		}
	}

	for i, st := range r.Statements {
		n := quad.IRI(fmt.Sprintf("%sstatement/%s-%d", schema.ID, slug, i+1))
		b.add(n, typ, quad.IRI(schema.Statement))
		b.add(n, quad.IRI(schema.Speaker), ents.of(st.Speaker))
		b.add(n, quad.IRI(schema.Quote), quad.String(st.Quote))
		for _, a := range st.About {
			b.add(n, quad.IRI(schema.About), ents.of(a))
		}
		b.evidence(n, doc.Text, st.Evidence)
		b.add(n, quad.IRI(schema.ReportedIn), art)
	}
	b.add(art, quad.IRI(schema.ContentHash), quad.String(ContentHash(b.quads)))
	return art, b.quads
}

type builder struct {
	label quad.IRI
	quads []quad.Quad
	seen  map[quad.Quad]bool
}

func (b *builder) add(s quad.Value, p quad.IRI, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if !b.seen[q] {
		b.seen[q] = true
		b.quads = append(b.quads, q)
	}
}

func (b *builder) str(s quad.Value, p, v string) {
	if v = strings.TrimSpace(v); v != "" {
		b.add(s, quad.IRI(p), quad.String(v))
	}
}

func (b *builder) evidence(n quad.IRI, text string, sp extract.Span) {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return
	}
	b.add(n, quad.IRI(schema.Evidence), quad.String(strings.TrimSpace(text[sp.Start:sp.End])))
	b.add(n, quad.IRI(schema.Offset), quad.String(strconv.Itoa(sp.Start)+"-"+strconv.Itoa(sp.End)))
}

// boolTrue is xsd:boolean true, written "true" (quad.Bool writes "True", which is not valid).
var boolTrue = quad.TypedString{Value: "true", Type: quad.IRI(schema.XSDBoolean)}

func date(s string) quad.Value {
	return quad.TypedString{Value: quad.String(s), Type: quad.IRI(schema.XSDDate)}
}

// integer is an xsd:integer with its full datatype IRI (quad.Int writes the prefixed
// <xsd:integer>, which RDF parsers read as an unknown scheme).
func integer(n int) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: quad.IRI(schema.XSDInteger)}
}

func decimal(f float64) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.FormatFloat(f, 'f', -1, 64)), Type: quad.IRI(schema.XSDDecimal)}
}

// ContentHash returns "sha256:" and the hex SHA-256 of the N-Quads lines of quads, sorted and
// each once, leaving out any contentHash quad: the value of the contentHash quad Build gives an
// article.
func ContentHash(quads []quad.Quad) string {
	lines := make([]string, 0, len(quads))
	for _, q := range quads {
		if p, ok := q.Predicate.(quad.IRI); ok && string(p) == schema.ContentHash {
			continue
		}
		lines = append(lines, q.NQuad())
	}
	sort.Strings(lines)
	h := sha256.New()
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Sort orders quads by subject, predicate, object and label, as N-Quads text.
func Sort(qs []quad.Quad) {
	sort.Slice(qs, func(i, j int) bool { return qs[i].NQuad() < qs[j].NQuad() })
}
