package schema

import (
	"fmt"
	"io"
	"strconv"
)

// Term describes one class or property of the vocabulary.
type Term struct {
	IRI     string
	Class   bool   // a class; otherwise a property
	Comment string // what it means
	Domain  string // properties: the class of subjects, empty when several
	Range   string // properties: the class or datatype of objects, empty when several
}

// Terms is the vocabulary, classes first.
var Terms = []Term{
	{IRI: Person, Class: true, Comment: "A human being named by an article."},
	{IRI: Country, Class: true, Comment: "A sovereign state or state-like polity coded as a country actor (Taiwan, Palestine, Kosovo)."},
	{IRI: Organization, Class: true, Comment: "An organization: intergovernmental body, alliance, government body, party, military, armed group, company, university, media."},
	{IRI: Location, Class: true, Comment: "A place that is not a country: city, region, sea, continent."},
	{IRI: Article, Class: true, Comment: "A news article; every quad derived from it carries its IRI as label."},
	{IRI: Event, Class: true, Comment: "A diplomatic event coded with a PLOVER 2021 type and a CAMEO code."},
	{IRI: Statement, Class: true, Comment: "A direct quotation attributed to a speaker."},
	{IRI: Incident, Class: true, Comment: "One real-world event as every article reports it: events of one PLOVER type between the same parties (people counted as their country) on one day; queries join the days within a window."},
	{IRI: Relation, Class: true, Comment: "The reified statement of a static relation between entities, carrying its evidence."},

	{IRI: RDFSLabel, Comment: "The canonical name of an entity.", Range: XSDString},
	{IRI: Alias, Comment: "A surface form under which an article names the entity.", Range: XSDString},
	{IRI: CountryCode, Comment: "ISO 3166-1 alpha-3 code of a country, or of the country a person or organization belongs to.", Range: XSDString},
	{IRI: Wikidata, Comment: "Wikidata Q-identifier of the entity.", Range: XSDString},
	{IRI: OWLSameAs, Comment: "The Wikidata entity IRI of the entity."},
	{IRI: Identifier, Comment: "The article's identifier: the id it was ingested with, or sha256- and a hash of its normalised text.", Domain: Article, Range: XSDString},
	{IRI: Mentions, Comment: "An entity the article names.", Domain: Article},
	{IRI: URL, Comment: "Where the article was published.", Domain: Article, Range: XSDString},
	{IRI: Title, Comment: "The article's headline.", Domain: Article, Range: XSDString},
	{IRI: Published, Comment: "The article's publication date.", Domain: Article, Range: XSDDate},
	{IRI: Publisher, Comment: "Who published the article.", Domain: Article, Range: XSDString},
	{IRI: ContentHash, Comment: "sha256: and the SHA-256 of the article's other quads as sorted N-Quads lines: a store holding it holds exactly those quads.", Domain: Article, Range: XSDString},

	{IRI: HoldsRole, Comment: "A role title the person holds, generic form (\"Prime Minister\").", Domain: Person, Range: XSDString},
	{IRI: LeaderOf, Comment: "The person heads the country (head of state or government) or organization.", Domain: Person},
	{IRI: Represents, Comment: "The person acts or speaks for the country or organization (minister, ambassador, spokesperson).", Domain: Person},
	{IRI: AffiliatedWith, Comment: "A non-representative tie of a person to an organization (academic, party member).", Domain: Person, Range: Organization},
	{IRI: MemberOf, Comment: "The country or organization is a member of the organization.", Range: Organization},
	{IRI: PartOf, Comment: "The organization is part of the organization, or the location part of the location."},
	{IRI: LocatedIn, Comment: "The location lies in the country.", Domain: Location, Range: Country},

	{IRI: EventType, Comment: "The PLOVER 2021 event type: AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT ACCUSE REQUEST REJECT THREATEN PROTEST MOBILIZE SANCTION COERCE ASSAULT.", Domain: Event, Range: XSDString},
	{IRI: CAMEO, Comment: "The CAMEO event code (\"036\").", Domain: Event, Range: XSDString},
	{IRI: Mode, Comment: "The PLOVER mode of the event (\"visit\", \"phone\").", Domain: Event, Range: XSDString},
	{IRI: Context, Comment: "The PLOVER context of the event (\"intelligence\", \"military\").", Domain: Event, Range: XSDString},
	{IRI: QuadClass, Comment: "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.", Domain: Event, Range: XSDInteger},
	{IRI: Goldstein, Comment: "The Goldstein scale value of the CAMEO code, -10 to 10.", Domain: Event, Range: XSDDecimal},
	{IRI: Actor, Comment: "A source actor of the event.", Domain: Event},
	{IRI: Recipient, Comment: "A target of the event.", Domain: Event},
	{IRI: ReportedIn, Comment: "The article that reports the event, statement or relation.", Range: Article},
	{IRI: Date, Comment: "When the event happened, resolved against the publication date.", Domain: Event, Range: XSDDate},
	{IRI: AtLocation, Comment: "Where the event happened.", Domain: Event},
	{IRI: Evidence, Comment: "The sentence that supports the fact.", Range: XSDString},
	{IRI: Offset, Comment: "Byte offsets start-end of the evidence in the article text.", Range: XSDString},
	{IRI: Trigger, Comment: "The words that coded the event.", Domain: Event, Range: XSDString},
	{IRI: Derivation, Comment: "How the event was read from its sentence's dependency parse: the path of relations from the trigger's predicate to the actor and to the recipient (\"actor nsubj; recipient obl(on)\"), \"window\" where the parse gave no actor and the words around the trigger did.", Domain: Event, Range: XSDString},
	{IRI: Confidence, Comment: "How sure the extractor is, 0 to 1.", Range: XSDDecimal},
	{IRI: ClaimedBy, Comment: "Who the article says reported the event, when not one of its parties (\"X said Y attacked Z\").", Domain: Event},
	{IRI: Negated, Comment: "True when the text states that the event or relation does not hold.", Range: XSDBoolean},
	{IRI: Speaker, Comment: "Who said the quoted words.", Domain: Statement, Range: Person},
	{IRI: Quote, Comment: "The quoted words.", Domain: Statement, Range: XSDString},
	{IRI: About, Comment: "An entity the quotation names.", Domain: Statement},
	{IRI: Subject, Comment: "The subject entity of a reified relation.", Domain: Relation},
	{IRI: Predicate, Comment: "The predicate of a reified relation.", Domain: Relation},
	{IRI: Object, Comment: "The object of a reified relation.", Domain: Relation},
	{IRI: Met, Comment: "Convenience edge: the two actors met (a CONSULT event reports it)."},
	{IRI: InIncident, Comment: "The incident the event reports.", Domain: Event, Range: Incident},
	{IRI: IncidentActor, Comment: "A source party of the incident: an actor of its events, a person as the country they belong to when known; every party of a meeting or cooperation.", Domain: Incident},
	{IRI: IncidentRecipient, Comment: "A target party of the incident, a person as the country they belong to when known.", Domain: Incident},
}

// WriteNQuads writes the vocabulary description as N-Quads (rdf:type, rdfs:label,
// rdfs:comment, rdfs:domain, rdfs:range) in the default graph. It returns w's error.
func WriteNQuads(w io.Writer) error {
	for _, t := range Terms {
		kind := RDFProperty
		if t.Class {
			kind = RDFSClass
		}
		lines := []string{
			fmt.Sprintf("<%s> <%s> <%s> .\n", t.IRI, RDFType, kind),
			fmt.Sprintf("<%s> <%s> %s .\n", t.IRI, RDFSLabel, strconv.Quote(Local(t.IRI))),
			fmt.Sprintf("<%s> <%s> %s .\n", t.IRI, RDFSComment, strconv.Quote(t.Comment)),
		}
		if t.Domain != "" {
			lines = append(lines, fmt.Sprintf("<%s> <%s> <%s> .\n", t.IRI, RDFSDomain, t.Domain))
		}
		if t.Range != "" {
			lines = append(lines, fmt.Sprintf("<%s> <%s> <%s> .\n", t.IRI, RDFSRange, t.Range))
		}
		for _, l := range lines {
			if _, err := io.WriteString(w, l); err != nil {
				return err
			}
		}
	}
	return nil
}
