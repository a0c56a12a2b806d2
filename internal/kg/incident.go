package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

// incident is what an event states that makes it one real-world event: its type, whether it is
// denied, its parties and its day.
type incident struct {
	iri        quad.IRI
	typ        string
	negated    bool
	actors     []quad.IRI
	recipients []quad.IRI
	date       string // YYYY-MM-DD; empty when neither the event nor its article is dated
}

// symmetric are the event types whose parties act together, so that "A met B" and "A and B
// met" are one incident.
var symmetric = map[string]bool{"CONSULT": true, "COOPERATE": true}

// incidentOf returns the incident an event reports. Its parties are the event's actors and
// recipients, a person as the country they belong to when known (so that "Blinken met Wang"
// and "the US and China held talks" on one day meet), sorted; all in the actors for a
// symmetric type. Its day is the event's date, else the article's publication date; an event
// with neither gets an incident of its own article (article is the article's slug), and, when
// it has one party only, of its own sentence: with no day and no counterpart, two acts of one
// type by one party in one article are more often two acts than one told twice (on the BBC
// corpus, which is undated, 5 of 6 such pairs were two: "the US is committed to a strong
// dollar" and "Bush pledged a tough budget").
func incidentOf(ev extract.Event, r *extract.Result, ents entityIRIs, published, article string) incident {
	in := incident{typ: ev.Type, negated: ev.Negated, date: ev.Date}
	if in.date == "" {
		in.date = published
	}
	party := func(ref extract.Ref) quad.IRI {
		if e := r.Entity(ref); e != nil && e.Type == extract.Person && e.CountryCode != "" {
			return quad.IRI(schema.EntityIRI(schema.Country, e.CountryCode))
		}
		return ents.of(ref)
	}
	for _, a := range ev.Actors {
		in.actors = append(in.actors, party(a))
	}
	for _, a := range ev.Recipients {
		if symmetric[ev.Type] {
			in.actors = append(in.actors, party(a))
		} else {
			in.recipients = append(in.recipients, party(a))
		}
	}
	in.actors, in.recipients = sortedIRIs(in.actors), sortedIRIs(in.recipients)
	key := []string{in.typ, strings.Join(iriStrings(in.actors), " "), strings.Join(iriStrings(in.recipients), " ")}
	if in.negated {
		key = append(key, "negated")
	}
	date := in.date
	if date == "" {
		date, key = "undated", append(key, article)
		if len(in.actors)+len(in.recipients) == 1 {
			key = append(key, strconv.Itoa(ev.Evidence.Start))
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(key, "|")))
	local := strings.ToLower(in.typ)
	if in.negated {
		local = "not-" + local
	}
	in.iri = quad.IRI(schema.IncidentIRI(date, local+"-"+hex.EncodeToString(sum[:6])))
	return in
}

// write adds the incident's own quads: the same in every article that reports it.
func (in incident) write(b *builder) {
	b.add(in.iri, quad.IRI(schema.RDFType), quad.IRI(schema.Incident))
	b.add(in.iri, quad.IRI(schema.EventType), quad.String(in.typ))
	for _, a := range in.actors {
		b.add(in.iri, quad.IRI(schema.IncidentActor), a)
	}
	for _, a := range in.recipients {
		b.add(in.iri, quad.IRI(schema.IncidentRecipient), a)
	}
	if in.date != "" {
		b.add(in.iri, quad.IRI(schema.Date), date(in.date))
	}
	if in.negated {
		b.add(in.iri, quad.IRI(schema.Negated), boolTrue)
	}
}

func sortedIRIs(iris []quad.IRI) []quad.IRI {
	sort.Slice(iris, func(i, j int) bool { return iris[i] < iris[j] })
	out := iris[:0]
	for i, x := range iris {
		if i == 0 || x != iris[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func iriStrings(iris []quad.IRI) []string {
	out := make([]string, len(iris))
	for i, x := range iris {
		out[i] = string(x)
	}
	return out
}
