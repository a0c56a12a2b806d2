package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// PathOptions say which paths Paths looks for.
type PathOptions struct {
	K          int      // how many paths, shortest first; < 1 means 1
	MaxHops    int      // the longest path; < 1 means 6
	Via        []string // walk only links of these relations (local names: leaderOf, met) or event types (AGREE); empty: all
	MinReports int      // walk only links stated by at least this many articles
	Evidence   bool     // fill in each link's Evidence
}

// Paths returns the K shortest loopless chains of links from the entity at from to the one at
// to (Yen's algorithm over what Neighbors follows), shortest first and, among equals, in the
// order of the links. When there is none it returns an error wrapping ErrNoPath; an unknown
// entity gives one wrapping ErrNotFound.
func (s *Store) Paths(ctx context.Context, from, to string, o PathOptions) ([][]Link, error) {
	if o.K < 1 {
		o.K = 1
	}
	if o.MaxHops < 1 {
		o.MaxHops = 6
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	for _, iri := range []string{from, to} {
		if err := r.isEntity(iri); err != nil {
			return nil, err
		}
	}
	if from == to {
		return [][]Link{{}}, nil
	}
	w := &walker{r: r, via: map[string]bool{}, minReports: o.MinReports, cache: map[string][]Link{}}
	for _, v := range o.Via {
		w.via[strings.ToLower(v)] = true
	}
	paths, err := w.yen(from, to, o.K, o.MaxHops)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s to %s within %d hops: %w", schema.Local(from), schema.Local(to), o.MaxHops, ErrNoPath)
	}
	for _, p := range paths {
		for i := range p {
			if p[i].Articles == nil && w.r.adjacencyKept() {
				if err := w.r.linkArticles(&p[i]); err != nil {
					return nil, err
				}
			}
			if err := w.r.name(&p[i]); err != nil {
				return nil, err
			}
			if o.Evidence {
				if p[i].Evidence, err = w.r.linkEvidence(p[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	return paths, nil
}

// walker walks the links Paths may follow.
type walker struct {
	r          *reader
	via        map[string]bool // lower-case local names and event types; empty: all
	minReports int
	cache      map[string][]Link
}

// links returns the links from iri that the walk may follow.
func (w *walker) links(iri string) ([]Link, error) {
	if ls, ok := w.cache[iri]; ok {
		return ls, nil
	}
	var all []Link
	var err error
	if w.r.adjacencyKept() {
		// The articles of a link are read only to count its reports; Paths reads those of the
		// links it returns.
		all, err = w.r.indexedLinks(iri, w.minReports > 0)
	} else {
		all, err = w.r.links(iri)
	}
	if err != nil {
		return nil, err
	}
	var out []Link
	for _, l := range all {
		if len(l.Articles) < w.minReports {
			continue
		}
		if len(w.via) > 0 && !w.via[strings.ToLower(linkKind(l))] {
			continue
		}
		out = append(out, l)
	}
	w.cache[iri] = out
	return out, nil
}

// linkKind is the local name of a link's relation, or its event type.
func linkKind(l Link) string {
	if l.Predicate == schema.Event {
		return l.EventType
	}
	return schema.Local(l.Predicate)
}

// edgeID identifies a link of the walk.
func edgeID(l Link) string {
	return fmt.Sprintf("%s %s %s %s %t", l.From.IRI, l.To.IRI, l.Predicate, l.EventType, l.Reverse)
}

// shortest is a breadth-first search from src to dst of at most maxHops links, avoiding the
// nodes and edges given; nil when there is none.
func (w *walker) shortest(src, dst string, maxHops int, noNode, noEdge map[string]bool) ([]Link, error) {
	parent := map[string]*Link{src: nil}
	front := []string{src}
	for hops := 0; hops < maxHops && len(front) > 0; hops++ {
		var next []string
		for _, x := range front {
			links, err := w.links(x)
			if err != nil {
				return nil, err
			}
			for i := range links {
				l := &links[i]
				y := l.To.IRI
				if _, seen := parent[y]; seen || noNode[y] || noEdge[edgeID(*l)] {
					continue
				}
				parent[y] = l
				if y == dst {
					var path []Link
					for z := dst; parent[z] != nil; z = parent[z].From.IRI {
						path = append(path, *parent[z])
					}
					for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
						path[i], path[j] = path[j], path[i]
					}
					return path, nil
				}
				next = append(next, y)
			}
		}
		front = next
	}
	return nil, nil
}

// yen returns up to k shortest loopless paths (Yen, 1971).
func (w *walker) yen(src, dst string, k, maxHops int) ([][]Link, error) {
	first, err := w.shortest(src, dst, maxHops, nil, nil)
	if err != nil || first == nil {
		return nil, err
	}
	found := [][]Link{first}
	seen := map[string]bool{pathID(first): true}
	var candidates [][]Link
	for len(found) < k {
		last := found[len(found)-1]
		for i := range last {
			spur := last[i].From.IRI
			root := last[:i]
			noEdge := map[string]bool{}
			for _, p := range found {
				if len(p) > i && pathID(p[:i]) == pathID(root) {
					noEdge[edgeID(p[i])] = true
				}
			}
			noNode := map[string]bool{}
			for _, l := range root {
				noNode[l.From.IRI] = true
			}
			rest, err := w.shortest(spur, dst, maxHops-i, noNode, noEdge)
			if err != nil {
				return nil, err
			}
			if rest == nil {
				continue
			}
			p := append(append([]Link(nil), root...), rest...)
			if id := pathID(p); !seen[id] {
				seen[id] = true
				candidates = append(candidates, p)
			}
		}
		if len(candidates) == 0 {
			break
		}
		sort.SliceStable(candidates, func(a, b int) bool { return len(candidates[a]) < len(candidates[b]) })
		found = append(found, candidates[0])
		candidates = candidates[1:]
	}
	return found, nil
}

func pathID(p []Link) string {
	ids := make([]string, len(p))
	for i, l := range p {
		ids[i] = edgeID(l)
	}
	return strings.Join(ids, "|")
}

// linkEvidence returns the sentences behind a link: the reified relations stating it, or for a
// met edge or a shared event, the events both ends take part in.
func (r *reader) linkEvidence(l Link) ([]Evidence, error) {
	switch l.Predicate {
	case schema.Event:
		return r.eventEvidence(l.From.IRI, l.To.IRI, l.EventType)
	case schema.Met:
		return r.eventEvidence(l.From.IRI, l.To.IRI, "CONSULT")
	}
	subj, obj := l.From, l.To
	if l.Reverse {
		subj, obj = obj, subj
	}
	srcs, err := r.relationSources(subj.IRI, l.Predicate, Node{IRI: obj.IRI})
	if err != nil {
		return nil, err
	}
	var out []Evidence
	for _, s := range srcs {
		if !s.Negated {
			out = append(out, Evidence{Article: s.Article, Sentence: s.Sentence})
		}
	}
	return out, nil
}

// eventEvidence returns the evidence of the events of type typ (any, if "") that a and b both
// take part in, not denied.
func (r *reader) eventEvidence(a, b, typ string) ([]Evidence, error) {
	evs, err := r.sharedEvents(a, b, typ)
	if err != nil {
		return nil, err
	}
	var out []Evidence
	for _, ev := range evs {
		if ev.Negated {
			continue
		}
		for _, art := range ev.Articles {
			out = append(out, Evidence{Article: art, Sentence: ev.Evidence})
		}
	}
	return out, nil
}

// sharedEvents returns the events of type typ (any, if "") that a and b both take part in, as
// actors or recipients, by date.
func (r *reader) sharedEvents(a, b, typ string) ([]Event, error) {
	var iris []string
	for _, p := range []string{schema.Actor, schema.Recipient} {
		xs, err := r.s.subjectsWith(r.ctx, p, quad.IRI(a))
		if err != nil {
			return nil, err
		}
		for _, x := range xs {
			iris = appendUnique(iris, x)
		}
	}
	sort.Strings(iris)
	var out []Event
	for _, iri := range iris {
		ev, ok, err := r.event(iri)
		if err != nil {
			return nil, err
		}
		if ok && (typ == "" || ev.Type == typ) && participates(ev, b) {
			out = append(out, ev)
		}
	}
	sortEvents(out)
	return out, nil
}
