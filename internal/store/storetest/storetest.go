// Package storetest builds the quads of test articles in the shape diplograph's ingester writes
// them, for the tests of internal/store and cmd/query.
package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Article builds the quads of one article in the shape the ingester writes them.
type Article struct {
	IRI   quad.IRI // the article
	slug  string
	Quads []quad.Quad // its quads, each labelled IRI
	n     int         // numbered nodes made so far
}

// NewArticle starts the article with the given identifier and publication date (YYYY-MM-DD or
// "").
func NewArticle(id, published string) *Article {
	a := &Article{IRI: quad.IRI(schema.ArticleIRI(id)), slug: schema.ArticleKey(id)}
	a.Add(a.IRI, schema.RDFType, quad.IRI(schema.Article))
	a.Add(a.IRI, schema.Identifier, quad.String(id))
	a.Add(a.IRI, schema.URL, quad.String("https://news.example/"+id))
	a.Add(a.IRI, schema.Title, quad.String("Title of "+id))
	if published != "" {
		a.Add(a.IRI, schema.Published, Typed(published, schema.XSDDate))
	}
	return a
}

// Typed returns a typed literal.
func Typed(v, typ string) quad.Value {
	return quad.TypedString{Value: quad.String(v), Type: quad.IRI(typ)}
}

// Add adds the quad (s, p, o, the article).
func (a *Article) Add(s quad.Value, p string, o quad.Value) {
	a.Quads = append(a.Quads, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: a.IRI})
}

func (a *Article) next(kind string) quad.IRI {
	a.n++
	return quad.IRI(fmt.Sprintf("%s%s/%s-%d", schema.ID, kind, a.slug, a.n))
}

// Entity adds an entity the article mentions; code is its ISO alpha-3 code or "".
func (a *Article) Entity(class, key, label, code string, aliases ...string) quad.IRI {
	e := quad.IRI(schema.EntityIRI(class, key))
	a.Add(e, schema.RDFType, quad.IRI(class))
	a.Add(e, schema.RDFSLabel, quad.String(label))
	a.Add(e, schema.Alias, quad.String(label))
	for _, al := range aliases {
		a.Add(e, schema.Alias, quad.String(al))
	}
	if code != "" {
		a.Add(e, schema.CountryCode, quad.String(code))
	}
	a.Add(a.IRI, schema.Mentions, e)
	return e
}

// Relation adds a static relation: the direct edge unless negated, and its reified node.
func (a *Article) Relation(s quad.IRI, pred string, o quad.Value, evidence string, negated bool) {
	if !negated {
		a.Add(s, pred, o)
	}
	r := a.next("relation")
	a.Add(r, schema.RDFType, quad.IRI(schema.Relation))
	a.Add(r, schema.Subject, s)
	a.Add(r, schema.Predicate, quad.IRI(pred))
	a.Add(r, schema.Object, o)
	a.Add(r, schema.Evidence, quad.String(evidence))
	if negated {
		a.Add(r, schema.Negated, Typed("true", schema.XSDBoolean))
	}
	a.Add(r, schema.ReportedIn, a.IRI)
}

// Event adds an event, with met edges for a CONSULT.
func (a *Article) Event(typ, cameo, date string, actors, recipients []quad.IRI, evidence string) quad.IRI {
	ev := a.next("event")
	a.Add(ev, schema.RDFType, quad.IRI(schema.Event))
	a.Add(ev, schema.EventType, quad.String(typ))
	a.Add(ev, schema.CAMEO, quad.String(cameo))
	a.Add(ev, schema.QuadClass, Typed("1", schema.XSDInteger))
	a.Add(ev, schema.Goldstein, Typed("1.0", schema.XSDDecimal))
	for _, x := range actors {
		a.Add(ev, schema.Actor, x)
	}
	for _, x := range recipients {
		a.Add(ev, schema.Recipient, x)
	}
	if date != "" {
		a.Add(ev, schema.Date, Typed(date, schema.XSDDate))
	}
	a.Add(ev, schema.Evidence, quad.String(evidence))
	a.Add(ev, schema.Confidence, Typed("0.8", schema.XSDDecimal))
	a.Add(ev, schema.ReportedIn, a.IRI)
	if typ == "CONSULT" {
		for _, x := range actors {
			for _, y := range recipients {
				a.Add(x, schema.Met, y)
			}
		}
	}
	return ev
}

