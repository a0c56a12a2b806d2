package kg

import (
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

// incidentsOf returns the incident IRI of each event node Build wrote, in event order.
func incidentsOf(t *testing.T, doc extract.Document, r extract.Result) []string {
	t.Helper()
	_, qs := Build(doc, r)
	var out []string
	for _, q := range qs {
		if q.Predicate == quad.IRI(schema.InIncident) {
			out = append(out, string(q.Object.(quad.IRI)))
		}
	}
	return out
}

func TestIncidents(t *testing.T) {
	usa := extract.Entity{Type: extract.Country, Key: "USA", Label: "United States", CountryCode: "USA"}
	chn := extract.Entity{Type: extract.Country, Key: "CHN", Label: "China", CountryCode: "CHN"}
	blinken := extract.Entity{Type: extract.Person, Key: "antony-blinken", Label: "Antony Blinken", CountryCode: "USA", Wikidata: "Q1"}
	wang := extract.Entity{Type: extract.Person, Key: "wang-yi", Label: "Wang Yi", CountryCode: "CHN", Wikidata: "Q2"}
	ref := func(e extract.Entity) []extract.Ref { return []extract.Ref{{Type: e.Type, Key: e.Key}} }
	both := append(ref(usa), ref(chn)...)
	text := "Blinken met Wang. The two countries held talks."
	pub := time.Date(2024, 11, 16, 0, 0, 0, 0, time.UTC)
	meet := extract.Event{Type: "CONSULT", Actors: ref(blinken), Recipients: ref(wang), Date: "2024-11-15", Evidence: extract.Span{Start: 0, End: 17}}
	talks := extract.Event{Type: "CONSULT", Actors: both, Date: "2024-11-15", Evidence: extract.Span{Start: 18, End: len(text)}}
	a := incidentsOf(t, extract.Document{ID: "a", Text: text, Published: pub},
		extract.Result{Entities: []extract.Entity{usa, chn, blinken, wang}, Events: []extract.Event{meet, talks}})
	if len(a) != 1 {
		t.Fatalf("an article reporting one meeting twice gives %d events, want 1: %v", len(a), a)
	}
	// Another article, undated event published on the 15th: the same incident.
	talks.Date = ""
	b := incidentsOf(t, extract.Document{ID: "b", Text: text, Published: pub.AddDate(0, 0, -1)},
		extract.Result{Entities: []extract.Entity{usa, chn}, Events: []extract.Event{talks}})
	if len(b) != 1 || b[0] != a[0] {
		t.Errorf("incident of the second report = %v, want %s", b, a[0])
	}
	// Denied, a day later, or of another type: other incidents.
	denied := meet
	denied.Negated = true
	later := meet
	later.Date = "2024-11-16"
	accuse := meet
	accuse.Type = "ACCUSE"
	reverse := accuse
	reverse.Actors, reverse.Recipients = reverse.Recipients, reverse.Actors
	c := incidentsOf(t, extract.Document{ID: "c", Text: text, Published: pub},
		extract.Result{Entities: []extract.Entity{usa, chn, blinken, wang}, Events: []extract.Event{denied, later, accuse, reverse}})
	seen := map[string]bool{a[0]: true}
	for _, iri := range c {
		if seen[iri] {
			t.Errorf("incident %s given to two different events", iri)
		}
		seen[iri] = true
	}
	if len(c) != 4 {
		t.Errorf("got %d incidents, want 4: %v", len(c), c)
	}
	// Undated in an undated article: the incident is the article's own.
	meet.Date = ""
	x := incidentsOf(t, extract.Document{ID: "x", Text: text}, extract.Result{Entities: []extract.Entity{blinken, wang}, Events: []extract.Event{meet}})
	y := incidentsOf(t, extract.Document{ID: "y", Text: text}, extract.Result{Entities: []extract.Entity{blinken, wang}, Events: []extract.Event{meet}})
	if x[0] == y[0] {
		t.Errorf("undated events of two articles share incident %s", x[0])
	}
	// Undated, in an undated article: two acts of one party are two incidents, two meetings of
	// the same parties one.
	say := extract.Event{Type: "AGREE", Actors: ref(usa), Evidence: extract.Span{Start: 0, End: 17}}
	pledge := extract.Event{Type: "AGREE", Actors: ref(usa), Evidence: extract.Span{Start: 18, End: len(text)}}
	talks.Date = ""
	z := incidentsOf(t, extract.Document{ID: "z", Text: text}, extract.Result{Entities: []extract.Entity{usa, chn},
		Events: []extract.Event{say, pledge, talks, talks}})
	if len(z) != 3 || z[0] == z[1] {
		t.Errorf("undated article: incidents %v, want 3 (two acts of the US, one meeting)", z)
	}
	// Dated by its article, one party's acts of one type are one incident, as in any report
	// of that day.
	if d := incidentsOf(t, extract.Document{ID: "d", Text: text, Published: pub}, extract.Result{Entities: []extract.Entity{usa},
		Events: []extract.Event{say, pledge}}); len(d) != 1 {
		t.Errorf("dated article: incidents %v, want 1", d)
	}
}
