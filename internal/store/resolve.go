package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"

	"github.com/diplograph/diplograph/internal/names"
	"github.com/diplograph/diplograph/schema"
)

// Duplicate is a set of entity nodes that may be one entity.
type Duplicate struct {
	Type string `json:"type"`
	// Name is what they share: a normalized name (Reason "same name") or a surname.
	Name string `json:"name"`
	// Reason is "same name" (one normalized name, several nodes: a gazetteer entity and a
	// spelling no gazetteer knows), "surname" (a surname used alone and the one person of that
	// surname the store holds: Entities[0] is the short form, Entities[1] the person; resolved
	// unless that person's name does not start with a given name or initials) or "ambiguous
	// surname" (a surname used alone and several people it may stand for).
	Reason   string   `json:"reason"`
	Resolved bool     `json:"resolved"` // queries count the short form as the full name
	Entities []Entity `json:"entities"`
}

// person is what surname resolution compares of a person node.
type person struct {
	Entity
	key   []string // the tokens of its normalized label
	roles []string
	given bool // its label starts with a given name or initials
}

// Duplicates lists the entity nodes that may be one entity, surname resolutions included, by
// type and name.
func (s *Store) Duplicates(ctx context.Context) ([]Duplicate, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	all, err := s.entities(ctx, entityClasses)
	if err != nil {
		return nil, err
	}
	var out []Duplicate
	byKey := map[string][]Entity{}
	for _, e := range all {
		if e.Type == "Country" {
			continue
		}
		if k := names.Key(e.Type, e.Label); k != "" {
			byKey[e.Type+"/"+k] = append(byKey[e.Type+"/"+k], e)
		}
	}
	for _, k := range sortedKeys(byKey) {
		if es := byKey[k]; len(es) > 1 {
			typ, name, _ := strings.Cut(k, "/")
			out = append(out, Duplicate{Type: typ, Name: name, Reason: "same name", Entities: es})
		}
	}
	people, err := s.people(ctx)
	if err != nil {
		return nil, err
	}
	for _, short := range people {
		if len(short.key) != 1 {
			continue
		}
		cands := surnameCandidates(short, people)
		switch {
		case len(cands) == 1:
			ok, err := s.resolves(ctx, short, cands)
			if err != nil {
				return nil, err
			}
			out = append(out, Duplicate{Type: "Person", Name: short.key[0], Reason: "surname", Resolved: ok,
				Entities: []Entity{short.Entity, cands[0].Entity}})
		case len(cands) > 1:
			d := Duplicate{Type: "Person", Name: short.key[0], Reason: "ambiguous surname", Entities: []Entity{short.Entity}}
			for _, c := range cands {
				d.Entities = append(d.Entities, c.Entity)
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// shortForms maps the IRI of each person named by a surname alone ("Capie") to the person of
// that surname whom another article names in full ("David Capie"), when the surname resolves
// (see resolvable and sameIncident). It is computed from the stored articles whenever it is
// asked for, so re-ingesting or removing an article changes it at once.
func (s *Store) shortForms(ctx context.Context) (map[string]string, error) {
	people, err := s.people(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, short := range people {
		if len(short.key) != 1 {
			continue
		}
		cands := surnameCandidates(short, people)
		ok, err := s.resolves(ctx, short, cands)
		if err != nil {
			return nil, err
		}
		if ok {
			out[short.IRI] = cands[0].IRI
		}
	}
	return out, nil
}

// people reads every person with its normalized name and roles.
func (s *Store) people(ctx context.Context) ([]person, error) {
	var out []person
	err := s.eachEntity(ctx, []string{schema.Person}, func(e Entity, n *node) {
		if e.Type != "Person" {
			return
		}
		p := person{Entity: e, roles: n.texts(schema.HoldsRole), given: names.StartsWithGiven(e.Label)}
		if k := names.Key("Person", e.Label); k != "" {
			p.key = strings.Split(k, "-")
		}
		out = append(out, p)
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// surnameCandidates returns the people of two names or more whose last name is short's one
// name and whose country and roles do not disagree with short's.
func surnameCandidates(short person, people []person) []person {
	var out []person
	for _, p := range people {
		if len(p.key) < 2 || p.key[len(p.key)-1] != short.key[0] {
			continue
		}
		if short.CountryCode != "" && p.CountryCode != "" && short.CountryCode != p.CountryCode {
			continue
		}
		if len(short.roles) > 0 && len(p.roles) > 0 && !overlap(short.roles, p.roles) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// resolvable reports whether the surname short resolves to its candidates: there is exactly
// one; its name starts with a given name or initials, so that it is likely a person and not a
// thing the extractor took for one ("Donkey Kong", "Vivendi Universal"); and something agrees
// beyond the surname: both have a country and it is the same, or both hold one role, or one
// article names both ("Ernest Gellhorn, an anti-trust law professor ... Prof Gellhorn said"),
// or the person is named in full in at least minFullArticles articles, more than use the
// surname alone ("Letwin" and Oliver Letwin, named in 25). A surname alone is not enough: on
// the BBC corpus, 9 of 20 surnames resolved on it alone named someone else ("Lord Hamilton", a
// judge, as the Tory Neil Hamilton, named once).
func resolvable(short person, cands []person) bool {
	if len(cands) != 1 || !cands[0].given {
		return false
	}
	c := cands[0]
	switch {
	case short.CountryCode != "" && short.CountryCode == c.CountryCode:
		return true
	case len(short.roles) > 0 && overlap(short.roles, c.roles):
		return true
	case len(c.Articles) >= minFullArticles && len(c.Articles) > len(short.Articles):
		return true
	}
	for _, a := range short.Articles {
		if contains(c.Articles, a) {
			return true
		}
	}
	return false
}

// resolves reports whether the surname short resolves to its candidates: resolvable, or one
// candidate whose name starts with a given name and who takes the same part in an incident as
// short does (sameIncident).
func (s *Store) resolves(ctx context.Context, short person, cands []person) (bool, error) {
	if resolvable(short, cands) {
		return true, nil
	}
	if len(cands) != 1 || !cands[0].given {
		return false, nil
	}
	return s.sameIncident(ctx, short.IRI, cands[0].IRI)
}

// sameIncident reports whether the people at a and b take the same part in incident nodes of
// one type, with the same other parties, dated at most DefaultIncidentWindow days apart: two
// reports of one event naming its actor "Goldsmith" and "Peter Goldsmith".
func (s *Store) sameIncident(ctx context.Context, a, b string) (bool, error) {
	type part struct{ typ, role, others, date string }
	parts := func(iri string) ([]part, error) {
		var out []part
		for _, role := range []string{schema.IncidentActor, schema.IncidentRecipient} {
			days, err := s.subjectsWith(ctx, role, quad.IRI(iri))
			if err != nil {
				return nil, err
			}
			for _, d := range days {
				n, err := s.describe(ctx, d)
				if err != nil {
					return nil, err
				}
				if !n.is(schema.Incident) || truth(n.first(schema.Negated)) {
					continue
				}
				var others []string
				for _, p := range []string{schema.IncidentActor, schema.IncidentRecipient} {
					for _, x := range n.iris(p) {
						if x != iri {
							others = append(others, p+" "+x)
						}
					}
				}
				sort.Strings(others)
				out = append(out, part{n.first(schema.EventType), role, strings.Join(others, "|"), n.first(schema.Date)})
			}
		}
		return out, nil
	}
	pa, err := parts(a)
	if err != nil || len(pa) == 0 {
		return false, err
	}
	pb, err := parts(b)
	if err != nil {
		return false, err
	}
	for _, x := range pa {
		for _, y := range pb {
			if x.typ == y.typ && x.role == y.role && x.others == y.others && x.others != "" && x.date != "" && y.date != "" &&
				abs(daysBetween(x.date, y.date)) <= DefaultIncidentWindow {
				return true, nil
			}
		}
	}
	return false, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// minFullArticles is how many articles must name a person in full for a surname used alone
// elsewhere to resolve to them on that alone.
const minFullArticles = 3

func overlap(a, b []string) bool {
	for _, x := range a {
		if containsEqualFold(b, x) {
			return true
		}
	}
	return false
}

// surnames answers, for one request, what shortForms maps, reading only the people whose
// surname is asked about: on a store that keeps the class counts and the adjacency index, the
// people are listed from the counts and named from the index, and the country, roles and
// articles that resolution compares are read for the people of one surname when it is first
// asked about. Elsewhere it reads shortForms' whole map on first use.
type surnames struct {
	s *Store
	r *reader

	all      map[string]string   // shortForms' map, on a store without the indexes; nil otherwise
	byKey    map[string][]person // the people listed, by the last token of their key, by IRI
	keyOf    map[string]string   // a person's last key token, by IRI ("" for an unnamed one)
	full     map[string]string   // the short forms resolved so far → full name ("" if none)
	detailed map[string]bool     // the tokens whose people have country and roles read
	listed   bool
}

func newSurnames(s *Store, r *reader) *surnames {
	return &surnames{s: s, r: r, full: map[string]string{}, detailed: map[string]bool{}}
}

// list lists the people once.
func (sn *surnames) list() error {
	if sn.listed {
		return nil
	}
	sn.listed = true
	ctx := sn.r.ctx
	var iris []string
	kept := false
	if sn.s.kv != nil && sn.r.adjacencyKept() {
		err := hkv.View(ctx, sn.s.kv, func(tx hkv.Tx) error {
			if _, err := tx.Get(ctx, keyCountsKept); errors.Is(err, hkv.ErrNotFound) {
				return nil
			} else if err != nil {
				return err
			}
			kept = true
			prefix := nodeKey(schema.Person, "")
			it := tx.Scan(ctx, options.WithPrefixKV(prefix))
			defer it.Close()
			for it.Next(ctx) {
				k := it.Key()
				iris = append(iris, string(k[len(k)-1][len(prefix[len(prefix)-1]):]))
			}
			return it.Err()
		})
		if err != nil {
			return fmt.Errorf("list people: %w", err)
		}
	}
	if !kept {
		all, err := sn.s.shortForms(ctx)
		sn.all = all
		return err
	}
	sort.Strings(iris)
	sn.byKey = map[string][]person{}
	sn.keyOf = map[string]string{}
	for _, iri := range iris {
		n, err := sn.r.indexedNode(iri)
		if err != nil {
			return err
		}
		if n.Type != "Person" {
			continue // a node of two classes, read as its first (see entityOf)
		}
		label := n.Label
		if label == "" {
			label = schema.Local(iri)
		}
		p := person{Entity: Entity{IRI: iri, Type: n.Type, Label: label}, given: names.StartsWithGiven(label)}
		if k := names.Key("Person", label); k != "" {
			p.key = strings.Split(k, "-")
		}
		if len(p.key) == 0 {
			sn.keyOf[iri] = ""
			continue
		}
		last := p.key[len(p.key)-1]
		sn.keyOf[iri] = last
		sn.byKey[last] = append(sn.byKey[last], p)
	}
	return nil
}

// detail reads the country and roles of the people of the surname token, once.
func (sn *surnames) detail(token string) error {
	if sn.detailed[token] {
		return nil
	}
	sn.detailed[token] = true
	ps := sn.byKey[token]
	for i := range ps {
		n, err := sn.s.describeOnly(sn.r.ctx, ps[i].IRI, schema.CountryCode, schema.HoldsRole)
		if err != nil {
			return err
		}
		ps[i].CountryCode = n.first(schema.CountryCode)
		ps[i].roles = n.texts(schema.HoldsRole)
	}
	return nil
}

// fullName returns the person the short form at iri resolves to, or "".
func (sn *surnames) fullName(iri string) (string, error) {
	if err := sn.list(); err != nil {
		return "", err
	}
	if sn.all != nil || sn.byKey == nil {
		return sn.all[iri], nil
	}
	if full, ok := sn.full[iri]; ok {
		return full, nil
	}
	sn.full[iri] = ""
	token, ok := sn.keyOf[iri]
	if !ok || token == "" {
		return "", nil
	}
	var short *person
	for i, p := range sn.byKey[token] {
		if p.IRI == iri {
			short = &sn.byKey[token][i]
		}
	}
	if short == nil || len(short.key) != 1 {
		return "", nil
	}
	if err := sn.detail(token); err != nil {
		return "", err
	}
	cands := surnameCandidates(*short, sn.byKey[token])
	if len(cands) != 1 || !cands[0].given {
		return "", nil // resolves would say no without reading more
	}
	// The articles, for resolvable, only when the country and roles do not decide.
	c := &cands[0]
	if !(short.CountryCode != "" && short.CountryCode == c.CountryCode) && !(len(short.roles) > 0 && overlap(short.roles, c.roles)) {
		for _, p := range []*person{short, c} {
			n, err := sn.r.describe(p.IRI)
			if err != nil {
				return "", err
			}
			p.Articles = n.articles()
		}
	}
	ok, err := sn.s.resolves(sn.r.ctx, *short, cands)
	if err != nil || !ok {
		return "", err
	}
	sn.full[iri] = c.IRI
	return c.IRI, nil
}

// shortsOf returns the short forms that resolve to the person at full, in no order.
func (sn *surnames) shortsOf(full string) ([]string, error) {
	if err := sn.list(); err != nil {
		return nil, err
	}
	if sn.all != nil || sn.byKey == nil {
		var out []string
		for sh, f := range sn.all {
			if f == full {
				out = append(out, sh)
			}
		}
		return out, nil
	}
	token := sn.keyOf[full]
	if token == "" {
		return nil, nil
	}
	var out []string
	for _, p := range sn.byKey[token] {
		if len(p.key) != 1 {
			continue
		}
		f, err := sn.fullName(p.IRI)
		if err != nil {
			return nil, err
		}
		if f == full {
			out = append(out, p.IRI)
		}
	}
	return out, nil
}
