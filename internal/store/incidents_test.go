package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/kg"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// reports reads testdata/incidents.jsonl, fourteen short reports of four real incidents by
// several publishers, and builds each one's quads, by article id.
func reports(t *testing.T) (ids []string, quads map[string]store.ArticleQuads) {
	t.Helper()
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	quads = map[string]store.ArticleQuads{}
	err = input.Read(context.Background(), input.Source{Paths: []string{filepath.Join("testdata", "incidents.jsonl")}}, input.Options{},
		func(a input.Article) error {
			iri, qs := kg.Build(a.Document, x.Extract(a.Document))
			ids = append(ids, a.ID)
			quads[a.ID] = store.ArticleQuads{IRI: iri, Quads: qs}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 12 {
		t.Fatalf("read %d reports, want 12 or more", len(ids))
	}
	return ids, quads
}

// ingestInOrder stores the reports one transaction per group, in the order given.
func ingestInOrder(t *testing.T, s *store.Store, quads map[string]store.ArticleQuads, groups ...[]string) {
	t.Helper()
	for _, g := range groups {
		var batch []store.ArticleQuads
		for _, id := range g {
			batch = append(batch, quads[id])
		}
		if _, err := s.ReplaceArticles(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
}

// incidentRow is what the test asserts of an incident.
type incidentRow struct {
	Date, LastDate, Type string
	Negated              bool
	Parties              string
	Articles, Sources    int
	Reports              string // the articles, by publication date
	First, Last          string
	Contradicts          int
}

func rows(ins []store.Incident) []incidentRow {
	var out []incidentRow
	for _, in := range ins {
		var parties, arts []string
		for _, n := range append(in.Actors, in.Recipients...) {
			parties = append(parties, schema.Local(n.IRI))
		}
		for _, r := range in.Reports {
			arts = append(arts, schema.Local(r.Article))
		}
		out = append(out, incidentRow{Date: in.Date, LastDate: in.LastDate, Type: in.Type, Negated: in.Negated,
			Parties: strings.Join(parties, " "), Articles: in.Articles, Sources: in.Sources, Reports: strings.Join(arts, " "),
			First: in.FirstReport, Last: in.LastReport, Contradicts: len(in.Contradicts) + len(in.ContradictedBy)})
	}
	return out
}

func incidents(t *testing.T, s *store.Store, window int) []store.Incident {
	t.Helper()
	ins, err := s.Incidents(context.Background(), store.IncidentFilter{Window: window})
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

func TestIncidentsAcrossReports(t *testing.T) {
	ids, quads := reports(t)
	s := openStore(t, store.Options{Backend: store.Memstore})
	ingestInOrder(t, s, quads, ids)

	want := []incidentRow{
		// Putin in Pyongyang: three reports date it Wednesday from three publication days; a
		// fourth, undated, takes its publication day, the next, and joins within the window.
		{Date: "2024-06-19", LastDate: "2024-06-20", Type: "CONSULT", Parties: "PRK RUS", Articles: 4, Sources: 4,
			Reports: "a1 a2 a4 a3", First: "2024-06-19", Last: "2024-06-21"},
		// Biden and Xi in Lima, by three publishers (Northwind, Pacific, Harbour).
		{Date: "2024-11-16", Type: "CONSULT", Parties: "CHN USA", Articles: 3, Sources: 3,
			Reports: "b1 b2 b3", First: "2024-11-16", Last: "2024-11-18"},
		// Muscat: persons counted as their countries ("Witkoff met Araghchi", "Iran and the
		// United States held talks"); one report denies the meeting and contradicts it.
		{Date: "2025-04-12", Type: "CONSULT", Parties: "IRN USA", Articles: 3, Sources: 3,
			Reports: "c1 c2 c3", First: "2025-04-12", Last: "2025-04-14", Contradicts: 1},
		{Date: "2025-04-12", Type: "CONSULT", Negated: true, Parties: "IRN USA", Articles: 1, Sources: 1,
			Reports: "c4", First: "2025-04-13", Last: "2025-04-13", Contradicts: 1},
		// Rome, a week later: the same parties, another incident.
		{Date: "2025-04-19", Type: "CONSULT", Parties: "IRN USA", Articles: 3, Sources: 3,
			Reports: "d1 d2 d3", First: "2025-04-19", Last: "2025-04-21"},
	}
	got := incidents(t, s, 1)
	if diff := cmp.Diff(want, rows(got)); diff != "" {
		t.Errorf("incidents (-want +got):\n%s", diff)
	}
	// Confidence grows with independent sources: 1 - Π(1 - best of each source).
	for _, in := range got {
		best := map[string]float64{}
		for _, r := range in.Reports {
			best[r.Publisher] = math.Max(best[r.Publisher], r.Event.Confidence)
		}
		doubt := 1.0
		for _, c := range best {
			doubt *= 1 - c
		}
		if math.Abs(in.Confidence-(1-doubt)) > 0.001 {
			t.Errorf("incident %s: confidence %v, want %v", in.IRI, in.Confidence, 1-doubt)
		}
		if in.Sources > 1 && in.Confidence <= in.Reports[0].Event.Confidence {
			t.Errorf("incident %s of %d sources: confidence %v no higher than one report's", in.IRI, in.Sources, in.Confidence)
		}
	}
	// The denial names the incident it contradicts, and the other way round.
	if got[3].Contradicts[0] != got[2].IRI || got[2].ContradictedBy[0] != got[3].IRI {
		t.Errorf("denial %s contradicts %v; incident %s contradicted by %v", got[3].IRI, got[3].Contradicts, got[2].IRI, got[2].ContradictedBy)
	}
	// show INCIDENT: the incident of one of its nodes, then the denial contradicting it.
	shown, err := s.Incident(context.Background(), got[2].IRI, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows(got[2:4]), rows(shown)); diff != "" {
		t.Errorf("Incident(%s) (-want +got):\n%s", got[2].IRI, diff)
	}
	// The node of the undated report of Putin's visit, a day later, is part of the incident.
	if len(got[0].Days) != 2 {
		t.Fatalf("Putin's visit has days %v, want two", got[0].Days)
	}
	if shown, err := s.Incident(context.Background(), got[0].Days[1], 1); err != nil || len(shown) != 1 || shown[0].Articles != 4 {
		t.Errorf("Incident(%s) = %v, %v; want the visit, 4 articles", got[0].Days[1], rows(shown), err)
	}
	if _, err := s.Incident(context.Background(), schema.IncidentIRI("2024-01-01", "none"), 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Incident(no such node) error = %v, want ErrNotFound", err)
	}
	// An entity's profile lists no incident as a fact about it.
	p, err := s.Show(context.Background(), schema.EntityIRI(schema.Country, "RUS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Facts {
		if f.Predicate == schema.IncidentActor || f.Predicate == schema.IncidentRecipient {
			t.Errorf("Show(Russia) lists the fact %s %s", f.Subject.Name(), schema.Local(f.Predicate))
		}
	}
	// With no window the undated report of Putin's visit stands apart.
	if n := len(incidents(t, s, 0)); n != len(want)+1 {
		t.Errorf("window 0: %d incidents, want %d", n, len(want)+1)
	}

	// Entities: spelling variants of one person on one node, and "Baghaei said" resolved to
	// the one Baghaei another article names in full.
	people, err := s.Entities(context.Background(), "Person", "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, schema.Local(p.IRI)+"="+strings.Join(p.Aliases, "|"))
	}
	wantPeople := []string{
		"abbas-araghchi=Abbas Araghchi|Abbas Araqchi|Araghchi",
		"badr-albusaidi=Badr Albusaidi",
		"baghaei=Baghaei",
		"donald-trump=Donald Trump",
		"esmaeil-baghaei=Esmaeil Baghaei",
		"joe-biden=Biden|Joe Biden",
		"kim-jong-un=Kim Jong Un|Kim Jong-un",
		"majid-takht-ravanchi=Majid Takht Ravanchi|Majid Takht-Ravanchi",
		"steve-witkoff=Steve Witkoff|Steven Witkoff|Witkoff",
		"vladimir-putin=Putin|Vladimir Putin",
		"xi-jinping=Xi|Xi Jinping",
	}
	if diff := cmp.Diff(wantPeople, names); diff != "" {
		t.Errorf("people (-want +got):\n%s", diff)
	}
	dups, err := s.Duplicates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var dupRows []string
	for _, d := range dups {
		row := d.Reason + ":"
		for _, e := range d.Entities {
			row += " " + schema.Local(e.IRI)
		}
		dupRows = append(dupRows, row)
	}
	if diff := cmp.Diff([]string{"surname: baghaei esmaeil-baghaei"}, dupRows); diff != "" {
		t.Errorf("duplicates (-want +got):\n%s", diff)
	}
}

// TestIncidentsAnyOrder ingests the reports in several orders and batchings, with re-ingests,
// and wants the same graph and the same incidents every time.
func TestIncidentsAnyOrder(t *testing.T) {
	ids, quads := reports(t)
	reversed := append([]string(nil), ids...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	var odd, even []string
	for i, id := range ids {
		if i%2 == 0 {
			even = append(even, id)
		} else {
			odd = append(odd, id)
		}
	}
	one := func(ids []string) [][]string {
		var out [][]string
		for _, id := range ids {
			out = append(out, []string{id})
		}
		return out
	}
	orders := map[string][][]string{
		"one batch":            {ids},
		"reversed, one by one": one(reversed),
		"odd then even":        {odd, even},
		"with re-ingests":      {even, ids[:5], odd, reversed[:3], ids},
	}
	var first []string
	var firstIncidents []incidentRow
	for _, name := range []string{"one batch", "reversed, one by one", "odd then even", "with re-ingests"} {
		s := openStore(t, store.Options{Backend: store.Memstore})
		ingestInOrder(t, s, quads, orders[name]...)
		qs := nquads(t, s)
		ins := rows(incidents(t, s, 1))
		if first == nil {
			first, firstIncidents = qs, ins
			continue
		}
		if diff := cmp.Diff(first, qs); diff != "" {
			t.Errorf("%s: graph differs from one batch (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(firstIncidents, ins); diff != "" {
			t.Errorf("%s: incidents differ from one batch (-want +got):\n%s", name, diff)
		}
	}
}

// TestIncidentReplaceArticle replaces one report by a text that reports nothing: only that
// article's quads change, and the incident loses one report.
func TestIncidentReplaceArticle(t *testing.T) {
	ids, quads := reports(t)
	s := openStore(t, store.Options{Backend: store.Memstore})
	ingestInOrder(t, s, quads, ids)
	before, err := s.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d3 := quads["d3"]
	blank := []quad.Quad{{Subject: d3.IRI, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Article), Label: d3.IRI}}
	if _, err := s.ReplaceArticle(context.Background(), d3.IRI, blank); err != nil {
		t.Fatal(err)
	}
	after, err := s.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	others := func(qs []quad.Quad) []string {
		var out []string
		for _, q := range qs {
			if q.Label != d3.IRI {
				out = append(out, q.NQuad())
			}
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(others(before), others(after)); diff != "" {
		t.Errorf("replacing d3 changed other articles' quads:\n%s", diff)
	}
	ins := incidents(t, s, 1)
	last := ins[len(ins)-1]
	if last.Date != "2025-04-19" || last.Articles != 2 {
		t.Errorf("Rome incident after d3 was emptied: %s with %d articles, want 2025-04-19 with 2", last.Date, last.Articles)
	}
	// Baghaei alone is gone with d3: nothing left to resolve.
	dups, err := s.Duplicates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(dups) != 0 {
		t.Errorf("duplicates after d3 was emptied: %+v", dups)
	}
}

// TestIncidentCounts: timeline and dyad count incidents, one entry per real-world event with
// its reports and sources, unless raw.
func TestIncidentCounts(t *testing.T) {
	ids, quads := reports(t)
	s := openStore(t, store.Options{Backend: store.Memstore})
	ingestInOrder(t, s, quads, ids)
	ctx := context.Background()
	iri := func(class, key string) string { return schema.EntityIRI(class, key) }
	rus, prk := iri(schema.Country, "RUS"), iri(schema.Country, "PRK")
	irn, usa := iri(schema.Country, "IRN"), iri(schema.Country, "USA")
	putin := iri(schema.Person, "vladimir-putin")
	def := store.Grouping{Window: store.DefaultIncidentWindow}

	type entry struct {
		Date, LastDate, Direction string
		Reports, Sources          int
		Articles                  string
		Incident                  bool
	}
	arts := func(iris []string) string {
		var out []string
		for _, a := range iris {
			out = append(out, schema.Local(a))
		}
		return strings.Join(out, " ")
	}
	dyad := func(a, b string, g store.Grouping) (store.Dyad, []entry) {
		t.Helper()
		d, err := s.Dyad(ctx, a, b, g)
		if err != nil {
			t.Fatal(err)
		}
		var out []entry
		for _, ev := range d.Events {
			out = append(out, entry{ev.Date, ev.LastDate, ev.Direction, ev.Reports, ev.Sources, arts(ev.Articles), ev.Incident != ""})
		}
		return d, out
	}
	all, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	has := func(ns []store.Node, iri string) bool {
		for _, n := range ns {
			if n.IRI == iri {
				return true
			}
		}
		return false
	}
	var rawWant []entry
	var rawTotals store.DyadTotals
	for _, ev := range all {
		dir := ""
		switch {
		case ev.Negated:
		case has(ev.Actors, rus) && has(ev.Recipients, prk):
			dir, rawTotals.AB = "A→B", rawTotals.AB+1
		case has(ev.Actors, prk) && has(ev.Recipients, rus):
			dir, rawTotals.BA = "B→A", rawTotals.BA+1
		}
		if dir != "" {
			rawWant = append(rawWant, entry{ev.Date, "", dir, 0, 0, arts(ev.Articles), false})
			rawTotals.Events++
			rawTotals.Goldstein += ev.Goldstein
		}
	}
	if rawTotals.Events > 0 {
		rawTotals.GoldsteinMean = rawTotals.Goldstein / float64(rawTotals.Events)
	}
	tests := []struct {
		name   string
		a, b   string
		g      store.Grouping
		want   []entry
		totals store.DyadTotals
	}{
		// Four reports of Putin's visit; two of them have a direction between the countries
		// (Russia's leader met North Korea's, and the other way round): one incident, counted
		// in the direction of the earliest, with all four articles.
		{"Russia and North Korea", rus, prk, def,
			[]entry{{"2024-06-19", "2024-06-20", "A→B", 4, 4, "a1 a2 a4 a3", true}},
			store.DyadTotals{Events: 1, AB: 1, Goldstein: 1, GoldsteinMean: 1}},
		// Raw, each article's event with one party acting towards the other, as Events reads them.
		{"Russia and North Korea, raw", rus, prk, store.Grouping{Raw: true}, rawWant, rawTotals},
		// Muscat and Rome, a week apart, three reports each; the denial of Muscat is no event.
		{"Iran and the United States", irn, usa, def,
			[]entry{{"2025-04-12", "", "B→A", 3, 3, "c1 c2 c3", true}, {"2025-04-19", "", "A→B", 3, 3, "d1 d2 d3", true}},
			store.DyadTotals{Events: 2, AB: 1, BA: 1, Goldstein: 2, GoldsteinMean: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, got := dyad(tt.a, tt.b, tt.g)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Dyad events (-want +got):\n%s", diff)
			}
			if d.Totals != tt.totals {
				t.Errorf("Dyad totals = %+v, want %+v", d.Totals, tt.totals)
			}
			n := 0
			for _, c := range d.Counts {
				n += c.Events
			}
			if n != tt.totals.Events || len(d.Months) != 1 || d.Months[0].Events != tt.totals.Events {
				t.Errorf("Dyad counts %+v and months %+v do not add up to %d", d.Counts, d.Months, tt.totals.Events)
			}
		})
	}

	timeline := func(g store.Grouping) []entry {
		t.Helper()
		tl, err := s.Timeline(ctx, putin, g)
		if err != nil {
			t.Fatal(err)
		}
		var out []entry
		for _, e := range tl {
			out = append(out, entry{e.Date, e.LastDate, e.Role, e.Reports, e.Sources, arts(e.Articles), e.Incident != ""})
		}
		return out
	}
	want := []entry{{"2024-06-19", "2024-06-20", "actor", 4, 4, "a1 a2 a4 a3", true}}
	if diff := cmp.Diff(want, timeline(def)); diff != "" {
		t.Errorf("Timeline(Putin) (-want +got):\n%s", diff)
	}
	// With no window the undated report, dated by its publication the next day, stands apart.
	want = []entry{{"2024-06-19", "", "actor", 3, 3, "a1 a2 a3", true}, {"2024-06-20", "", "actor", 1, 1, "a4", true}}
	if diff := cmp.Diff(want, timeline(store.Grouping{})); diff != "" {
		t.Errorf("Timeline(Putin, window 0) (-want +got):\n%s", diff)
	}
	// Raw, each event that names Putin.
	want = nil
	for _, ev := range all {
		if role := map[bool]string{true: "actor"}[has(ev.Actors, putin)]; role != "" || has(ev.Recipients, putin) {
			if role == "" {
				role = "recipient"
			}
			want = append(want, entry{ev.Date, "", role, 0, 0, arts(ev.Articles), false})
		}
	}
	if diff := cmp.Diff(want, timeline(store.Grouping{Raw: true})); diff != "" {
		t.Errorf("Timeline(Putin, raw) (-want +got):\n%s", diff)
	}

	// IncidentsOf the events of the store is Incidents.
	evs, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	of, err := s.IncidentsOf(ctx, evs, -1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows(incidents(t, s, 1)), rows(of)); diff != "" {
		t.Errorf("IncidentsOf(all events) differs from Incidents (-want +got):\n%s", diff)
	}
}

// TestSurnameResolution: a surname used alone resolves to the one person of that surname when
// that person's name starts with a given name or initials and something else agrees (a
// country, a role, an article naming both); a thing the extractor took for a person ("Donkey
// Kong") is listed, not resolved, and still makes a surname ambiguous.
func TestSurnameResolution(t *testing.T) {
	s := openStore(t, store.Options{Backend: store.Memstore})
	batch := surnameArticles()
	if _, err := s.ReplaceArticles(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	dups, err := s.Duplicates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range dups {
		row := fmt.Sprintf("%s %t:", d.Reason, d.Resolved)
		for _, e := range d.Entities {
			row += " " + e.Label
		}
		got = append(got, row)
	}
	want := []string{
		"ambiguous surname false: Ashcroft Dan Ashcroft Treasurer Lord Ashcroft",
		"surname true: Gellhorn Ernest Gellhorn",  // named in one article
		"surname true: Goldsmith Peter Goldsmith", // one part in one incident, a day apart
		"surname true: Greenspan Alan Greenspan",  // one country
		"surname false: Kong Donkey Kong",         // no given name
		"surname true: Letwin Oliver Letwin",      // named in full in 3 articles
		"surname false: Welch Raquel Welch",       // nothing but the surname agrees
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Duplicates (-want +got):\n%s", diff)
	}
}

// TestSurnamesLazy: on bolt, the short forms a query reads for the people it asks about (from
// the class counts and the adjacency index) are those of reading every person, and they
// resolve as Duplicates says.
func TestSurnamesLazy(t *testing.T) {
	s := openStore(t, store.Options{Backend: store.Bolt, Address: t.TempDir()})
	batch := surnameArticles()
	if _, err := s.ReplaceArticles(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, e := range entitiesOf(batch) {
		if strings.Contains(e, "/person/") {
			people = append(people, e)
		}
	}
	store.SetAdjacency(s, false)
	want, err := store.ShortForms(ctx, s, people)
	if err != nil {
		t.Fatal(err)
	}
	store.SetAdjacency(s, true)
	got, err := store.ShortForms(ctx, s, people)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("short forms read lazily differ from those of every person (-all +lazy):\n%s", diff)
	}
	resolved := 0
	for _, v := range got {
		if !strings.HasPrefix(v, " ") {
			resolved++
		}
	}
	if resolved != 4 {
		t.Errorf("%d short forms resolve, want 4 (Gellhorn, Goldsmith, Greenspan, Letwin): %v", resolved, got)
	}
}

// surnameArticles are articles naming people by surname alone and in full.
func surnameArticles() []store.ArticleQuads {
	var batch []store.ArticleQuads
	for i, labels := range [][]string{
		{"Greenspan|USA", "Kong", "Ashcroft", "Welch"},
		{"Alan Greenspan|USA", "Donkey Kong"},
		{"Dan Ashcroft", "Treasurer Lord Ashcroft", "Raquel Welch"},
		{"Ernest Gellhorn", "Gellhorn"},
		{"Letwin"}, {"Oliver Letwin"}, {"Oliver Letwin"}, {"Oliver Letwin", "Raquel Welch"},
	} {
		art := quad.IRI(schema.ArticleIRI("surnames-" + strconv.Itoa(i)))
		qs := []quad.Quad{{Subject: art, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Article), Label: art}}
		for _, l := range labels {
			l, cc, _ := strings.Cut(l, "|")
			n := quad.IRI(schema.EntityIRI(schema.Person, schema.Slug(l)))
			qs = append(qs, quad.Quad{Subject: n, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Person), Label: art},
				quad.Quad{Subject: n, Predicate: quad.IRI(schema.RDFSLabel), Object: quad.String(l), Label: art},
				quad.Quad{Subject: art, Predicate: quad.IRI(schema.Mentions), Object: n, Label: art})
			if cc != "" {
				qs = append(qs, quad.Quad{Subject: n, Predicate: quad.IRI(schema.CountryCode), Object: quad.String(cc), Label: art})
			}
		}
		batch = append(batch, store.ArticleQuads{IRI: art, Quads: qs})
	}
	// Two reports of one warning, one naming its author "Goldsmith", the other "Peter
	// Goldsmith", each named in one article: they take the same part in the same incident.
	gbr := quad.IRI(schema.EntityIRI(schema.Country, "GBR"))
	for i, l := range []string{"Goldsmith", "Peter Goldsmith"} {
		art := quad.IRI(schema.ArticleIRI("warning-" + strconv.Itoa(i)))
		n := quad.IRI(schema.EntityIRI(schema.Person, schema.Slug(l)))
		day := quad.IRI(schema.IncidentIRI("2003-03-0"+strconv.Itoa(7+i), "threaten-"+strconv.Itoa(i)))
		qs := []quad.Quad{{Subject: art, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Article)},
			{Subject: n, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Person)},
			{Subject: n, Predicate: quad.IRI(schema.RDFSLabel), Object: quad.String(l)},
			{Subject: art, Predicate: quad.IRI(schema.Mentions), Object: n},
			{Subject: day, Predicate: quad.IRI(schema.RDFType), Object: quad.IRI(schema.Incident)},
			{Subject: day, Predicate: quad.IRI(schema.EventType), Object: quad.String("THREATEN")},
			{Subject: day, Predicate: quad.IRI(schema.Date), Object: quad.String("2003-03-0" + strconv.Itoa(7+i))},
			{Subject: day, Predicate: quad.IRI(schema.IncidentActor), Object: n},
			{Subject: day, Predicate: quad.IRI(schema.IncidentRecipient), Object: gbr}}
		for j := range qs {
			qs[j].Label = art
		}
		batch = append(batch, store.ArticleQuads{IRI: art, Quads: qs})
	}
	return batch
}

// TestIncidentWindow: the window is anchored at an incident's first date and does not slide.
// One meeting reported undated on three days in a row: 19 and 20 June join within a day, 21
// June opens another incident; two days join all three, none none.
func TestIncidentWindow(t *testing.T) {
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, store.Options{Backend: store.Memstore})
	var batch []store.ArticleQuads
	for _, day := range []int{21, 19, 20} {
		doc := extract.Document{ID: "window-" + strconv.Itoa(day), Text: "Vladimir Putin met Kim Jong Un in Pyongyang.",
			Published: time.Date(2024, 6, day, 0, 0, 0, 0, time.UTC)}
		iri, qs := kg.Build(doc, x.Extract(doc))
		batch = append(batch, store.ArticleQuads{IRI: iri, Quads: qs})
	}
	if _, err := s.ReplaceArticles(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		window int
		want   []string
	}{
		{0, []string{"2024-06-19 1", "2024-06-20 1", "2024-06-21 1"}},
		{1, []string{"2024-06-19..2024-06-20 2", "2024-06-21 1"}},
		{2, []string{"2024-06-19..2024-06-21 3"}},
	} {
		var got []string
		for _, in := range incidents(t, s, tc.window) {
			d := in.Date
			if in.LastDate != "" {
				d += ".." + in.LastDate
			}
			got = append(got, d+" "+strconv.Itoa(in.Articles))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("window %d (-want +got):\n%s", tc.window, diff)
		}
	}
}
