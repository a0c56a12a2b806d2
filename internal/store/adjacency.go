package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/diplograph/diplograph/schema"
)

// The adjacency index of a key-value store (bolt, leveldb) holds, per entity, every link the
// walk of Neighbors and Paths follows from it, so that they step from entity to entity without
// reading the events an entity takes part in (tens of thousands for a hub). It lives beside
// cayley's buckets and the name index and is written in the transaction that writes the quads,
// so it never disagrees with them.
//
// One key is kept per fact a link is merged from, in the order reader.links returns links:
//
//	"f:" entity 0x00 rank reverse other 0x00 eventType 0x00 event 0x00 article
//
// rank is one byte, 'a' plus predicateRank (events after relations and met), reverse is '0'
// or '1'. A relation or met quad (s p o article) gives two facts, (s, p, o) and (o, p reversed,
// s), with no event type or event. An event that is not negated gives, for every pair of its
// participants (actors and recipients) x ≠ y and every article stating y's part, the fact
// (x, event, y, eventType, event, article). So a link's articles are the last fields of its
// keys and its first event the event field of its first key. Because an event's facts depend
// on all of its quads, the facts an event gave are also kept, under "e:" event (one key a line;
// the key is there, maybe empty, while the event has any walked quad), and whenever a
// transaction touches one of the event's walked quads they are deleted and the event's facts
// computed again from the quads the transaction leaves (from the deltas alone for an event the
// index did not know and the transaction only adds to).
//
// A store created before the index has no keyAdjacencyKept, and is walked by reading events as
// before. Stores on other backends (PostgreSQL, memstore) have no index either.
var (
	bucketAdjacency  = []byte("diplograph-adjacency")
	keyAdjacencyKept = hkv.Key{[]byte("meta"), []byte("diplograph-adjacency")}
)

// Prefixes of the adjacency index's keys.
const (
	adjFactKey  = "f:" // a fact of a link
	adjEventKey = "e:" // the facts an event gave, one a line
	adjNameKey  = "v:" // a label or class of a node, with the number of quads stating it
)

// The index also keeps what reader.node reads, so that naming the thousands of entities a walk
// reaches does not read every label quad of every article mentioning them: per node, every
// value of its rdfs:label and rdf:type with the number of quads that state it,
//
//	"v:" node 0x00 kind value → count (8 bytes, big-endian) text
//
// where kind is 'l' (label) or 't' (class, IRI values only), value is the value's N-Quads form
// (the order node.sort breaks ties in) and text its lexical form.
const (
	nameKindLabel = 'l'
	nameKindClass = 't'
)

// adjNameKeyOf returns the key under which the index counts the label or class quad q, or nil.
func adjNameKeyOf(q quad.Quad) []byte {
	sub := iriOf(q.Subject)
	if sub == "" || q.Object == nil {
		return nil
	}
	var kind byte
	switch iriOf(q.Predicate) {
	case schema.RDFSLabel:
		kind = nameKindLabel
	case schema.RDFType:
		if iriOf(q.Object) == "" {
			return nil
		}
		kind = nameKindClass
	default:
		return nil
	}
	return append(append(append([]byte(adjNameKey), sub...), 0, kind), q.Object.String()...)
}

// rankByte is the first byte of a fact's link: the order reader.links sorts its predicate in.
func rankByte(p string) byte {
	if p == schema.Event {
		return 'a' + byte(len(schema.EntityRelations)+1)
	}
	return 'a' + byte(predicateRank(p))
}

// rankPredicate is the predicate of the rank byte b of a walked link.
func rankPredicate(b byte) string {
	r := int(b - 'a')
	switch {
	case r < len(schema.EntityRelations):
		return schema.EntityRelations[r]
	case r == len(schema.EntityRelations):
		return schema.Met
	}
	return schema.Event
}

// linkFact returns the key of one fact of the link from entity to other.
func linkFact(entity, pred string, reverse bool, other, eventType, event, article string) []byte {
	k := make([]byte, 0, len(adjFactKey)+len(entity)+len(other)+len(eventType)+len(event)+len(article)+7)
	k = append(k, adjFactKey...)
	k = append(k, entity...)
	k = append(k, 0, rankByte(pred))
	if reverse {
		k = append(k, '1')
	} else {
		k = append(k, '0')
	}
	k = append(k, other...)
	k = append(k, 0)
	k = append(k, eventType...)
	k = append(k, 0)
	k = append(k, event...)
	k = append(k, 0)
	k = append(k, article...)
	return k
}

// walkedEventPredicates are the predicates of an event whose quads decide its facts.
var walkedEventPredicates = map[string]bool{
	schema.Actor: true, schema.Recipient: true, schema.RDFType: true, schema.EventType: true, schema.Negated: true,
}

