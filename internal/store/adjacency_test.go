package store_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	nqr "github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
	"github.com/diplograph/diplograph/schema"
)

// walks is what Neighbors (depth 1 and 2) answers for every entity and, for about twenty of
// them, Paths (to another, three paths of up to four hops with evidence, and two of up to
// three hops of links two or more articles report), Events (as actor) and Show.
type walks struct {
	Neighbors1, Neighbors2 map[string][]store.Neighbor
	Paths                  map[string][][]store.Link
	Errors                 map[string]string
	// What names the nodes an answer refers to, as Neighbors does, read from the index too.
	Events   map[string][]store.Event
	Profiles map[string]store.Profile
	// Incidents (as actor) and Timeline, which count people named by surname alone as their
	// full name (read lazily through the index).
	Incidents map[string][]store.Incident
	Timelines map[string][]store.TimelineEntry
}

func walkAll(t testing.TB, s *store.Store, entities []string) walks {
	t.Helper()
	w := walks{map[string][]store.Neighbor{}, map[string][]store.Neighbor{}, map[string][][]store.Link{}, map[string]string{},
		map[string][]store.Event{}, map[string]store.Profile{}, map[string][]store.Incident{}, map[string][]store.TimelineEntry{}}
	step := max(1, len(entities)/20) // paths from about twenty of them
	for i, e := range entities {
		for depth, m := range map[int]map[string][]store.Neighbor{1: w.Neighbors1, 2: w.Neighbors2} {
			ns, err := s.Neighbors(ctx, e, depth)
			if err != nil {
				w.Errors["neighbors "+e] = err.Error()
			}
			m[e] = ns
		}
		if i%step != 0 {
			continue
		}
		evs, err := s.Events(ctx, store.EventFilter{Actor: e})
		if err != nil {
			w.Errors["events "+e] = err.Error()
		}
		w.Events[e] = evs
		ins, err := s.Incidents(ctx, store.IncidentFilter{EventFilter: store.EventFilter{Actor: e}, Window: store.DefaultIncidentWindow})
		if err != nil {
			w.Errors["incidents "+e] = err.Error()
		}
		w.Incidents[e] = ins
		tl, err := s.Timeline(ctx, e, store.Grouping{Window: store.DefaultIncidentWindow})
		if err != nil {
			w.Errors["timeline "+e] = err.Error()
		}
		w.Timelines[e] = tl
		p, err := s.Show(ctx, e)
		if err != nil {
			w.Errors["show "+e] = err.Error()
		}
		w.Profiles[e] = p
		for j, o := range []store.PathOptions{{K: 3, MaxHops: 4, Evidence: true}, {K: 2, MaxHops: 3, MinReports: 2}} {
			to := entities[(i*7+3+j)%len(entities)]
			key := e + " → " + to + " " + string(rune('a'+j))
			ps, err := s.Paths(ctx, e, to, o)
			if err != nil {
				w.Errors["path "+key] = err.Error()
			}
			w.Paths[key] = ps
		}
	}
	return w
}

