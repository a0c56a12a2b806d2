package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/options"

	"github.com/diplograph/diplograph/schema"
)

// This file reads the adjacency index (see adjacency.go).

// adjacencyKept reports whether the store keeps the adjacency index (remembered by the reader).
func (r *reader) adjacencyKept() bool {
	if r.adjacency == 0 {
		r.adjacency = -1
		if r.s.kv != nil && !r.s.noAdjacency {
			_ = hkv.View(r.ctx, r.s.kv, func(tx hkv.Tx) error {
				if _, err := tx.Get(r.ctx, keyAdjacencyKept); err == nil {
					r.adjacency = 1
				}
				return nil
			})
		}
	}
	return r.adjacency > 0
}

// scanIndex calls fn with every key of the adjacency index that starts with prefix, and its
// value, in order, in one read transaction. fn returns nil to go on with the next key, or a key
// to skip ahead to. The bytes given to fn are valid only during the call.
func (r *reader) scanIndex(prefix []byte, fn func(k, v []byte) (skipTo []byte, err error)) (err error) {
	if db := boltDB(r.s.kv); db != nil {
		// bolt's own cursor: it seeks, and it gives keys without copying them.
		defer r.s.bolt.guard.catch(debug.SetPanicOnFault(true), &err)
		return db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAdjacency)
			if b == nil {
				return nil
			}
			c := b.Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); {
				to, err := fn(k, v)
				if err != nil {
					return err
				}
				if to != nil {
					k, v = c.Seek(to)
				} else {
					k, v = c.Next()
				}
			}
			return nil
		})
	}
	return hkv.View(r.ctx, r.s.kv, func(tx hkv.Tx) error {
		it := tx.Scan(r.ctx, options.WithPrefixKV(hkv.Key{bucketAdjacency, prefix}))
		defer it.Close()
		var skip []byte
		for it.Next(r.ctx) {
			k := it.Key()
			key := k[len(k)-1]
			if skip != nil && bytes.Compare(key, skip) < 0 {
				continue
			}
			to, err := fn(key, it.Val())
			if err != nil {
				return err
			}
			skip = append(skip[:0], to...)
			if to == nil {
				skip = nil
			}
		}
		return it.Err()
	})
}

// boltDB returns the bolt database under kv, or nil.
func boltDB(kv hkv.KV) *bolt.DB {
	if g, ok := kv.(*guardKV); ok {
		if b, ok := g.KV.(*hbolt.DB); ok {
			return b.DB()
		}
	}
	return nil
}

// linkPrefix is the prefix of the facts of the links from iri.
func linkPrefix(iri string) []byte { return append(append([]byte(adjFactKey), iri...), 0) }

// splitFact splits the part of a fact key after its entity's prefix into the link's group
// (rank, reverse, other end, 0, event type), the other end, the event and the article.
func splitFact(rest []byte) (group, other, event, article []byte, err error) {
	i := bytes.IndexByte(rest, 0)
	if i < 2 {
		return nil, nil, nil, nil, fmt.Errorf("malformed adjacency key %q", rest)
	}
	j := bytes.IndexByte(rest[i+1:], 0)
	if j < 0 {
		return nil, nil, nil, nil, fmt.Errorf("malformed adjacency key %q", rest)
	}
	j += i + 1
	l := bytes.IndexByte(rest[j+1:], 0)
	if l < 0 {
		return nil, nil, nil, nil, fmt.Errorf("malformed adjacency key %q", rest)
	}
	l += j + 1
	return rest[:j], rest[2:i], rest[j+1 : l], rest[l+1:], nil
}

// groupLink is the link a fact's group names, without its articles.
func (r *reader) groupLink(from string, group, event []byte) Link {
	i := bytes.IndexByte(group, 0)
	return Link{
		From:      Node{IRI: from},
		To:        Node{IRI: r.intern(group[2:i])},
		Predicate: rankPredicate(group[0]),
		EventType: r.intern(group[i+1:]),
		Event:     string(event),
		Reverse:   group[1] == '1',
	}
}

// after returns the smallest key past every key that starts with prefix and then b.
func after(prefix, b []byte) []byte {
	k := make([]byte, 0, len(prefix)+len(b)+1)
	return append(append(append(k, prefix...), b...), 1)
}