// Statement adds a quotation.
func (a *Article) Statement(speaker quad.IRI, quote string, about ...quad.IRI) quad.IRI {
	st := a.next("statement")
	a.Add(st, schema.RDFType, quad.IRI(schema.Statement))
	a.Add(st, schema.Speaker, speaker)
	a.Add(st, schema.Quote, quad.String(quote))
	for _, x := range about {
		a.Add(st, schema.About, x)
	}
	a.Add(st, schema.ReportedIn, a.IRI)
	return st
}

// Entity IRIs of the fixtures.
var (
	Ardern   = quad.IRI(schema.EntityIRI(schema.Person, "jacinda-ardern"))
	Kishida  = quad.IRI(schema.EntityIRI(schema.Person, "fumio-kishida"))
	NZL      = quad.IRI(schema.EntityIRI(schema.Country, "NZL"))
	JPN      = quad.IRI(schema.EntityIRI(schema.Country, "JPN"))
	FiveEyes = quad.IRI(schema.EntityIRI(schema.Organization, "five-eyes"))
	Tokyo    = quad.IRI(schema.EntityIRI(schema.Location, "tokyo"))
)

// Seed is the seed story: Ardern meets Kishida in Tokyo; New Zealand is in the Five
// Eyes; Japan is not.
func Seed() *Article {
	a := NewArticle("ardern-kishida-2022", "2022-04-21")
	a.Entity(schema.Person, "jacinda-ardern", "Jacinda Ardern", "NZL", "Ardern", "PM")
	a.Entity(schema.Person, "fumio-kishida", "Fumio Kishida", "JPN", "Kishida", "PM")
	a.Entity(schema.Country, "NZL", "New Zealand", "NZL", "NZ")
	a.Entity(schema.Country, "JPN", "Japan", "JPN")
	a.Entity(schema.Organization, "five-eyes", "Five Eyes", "")
	a.Entity(schema.Location, "tokyo", "Tokyo", "")
	a.Relation(Ardern, schema.LeaderOf, NZL, "New Zealand Prime Minister Jacinda Ardern arrived.", false)
	a.Relation(Ardern, schema.HoldsRole, quad.String("Prime Minister"), "New Zealand Prime Minister Jacinda Ardern arrived.", false)
	a.Relation(Kishida, schema.LeaderOf, JPN, "Japanese Prime Minister Fumio Kishida welcomed her.", false)
	a.Relation(NZL, schema.MemberOf, FiveEyes, "New Zealand is a member of the Five Eyes.", false)
	a.Relation(JPN, schema.MemberOf, FiveEyes, "Japan is not part of the Five Eyes.", true)
	a.Relation(Tokyo, schema.LocatedIn, JPN, "in Tokyo, Japan", false)
	ev := a.Event("CONSULT", "040", "2022-04-21", []quad.IRI{Ardern}, []quad.IRI{Kishida}, "Ardern met Kishida in Tokyo on Thursday.")
	a.Add(ev, schema.AtLocation, Tokyo)
	a.Event("AGREE", "057", "2022-04-21", []quad.IRI{NZL, JPN}, nil, "The two countries signed an intelligence-sharing pact.")
	a.Statement(Ardern, "Japan is an important partner", JPN)
	return a
}

