// Package extract turns the text of one news article into facts: entities, static relations
// between them, coded diplomatic events and quotations. It is pure: text and lexicons in, facts
// out, with no storage and no file system beyond the fs.FS its lexicons are read from.
package extract

import "time"

// Document is one article to read.
type Document struct {
	ID        string    // caller's identifier; empty means a content hash is used downstream
	Title     string    // headline, not used as evidence
	Text      string    // body text; every Span indexes into it
	URL       string    //
	Publisher string    //
	Published time.Time // zero when unknown; relative dates resolve against it
}

// EntityType is the class of an entity.
type EntityType string

// Entity types of the contract.
const (
	Person       EntityType = "Person"
	Country      EntityType = "Country"
	Organization EntityType = "Organization"
	Location     EntityType = "Location"
)

// Span is a half-open byte range [Start, End) of Document.Text.
type Span struct {
	Start, End int
}

// Entity is a real-world entity named by the article.
type Entity struct {
	// Key identifies the entity across articles within its Type: the ISO alpha-3 code of a
	// country, the gazetteer key of a known organization or place, else the slug of Label.
	Key         string
	Type        EntityType
	Label       string   // canonical name
	Aliases     []string // every surface form seen in the article (Label included), sorted
	CountryCode string   // ISO 3166-1 alpha-3 when known
	Wikidata    string   // Q-identifier when known
	Mentions    []Span   // where the article names it (coreferent mentions included)
	// Implicit is set on an entity the article does not name but refers to through an adjective
	// or a title ("Japanese officials"): facts may involve it, the article does not mention it.
	Implicit bool
}

// Ref names an entity of a Result: Type and Key together are unique.
type Ref struct {
	Type EntityType
	Key  string
}

// Relation is a static relation the article states between two entities.
type Relation struct {
	Subject   Ref
	Predicate string // local name: holdsRole leaderOf represents affiliatedWith memberOf partOf locatedIn
	Object    Ref    // zero for holdsRole
	Role      string // holdsRole only: the generic role title, e.g. "Prime Minister"
	Evidence  Span   // the supporting sentence
	Negated   bool   // the text denies it ("Japan is not part of the Five Eyes")
}

// Event is a coded diplomatic event.
type Event struct {
	Type       string  // PLOVER 2021 type, e.g. "CONSULT"
	CAMEO      string  // CAMEO code, e.g. "036"
	Mode       string  // PLOVER mode, e.g. "visit", when known
	Context    string  // PLOVER context, e.g. "intelligence", when known
	QuadClass  int     // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Goldstein  float64 // Goldstein scale value of the CAMEO code
	Actors     []Ref   // source actors (1..n)
	Recipients []Ref   // target actors (0..n)
	Location   *Ref    // where it happened, when stated
	Date       string  // YYYY-MM-DD, resolved against Document.Published; empty when unknown
	Trigger    string  // the words that coded it
	Evidence   Span    // the supporting sentence
	Confidence float64 // 0..1
	Negated    bool    // stated as not happening
	Claimant   *Ref    // who reported the event when the text attributes it ("X said Y attacked Z")
	// Derivation says how the parse gave the arguments: the dependency path from the
	// predicate to the actor and to the recipient ("actor nsubj; recipient obj").
	Derivation string
}

// Statement is a direct quotation.
type Statement struct {
	Speaker  Ref
	Quote    string // the quoted words, without quotation marks
	Span     Span   // the quoted words in Document.Text
	Evidence Span   // the paragraph or sentence holding the quote
	About    []Ref  // entities the quote names
}

// Result is everything Extract found in one document.
type Result struct {
	Entities   []Entity
	Relations  []Relation
	Events     []Event
	Statements []Statement
}

// Entity returns the entity ref names, or nil.
func (r *Result) Entity(ref Ref) *Entity {
	for i := range r.Entities {
		if r.Entities[i].Type == ref.Type && r.Entities[i].Key == ref.Key {
			return &r.Entities[i]
		}
	}
	return nil
}
