package store

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

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
	if format == NQuads {
		// Lines only: half the memory of holding the quads as well.
		lines, err := s.sorted(ctx, f, false)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		bw := bufio.NewWriter(w)
		for _, l := range lines {
			bw.WriteString(l.nq)
			bw.WriteByte('\n')
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	lines, err := s.sorted(ctx, f, true)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	quads := make([]quad.Quad, len(lines))
	for i, l := range lines {
		quads[i] = l.q
	}
	switch format {
	case JSONLD:
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
		for _, q := range quads {
			if err := enc.Write([]string{text(q.Subject), text(q.Predicate), text(q.Object), text(q.Label)}); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		enc.Flush()
		if err := enc.Error(); err != nil {
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

// sorted returns every quad of the store that f selects as N-Quads lines (and the quads, if
// keep), ordered by label and then line, without duplicates.
func (s *Store) sorted(ctx context.Context, f Filter, keep bool) ([]line, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sel := &selection{all: true} // the whole graph needs no reading ahead
	if !f.IsZero() {
		var err error
		if sel, err = s.selectFor(ctx, f); err != nil {
			return nil, err
		}
	}
	var lines []line
	err := s.allQuads(ctx, func(q quad.Quad) error {
		if !sel.keeps(q) {
			return nil
		}
		q.Object = canonical(q.Object)
		l := line{label: quad.StringOf(q.Label), nq: q.NQuad()}
		if keep {
			l.q = q
		}
		lines = append(lines, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].label != lines[j].label {
			return lines[i].label < lines[j].label
		}
		return lines[i].nq < lines[j].nq
	})
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
	lines, err := s.sorted(ctx, Filter{}, true)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, len(lines))
	for i, l := range lines {
		out[i] = l.q
	}
	return out, nil
}