// Later states again that Ardern leads New Zealand, and names two Georgias.
func Later() *Article {
	a := NewArticle("ardern-later-2022", "2022-06-30")
	a.Entity(schema.Person, "jacinda-ardern", "Jacinda Ardern", "NZL", "Ardern")
	a.Entity(schema.Country, "NZL", "New Zealand", "NZL", "NZ")
	a.Entity(schema.Country, "GEO", "Georgia", "GEO")
	a.Entity(schema.Location, "georgia-us", "Georgia", "")
	a.Relation(Ardern, schema.LeaderOf, NZL, "Ardern, New Zealand's leader, spoke.", false)
	a.Event("ACCUSE", "112", "", []quad.IRI{Ardern}, []quad.IRI{quad.IRI(schema.EntityIRI(schema.Country, "GEO"))}, "Ardern criticised Georgia.")
	a.Statement(Ardern, "We stand together", NZL)
	return a
}

// SeedV2 is a changed version of Seed: one relation gone, one event changed, a new entity.
func SeedV2() *Article {
	a := NewArticle("ardern-kishida-2022", "2022-04-21")
	a.Entity(schema.Person, "jacinda-ardern", "Jacinda Ardern", "NZL", "Ardern")
	a.Entity(schema.Country, "NZL", "New Zealand", "NZL", "NZ")
	a.Entity(schema.Organization, "five-eyes", "Five Eyes", "")
	a.Entity(schema.Country, "AUS", "Australia", "AUS")
	a.Relation(NZL, schema.MemberOf, FiveEyes, "New Zealand is a member of the Five Eyes.", false)
	a.Event("SUPPORT", "051", "2022-04-22", []quad.IRI{Ardern}, []quad.IRI{quad.IRI(schema.EntityIRI(schema.Country, "AUS"))}, "Ardern praised Australia.")
	return a
}

// Synthetic builds article i of a generated corpus, about 150 quads, for benchmarks.
func Synthetic(i int) *Article {
	a := NewArticle("synthetic-"+strconv.Itoa(i), "2022-01-01")
	var people []quad.IRI
	for j := 0; j < 8; j++ {
		k := (i*7 + j*13) % 500
		people = append(people, a.Entity(schema.Person, "person-"+strconv.Itoa(k), "Person "+strconv.Itoa(k), "", "P"+strconv.Itoa(k)))
	}
	var countries []quad.IRI
	for j := 0; j < 4; j++ {
		k := (i + j*31) % 150
		countries = append(countries, a.Entity(schema.Country, "C"+strconv.Itoa(k), "Country "+strconv.Itoa(k), "C"+strconv.Itoa(k)))
	}
	for j, p := range people {
		a.Relation(p, schema.Represents, countries[j%len(countries)], "Sentence "+strconv.Itoa(j), false)
	}
	for j := 0; j < 4; j++ {
		a.Event("CONSULT", "040", "", people[j:j+1], people[j+1:j+2], "Meeting sentence "+strconv.Itoa(j))
	}
	a.Statement(people[0], "A quotation number "+strconv.Itoa(i), countries[0])
	return a
}

// Shapes of the generated event corpus of EventArticle.
const (
	EventEntities  = 4000 // entities: 200 countries, 600 organizations, 600 locations, the rest people
	eventCountries = 200
	eventOrgs      = 800
	eventLocations = 1400
)

// ploverTypes are the PLOVER types of generated events, with a CAMEO code of each.
var ploverTypes = []struct{ typ, cameo string }{
	{"AGREE", "057"}, {"CONSULT", "040"}, {"SUPPORT", "051"}, {"COOPERATE", "061"}, {"AID", "070"},
	{"CONCEDE", "080"}, {"RETREAT", "087"}, {"ACCUSE", "112"}, {"REQUEST", "020"}, {"REJECT", "120"},
	{"THREATEN", "130"}, {"PROTEST", "140"}, {"MOBILIZE", "150"}, {"SANCTION", "160"}, {"COERCE", "170"},
	{"ASSAULT", "180"},
}