// entitiesOf returns the sorted IRIs of the subjects of the entity-class quads of arts.
func entitiesOf(arts []store.ArticleQuads) []string {
	seen := map[string]bool{}
	for _, a := range arts {
		for _, q := range a.Quads {
			if o, ok := q.Object.(quad.IRI); ok && q.Predicate == quad.IRI(schema.RDFType) {
				switch string(o) {
				case schema.Person, schema.Country, schema.Organization, schema.Location:
					seen[string(q.Subject.(quad.IRI))] = true
				}
			}
		}
	}
	var out []string
	for e := range seen {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// ignoreParties leaves out of a comparison of walks what an Incident was joined by.
var ignoreParties = cmpopts.IgnoreUnexported(store.Incident{})

// sameWalks checks that the walks of s read through the adjacency index are those read from
// the events, and returns how many neighbours they found.
func sameWalks(t *testing.T, step string, s *store.Store, entities []string) int {
	t.Helper()
	store.SetAdjacency(s, false)
	want := walkAll(t, s, entities)
	store.SetAdjacency(s, true)
	got := walkAll(t, s, entities)
	if diff := cmp.Diff(want, got, ignoreParties); diff != "" {
		t.Errorf("%s: walks through the adjacency index differ from walks over events (-events +index):\n%s", step, diff)
	}
	n := 0
	for _, ns := range got.Neighbors2 {
		n += len(ns)
	}
	return n
}

// sharedEvent is an article stating part of an event another article states too, with
// another type, another participant and, when negated, denying it: the event's links depend
// on the quads of both.
func sharedEvent(id, typ string, negated bool, actor, recipient quad.IRI) store.ArticleQuads {
	a := storetest.NewArticle(id, "2023-05-01")
	ev := quad.IRI(schema.ID + "event/shared")
	a.Add(ev, schema.RDFType, quad.IRI(schema.Event))
	a.Add(ev, schema.EventType, quad.String(typ))
	a.Add(ev, schema.Actor, actor)
	a.Add(ev, schema.Recipient, recipient)
	if negated {
		a.Add(ev, schema.Negated, quad.Bool(true))
	}
	a.Add(actor, schema.Met, recipient)
	// Another label and a second class for the recipient: the most stated label and the
	// first entity class name it.
	a.Add(recipient, schema.RDFSLabel, quad.String("Label of "+id))
	a.Add(recipient, schema.RDFType, quad.IRI(schema.Organization))
	return store.ArticleQuads{IRI: a.IRI, Quads: a.Quads}
}

// TestAdjacencyReplacements: after every replacement and removal of articles, the walks a
// bolt store answers from its adjacency index are those it answers from events, and those of
// memstore, which keeps no index, of leveldb, which keeps one read without seeks, and of a
// bolt store made before the index.
func TestAdjacencyReplacements(t *testing.T) {
	bolt := openStore(t, store.Options{Backend: store.Bolt, Address: t.TempDir()})
	mem := openStore(t, store.Options{Backend: store.Memstore})
	lvl := openStore(t, store.Options{Backend: store.LevelDB, Address: t.TempDir()})
	old := openStore(t, store.Options{Backend: store.Bolt, Address: t.TempDir()})
	if err := store.DropAdjacency(ctx, old); err != nil {
		t.Fatal(err)
	}
	gen := func(i int) store.ArticleQuads {
		a := storetest.EventArticle(i)
		return store.ArticleQuads{IRI: a.IRI, Quads: a.Quads}
	}
	var all []store.ArticleQuads
	for i := 0; i < 15; i++ {
		all = append(all, gen(i))
	}
	art := func(a *storetest.Article) store.ArticleQuads { return store.ArticleQuads{IRI: a.IRI, Quads: a.Quads} }
	all = append(all, art(storetest.Seed()), art(storetest.Later()), art(storetest.SeedV2()))
	x, y, z := storetest.Ardern, storetest.Kishida, storetest.NZL
	one, two := sharedEvent("shared-1", "AGREE", false, x, y), sharedEvent("shared-2", "CONSULT", false, z, y)
	denied := sharedEvent("shared-2", "CONSULT", true, z, y)
	denied2 := sharedEvent("shared-3", "REJECT", true, x, z)
	all = append(all, one, two, denied2)
	// An article and an unknown IRI, which are no entities, among them.
	entities := append(entitiesOf(all), string(storetest.Seed().IRI), schema.ID+"nobody")
	half := gen(7)
	half.Quads = half.Quads[:len(half.Quads)/2]
	steps := []struct {
		name string
		arts []store.ArticleQuads
	}{
		{"seed and later", []store.ArticleQuads{art(storetest.Seed()), art(storetest.Later())}},
		{"generated 0-14", all[:15]},
		{"seed v2", []store.ArticleQuads{art(storetest.SeedV2())}},
		{"generated 7 halved", []store.ArticleQuads{half}},
		{"shared event, one article", []store.ArticleQuads{one}},
		{"shared event, two articles", []store.ArticleQuads{two}},
		{"shared event denied in one", []store.ArticleQuads{denied, denied2}},
		// Only adds to an event the index knows, which gives no facts while denied.
		{"shared event told again while denied", []store.ArticleQuads{sharedEvent("shared-4", "AGREE", false, y, storetest.JPN)}},
		{"shared event, the denial removed", []store.ArticleQuads{{IRI: denied.IRI}}},
		{"generated 7 back, 3 removed", []store.ArticleQuads{gen(7), {IRI: gen(3).IRI}}},
		{"seed removed", []store.ArticleQuads{{IRI: storetest.Seed().IRI}}},
		{"first article of the shared event removed", []store.ArticleQuads{{IRI: one.IRI}}},
	}
	for _, st := range steps {
		for _, s := range []*store.Store{bolt, lvl, mem, old} {
			if _, err := s.ReplaceArticles(ctx, st.arts); err != nil {
				t.Fatalf("%s: ReplaceArticles = %v", st.name, err)
			}
		}
		if n := sameWalks(t, st.name, bolt, entities); n == 0 {
			t.Fatalf("%s: no neighbours found at all", st.name)
		}
		want := walkAll(t, mem, entities)
		if diff := cmp.Diff(want, walkAll(t, bolt, entities), ignoreParties); diff != "" {
			t.Errorf("%s: bolt's walks differ from memstore's (-memstore +bolt):\n%s", st.name, diff)
		}
		if diff := cmp.Diff(want, walkAll(t, lvl, entities), ignoreParties); diff != "" {
			t.Errorf("%s: leveldb's walks differ from memstore's (-memstore +leveldb):\n%s", st.name, diff)
		}
		if diff := cmp.Diff(want, walkAll(t, old, entities), ignoreParties); diff != "" {
			t.Errorf("%s: the walks of a bolt store without the index differ from memstore's (-memstore +bolt):\n%s", st.name, diff)
		}
	}
}

// ingestedStore ingests the bundled samples and, when ../shared/bench/bbc-news.jsonl is there,
// its first 300 articles, into a new bolt store, and returns the store and the stored entities.
func ingestedStore(t *testing.T) (*store.Store, []string) {
	t.Helper()
	paths := []string{filepath.Join("..", "..", "data", "samples")}
	if f, err := os.Open(filepath.Join("..", "..", "..", "shared", "bench", "bbc-news.jsonl")); err == nil {
		sub := filepath.Join(t.TempDir(), "bbc-300.jsonl")
		var buf bytes.Buffer
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for n := 0; n < 300 && sc.Scan(); n++ {
			buf.Write(sc.Bytes())
			buf.WriteByte('\n')
		}
		f.Close()
		if err := os.WriteFile(sub, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, sub)
	} else {
		t.Logf("BBC corpus not there (%v): the bundled samples alone", err)
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatalf("extract.Load: %v", err)
	}
	var nq bytes.Buffer
	if _, err := ingest.Run(ctx, ingest.Config{Source: input.Source{Paths: paths}, Extractor: x, DryRun: &nq, Workers: 1}); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	byArticle := map[quad.IRI][]quad.Quad{}
	var order []quad.IRI
	r := nqr.NewReader(&nq, false)
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		l := q.Label.(quad.IRI)
		if byArticle[l] == nil {
			order = append(order, l)
		}
		byArticle[l] = append(byArticle[l], q)
	}
	var arts []store.ArticleQuads
	for _, l := range order {
		arts = append(arts, store.ArticleQuads{IRI: l, Quads: byArticle[l]})
	}
	s := openStore(t, store.Options{Backend: store.Bolt, Address: t.TempDir()})
	if _, err := s.ReplaceArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	return s, entitiesOf(arts)
}

// TestAdjacencyIngested: on a store ingested from real articles, every entity's walks through
// the adjacency index are those over its events.
func TestAdjacencyIngested(t *testing.T) {
	s, entities := ingestedStore(t)
	if len(entities) < 10 {
		t.Fatalf("ingested only %d entities", len(entities))
	}
	n := sameWalks(t, "ingested", s, entities)
	t.Logf("%d entities, %d neighbours at depth 2", len(entities), n)
	if n == 0 {
		t.Fatal("no neighbours found at all")
	}
}

// BenchmarkWriteAdjacency measures what keeping the adjacency index costs a write: the same
// 600 generated articles (about 100,000 quads), 200 a transaction, into a new bolt store that
// keeps the index and into one that does not, alternately, reporting each one's quads/s and
// their ratio. Run it with
//
//	go test ./internal/store -run XXX -bench WriteAdjacency -benchtime 2x
func BenchmarkWriteAdjacency(b *testing.B) {
	var batches [][]store.ArticleQuads
	quads := 0
	for i := 0; i < 600; i += 200 {
		var batch []store.ArticleQuads
		for j := i; j < i+200; j++ {
			a := storetest.EventArticle(j)
			batch = append(batch, store.ArticleQuads{IRI: a.IRI, Quads: a.Quads})
			quads += len(a.Quads)
		}
		batches = append(batches, batch)
	}
	var with, without time.Duration
	write := func(keep bool) time.Duration {
		s, err := store.Open(ctx, store.Options{Address: filepath.Join(b.TempDir(), "store")})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		if !keep {
			if err := store.DropAdjacency(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		for _, batch := range batches {
			if _, err := s.ReplaceArticles(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			with += write(true)
			without += write(false)
		} else {
			without += write(false)
			with += write(true)
		}
	}
	b.ReportMetric(float64(quads*b.N)/with.Seconds(), "indexed-quads/s")
	b.ReportMetric(float64(quads*b.N)/without.Seconds(), "plain-quads/s")
	b.ReportMetric(with.Seconds()/without.Seconds(), "indexed/plain")
}