// indexAdjacency updates the adjacency index for deltas, in tx, after they were applied through
// qs, a quad store reading tx. It does nothing on a store that does not keep the index.
func indexAdjacency(ctx context.Context, tx hkv.Tx, qs graph.QuadStore, deltas []graph.Delta) error {
	if _, err := tx.Get(ctx, keyAdjacencyKept); errors.Is(err, hkv.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	put := map[string]bool{} // fact key → whether it is now stored
	var events []string
	touched := map[string]bool{}
	removed := map[string]bool{}      // events some of whose walked quads the deltas delete
	added := map[string][]quad.Quad{} // the walked quads the deltas add (or delete) to an event
	names := map[string]int64{}       // name key → change of its count
	texts := map[string]string{}
	for _, d := range deltas {
		q := d.Quad
		if k := adjNameKeyOf(q); k != nil {
			if d.Action == graph.Add {
				names[string(k)]++
			} else {
				names[string(k)]--
			}
			texts[string(k)] = text(q.Object)
		}
		p, sub := iriOf(q.Predicate), iriOf(q.Subject)
		if walkedEventPredicates[p] && sub != "" {
			if !touched[sub] {
				touched[sub] = true
				events = append(events, sub)
			}
			if d.Action != graph.Add {
				removed[sub] = true
			}
			added[sub] = append(added[sub], q)
		}
		o := iriOf(q.Object)
		if !walkPredicates[p] || sub == "" || o == "" || o == sub {
			continue
		}
		art := iriOf(q.Label)
		add := d.Action == graph.Add
		put[string(linkFact(sub, p, false, o, "", "", art))] = add
		put[string(linkFact(o, p, true, sub, "", "", art))] = add
	}
	sort.Strings(events)
	for _, ev := range events {
		key := hkv.Key{bucketAdjacency, []byte(adjEventKey + ev)}
		old, err := tx.Get(ctx, key)
		known := err == nil
		if err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return err
		}
		for _, k := range bytes.Split(old, []byte{'\n'}) {
			if len(k) > 0 {
				put[string(k)] = false
			}
		}
		// An event the index does not know had no walked quads before: when the deltas only
		// add to it, they are all it has, and it is not read back.
		n := &node{iri: ev, props: make(map[string][]fact)}
		if !known && !removed[ev] {
			for _, q := range added[ev] {
				n.add(q)
			}
			n.sort()
		} else if n, err = eventNode(ctx, qs, ev); err != nil {
			return err
		}
		facts := eventFacts(n)
		for _, k := range facts {
			put[k] = true
		}
		if len(n.props) == 0 {
			err = tx.Del(ctx, key)
		} else {
			// Never empty: a value of no bytes may read as no key.
			err = tx.Put(ctx, key, []byte("\n"+strings.Join(facts, "\n")))
		}
		if err != nil {
			return err
		}
	}
	if err := countNames(ctx, tx, names, texts); err != nil {
		return err
	}
	keys := make([]string, 0, len(put))
	for k := range put {
		keys = append(keys, k)
	}
	sort.Strings(keys) // bolt writes sorted keys fastest
	for _, k := range keys {
		key := hkv.Key{bucketAdjacency, []byte(k)}
		var err error
		if put[k] {
			err = tx.Put(ctx, key, nil)
		} else {
			err = tx.Del(ctx, key)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// countNames changes the counts of the name keys by change, in tx.
func countNames(ctx context.Context, tx hkv.Tx, change map[string]int64, texts map[string]string) error {
	keys := make([]string, 0, len(change))
	for k, n := range change {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := hkv.Key{bucketAdjacency, []byte(k)}
		v, err := tx.Get(ctx, key)
		if err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return err
		}
		var n int64
		if len(v) >= 8 {
			n = int64(binary.BigEndian.Uint64(v))
		}
		if n += change[k]; n <= 0 {
			err = tx.Del(ctx, key)
		} else {
			err = tx.Put(ctx, key, append(binary.BigEndian.AppendUint64(nil, uint64(n)), texts[k]...))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// eventNode reads the walked quads of the event at iri from qs.
func eventNode(ctx context.Context, qs graph.QuadStore, iri string) (*node, error) {
	ev := &node{iri: iri, props: make(map[string][]fact)}
	ref, err := qs.ValueOf(quad.IRI(iri))
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", iri, err)
	}
	if isNilRef(ref) {
		return ev, nil
	}
	err = newQuadReader(qs, nil).each(ctx, qs.QuadIterator(quad.Subject, ref).Iterate(), func(q quad.Quad) error {
		if walkedEventPredicates[iriOf(q.Predicate)] {
			ev.add(q)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read event %s: %w", iri, err)
	}
	ev.sort()
	return ev, nil
}

// eventFacts returns the fact keys the event ev (its walked quads) gives: none unless it has
// the class Event and is not negated.
func eventFacts(ev *node) []string {
	iri := ev.iri
	if !ev.is(schema.Event) || truth(ev.first(schema.Negated)) {
		return nil
	}
	typ := ev.first(schema.EventType)
	var parts []string
	for _, p := range []string{schema.Actor, schema.Recipient} {
		for _, f := range ev.props[p] {
			if o := iriOf(f.value); o != "" {
				parts = appendUnique(parts, o)
			}
		}
	}
	var out []string
	for _, x := range parts {
		for _, p := range []string{schema.Actor, schema.Recipient} {
			for _, f := range ev.props[p] {
				y := iriOf(f.value)
				if y == "" || y == x {
					continue
				}
				for _, a := range f.articles {
					out = append(out, string(linkFact(x, schema.Event, false, y, typ, iri, a)))
				}
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