// indexedLinks returns what links returns, read from the adjacency index; without articles,
// the links' Articles are left nil and only the first fact of each link is read.
func (r *reader) indexedLinks(iri string, articles bool) ([]Link, error) {
	prefix := linkPrefix(iri)
	var links []Link
	var last []byte // the group of the last link
	err := r.scanIndex(prefix, func(k, _ []byte) ([]byte, error) {
		group, _, event, article, err := splitFact(k[len(prefix):])
		if err != nil {
			return nil, err
		}
		if last != nil && bytes.Equal(last, group) {
			x := &links[len(links)-1]
			x.Articles = append(x.Articles, r.intern(article))
			return nil, nil
		}
		last = append(last[:0], group...)
		l := r.groupLink(iri, group, event)
		if !articles {
			links = append(links, l)
			return after(prefix, group), nil
		}
		l.Articles = []string{r.intern(article)}
		links = append(links, l)
		return nil, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read links of %s: %w", iri, err)
	}
	for i := range links {
		links[i].Articles = sortedUnique(links[i].Articles)
	}
	return links, nil
}

// linkArticles fills in the articles of l, a link read without them.
func (r *reader) linkArticles(l *Link) error {
	group := []byte{rankByte(l.Predicate), '0'}
	if l.Reverse {
		group[1] = '1'
	}
	group = append(append(append(group, l.To.IRI...), 0), l.EventType...)
	prefix := append(linkPrefix(l.From.IRI), group...)
	prefix = append(prefix, 0)
	var as []string
	err := r.scanIndex(prefix, func(k, _ []byte) ([]byte, error) {
		rest := k[len(prefix):]
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return nil, fmt.Errorf("malformed adjacency key %q", k)
		}
		as = append(as, r.intern(rest[i+1:]))
		return nil, nil
	})
	if err != nil {
		return fmt.Errorf("read link %s → %s: %w", l.From.IRI, l.To.IRI, err)
	}
	l.Articles = sortedUnique(as)
	return nil
}

func sortedUnique(as []string) []string {
	if len(as) > 1 {
		sort.Strings(as)
		as = slices.Compact(as)
	}
	return as
}

// indexedNeighbors is Neighbors' walk over the adjacency index: it reads one key per other end
// of a link and the articles of the links it returns only.
func (r *reader) indexedNeighbors(iri string, depth int) ([]Neighbor, error) {
	seen := map[string]bool{iri: true}
	front := []string{iri}
	var out []Neighbor
	for d := 1; d <= depth && len(front) > 0; d++ {
		var next []string
		for _, x := range front {
			prefix := linkPrefix(x)
			err := r.scanIndex(prefix, func(k, _ []byte) ([]byte, error) {
				group, other, event, _, err := splitFact(k[len(prefix):])
				if err != nil {
					return nil, err
				}
				// Every later link to other is skipped: it is seen now.
				skip := after(prefix, group[:2+len(other)])
				if seen[string(other)] {
					return skip, nil
				}
				l := r.groupLink(x, group, event)
				seen[l.To.IRI] = true
				next = append(next, l.To.IRI)
				out = append(out, Neighbor{Entity: l.To, Depth: d, Via: l})
				return skip, nil
			})
			if err != nil {
				return nil, fmt.Errorf("read links of %s: %w", x, err)
			}
		}
		front = next
	}
	for i := range out {
		if err := r.linkArticles(&out[i].Via); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// indexedNode returns what node returns, read from the index: the label stated by the most
// quads (ties to the value first in N-Quads order) and the first entity class.
func (r *reader) indexedNode(iri string) (Node, error) {
	prefix := append([]byte(adjNameKey+iri), 0)
	out := Node{IRI: iri}
	var best int64
	var classes []string
	err := r.scanIndex(prefix, func(k, v []byte) ([]byte, error) {
		if len(v) < 8 || len(k) == len(prefix) {
			return nil, fmt.Errorf("malformed name count %q", k)
		}
		n, txt := int64(binary.BigEndian.Uint64(v)), string(v[8:])
		switch k[len(prefix)] {
		case nameKindLabel:
			if n > best {
				best, out.Label = n, txt
			}
		case nameKindClass:
			classes = append(classes, txt)
		}
		return nil, nil
	})
	if err != nil {
		return Node{}, fmt.Errorf("read name of %s: %w", iri, err)
	}
	// node.class and node's reading of it.
	sort.Strings(classes)
	c := ""
	for _, t := range classes {
		if isEntityClass(t) {
			c = schema.Local(t)
			break
		}
	}
	if c == "" && len(classes) > 0 {
		c = schema.Local(classes[0])
	}
	if isEntityClass(schema.NS + c) {
		out.Type = c
	}
	return out, nil
}

// intern returns b as a string, the same string for the same bytes within one request.
func (r *reader) intern(b []byte) string {
	if s, ok := r.strings[string(b)]; ok {
		return s
	}
	if r.strings == nil {
		r.strings = make(map[string]string)
	}
	s := string(b)
	r.strings[s] = s
	return s
}

// isEntity returns nil when iri is an entity, and what Store.entity returns otherwise; on a
// store that keeps the adjacency index it reads only the node's classes.
func (r *reader) isEntity(iri string) error {
	if !r.adjacencyKept() {
		_, err := r.s.entity(r.ctx, iri)
		return err
	}
	n, err := r.indexedNode(iri)
	if err != nil {
		return err
	}
	if n.Type == "" {
		return fmt.Errorf("entity %s: %w", iri, ErrNotFound)
	}
	return nil
}
