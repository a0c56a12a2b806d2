// Package schema is diplograph's graph vocabulary: the IRIs of its classes and predicates, and the
// IRI patterns of the nodes it creates. Predicate local names follow shared/CONTRACT.md; the
// machine-readable description (vocabulary.nq, embedded) is what `query schema` prints.
package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// Base is the one stable IRI base of diplograph. Vocabulary terms live under NS, nodes under ID.
const (
	Base = "https://w3id.org/diplograph/"
	NS   = Base + "ns#"
	ID   = Base + "id/"
)

// W3C terms used as-is.
const (
	RDFType      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	RDFSLabel    = "http://www.w3.org/2000/01/rdf-schema#label"
	RDFSComment  = "http://www.w3.org/2000/01/rdf-schema#comment"
	RDFSDomain   = "http://www.w3.org/2000/01/rdf-schema#domain"
	RDFSRange    = "http://www.w3.org/2000/01/rdf-schema#range"
	RDFSClass    = "http://www.w3.org/2000/01/rdf-schema#Class"
	RDFProperty  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"
	OWLSameAs    = "http://www.w3.org/2002/07/owl#sameAs"
	XSDDate      = "http://www.w3.org/2001/XMLSchema#date"
	XSDInteger   = "http://www.w3.org/2001/XMLSchema#integer"
	XSDDecimal   = "http://www.w3.org/2001/XMLSchema#decimal"
	XSDBoolean   = "http://www.w3.org/2001/XMLSchema#boolean"
	XSDString    = "http://www.w3.org/2001/XMLSchema#string"
	WikidataBase = "http://www.wikidata.org/entity/"
)

// Classes.
const (
	Person       = NS + "Person"
	Country      = NS + "Country"
	Organization = NS + "Organization"
	Location     = NS + "Location"
	Article      = NS + "Article"
	Event        = NS + "Event"
	Statement    = NS + "Statement"
	Mention      = NS + "Mention"
)

// Entity and article predicates.
const (
	Alias       = NS + "alias"
	CountryCode = NS + "countryCode"
	Wikidata    = NS + "wikidata"
	Identifier  = NS + "identifier"
	Mentions    = NS + "mentions"
	URL         = NS + "url"
	Title       = NS + "title"
	Published   = NS + "published"
	Publisher   = NS + "publisher"
	// ContentHash is a hash of every other quad of the article: a store that holds it holds
	// exactly those quads, so ingesting the article again can skip it.
	ContentHash = NS + "contentHash"
)

// Static relations between entities (holdsRole takes a string).
const (
	HoldsRole      = NS + "holdsRole"
	LeaderOf       = NS + "leaderOf"
	Represents     = NS + "represents"
	AffiliatedWith = NS + "affiliatedWith"
	MemberOf       = NS + "memberOf"
	PartOf         = NS + "partOf"
	LocatedIn      = NS + "locatedIn"
)

// Event and statement predicates.
const (
	EventType  = NS + "eventType"
	Actor      = NS + "actor"
	Recipient  = NS + "recipient"
	ReportedIn = NS + "reportedIn"
	CAMEO      = NS + "cameo"
	Mode       = NS + "mode"
	Context    = NS + "context"
	QuadClass  = NS + "quadClass"
	Goldstein  = NS + "goldstein"
	Date       = NS + "date"
	AtLocation = NS + "location"
	Evidence   = NS + "evidence"
	Offset     = NS + "offset"
	Confidence = NS + "confidence"
	Negated    = NS + "negated"
	Trigger    = NS + "trigger"
	Derivation = NS + "derivation"
	ClaimedBy  = NS + "claimedBy"
	Speaker    = NS + "speaker"
	Quote      = NS + "quote"
	About      = NS + "about"
	// Relation is the reified statement of a static relation: its evidence sentence.
	Relation  = NS + "Relation"
	Subject   = NS + "subject"
	Predicate = NS + "predicate"
	Object    = NS + "object"
	// Met is the convenience edge Person/Country → Person/Country for CONSULT events.
	Met = NS + "met"
)

// EntityRelations are the static relations, by local name, in CONTRACT order.
var EntityRelations = []string{HoldsRole, LeaderOf, Represents, AffiliatedWith, MemberOf, PartOf, LocatedIn}

// PLOVER is the set of PLOVER 2021 event types, in manual order.
var PLOVER = []string{"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
	"ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}

// Local returns the local name of an IRI: the part after the last '#' or '/'.
func Local(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug turns a name into the lower-case, hyphenated form used in node IRIs.
func Slug(s string) string {
	s = strings.ToLower(foldASCII(s))
	s = strings.ReplaceAll(s, "'", "")
	s = strings.ReplaceAll(s, "\u2019", "")
	return strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
}

// EntityIRI is the IRI of an entity of the given class (a class IRI above) and key: an ISO
// alpha-3 code for a country, a gazetteer key or the slug of the canonical label otherwise.
func EntityIRI(class, key string) string {
	return ID + strings.ToLower(Local(class)) + "/" + key
}

// ArticleKey is the part of an article's node IRIs that stands for its identifier: the
// identifier itself when it is already a slug ("sha256-3df93f094e2dab32", "bbc-001"), else its
// slug, an underscore and the first 12 hex digits of the SHA-256 of the exact identifier
// ("Reuters/2022/1" is "reuters-2022-1_" and a hash; "文章一" is "_" and a hash). Slugs hold no
// underscore, so two identifiers share a key only if their slugs and 48-bit hashes both agree.
func ArticleKey(identifier string) string {
	s := Slug(identifier)
	if s == identifier && s != "" {
		return s
	}
	sum := sha256.Sum256([]byte(identifier))
	return s + "_" + hex.EncodeToString(sum[:6])
}

// ArticleIRI is the IRI of the article with the given identifier, "article/" and its
// ArticleKey. Before ArticleKey, an identifier that is not a slug had the IRI of its slug
// alone; stores written then are migrated by ingesting those articles again (see README).
func ArticleIRI(identifier string) string { return ID + "article/" + ArticleKey(identifier) }
