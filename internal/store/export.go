package store

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph/iterator"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/voc/xsd"

	"github.com/diplograph/diplograph/schema"
)

// Quad export formats.
const (
	NQuads   = "nquads"    // N-Quads, every quad with its label
	JSONLD   = "jsonld"    // JSON-LD, one named graph per article, terms mapped by an @context
	QuadsCSV = "quads-csv" // subject,predicate,object,label with a header; literals as their text
)

// ExportFormats are the formats Export writes.
var ExportFormats = []string{NQuads, JSONLD, QuadsCSV}

// Export writes the quads f selects (every quad, for the zero Filter) to w in format, ordered by
// label (article), then subject, predicate and object, so that the same graph always gives the
// same bytes. An unknown format, a malformed filter and a failed write are errors.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, f Filter) error {
	switch format {
	case NQuads, JSONLD, QuadsCSV:
	default:
		return fmt.Errorf("export: unknown format %q (want %s)", format, strings.Join(ExportFormats, ", "))
	}
	if err := f.check(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch format {
	case NQuads:
		bw := bufio.NewWriter(w)
		err := s.eachSorted(ctx, f, func(l line) error {
			bw.WriteString(l.nq)
			return bw.WriteByte('\n')
		})
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
	case JSONLD:
		// cayley's JSON-LD writer holds the whole document until Close anyway.
		var quads []quad.Quad
		if err := s.eachSorted(ctx, f, func(l line) error {
			quads = append(quads, l.q)
			return nil
		}); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		enc := jsonld.NewWriter(w)
		enc.SetLdContext(LDContext())
		if _, err := enc.WriteQuads(quads); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	case QuadsCSV:
		enc := csv.NewWriter(w)
		if err := enc.Write([]string{"subject", "predicate", "object", "label"}); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		err := s.eachSorted(ctx, f, func(l line) error {
			q := l.q
			return enc.Write([]string{text(q.Subject), text(q.Predicate), text(q.Object), text(q.Label)})
		})
		enc.Flush()
		if err == nil {
			err = enc.Error()
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// LDContext is the JSON-LD @context of the JSON-LD export: the prefixes rdf, rdfs, owl, xsd and
// dg, and every term of the vocabulary by its local name (actor, eventType, Person, label).
func LDContext() map[string]any {
	ctx := map[string]any{
		"dg":   schema.NS,
		"rdf":  "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
		"rdfs": "http://www.w3.org/2000/01/rdf-schema#",
		"owl":  "http://www.w3.org/2002/07/owl#",
		"xsd":  xsd.NS,
	}
	for _, t := range schema.Terms {
		ctx[schema.Local(t.IRI)] = t.IRI
	}
	return ctx
}

// line is a quad as N-Quads, with its label apart for sorting.
type line struct {
	label, nq string
	q         quad.Quad // only when asked for
}

// eachSorted calls fn with every quad of the store that f selects, as a line with its quad,
// ordered by label and then line, each once. It streams article by article (the articles in
// order, each one's quads read through the label index and sorted) when every quad is labelled
// by an article, and otherwise reads and sorts the whole store. The caller holds s.mu.
func (s *Store) eachSorted(ctx context.Context, f Filter, fn func(line) error) error {
	sel := &selection{all: true} // the whole graph needs no reading ahead
	if !f.IsZero() {
		var err error
		if sel, err = s.selectFor(ctx, f); err != nil {
			return err
		}
	}
	articles, ok, err := s.labelsInOrder(ctx)
	if err != nil {
		return err
	}
	if !ok {
		lines, err := s.sorted(ctx, sel)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	}
	var lines []line
	qr := newQuadReader(s.qs, s.values) // one cache of node values for the whole export
	for _, a := range articles {
		ref, err := s.qs.ValueOf(a)
		if err != nil {
			return fmt.Errorf("look up %v: %w", a, err)
		}
		lines = lines[:0]
		err = qr.each(ctx, s.qs.QuadIterator(quad.Label, ref).Iterate(), func(q quad.Quad) error {
			if sel.keeps(q) {
				lines = append(lines, lineOf(q))
			}
			return nil
		})
		if err != nil {
			return err
		}
		sortLines(lines)
		for i, l := range lines {
			if i > 0 && l.nq == lines[i-1].nq {
				continue
			}
			if err := fn(l); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// labelsInOrder returns the articles in label order, and whether they label every quad of the
// store (their quads add up to the store's exact quad count).
func (s *Store) labelsInOrder(ctx context.Context) ([]quad.IRI, bool, error) {
	st, err := s.qs.Stats(ctx, false)
	if err == nil && !st.Quads.Exact {
		st, err = s.qs.Stats(ctx, true)
	}
	if errors.Is(err, cayleykv.ErrNoBucket) {
		return nil, true, nil // a new kv store, never written to
	}
	if err != nil || !st.Quads.Exact {
		return nil, false, err
	}
	iris, err := s.subjectsWith(ctx, schema.RDFType, quad.IRI(schema.Article))
	if err != nil {
		return nil, false, err
	}
	out := make([]quad.IRI, len(iris))
	for i, iri := range iris {
		out[i] = quad.IRI(iri)
	}
	sort.Slice(out, func(i, j int) bool { return quad.StringOf(out[i]) < quad.StringOf(out[j]) })
	var n int64
	for _, a := range out {
		ref, err := s.qs.ValueOf(a)
		if err != nil {
			return nil, false, err
		}
		if ref == nil {
			continue
		}
		sz, err := indexSize(ctx, s.qs.QuadIterator(quad.Label, ref))
		if err != nil {
			return nil, false, err
		}
		if sz < 0 {
			return nil, false, nil
		}
		n += sz
	}
	return out, n == st.Quads.Value, nil
}

// indexSize returns the exact number of quads an index iterator yields, counting them when its
// estimate is not exact.
func indexSize(ctx context.Context, it iterator.Shape) (int64, error) {
	c, err := it.Stats(ctx)
	if err != nil {
		return 0, err
	}
	if c.Size.Exact {
		return c.Size.Value, nil
	}
	sc := it.Iterate()
	defer sc.Close()
	var n int64
	for sc.Next(ctx) {
		n++
	}
	return n, sc.Err()
}

// lineOf returns q, its object in canonical form, as a line.
func lineOf(q quad.Quad) line {
	q.Object = canonical(q.Object)
	return line{label: quad.StringOf(q.Label), nq: q.NQuad(), q: q}
}

func sortLines(lines []line) {
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].label != lines[j].label {
			return lines[i].label < lines[j].label
		}
		return lines[i].nq < lines[j].nq
	})
}

// sorted returns every quad of the store that sel keeps as lines, ordered by label and then
// line, without duplicates: the whole store in memory, for stores with quads no article labels.
func (s *Store) sorted(ctx context.Context, sel *selection) ([]line, error) {
	var lines []line
	err := s.allQuads(ctx, func(q quad.Quad) error {
		if sel.keeps(q) {
			lines = append(lines, lineOf(q))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortLines(lines)
	out := lines[:0]
	for i, l := range lines {
		if i == 0 || l.nq != lines[i-1].nq {
			out = append(out, l)
		}
	}
	return out, nil
}

// canonical returns v with its datatype named by a full XSD IRI: stores written before the
// ingester did so hold quadClass as quad.Int, which N-Quads writes as <xsd:integer>, an IRI no
// RDF parser resolves. Other values are returned as they are.
func canonical(v quad.Value) quad.Value {
	typed := func(s, typ string) quad.Value {
		return quad.TypedString{Value: quad.String(s), Type: quad.IRI(typ)}
	}
	switch v := v.(type) {
	case quad.Int:
		return typed(strconv.FormatInt(int64(v), 10), schema.XSDInteger)
	case quad.Float:
		return typed(strconv.FormatFloat(float64(v), 'f', -1, 64), schema.XSDDecimal)
	case quad.Bool:
		return typed(strconv.FormatBool(bool(v)), schema.XSDBoolean)
	case quad.Time:
		return typed(time.Time(v).UTC().Format(time.RFC3339), xsd.NS+"dateTime")
	case quad.TypedString:
		v.Type = v.Type.Full()
		return v
	}
	return v
}

// Quads returns every quad of the store in Export's order.
func (s *Store) Quads(ctx context.Context) ([]quad.Quad, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []quad.Quad
	err = s.eachSorted(ctx, Filter{}, func(l line) error {
		out = append(out, l.q)
		return nil
	})
	return out, err
}
