package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// quadsWith returns every stored quad whose dir is v (duplicates by label included).
func (s *Store) quadsWith(ctx context.Context, dir quad.Direction, v quad.Value) ([]quad.Quad, error) {
	if s.qs == nil {
		return nil, errors.New("store is closed")
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	var out []quad.Quad
	err = newQuadReader(s.qs, s.values).each(ctx, s.qs.QuadIterator(dir, ref).Iterate(), func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read quads with %s %v: %w", dir, v, err)
	}
	return out, nil
}

// allQuads calls fn with every stored quad.
func (s *Store) allQuads(ctx context.Context, fn func(quad.Quad) error) error {
	if s.qs == nil {
		return errors.New("store is closed")
	}
	return newQuadReader(s.qs, s.values).each(ctx, s.qs.QuadsAllIterator().Iterate(), fn)
}

// quadReaderBatch is how many quads a quadReader resolves at once, and quadReaderCache how many
// node values it keeps between batches (it forgets them all past that, so its memory does not
// grow with the store).
const (
	quadReaderBatch = 1024
	quadReaderCache = 1 << 16
)

// quadReader turns the quad references an iterator yields into quads a batch at a time: the
// nodes of a batch are resolved by one ValuesOf call (one bolt transaction, one SQL query)
// instead of one transaction and four lookups per quad as graph.QuadStore.Quad does, and the
// values of nodes that recur (predicates, articles, classes) are kept.
type quadReader struct {
	qs     graph.QuadStore
	values *valueCache // the store's, or nil
	cache  map[any]quad.Value
	refs   []graph.Ref // the quads of the batch
	nodes  []graph.Ref // their nodes, 4 a quad (nil for no label)
	miss   []graph.Ref // the nodes not in the cache
}

func newQuadReader(qs graph.QuadStore, values *valueCache) *quadReader {
	return &quadReader{qs: qs, values: values, cache: make(map[any]quad.Value)}
}

// each calls fn with the quad of every reference it yields, in the iterator's order, and
// closes it.
func (r *quadReader) each(ctx context.Context, it iterator.Scanner, fn func(quad.Quad) error) error {
	defer it.Close()
	for it.Next(ctx) {
		r.refs = append(r.refs, it.Result())
		if len(r.refs) == quadReaderBatch {
			if err := r.flush(ctx, fn); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	if err := r.flush(ctx, fn); err != nil {
		return err
	}
	return ctx.Err()
}

// flush resolves the batch and calls fn with its valid quads.
func (r *quadReader) flush(ctx context.Context, fn func(quad.Quad) error) error {
	if len(r.refs) == 0 {
		return nil
	}
	if len(r.cache) > quadReaderCache {
		clear(r.cache)
	}
	r.nodes, r.miss = r.nodes[:0], r.miss[:0]
	pending := make(map[any]bool)
	for _, ref := range r.refs {
		for _, d := range quad.Directions {
			n, err := r.qs.QuadDirection(ref, d)
			if err != nil {
				return fmt.Errorf("read quad: %w", err)
			}
			r.nodes = append(r.nodes, n)
			if n == nil {
				continue
			}
			k := n.Key()
			if _, ok := r.cache[k]; !ok && !pending[k] {
				pending[k] = true
				r.miss = append(r.miss, n)
			}
		}
	}
	if len(r.miss) > 0 {
		vals, err := r.values.valuesOf(ctx, r.qs, r.miss)
		if err != nil {
			return fmt.Errorf("read quad values: %w", err)
		}
		for i, n := range r.miss {
			r.cache[n.Key()] = vals[i]
		}
	}
	for i := range r.refs {
		var q quad.Quad
		for j, d := range quad.Directions {
			if n := r.nodes[4*i+j]; n != nil {
				q.Set(d, r.cache[n.Key()])
			}
		}
		if !q.IsValid() {
			continue
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	r.refs = r.refs[:0]
	return nil
}

// node is what one subject states about itself, merged over the articles that state it.
type node struct {
	iri   string
	props map[string][]fact // by predicate IRI
	index map[string]int    // while adding: predicate and value → position in props
}

// fact is one object of a predicate with the articles that state it.
type fact struct {
	value    quad.Value
	articles []string
}

// describe reads every quad whose subject is iri.
func (s *Store) describe(ctx context.Context, iri string) (*node, error) {
	qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
	if err != nil {
		return nil, err
	}
	n := &node{iri: iri, props: make(map[string][]fact)}
	for _, q := range qs {
		n.add(q)
	}
	n.sort()
	return n, nil
}

// describeOnly reads the quads whose subject is iri and whose predicate is one of preds: on a
// key-value store through the subject-predicate index, reading each value once however many
// articles state it; elsewhere by reading every quad of the subject. The facts are in
// node.sort's order, but their articles are not read: each has the one article "".
func (s *Store) describeOnly(ctx context.Context, iri string, preds ...string) (*node, error) {
	kqs, ok := s.qs.(*cayleykv.QuadStore)
	if !ok {
		n, err := s.describe(ctx, iri)
		if err != nil {
			return nil, err
		}
		keep := &node{iri: iri, props: make(map[string][]fact)}
		for _, p := range preds {
			keep.props[p] = n.props[p]
		}
		return keep, nil
	}
	sref, err := s.qs.ValueOf(quad.IRI(iri))
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", iri, err)
	}
	n := &node{iri: iri, props: make(map[string][]fact)}
	if sref == nil {
		return n, nil
	}
	for _, p := range preds {
		pref, err := s.qs.ValueOf(quad.IRI(p))
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", p, err)
		}
		if pref == nil {
			continue
		}
		scan := cayleykv.IndexScan{Index: subjectPredicate,
			Values: []uint64{uint64(sref.(cayleykv.Int64Value)), uint64(pref.(cayleykv.Int64Value))}}
		it := scan.BuildIterator(kqs).Iterate()
		count := map[any]int{}
		var objs []graph.Ref
		for it.Next(ctx) {
			o, err := s.qs.QuadDirection(it.Result(), quad.Object)
			if err != nil {
				it.Close()
				return nil, fmt.Errorf("read quad: %w", err)
			}
			if o == nil {
				continue
			}
			if count[o.Key()] == 0 {
				objs = append(objs, o)
			}
			count[o.Key()]++
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return nil, fmt.Errorf("read quads of %s: %w", iri, err)
		}
		vals, err := s.values.valuesOf(ctx, s.qs, objs)
		if err != nil {
			return nil, fmt.Errorf("read values: %w", err)
		}
		type counted struct {
			v quad.Value
			n int
		}
		var cs []counted
		for i, v := range vals {
			if v != nil {
				cs = append(cs, counted{v, count[objs[i].Key()]})
			}
		}
		// node.sort's order: most articles first, then by value.
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].n != cs[j].n {
				return cs[i].n > cs[j].n
			}
			return cs[i].v.String() < cs[j].v.String()
		})
		for _, c := range cs {
			n.props[p] = append(n.props[p], fact{value: c.v, articles: []string{""}})
		}
	}
	return n, nil
}