// EventEntity returns the IRI, class and label of entity k (0 <= k < EventEntities) of the
// generated event corpus; the lowest k are the most mentioned.
func EventEntity(k int) (iri quad.IRI, class, label string) {
	switch {
	case k < eventCountries:
		class, label = schema.Country, fmt.Sprintf("Country %d", k)
		return quad.IRI(schema.EntityIRI(class, fmt.Sprintf("C%03d", k))), class, label
	case k < eventOrgs:
		class, label = schema.Organization, fmt.Sprintf("Organization %d", k)
	case k < eventLocations:
		class, label = schema.Location, fmt.Sprintf("Place %d", k)
	default:
		class, label = schema.Person, fmt.Sprintf("Person %d Surname%d", k, k%997)
	}
	return quad.IRI(schema.EntityIRI(class, Slug(label))), class, label
}

// Slug is the key of a generated entity's label.
func Slug(label string) string {
	b := []byte(label)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == ' ':
			b[i] = '-'
		}
	}
	return string(b)
}

// EventArticle builds article i of a generated corpus shaped like event data, about 170 quads:
// twelve entities drawn from EventEntities by a power law (a few hubs in most articles, most
// entities in a few), ten coded events between them, two relations and a quotation. The same i
// always gives the same quads; 6,000 articles make about a million quads.
func EventArticle(i int) *Article {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	zipf := rand.NewZipf(r, 1.2, 4, EventEntities-1)
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/20).Format("2006-01-02")
	a := NewArticle(fmt.Sprintf("gen-%06d", i), day)
	var ents []quad.IRI
	seen := map[int]bool{}
	for len(ents) < 12 {
		k := int(zipf.Uint64())
		if seen[k] {
			continue
		}
		seen[k] = true
		iri, class, label := EventEntity(k)
		code := ""
		if class == schema.Country {
			code = fmt.Sprintf("C%03d", k)
		}
		key := strings.TrimPrefix(string(iri), schema.ID+strings.ToLower(schema.Local(class))+"/")
		a.Entity(class, key, label, code)
		ents = append(ents, iri)
	}
	for j := 0; j < 10; j++ {
		pt := ploverTypes[r.IntN(len(ploverTypes))]
		x, y := ents[r.IntN(len(ents))], ents[r.IntN(len(ents))]
		if x == y {
			y = ents[(r.IntN(len(ents)-1)+1+indexOf(ents, x))%len(ents)]
		}
		a.Event(pt.typ, pt.cameo, day, []quad.IRI{x}, []quad.IRI{y},
			fmt.Sprintf("Sentence %d of article %d: %s and %s.", j, i, x, y))
	}
	for j := 0; j < 2; j++ {
		p := ents[r.IntN(len(ents))]
		c := ents[r.IntN(len(ents))]
		if p != c {
			a.Relation(p, schema.Represents, c, fmt.Sprintf("Relation sentence %d of article %d.", j, i), false)
		}
	}
	a.Statement(ents[0], fmt.Sprintf("Quotation of article %d", i), ents[1])
	return a
}

func indexOf(list []quad.IRI, x quad.IRI) int {
	for i, y := range list {
		if y == x {
			return i
		}
	}
	return -1
}

// Churn writes versions of an article in turn, over and over, on a goroutine of its own, until
// Stop: the writer beside which the snapshot tests read.
type Churn struct {
	wg     sync.WaitGroup
	stop   atomic.Bool
	writes atomic.Int64
	err    error
}

// Alternate starts a Churn that replaces the article by each of versions in turn through
// replace (a store's ReplaceArticle).
func Alternate(ctx context.Context, replace func(context.Context, quad.IRI, []quad.Quad) error, versions ...*Article) *Churn {
	c := &Churn{}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for !c.stop.Load() {
			for _, a := range versions {
				if err := replace(ctx, a.IRI, a.Quads); err != nil {
					c.err = err
					return
				}
				c.writes.Add(1)
			}
		}
	}()
	return c
}

// Writes is how many replacements the Churn has made so far.
func (c *Churn) Writes() int64 { return c.writes.Load() }

// Stop ends the Churn, waits for its goroutine and returns the error that stopped it early, if
// any.
func (c *Churn) Stop() error {
	c.stop.Store(true)
	c.wg.Wait()
	return c.err
}
