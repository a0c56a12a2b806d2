package store

import (
	"context"
	"encoding/binary"
	"errors"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/diplograph/diplograph/schema"
)

// A key-value store (bolt, leveldb) keeps, beside cayley's buckets and in the transaction that
// writes the quads, how many nodes each counted class has, so that Stats reads a few keys instead
// of every rdf:type quad. A node is counted while at least one quad (of any article) gives it the
// class: the bucket keeps that number of quads per class and node, and the number of nodes per
// class. A store created before the counts has no keyCountsKept, and Stats counts by reading.
var (
	bucketCounts  = []byte("diplograph-counts")
	keyCountsKept = hkv.Key{[]byte("meta"), []byte("diplograph-counts")}
)

// countedClasses are the classes Stats counts.
var countedClasses = append(append([]string{}, entityClasses...),
	schema.Article, schema.Event, schema.Statement, schema.Relation)

func classKey(class string) hkv.Key { return hkv.Key{bucketCounts, []byte("c:" + class)} }

func nodeKey(class, node string) hkv.Key {
	return hkv.Key{bucketCounts, []byte("n:" + class + "\x00" + node)}
}

// countClasses updates the counts of the classes for the type quads deltas add and delete, in tx.
// deltas must be exact: an added quad was not stored, a deleted one was.
func countClasses(ctx context.Context, tx hkv.Tx, deltas []graph.Delta) error {
	counted := make(map[string]bool, len(countedClasses))
	for _, c := range countedClasses {
		counted[c] = true
	}
	type classNode struct{ class, node string }
	change := map[classNode]int64{}
	for _, d := range deltas {
		if iriOf(d.Quad.Predicate) != schema.RDFType {
			continue
		}
		class, node := iriOf(d.Quad.Object), iriOf(d.Quad.Subject)
		if !counted[class] || node == "" {
			continue
		}
		if d.Action == graph.Add {
			change[classNode{class, node}]++
		} else {
			change[classNode{class, node}]--
		}
	}
	keys := make([]classNode, 0, len(change))
	for k, n := range change {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].class != keys[j].class {
			return keys[i].class < keys[j].class
		}
		return keys[i].node < keys[j].node
	})
	classes := map[string]int64{}
	for _, k := range keys {
		key := nodeKey(k.class, k.node)
		before, err := getCount(ctx, tx, key)
		if err != nil {
			return err
		}
		after := max(before+change[k], 0)
		switch {
		case before == 0 && after > 0:
			classes[k.class]++
		case before > 0 && after == 0:
			classes[k.class]--
		}
		if after == 0 {
			err = tx.Del(ctx, key)
		} else {
			err = putCount(ctx, tx, key, after)
		}
		if err != nil {
			return err
		}
	}
	for class, n := range classes {
		if n == 0 {
			continue
		}
		key := classKey(class)
		before, err := getCount(ctx, tx, key)
		if err != nil {
			return err
		}
		if err := putCount(ctx, tx, key, max(before+n, 0)); err != nil {
			return err
		}
	}
	return nil
}

func getCount(ctx context.Context, tx hkv.Tx, key hkv.Key) (int64, error) {
	v, err := tx.Get(ctx, key)
	if errors.Is(err, hkv.ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, errors.New("malformed count")
	}
	return int64(binary.BigEndian.Uint64(v)), nil
}

func putCount(ctx context.Context, tx hkv.Tx, key hkv.Key, n int64) error {
	return tx.Put(ctx, key, binary.BigEndian.AppendUint64(nil, uint64(n)))
}

// classCounts returns the kept counts of the counted classes, and false when the store keeps
// none.
func (s *Store) classCounts(ctx context.Context) (map[string]int, bool, error) {
	if s.kv == nil {
		return nil, false, nil
	}
	out := map[string]int{}
	kept := false
	err := hkv.View(ctx, s.kv, func(tx hkv.Tx) error {
		if _, err := tx.Get(ctx, keyCountsKept); errors.Is(err, hkv.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		kept = true
		for _, c := range countedClasses {
			n, err := getCount(ctx, tx, classKey(c))
			if err != nil {
				return err
			}
			out[c] = int(n)
		}
		return nil
	})
	return out, kept, err
}
