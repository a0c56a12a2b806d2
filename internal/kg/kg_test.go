package kg

import (
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

func TestBuild(t *testing.T) {
	text := "Japan is not part of the Five Eyes. Ardern met Kishida."
	doc := extract.Document{ID: "a-1", Text: text, Title: "T", Published: time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)}
	jp := extract.Ref{Type: extract.Country, Key: "JPN"}
	fe := extract.Ref{Type: extract.Organization, Key: "five-eyes"}
	ar := extract.Ref{Type: extract.Person, Key: "jacinda-ardern"}
	ki := extract.Ref{Type: extract.Person, Key: "fumio-kishida"}
	res := extract.Result{
		Entities: []extract.Entity{
			{Key: "JPN", Type: extract.Country, Label: "Japan", Aliases: []string{"Japan"}, CountryCode: "JPN", Wikidata: "Q17"},
			{Key: "five-eyes", Type: extract.Organization, Label: "Five Eyes", Aliases: []string{"Five Eyes"}},
			{Key: "jacinda-ardern", Type: extract.Person, Label: "Jacinda Ardern", Aliases: []string{"Ardern"}},
			{Key: "fumio-kishida", Type: extract.Person, Label: "Fumio Kishida", Implicit: true},
		},
		Relations: []extract.Relation{{Subject: jp, Predicate: "memberOf", Object: fe, Evidence: extract.Span{Start: 0, End: 35}, Negated: true}},
		Events: []extract.Event{{Type: "CONSULT", CAMEO: "040", QuadClass: 1, Goldstein: 1, Actors: []extract.Ref{ar}, Recipients: []extract.Ref{ki},
			Evidence: extract.Span{Start: 36, End: len(text)}, Confidence: 0.8, Date: "2022-04-21"}},
	}
	art, qs := Build(doc, res)
	if art != quad.IRI(schema.ArticleIRI("a-1")) {
		t.Errorf("article IRI = %v", art)
	}
	var lines []string
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Label != art {
			t.Errorf("quad %v is not labelled with its article", q)
		}
		l := q.NQuad()
		if seen[l] {
			t.Errorf("duplicate quad %s", l)
		}
		seen[l] = true
		lines = append(lines, l)
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		`<` + schema.EntityIRI(schema.Country, "JPN") + `> <` + schema.Wikidata + `> "Q17"`,
		`<` + schema.Negated + `> "true"^^<` + schema.XSDBoolean + `>`,
		`<` + schema.EventType + `> "CONSULT"`,
		`<` + schema.EntityIRI(schema.Person, "jacinda-ardern") + `> <` + schema.Met + `> <` + schema.EntityIRI(schema.Person, "fumio-kishida") + `>`,
		`<` + schema.Evidence + `> "Ardern met Kishida."`,
		`<` + schema.Date + `> "2022-04-21"^^<` + schema.XSDDate + `>`,
		`<` + schema.QuadClass + `> "1"^^<` + schema.XSDInteger + `>`,
		`<` + schema.Goldstein + `> "1"^^<` + schema.XSDDecimal + `>`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("quads lack %s", want)
		}
	}
	// Every typed literal names its datatype by a full IRI, never a prefixed one.
	for _, q := range qs {
		if ts, ok := q.Object.(quad.TypedString); ok && !strings.HasPrefix(string(ts.Type), "http://") {
			t.Errorf("literal %s has the datatype %q, want a full IRI", q.Object, ts.Type)
		} else if !ok {
			switch q.Object.(type) {
			case quad.IRI, quad.String:
			default:
				t.Errorf("object %s is a %T, want an IRI, string or typed literal", q.Object, q.Object)
			}
		}
	}
	// A denied membership is no edge; an entity only implied is not mentioned.
	if strings.Contains(all, `<`+schema.EntityIRI(schema.Country, "JPN")+`> <`+schema.MemberOf+`>`) {
		t.Errorf("negated memberOf written as an edge")
	}
	if strings.Contains(all, `<`+schema.Mentions+`> <`+schema.EntityIRI(schema.Person, "fumio-kishida")+`>`) {
		t.Errorf("implicit entity mentioned")
	}
}
