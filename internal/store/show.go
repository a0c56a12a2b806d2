package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Fact is one edge of the graph, merged over the articles that state it, or one the articles
// deny (Negated: "Japan is not part of the Five Eyes"), which the graph records only as a
// reified relation.
type Fact struct {
	Subject   Node       `json:"subject"`
	Predicate string     `json:"predicate,omitempty"` // IRI
	Object    Node       `json:"object"`              // an IRI node, or a literal (empty IRI, text in Label)
	Negated   bool       `json:"negated,omitempty"`
	Articles  []string   `json:"articles"`           // IRIs of the articles stating it, sorted
	Evidence  []Evidence `json:"evidence,omitempty"` // the supporting sentences, in the order of Articles
}

// Evidence is a sentence an article gives for a fact or event.
type Evidence struct {
	Article  string `json:"article"` // IRI
	Sentence string `json:"sentence"`
}

// FirstEvidence returns the first supporting sentence, or "".
func (f Fact) FirstEvidence() string {
	if len(f.Evidence) > 0 {
		return f.Evidence[0].Sentence
	}
	return ""
}

// EventGroup is the events an entity takes part in with the same type, role and counterparts.
type EventGroup struct {
	Type         string   `json:"type"` // PLOVER type
	Negated      bool     `json:"negated,omitempty"`
	Role         string   `json:"role"`                   // the entity's part: actor, recipient or location
	Counterparts []Node   `json:"counterparts,omitempty"` // recipients when Role is actor (else the other actors), or the actors
	Events       []string `json:"events"`                 // IRIs, by date
	Articles     []string `json:"articles"`               // IRIs, sorted
	First        string   `json:"first,omitempty"`        // earliest date
	Last         string   `json:"last,omitempty"`         // latest date
	Evidence     string   `json:"evidence,omitempty"`     // of the first event
}

// Profile is everything the graph says about one entity.
type Profile struct {
	Entity      Entity       `json:"entity"`
	Facts       []Fact       `json:"facts,omitempty"`       // edges from and to the entity, and denied ones
	EventGroups []EventGroup `json:"eventGroups,omitempty"` // Events grouped by type, role and counterparts
	Events      []Event      `json:"events,omitempty"`      // events it is an actor, recipient or location of, by date
	Statements  []Statement  `json:"statements,omitempty"`  // quotations it speaks or is named in
}

// attributes are the predicates Entity already reports; Show leaves them out of Facts.
var attributes = map[string]bool{
	schema.RDFType: true, schema.RDFSLabel: true, schema.Alias: true,
	schema.CountryCode: true, schema.Wikidata: true, schema.OWLSameAs: true,
}

// structural are the predicates from articles, events, statements and reified relations to
// entities; Show reports those nodes as Events and Statements, not as Facts.
var structural = map[string]bool{
	schema.Mentions: true, schema.Actor: true, schema.Recipient: true, schema.AtLocation: true,
	schema.Speaker: true, schema.About: true, schema.Subject: true, schema.Object: true, schema.ClaimedBy: true,
	schema.IncidentActor: true, schema.IncidentRecipient: true,
}

