package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	cayleykv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/diplograph/diplograph/schema"
)

// Change counts the quads a replacement added and removed.
type Change struct {
	Articles int `json:"articles"` // articles replaced
	Added    int `json:"added"`    // quads added
	Removed  int `json:"removed"`  // quads removed
}

// Unchanged reports whether the replacement left the store as it was.
func (c Change) Unchanged() bool { return c.Added == 0 && c.Removed == 0 }

func (c *Change) add(d Change) {
	c.Articles += d.Articles
	c.Added += d.Added
	c.Removed += d.Removed
}

// ArticleQuads are the quads derived from one article, for ReplaceArticles.
type ArticleQuads struct {
	IRI   quad.IRI    // the article, the label of every quad
	Quads []quad.Quad // a quad without a label gets IRI
}

// ReplaceArticle makes quads the only quads labelled article, in one transaction: readers see
// the old article or the new one, never a mix. Quads without a label get article's; a quad with
// another label is an error. Replacing an article by the quads it already has changes nothing.
func (s *Store) ReplaceArticle(ctx context.Context, article quad.IRI, quads []quad.Quad) (Change, error) {
	return s.ReplaceArticles(ctx, []ArticleQuads{{IRI: article, Quads: quads}})
}

// ReplaceArticles replaces several articles as ReplaceArticle does, all in one transaction, which
// is much faster than one transaction per article on bolt (each commit syncs the file). An
// article may appear once.
//
// Only the difference is written: quads the article no longer states are deleted, new ones are
// added, the rest are left alone. So re-ingesting an unchanged article writes nothing, and
// no quad is deleted and re-added in one transaction, which cayley's kv stores handle badly.
func (s *Store) ReplaceArticles(ctx context.Context, articles []ArticleQuads) (Change, error) {
	if s.opts.ReadOnly {
		return Change{}, fmt.Errorf("replace articles: %w", ErrReadOnly)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sharing() {
		if s.bolt.writer == nil {
			return Change{}, errors.New("replace articles: store is closed")
		}
		if err := s.acquire(ctx); err != nil {
			return Change{}, fmt.Errorf("replace articles: %w", err)
		}
		defer s.release()
	}
	if s.qs == nil {
		return Change{}, errors.New("replace articles: store is closed")
	}
	wants := make([]want, 0, len(articles))
	seen := make(map[quad.IRI]bool, len(articles))
	for _, a := range articles {
		if a.IRI == "" {
			return Change{}, errors.New("replace articles: article without IRI")
		}
		if seen[a.IRI] {
			return Change{}, fmt.Errorf("replace articles: article %s given twice", a.IRI)
		}
		seen[a.IRI] = true
		w, err := articleWant(a)
		if err != nil {
			return Change{}, fmt.Errorf("replace article %s: %w", a.IRI, err)
		}
		wants = append(wants, w)
	}
	if s.pg != nil {
		return s.replacePostgres(ctx, wants)
	}
	var (
		total  Change
		deltas []graph.Delta
	)
	for _, w := range wants {
		d, c, err := s.articleDeltas(ctx, w)
		if err != nil {
			return Change{}, fmt.Errorf("replace article %s: %w", w.iri, err)
		}
		deltas = append(deltas, d...)
		total.add(c)
	}
	if len(deltas) == 0 {
		return total, nil
	}
	if err := ctx.Err(); err != nil {
		return Change{}, err
	}
	if err := s.apply(ctx, deltas); err != nil {
		return Change{}, fmt.Errorf("replace articles: %w", err)
	}
	return total, nil
}

// apply applies deltas in one transaction.
func (s *Store) apply(ctx context.Context, deltas []graph.Delta) error {
	if s.kv == nil {
		return s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{})
	}
	// Cayley's kv store resolves the nodes of added quads only among the nodes whose reference
	// count the whole batch raises: an added quad that shares a node (its article, typically)
	// with more deleted quads than added ones is stored without that node. So additions and
	// deletions go in two ApplyDeltas calls, on a quad store whose every transaction is the
	// one bolt/leveldb transaction committed here.
	var adds, dels []graph.Delta
	for _, d := range deltas {
		if d.Action == graph.Add {
			adds = append(adds, d)
		} else {
			dels = append(dels, d)
		}
	}
	tx, err := s.kv.Tx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Close()
	w, err := cayleykv.New(&txKV{tx: tx}, kvOptions)
	if err != nil {
		return err
	}
	for _, batch := range [][]graph.Delta{adds, dels} {
		if len(batch) == 0 {
			continue
		}
		if err := w.ApplyDeltas(batch, graph.IgnoreOpts{}); err != nil {
			return err
		}
	}
	if err := indexNames(ctx, tx, adds); err != nil {
		return fmt.Errorf("index names: %w", err)
	}
	if err := countClasses(ctx, tx, deltas); err != nil {
		return fmt.Errorf("count classes: %w", err)
	}
	if err := indexAdjacency(ctx, tx, w, deltas); err != nil {
		return fmt.Errorf("index adjacency: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	// The reading quad store caches node IDs, which the write may have changed.
	qs, err := cayleykv.New(s.kv, kvOptions)
	if err != nil {
		return err
	}
	s.qs = qs
	return nil
}

// txKV is a key-value database all of whose transactions are one transaction of another: the
// writes of several ApplyDeltas calls through it commit together, when that transaction does.
type txKV struct{ tx hkv.Tx }

func (k *txKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) { return nopTx{k.tx}, nil }

func (k *txKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error { return fn(nopTx{k.tx}) }

func (k *txKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error { return fn(nopTx{k.tx}) }

func (k *txKV) Close() error { return nil }

// nopTx is a transaction whose commit and rollback are left to its owner.
type nopTx struct{ hkv.Tx }

func (nopTx) Commit(context.Context) error { return nil }

func (nopTx) Close() error { return nil }

// want is what one article is to hold once replaced.
type want struct {
	iri   quad.IRI
	quads []quad.Quad // labelled iri, each once, in the order given
	keys  []string    // the N-Quads line of each of quads
	hash  *quad.Quad  // the article's contentHash quad, when it has one
}

// articleWant checks the quads of a, labels those without a label, and drops repeated ones.
func articleWant(a ArticleQuads) (want, error) {
	w := want{iri: a.IRI, quads: make([]quad.Quad, 0, len(a.Quads)), keys: make([]string, 0, len(a.Quads))}
	seen := make(map[string]bool, len(a.Quads))
	for _, q := range a.Quads {
		if q.Label == nil {
			q.Label = a.IRI
		} else if l, ok := q.Label.(quad.IRI); !ok || l != a.IRI {
			return want{}, fmt.Errorf("quad %s is labelled %v, not the article", q.NQuad(), q.Label)
		}
		if !q.IsValid() {
			return want{}, fmt.Errorf("invalid quad %s", q.NQuad())
		}
		k := q.NQuad()
		if !seen[k] {
			seen[k] = true
			w.quads = append(w.quads, q)
			w.keys = append(w.keys, k)
		}
		if p, ok := q.Predicate.(quad.IRI); ok && string(p) == schema.ContentHash && q.Subject == a.IRI {
			w.hash = &q
		}
	}
	return w, nil
}

// articleDeltas returns the deltas that turn the stored quads of w.iri into w.quads. When
// w holds a contentHash quad of the article (kg.Build gives one, the hash of the other quads)
// and the store holds that quad, the article is taken as unchanged without reading its quads.
func (s *Store) articleDeltas(ctx context.Context, w want) ([]graph.Delta, Change, error) {
	c := Change{Articles: 1}
	if w.hash != nil {
		same, err := s.holds(ctx, *w.hash)
		if err != nil {
			return nil, Change{}, err
		}
		if same {
			return nil, c, nil
		}
	}
	want := make(map[string]bool, len(w.keys))
	for _, k := range w.keys {
		want[k] = true
	}
	have, err := s.quadsWith(ctx, quad.Label, w.iri)
	if err != nil {
		return nil, Change{}, err
	}
	var deltas []graph.Delta
	stored := make(map[string]bool, len(have))
	for _, q := range have {
		k := q.NQuad()
		if stored[k] {
			continue
		}
		stored[k] = true
		if !want[k] {
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
			c.Removed++
		}
	}
	for i, k := range w.keys {
		if !stored[k] {
			deltas = append(deltas, graph.Delta{Quad: w.quads[i], Action: graph.Add})
			c.Added++
		}
	}
	return deltas, c, nil
}

// holds reports whether the store holds q, looking it up by its object: for a contentHash quad,
// a literal no other quad has.
func (s *Store) holds(ctx context.Context, q quad.Quad) (bool, error) {
	ref, err := s.qs.ValueOf(q.Object)
	if err != nil {
		return false, fmt.Errorf("look up %v: %w", q.Object, err)
	}
	if ref == nil {
		return false, nil
	}
	found := false
	err = newQuadReader(s.qs, s.values).each(ctx, s.qs.QuadIterator(quad.Object, ref).Iterate(), func(h quad.Quad) error {
		found = found || h == q
		return nil
	})
	return found, err
}
