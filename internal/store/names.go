package store

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/diplograph/diplograph/schema"
)

// The name index of a key-value store (bolt, leveldb) maps every lower-cased label, alias and
// country code, and every word of a label, to the nodes that had it, so that a name the object
// index does not find in its usual spellings ("mcdonald's", "odinga", a name no article gives)
// is looked up instead of scanning every entity. It lives beside cayley's buckets, is written
// in the transaction that writes the quads, and only grows: a node that lost the name is
// dropped when the candidates are read back. A store created before the index has no
// keyNamesIndexed, and resolves by scanning as it did.
var (
	bucketNames     = []byte("diplograph-names")
	keyNamesIndexed = hkv.Key{[]byte("meta"), []byte("diplograph-names")}
)

// Prefixes of the name index's keys.
const (
	nameKey = "n:" // a whole label, alias or country code
	wordKey = "w:" // one word of a label
)

// nameIndexKeys returns the index keys a quad files its subject under.
func nameIndexKeys(q quad.Quad) []string {
	p := iriOf(q.Predicate)
	if p != schema.RDFSLabel && p != schema.Alias && p != schema.CountryCode {
		return nil
	}
	v, ok := q.Object.(quad.String)
	if !ok {
		return nil
	}
	name := strings.ToLower(strings.TrimSpace(string(v)))
	if name == "" {
		return nil
	}
	keys := []string{nameKey + name}
	if p == schema.RDFSLabel {
		for _, w := range strings.Fields(name) {
			keys = appendUnique(keys, wordKey+w)
		}
	}
	return keys
}

// indexNames adds the subjects of the added quads of deltas to the name index, in tx.
func indexNames(ctx context.Context, tx hkv.Tx, deltas []graph.Delta) error {
	add := map[string][]string{} // key → subjects
	for _, d := range deltas {
		if d.Action != graph.Add {
			continue
		}
		iri := iriOf(d.Quad.Subject)
		if iri == "" {
			continue
		}
		for _, k := range nameIndexKeys(d.Quad) {
			add[k] = appendUnique(add[k], iri)
		}
	}
	keys := make([]string, 0, len(add))
	for k := range add {
		keys = append(keys, k)
	}
	sort.Strings(keys) // bolt writes sorted keys fastest
	for _, k := range keys {
		key := hkv.Key{bucketNames, []byte(k)}
		old, err := tx.Get(ctx, key)
		if err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return err
		}
		val := append([]byte(nil), old...)
		changed := false
		for _, iri := range add[k] {
			if !hasLine(old, iri) {
				val = append(append(val, iri...), '\n')
				changed = true
			}
		}
		if changed {
			if err := tx.Put(ctx, key, val); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasLine reports whether list, lines ending in '\n', holds s.
func hasLine(list []byte, s string) bool {
	for len(list) > 0 {
		i := bytes.IndexByte(list, '\n')
		if i < 0 {
			i = len(list)
		}
		if string(list[:i]) == s {
			return true
		}
		list = list[min(i+1, len(list)):]
	}
	return false
}

// namesIndexed reports whether the store keeps a complete name index.
func (s *Store) namesIndexed(ctx context.Context) bool {
	if s.kv == nil {
		return false
	}
	ok := false
	_ = hkv.View(ctx, s.kv, func(tx hkv.Tx) error {
		_, err := tx.Get(ctx, keyNamesIndexed)
		ok = err == nil
		return nil
	})
	return ok
}

// nameCandidates returns the nodes the name index files under name (whole) and, with words,
// under name as one word of a label, sorted.
func (s *Store) nameCandidates(ctx context.Context, name string, words bool) ([]string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	keys := []hkv.Key{{bucketNames, []byte(nameKey + name)}}
	if words {
		keys = append(keys, hkv.Key{bucketNames, []byte(wordKey + name)})
	}
	var out []string
	err := hkv.View(ctx, s.kv, func(tx hkv.Tx) error {
		for _, k := range keys {
			v, err := tx.Get(ctx, k)
			if errors.Is(err, hkv.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			for _, l := range strings.Split(strings.TrimSuffix(string(v), "\n"), "\n") {
				if l != "" {
					out = appendUnique(out, l)
				}
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