// Show returns every fact about the entity at iri, with the article stating it and its
// evidence, and the events and statements it takes part in. An IRI that is no entity gives an
// error wrapping ErrNotFound.
func (s *Store) Show(ctx context.Context, iri string) (Profile, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return Profile{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.entity(ctx, iri)
	if err != nil {
		return Profile{}, err
	}
	p := Profile{Entity: e}
	r := newReader(ctx, s)
	self := Node{IRI: iri, Label: e.Label, Type: e.Type}

	out, err := s.quadsWith(ctx, quad.Subject, quad.IRI(iri))
	if err != nil {
		return Profile{}, err
	}
	in, err := s.quadsWith(ctx, quad.Object, quad.IRI(iri))
	if err != nil {
		return Profile{}, err
	}
	// Quads come in the backend's order (bolt's by node ID, PostgreSQL's by hash): sorted, the
	// first evidence of a fact is the same on every backend.
	sortQuads(out)
	sortQuads(in)
	// The reified relations, events and statements that name the entity, by article.
	var relations, events, statements []string
	for _, q := range in {
		sub := iriOf(q.Subject)
		switch iriOf(q.Predicate) {
		case schema.Subject, schema.Object:
			relations = appendUnique(relations, sub)
		case schema.Actor, schema.Recipient, schema.AtLocation:
			events = appendUnique(events, sub)
		case schema.Speaker, schema.About:
			statements = appendUnique(statements, sub)
		}
	}

	fb := newFactBuilder()
	for _, q := range out {
		pred := iriOf(q.Predicate)
		if attributes[pred] {
			continue
		}
		obj, err := r.value(q.Object)
		if err != nil {
			return Profile{}, err
		}
		fb.add(Fact{Subject: self, Predicate: pred, Object: obj}, iriOf(q.Label), "")
	}
	for _, q := range in {
		pred := iriOf(q.Predicate)
		if structural[pred] {
			continue
		}
		sub, err := r.value(q.Subject)
		if err != nil {
			return Profile{}, err
		}
		fb.add(Fact{Subject: sub, Predicate: pred, Object: self}, iriOf(q.Label), "")
	}
	// Evidence from the reified relations; denied relations become facts of their own.
	sort.Strings(relations)
	for _, iri := range relations {
		f, arts, sentence, ok, err := r.relation(iri)
		if err != nil {
			return Profile{}, err
		}
		if !ok {
			continue
		}
		for _, a := range arts {
			if f.Negated {
				fb.add(f, a, sentence)
			} else {
				fb.evidence(f, a, sentence)
			}
		}
	}
	// Evidence of met edges: the meetings reported in the same article.
	sort.Strings(events)
	for _, iri := range events {
		ev, ok, err := r.event(iri)
		if err != nil {
			return Profile{}, err
		}
		if !ok || ev.Negated || ev.Evidence == "" {
			continue
		}
		for _, a := range ev.Actors {
			for _, b := range ev.Recipients {
				for _, art := range ev.Articles {
					fb.evidence(Fact{Subject: a, Predicate: schema.Met, Object: b}, art, ev.Evidence)
				}
			}
		}
	}
	p.Facts = fb.facts()
	sortFacts(iri, p.Facts)

	for _, ev := range events {
		x, ok, err := r.event(ev)
		if err != nil {
			return Profile{}, err
		}
		if ok {
			p.Events = append(p.Events, x)
		}
	}
	sortEvents(p.Events)
	p.EventGroups = groupEvents(iri, p.Events)
	sort.Strings(statements)
	for _, st := range statements {
		x, ok, err := r.statement(st)
		if err != nil {
			return Profile{}, err
		}
		if ok {
			p.Statements = append(p.Statements, x)
		}
	}
	sortStatements(p.Statements)
	return p, nil
}

// value names a quad value: an IRI node, or a literal.
func (r *reader) value(v quad.Value) (Node, error) {
	if iri := iriOf(v); iri != "" {
		return r.node(iri)
	}
	return Node{Label: text(v)}, nil
}

// relation reads the reified relation at iri: the fact it states (subject, predicate, object
// named), the articles reporting it and its evidence sentence; ok is false when iri is not a
// relation.
func (r *reader) relation(iri string) (f Fact, articles []string, sentence string, ok bool, err error) {
	n, err := r.describe(iri)
	if err != nil || !n.is(schema.Relation) {
		return Fact{}, nil, "", false, err
	}
	subj, pred := n.props[schema.Subject], n.first(schema.Predicate)
	obj := n.props[schema.Object]
	if len(subj) == 0 || pred == "" || len(obj) == 0 {
		return Fact{}, nil, "", false, nil
	}
	f = Fact{Predicate: pred, Negated: truth(n.first(schema.Negated))}
	if f.Subject, err = r.value(subj[0].value); err != nil {
		return Fact{}, nil, "", false, err
	}
	if f.Object, err = r.value(obj[0].value); err != nil {
		return Fact{}, nil, "", false, err
	}
	articles = n.iris(schema.ReportedIn)
	if len(articles) == 0 {
		articles = n.articles()
	}
	return f, articles, n.first(schema.Evidence), true, nil
}

// factBuilder merges facts over the articles that state them.
type factBuilder struct {
	byKey     map[string]*Fact
	order     []string
	sentences map[string]map[string]string // fact key → article → sentence
}

func newFactBuilder() *factBuilder {
	return &factBuilder{byKey: map[string]*Fact{}, sentences: map[string]map[string]string{}}
}

func factKey(f Fact) string {
	obj := f.Object.IRI
	if obj == "" {
		obj = "\"" + f.Object.Label
	}
	return fmt.Sprintf("%s\x00%s\x00%s\x00%t", f.Subject.IRI, f.Predicate, obj, f.Negated)
}

// add records that article states f, with sentence as evidence when not "".
func (b *factBuilder) add(f Fact, article, sentence string) {
	k := factKey(f)
	x, ok := b.byKey[k]
	if !ok {
		f.Articles, f.Evidence = nil, nil
		x = &f
		b.byKey[k] = x
		b.order = append(b.order, k)
	}
	x.Articles = appendUnique(x.Articles, article)
	b.evidence(f, article, sentence)
}

// evidence records sentence as article's evidence for f, if f is a fact at all.
func (b *factBuilder) evidence(f Fact, article, sentence string) {
	if sentence == "" {
		return
	}
	k := factKey(f)
	if b.sentences[k] == nil {
		b.sentences[k] = map[string]string{}
	}
	if _, ok := b.sentences[k][article]; !ok {
		b.sentences[k][article] = sentence
	}
}

// facts returns the merged facts, each with its articles sorted and their evidence.
func (b *factBuilder) facts() []Fact {
	out := make([]Fact, 0, len(b.order))
	for _, k := range b.order {
		f := *b.byKey[k]
		sort.Strings(f.Articles)
		for _, a := range f.Articles {
			if s := b.sentences[k][a]; s != "" {
				f.Evidence = append(f.Evidence, Evidence{Article: a, Sentence: s})
			}
		}
		out = append(out, f)
	}
	return out
}

// counterparts returns the part the entity at self plays in ev (actor, recipient or location)
// and the other parties: the recipients of its act (else its fellow actors), the actors of an
// act it receives, everyone at a place.
func counterparts(ev Event, self string) (string, []Node) {
	switch {
	case hasNode(ev.Actors, self):
		if len(ev.Recipients) > 0 {
			return "actor", ev.Recipients
		}
		var others []Node // acting together: "Japan and New Zealand agreed"
		for _, a := range ev.Actors {
			if a.IRI != self {
				others = append(others, a)
			}
		}
		return "actor", others
	case hasNode(ev.Recipients, self):
		return "recipient", ev.Actors
	}
	return "location", append(append([]Node(nil), ev.Actors...), ev.Recipients...)
}

// groupEvents groups evs (by date) by type, negation, the role of the entity at self and its
// counterparts, in order of each group's first event.
func groupEvents(self string, evs []Event) []EventGroup {
	var out []EventGroup
	index := map[string]int{}
	for _, ev := range evs {
		role, counter := counterparts(ev, self)
		var names []string
		for _, n := range counter {
			names = append(names, n.IRI)
		}
		k := fmt.Sprintf("%s\x00%t\x00%s\x00%s", ev.Type, ev.Negated, role, strings.Join(names, " "))
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, EventGroup{Type: ev.Type, Negated: ev.Negated, Role: role, Counterparts: counter,
				First: ev.Date, Evidence: ev.Evidence})
		}
		g := &out[i]
		g.Events = append(g.Events, ev.IRI)
		for _, a := range ev.Articles {
			g.Articles = appendUnique(g.Articles, a)
		}
		if ev.Date != "" && (g.First == "" || ev.Date < g.First) {
			g.First = ev.Date
		}
		if ev.Date > g.Last {
			g.Last = ev.Date
		}
		if g.Evidence == "" {
			g.Evidence = ev.Evidence
		}
	}
	for i := range out {
		sort.Strings(out[i].Articles)
	}
	return out
}

// predicateRank orders predicates: the static relations in CONTRACT order, met, then the rest.
func predicateRank(p string) int {
	for i, r := range schema.EntityRelations {
		if r == p {
			return i
		}
	}
	if p == schema.Met {
		return len(schema.EntityRelations)
	}
	return len(schema.EntityRelations) + 1
}

// sortFacts orders facts: those with subject self first, then by predicate, other end and
// article.
func sortFacts(self string, fs []Fact) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ao, bo := a.Subject.IRI == self, b.Subject.IRI == self; ao != bo {
			return ao
		}
		if ra, rb := predicateRank(a.Predicate), predicateRank(b.Predicate); ra != rb {
			return ra < rb
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		other := func(f Fact) string {
			if f.Subject.IRI == self {
				return f.Object.Name()
			}
			return f.Subject.Name()
		}
		if oa, ob := other(a), other(b); oa != ob {
			return oa < ob
		}
		return a.Negated != b.Negated && !a.Negated
	})
}

// sortQuads orders quads as N-Quads lines.
func sortQuads(qs []quad.Quad) {
	type keyed struct {
		k string
		q quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{q.NQuad(), q}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].k < ks[j].k })
	for i := range ks {
		qs[i] = ks[i].q
	}
}