// subjectPredicate is the first of kvIndexes, cayley's own first index.
var subjectPredicate = cayleykv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}

func (n *node) add(q quad.Quad) {
	p := iriOf(q.Predicate)
	art := iriOf(q.Label)
	if n.index == nil {
		n.index = make(map[string]int)
	}
	// Each (subject, predicate, object, article) is one stored quad, so the articles of a fact
	// are appended here and made unique in sort.
	k := p + "\x00" + q.Object.String()
	if i, ok := n.index[k]; ok {
		n.props[p][i].articles = append(n.props[p][i].articles, art)
		return
	}
	n.index[k] = len(n.props[p])
	n.props[p] = append(n.props[p], fact{value: q.Object, articles: []string{art}})
}

// sort orders every predicate's facts: most articles first, then by value, so that first gives
// the best attested value.
func (n *node) sort() {
	n.index = nil // the positions change
	for _, facts := range n.props {
		for i := range facts {
			sort.Strings(facts[i].articles)
			facts[i].articles = slices.Compact(facts[i].articles)
		}
		sort.SliceStable(facts, func(i, j int) bool {
			if len(facts[i].articles) != len(facts[j].articles) {
				return len(facts[i].articles) > len(facts[j].articles)
			}
			return facts[i].value.String() < facts[j].value.String()
		})
	}
}

// first returns the best attested text value of predicate p, or "".
func (n *node) first(p string) string {
	if f := n.props[p]; len(f) > 0 {
		return text(f[0].value)
	}
	return ""
}

// texts returns the text of every value of p, sorted.
func (n *node) texts(p string) []string {
	var out []string
	for _, f := range n.props[p] {
		out = appendUnique(out, text(f.value))
	}
	sort.Strings(out)
	return out
}

// iris returns the IRI values of p, sorted.
func (n *node) iris(p string) []string {
	var out []string
	for _, f := range n.props[p] {
		if iri, ok := f.value.(quad.IRI); ok {
			out = appendUnique(out, string(iri))
		}
	}
	sort.Strings(out)
	return out
}

// articles returns every article that states something about the node, sorted.
func (n *node) articles() []string {
	var out []string
	for _, facts := range n.props {
		for _, f := range facts {
			out = append(out, f.articles...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// is reports whether the node has rdf:type class.
func (n *node) is(class string) bool {
	for _, f := range n.props[schema.RDFType] {
		if iriOf(f.value) == class {
			return true
		}
	}
	return false
}

// class returns the local name of the node's first entity class, or of its first class.
func (n *node) class() string {
	types := n.iris(schema.RDFType)
	for _, t := range types {
		if isEntityClass(t) {
			return schema.Local(t)
		}
	}
	if len(types) > 0 {
		return schema.Local(types[0])
	}
	return ""
}

// entityClasses are the classes of entities, in CONTRACT order.
var entityClasses = []string{schema.Person, schema.Country, schema.Organization, schema.Location}

func isEntityClass(iri string) bool {
	for _, c := range entityClasses {
		if c == iri {
			return true
		}
	}
	return false
}

// iriOf returns the IRI of v, or "" when v is not an IRI.
func iriOf(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri)
	}
	return ""
}

// text returns the lexical form of a literal, or the IRI of an IRI.
func text(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.Bool:
		return strconv.FormatBool(bool(v))
	case quad.Int:
		return strconv.FormatInt(int64(v), 10)
	case quad.Float:
		return strconv.FormatFloat(float64(v), 'f', -1, 64)
	}
	return quad.ToString(v)
}

// truth reads a boolean literal in any of its spellings ("true", "True", "1").
func truth(s string) bool {
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	return err == nil && b
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
