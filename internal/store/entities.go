package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Entity is a person, country, organization or location, merged over the articles naming it.
type Entity struct {
	IRI         string   `json:"iri"`
	Type        string   `json:"type,omitempty"`        // local name of the class: Person, Country, Organization, Location
	Label       string   `json:"label,omitempty"`       // canonical name (the one most articles give)
	Aliases     []string `json:"aliases,omitempty"`     // every surface form, sorted
	CountryCode string   `json:"countryCode,omitempty"` // ISO 3166-1 alpha-3, when known
	Wikidata    string   `json:"wikidata,omitempty"`    // Q-identifier, when known
	Articles    []string `json:"articles,omitempty"`    // IRIs of the articles that name it, sorted
}

// AmbiguousError reports a name that several entities answer to.
type AmbiguousError struct {
	Name       string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q is ambiguous: %d entities match", e.Name, len(e.Candidates))
}

// Entities returns the entities of class (a local name such as "Person", any case, or "" for all)
// whose label or an alias contains the text filter, case-insensitively ("" for all), ordered by
// class and label. An unknown class is an error.
func (s *Store) Entities(ctx context.Context, class, filter string) ([]Entity, error) {
	classes := entityClasses
	if class != "" {
		c, err := entityClass(class)
		if err != nil {
			return nil, err
		}
		classes = []string{c}
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	all, err := s.entities(ctx, classes)
	if err != nil {
		return nil, err
	}
	filter = strings.ToLower(strings.TrimSpace(filter))
	if filter == "" {
		return all, nil
	}
	var out []Entity
	for _, e := range all {
		if strings.Contains(strings.ToLower(e.Label), filter) || containsFold(e.Aliases, filter) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Entity returns the entity with the given IRI, or an error wrapping ErrNotFound.
func (s *Store) Entity(ctx context.Context, iri string) (Entity, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return Entity{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.entity(ctx, iri)
}

// Resolve returns the entity a name stands for: an entity IRI, or a label, alias or (for a
// country) ISO code, compared case-insensitively. A label match beats an alias match, which beats
// a code match (a label in unusual case found only by the full scan does not beat an alias
// found in the usual spellings: as typed, lower, upper or title case). Several entities at the best level give an *AmbiguousError; none, an error
// wrapping ErrNotFound.
func (s *Store) Resolve(ctx context.Context, name string) (Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Entity{}, fmt.Errorf("entity %q: %w", name, ErrNotFound)
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return Entity{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if strings.Contains(name, "://") {
		return s.entity(ctx, name)
	}
	// Fast path: the name in its usual spellings, found through the object index. A name in
	// odd case ("mcdonald's") falls through to the scan below.
	found, err := s.lookupName(ctx, name)
	if err != nil {
		return Entity{}, err
	}
	if level := found.best(); level != nil {
		return pick(name, level)
	}
	var all []Entity
	if s.namesIndexed(ctx) {
		// The name index gives every node that ever had the name, or a word of it: no scan.
		iris, err := s.nameCandidates(ctx, name, true)
		if err != nil {
			return Entity{}, err
		}
		for _, iri := range iris {
			e, err := s.entity(ctx, iri)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return Entity{}, err
			}
			all = append(all, e)
		}
	} else if all, err = s.entities(ctx, entityClasses); err != nil {
		return Entity{}, err
	}
	found = nameMatches{}
	for _, e := range all {
		found.add(e, name)
	}
	if level := found.best(); level != nil {
		return pick(name, level)
	}
	// Last, a word of a person's name: "Odinga" for Raila Odinga (several people: ambiguous).
	var byWord []Entity
	for _, e := range all {
		if e.Type != "Person" {
			continue
		}
		for _, w := range strings.Fields(e.Label) {
			if strings.EqualFold(w, name) {
				byWord = append(byWord, e)
				break
			}
		}
	}
	if len(byWord) > 0 {
		return pick(name, byWord)
	}
	return Entity{}, fmt.Errorf("entity %q: %w", name, ErrNotFound)
}

// nameMatches are the entities a name matches, by how: label, alias, country code.
type nameMatches struct{ byLabel, byAlias, byCode []Entity }

// add files e under the way name matches it, if it does.
func (m *nameMatches) add(e Entity, name string) {
	switch {
	case strings.EqualFold(e.Label, name):
		m.byLabel = append(m.byLabel, e)
	case containsEqualFold(e.Aliases, name):
		m.byAlias = append(m.byAlias, e)
	case e.Type == "Country" && strings.EqualFold(e.CountryCode, name):
		m.byCode = append(m.byCode, e)
	}
}

// best is the strongest non-empty kind of match, or nil.
func (m *nameMatches) best() []Entity {
	for _, level := range [][]Entity{m.byLabel, m.byAlias, m.byCode} {
		if len(level) > 0 {
			return level
		}
	}
	return nil
}

// lookupName finds the entities whose label, alias or (countries) code is name, as typed or in
// lower, upper or title case, through the object index.
func (s *Store) lookupName(ctx context.Context, name string) (found nameMatches, err error) {
	var spellings []string
	for _, v := range []string{name, strings.ToLower(name), strings.ToUpper(name), titleCase(name)} {
		spellings = appendUnique(spellings, v)
	}
	seen := make(map[string]bool)
	for _, v := range spellings {
		qs, err := s.quadsWith(ctx, quad.Object, quad.String(v))
		if err != nil {
			return found, err
		}
		for _, q := range qs {
			iri, p := iriOf(q.Subject), iriOf(q.Predicate)
			if iri == "" || seen[iri] || (p != schema.RDFSLabel && p != schema.Alias && p != schema.CountryCode) {
				continue
			}
			seen[iri] = true
			e, err := s.entity(ctx, iri)
			if errors.Is(err, ErrNotFound) {
				continue
			} else if err != nil {
				return found, err
			}
			found.add(e, name)
		}
	}
	return found, nil
}

// titleCase upper-cases the first letter of every word.
func titleCase(s string) string {
	b := []rune(strings.ToLower(s))
	for i := range b {
		if i == 0 || b[i-1] == ' ' || b[i-1] == '-' {
			b[i] = unicode.ToUpper(b[i])
		}
	}
	return string(b)
}

func pick(name string, candidates []Entity) (Entity, error) {
	if len(candidates) == 1 {
		return candidates[0], nil
	}
	sortEntities(candidates)
	return Entity{}, &AmbiguousError{Name: name, Candidates: candidates}
}

// entity reads the entity with the given IRI.
func (s *Store) entity(ctx context.Context, iri string) (Entity, error) {
	n, err := s.describe(ctx, iri)
	if err != nil {
		return Entity{}, err
	}
	e, ok := entityOf(n)
	if !ok {
		return Entity{}, fmt.Errorf("entity %s: %w", iri, ErrNotFound)
	}
	return e, nil
}

// entities reads every entity of the given classes, sorted.
func (s *Store) entities(ctx context.Context, classes []string) ([]Entity, error) {
	var out []Entity
	err := s.eachEntity(ctx, classes, func(e Entity, _ *node) {
		out = append(out, e)
	})
	if err != nil {
		return nil, err
	}
	sortEntities(out)
	return out, nil
}

// eachEntity calls fn with every entity of the given classes, once each, and its node.
func (s *Store) eachEntity(ctx context.Context, classes []string, fn func(Entity, *node)) error {
	seen := make(map[string]bool)
	for _, c := range classes {
		qs, err := s.quadsWith(ctx, quad.Object, quad.IRI(c))
		if err != nil {
			return err
		}
		for _, q := range qs {
			iri := iriOf(q.Subject)
			if iriOf(q.Predicate) != schema.RDFType || iri == "" || seen[iri] {
				continue
			}
			seen[iri] = true
			n, err := s.describe(ctx, iri)
			if err != nil {
				return err
			}
			if e, ok := entityOf(n); ok {
				fn(e, n)
			}
		}
	}
	return nil
}

// entityOf turns a described node into an Entity, if it has an entity class.
func entityOf(n *node) (Entity, bool) {
	class := n.class()
	if !isEntityClass(schema.NS + class) {
		return Entity{}, false
	}
	e := Entity{
		IRI:         n.iri,
		Type:        class,
		Label:       n.first(schema.RDFSLabel),
		Aliases:     n.texts(schema.Alias),
		CountryCode: n.first(schema.CountryCode),
		Wikidata:    n.first(schema.Wikidata),
		Articles:    n.articles(),
	}
	if e.Label == "" {
		e.Label = schema.Local(n.iri)
	}
	return e, true
}

func sortEntities(es []Entity) {
	rank := func(class string) int {
		for i, c := range entityClasses {
			if schema.Local(c) == class {
				return i
			}
		}
		return len(entityClasses)
	}
	sort.SliceStable(es, func(i, j int) bool {
		if ri, rj := rank(es[i].Type), rank(es[j].Type); ri != rj {
			return ri < rj
		}
		if li, lj := strings.ToLower(es[i].Label), strings.ToLower(es[j].Label); li != lj {
			return li < lj
		}
		return es[i].IRI < es[j].IRI
	})
}

// entityClass returns the class IRI of a class name such as "person" or "Country".
func entityClass(name string) (string, error) {
	for _, c := range entityClasses {
		if strings.EqualFold(name, schema.Local(c)) || name == c {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown entity type %q (want Person, Country, Organization or Location)", name)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsEqualFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// containsFold reports whether an element of list contains the lower-case sub.
func containsFold(list []string, sub string) bool {
	for _, x := range list {
		if strings.Contains(strings.ToLower(x), sub) {
			return true
		}
	}
	return false
}
