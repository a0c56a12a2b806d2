package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
	"github.com/diplograph/diplograph/schema"
)

// postgresEnv holds the connection string of the PostgreSQL server the postgres tests use.
const postgresEnv = "DIPLOGRAPH_TEST_POSTGRES"

// backend opens a new, empty store of one kind.
type backend struct {
	name string
	open func(t testing.TB) *store.Store
}

func backends() []backend {
	return []backend{
		{store.Memstore, func(t testing.TB) *store.Store {
			return openStore(t, store.Options{Backend: store.Memstore})
		}},
		{store.Bolt, func(t testing.TB) *store.Store {
			return openStore(t, store.Options{Backend: store.Bolt, Address: t.TempDir()})
		}},
		{store.Postgres, func(t testing.TB) *store.Store {
			return openStore(t, store.Options{Backend: store.Postgres, Address: postgresDB(t)})
		}},
	}
}

func openStore(t testing.TB, opts store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("Open(%+v) = %v", opts, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return s
}

var pgSeq atomic.Int64

// postgresDB creates a fresh database on the server $DIPLOGRAPH_TEST_POSTGRES names, dropped when
// the test ends, and returns its connection string. Without the variable the test is skipped,
// except under CI=true, where it fails: CI must not pass without PostgreSQL.
func postgresDB(t testing.TB) string {
	t.Helper()
	addr := os.Getenv(postgresEnv)
	if addr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests (scripts/pg-test.sh start)", postgresEnv)
		}
		t.Skipf("%s is not set; start a server with `scripts/pg-test.sh start` and export what it prints", postgresEnv)
	}
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatalf("%s: %v", postgresEnv, err)
	}
	admin, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatalf("connect to %s: %v", postgresEnv, err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("diplograph_test_%d_%d", os.Getpid(), pgSeq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// TestStore runs the suite against every backend.
func TestStore(t *testing.T) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(testing.TB) *store.Store)
	}{
		{"ReplaceTwice", testReplaceTwice},
		{"ReplaceChanged", testReplaceChanged},
		{"ReplaceErrors", testReplaceErrors},
		{"Provenance", testProvenance},
		{"NoOrphans", testNoOrphans},
		{"Atomic", testAtomic},
		{"Resolve", testResolve},
		{"Entities", testEntities},
		{"Show", testShow},
		{"Path", testPath},
		{"Timeline", testTimeline},
		{"Dyad", testDyad},
		{"Explain", testExplain},
		{"Neighbors", testNeighbors},
		{"Events", testEvents},
		{"Quotes", testQuotes},
		{"Stats", testStats},
		{"Gizmo", testGizmo},
		{"Export", testExport},
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			if b.name == store.Postgres {
				postgresDB(t) // skip (or fail under CI) once, before the subtests
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) { tt.fn(t, b.open) })
			}
		})
	}
}

var ctx = context.Background()

func replace(t testing.TB, s *store.Store, a *storetest.Article) store.Change {
	t.Helper()
	c, err := s.ReplaceArticle(ctx, a.IRI, a.Quads)
	if err != nil {
		t.Fatalf("ReplaceArticle(%s) = %v", a.IRI, err)
	}
	return c
}

// load stores the seed and the later article.
func load(t testing.TB, s *store.Store) {
	t.Helper()
	if _, err := s.ReplaceArticles(ctx, []store.ArticleQuads{
		{IRI: storetest.Seed().IRI, Quads: storetest.Seed().Quads},
		{IRI: storetest.Later().IRI, Quads: storetest.Later().Quads},
	}); err != nil {
		t.Fatalf("ReplaceArticles = %v", err)
	}
}

// nquads returns the store's export as sorted lines.
func nquads(t testing.TB, s *store.Store) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, store.NQuads, store.Filter{}); err != nil {
		t.Fatalf("Export = %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	sort.Strings(lines)
	return lines
}

// lines returns the N-Quads of the given articles' quads, sorted.
func lines(as ...*storetest.Article) []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range as {
		for _, q := range a.Quads {
			if l := q.NQuad(); !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Strings(out)
	return out
}

func quadCount(t testing.TB, s *store.Store) int64 {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats = %v", err)
	}
	return st.Quads
}

func testReplaceTwice(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	a := storetest.Seed()
	c1 := replace(t, s, a)
	if want := len(lines(a)); c1.Added != want || c1.Removed != 0 {
		t.Errorf("first ReplaceArticle = %+v, want %d added", c1, want)
	}
	n1 := quadCount(t, s)
	c2 := replace(t, s, a)
	if !c2.Unchanged() {
		t.Errorf("second ReplaceArticle = %+v, want no change", c2)
	}
	if n2 := quadCount(t, s); n2 != n1 || n1 != int64(len(lines(a))) {
		t.Errorf("quads after replacing twice = %d, after once %d, want %d", n2, n1, len(lines(a)))
	}
	if diff := cmp.Diff(lines(a), nquads(t, s)); diff != "" {
		t.Errorf("export after replacing twice (-want +got):\n%s", diff)
	}
}

func testReplaceChanged(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	other := storetest.Later()
	replace(t, s, other)
	for i, a := range []*storetest.Article{storetest.Seed(), storetest.SeedV2(), storetest.Seed(), storetest.SeedV2(), storetest.SeedV2(), storetest.Seed()} {
		replace(t, s, a)
		if diff := cmp.Diff(lines(other, a), nquads(t, s)); diff != "" {
			t.Fatalf("after replacement %d (-want +got):\n%s", i+1, diff)
		}
		if got, want := quadCount(t, s), int64(len(lines(other))+len(lines(a))); got != want {
			t.Errorf("after replacement %d: %d quads, want %d", i+1, got, want)
		}
	}
	// Removing the article leaves the other one whole.
	if _, err := s.ReplaceArticle(ctx, storetest.Seed().IRI, nil); err != nil {
		t.Fatalf("ReplaceArticle(nil) = %v", err)
	}
	if diff := cmp.Diff(lines(other), nquads(t, s)); diff != "" {
		t.Errorf("after removing the article (-want +got):\n%s", diff)
	}
}

func testReplaceErrors(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	a := storetest.Seed()
	bad := append([]quad.Quad{}, a.Quads...)
	bad = append(bad, quad.Make(storetest.Ardern, quad.IRI(schema.Alias), "Jacinda", quad.IRI("https://elsewhere")))
	if _, err := s.ReplaceArticle(ctx, a.IRI, bad); err == nil {
		t.Errorf("ReplaceArticle with a quad of another article = nil error")
	}
	if _, err := s.ReplaceArticles(ctx, []store.ArticleQuads{{IRI: a.IRI, Quads: a.Quads}, {IRI: a.IRI}}); err == nil {
		t.Errorf("ReplaceArticles with an article twice = nil error")
	}
	if n := quadCount(t, s); n != 0 {
		t.Errorf("failed replacements left %d quads", n)
	}
	// Unlabelled quads take the article's label.
	var plain []quad.Quad
	for _, q := range a.Quads {
		q.Label = nil
		plain = append(plain, q)
	}
	replace(t, s, &storetest.Article{IRI: a.IRI, Quads: plain})
	if diff := cmp.Diff(lines(a), nquads(t, s)); diff != "" {
		t.Errorf("unlabelled quads (-want +got):\n%s", diff)
	}
}

func testProvenance(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	leads := func() []string {
		t.Helper()
		p, err := s.Show(ctx, string(storetest.Ardern))
		if err != nil {
			t.Fatalf("Show(Ardern) = %v", err)
		}
		var out []string
		for _, f := range p.Facts {
			if f.Predicate == schema.LeaderOf && f.Object.IRI == string(storetest.NZL) {
				for _, e := range f.Evidence {
					out = append(out, schema.Local(e.Article)+": "+e.Sentence)
				}
			}
		}
		return out
	}
	want := []string{
		"ardern-kishida-2022: New Zealand Prime Minister Jacinda Ardern arrived.",
		"ardern-later-2022: Ardern, New Zealand's leader, spoke.",
	}
	if diff := cmp.Diff(want, leads()); diff != "" {
		t.Errorf("leaderOf facts of two articles (-want +got):\n%s", diff)
	}
	if _, err := s.ReplaceArticle(ctx, storetest.Later().IRI, nil); err != nil {
		t.Fatalf("ReplaceArticle(later, nil) = %v", err)
	}
	if diff := cmp.Diff(want[:1], leads()); diff != "" {
		t.Errorf("leaderOf facts after deleting one article (-want +got):\n%s", diff)
	}
	paths, err := s.Paths(ctx, string(storetest.Ardern), string(storetest.NZL), store.PathOptions{MaxHops: 1})
	if err != nil || len(paths) != 1 || len(paths[0]) != 1 {
		path := paths
		t.Errorf("Path(Ardern, NZL) after deleting one article = %v, %v; want the leaderOf link", path, err)
	}
}

// testNoOrphans: deleting an article leaves none of its nodes behind (cayley issue #617).
func testNoOrphans(t *testing.T, open func(testing.TB) *store.Store) {
	nodes := func(s *store.Store) int {
		t.Helper()
		all, err := s.Gizmo(ctx, `g.V().All()`, 0)
		if err != nil {
			t.Fatalf("Gizmo(g.V().All()) = %v", err)
		}
		return len(all)
	}
	s := open(t)
	load(t, s)
	replace(t, s, &storetest.Article{IRI: storetest.Seed().IRI})
	only := open(t)
	replace(t, only, storetest.Later())
	if got, want := nodes(s), nodes(only); got != want {
		t.Errorf("nodes after deleting one of two articles = %d, want %d as with the other alone", got, want)
	}
	replace(t, s, &storetest.Article{IRI: storetest.Later().IRI})
	if got := nodes(s); got != 0 {
		t.Errorf("nodes after deleting every article = %d, want 0", got)
	}
}

// testAtomic has a reader count an article's quads while a writer swaps two versions: it must
// see one version or the other, never a mix.
func testAtomic(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	v1, v2 := storetest.Seed(), storetest.SeedV2()
	replace(t, s, v1)
	valid := map[int]bool{len(lines(v1)): true, len(lines(v2)): true}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(stop)
		for i := 0; i < 10; i++ {
			for _, a := range []*storetest.Article{v2, v1} {
				if _, err := s.ReplaceArticle(ctx, a.IRI, a.Quads); err != nil {
					t.Errorf("ReplaceArticle = %v", err)
					return
				}
			}
		}
	}()
	for reads := 0; ; reads++ {
		select {
		case <-stop:
			wg.Wait()
			return
		default:
		}
		qs, err := s.Quads(ctx)
		if err != nil {
			t.Fatalf("Quads = %v", err)
		}
		if !valid[len(qs)] {
			t.Fatalf("read %d saw %d quads, want %d or %d", reads, len(qs), len(lines(v1)), len(lines(v2)))
		}
	}
}

func testResolve(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	for _, tt := range []struct{ name, want string }{
		{"Jacinda Ardern", string(storetest.Ardern)},
		{"jacinda ardern", string(storetest.Ardern)},
		{"Ardern", string(storetest.Ardern)},
		{"ARDERN", string(storetest.Ardern)},
		{"NZ", string(storetest.NZL)},
		{"nz", string(storetest.NZL)},
		{"New Zealand", string(storetest.NZL)},
		{"NZL", string(storetest.NZL)}, // the country's code, not the people's
		{"five eyes", string(storetest.FiveEyes)},
		{string(storetest.JPN), string(storetest.JPN)},
		{"fumio", string(storetest.Kishida)}, // a word of a person's name no alias holds
	} {
		e, err := s.Resolve(ctx, tt.name)
		if err != nil || e.IRI != tt.want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", tt.name, e.IRI, err, tt.want)
		}
	}
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"Georgia", []string{schema.EntityIRI(schema.Country, "GEO"), schema.EntityIRI(schema.Location, "georgia-us")}},
		{"pm", []string{string(storetest.Kishida), string(storetest.Ardern)}},
	} {
		_, err := s.Resolve(ctx, tt.name)
		var amb *store.AmbiguousError
		if !errors.As(err, &amb) {
			t.Errorf("Resolve(%q) = %v, want an AmbiguousError", tt.name, err)
			continue
		}
		var got []string
		for _, c := range amb.Candidates {
			got = append(got, c.IRI)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Resolve(%q) candidates (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, name := range []string{"Atlantis", "", schema.EntityIRI(schema.Person, "nobody"), string(storetest.Seed().IRI)} {
		if _, err := s.Resolve(ctx, name); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Resolve(%q) = %v, want ErrNotFound", name, err)
		}
	}
}

func testEntities(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	names := func(class, filter string) []string {
		t.Helper()
		es, err := s.Entities(ctx, class, filter)
		if err != nil {
			t.Fatalf("Entities(%q, %q) = %v", class, filter, err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Type+" "+e.Label)
		}
		return out
	}
	for _, tt := range []struct {
		class, filter string
		want          []string
	}{
		{"", "", []string{"Person Fumio Kishida", "Person Jacinda Ardern", "Country Georgia", "Country Japan",
			"Country New Zealand", "Organization Five Eyes", "Location Georgia", "Location Tokyo"}},
		{"country", "", []string{"Country Georgia", "Country Japan", "Country New Zealand"}},
		{"Person", "ard", []string{"Person Jacinda Ardern"}},
		{"", "nz", []string{"Country New Zealand"}},
		{"Location", "zzz", nil},
	} {
		if diff := cmp.Diff(tt.want, names(tt.class, tt.filter)); diff != "" {
			t.Errorf("Entities(%q, %q) (-want +got):\n%s", tt.class, tt.filter, diff)
		}
	}
	if _, err := s.Entities(ctx, "Planet", ""); err == nil {
		t.Errorf("Entities(Planet) = nil error")
	}
	e, err := s.Entity(ctx, string(storetest.Ardern))
	if err != nil {
		t.Fatalf("Entity(Ardern) = %v", err)
	}
	want := store.Entity{
		IRI: string(storetest.Ardern), Type: "Person", Label: "Jacinda Ardern", CountryCode: "NZL",
		Aliases:  []string{"Ardern", "Jacinda Ardern", "PM"},
		Articles: []string{string(storetest.Later().IRI), string(storetest.Seed().IRI)},
	}
	sort.Strings(want.Articles)
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("Entity(Ardern) (-want +got):\n%s", diff)
	}
}

func testShow(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	p, err := s.Show(ctx, string(storetest.NZL))
	if err != nil {
		t.Fatalf("Show(NZL) = %v", err)
	}
	var facts []string
	for _, f := range p.Facts {
		facts = append(facts, fmt.Sprintf("%s %s %s [%s] %q", f.Subject.Name(), schema.Local(f.Predicate),
			f.Object.Name(), strings.Join(local(f.Articles), " "), f.FirstEvidence()))
	}
	// One fact per edge, however many articles state it.
	want := []string{
		`New Zealand memberOf Five Eyes [ardern-kishida-2022] "New Zealand is a member of the Five Eyes."`,
		`Jacinda Ardern leaderOf New Zealand [ardern-kishida-2022 ardern-later-2022] "New Zealand Prime Minister Jacinda Ardern arrived."`,
	}
	if diff := cmp.Diff(want, facts); diff != "" {
		t.Errorf("Show(NZL) facts (-want +got):\n%s", diff)
	}
	if len(p.Events) != 1 || p.Events[0].Type != "AGREE" {
		t.Errorf("Show(NZL) events = %+v, want the AGREE", p.Events)
	}
	if len(p.Statements) != 1 || p.Statements[0].Quote != "We stand together" {
		t.Errorf("Show(NZL) statements = %+v, want the one about it", p.Statements)
	}

	p, err = s.Show(ctx, string(storetest.Ardern))
	if err != nil {
		t.Fatalf("Show(Ardern) = %v", err)
	}
	var met, role string
	for _, f := range p.Facts {
		switch f.Predicate {
		case schema.Met:
			met = f.Object.Name() + ": " + f.FirstEvidence()
		case schema.HoldsRole:
			role = f.Object.Label + ": " + f.FirstEvidence()
		}
	}
	if want := "Fumio Kishida: Ardern met Kishida in Tokyo on Thursday."; met != want {
		t.Errorf("Show(Ardern) met fact = %q, want %q", met, want)
	}
	if want := "Prime Minister: New Zealand Prime Minister Jacinda Ardern arrived."; role != want {
		t.Errorf("Show(Ardern) holdsRole fact = %q, want %q", role, want)
	}
	var types []string
	for _, ev := range p.Events {
		types = append(types, ev.Type)
	}
	if diff := cmp.Diff([]string{"CONSULT", "ACCUSE"}, types); diff != "" {
		t.Errorf("Show(Ardern) events (-want +got):\n%s", diff)
	}
	if len(p.Statements) != 2 {
		t.Errorf("Show(Ardern) statements = %d, want 2", len(p.Statements))
	}
	if len(p.EventGroups) != 2 || p.EventGroups[0].Role != "actor" || p.EventGroups[0].Type != "CONSULT" ||
		len(p.EventGroups[0].Counterparts) != 1 || p.EventGroups[0].Counterparts[0].Label != "Fumio Kishida" {
		t.Errorf("Show(Ardern) event groups = %+v, want CONSULT with Kishida first", p.EventGroups)
	}
	// The denied relation is a fact marked denied, never the positive one.
	p, err = s.Show(ctx, string(storetest.JPN))
	if err != nil {
		t.Fatalf("Show(JPN) = %v", err)
	}
	denied := 0
	for _, f := range p.Facts {
		if f.Predicate == schema.MemberOf && !f.Negated {
			t.Errorf("Show(JPN) has %v, a denied relation, as stated", f)
		}
		if f.Predicate == schema.MemberOf && f.Negated && f.FirstEvidence() != "" {
			denied++
		}
	}
	if denied != 1 {
		t.Errorf("Show(JPN) has %d denied memberOf facts with evidence, want 1: %+v", denied, p.Facts)
	}
	if _, err := s.Show(ctx, string(storetest.Seed().IRI)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Show(article) = %v, want ErrNotFound", err)
	}
}

// local returns the local names of iris.
func local(iris []string) []string {
	out := make([]string, len(iris))
	for i, iri := range iris {
		out[i] = schema.Local(iri)
	}
	return out
}

// chain renders a path as "A -leaderOf-> B <-memberOf- C".
func chain(path []store.Link) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(path[0].From.Name())
	for _, l := range path {
		p := schema.Local(l.Predicate)
		if l.Predicate == schema.Event {
			p = l.EventType
		}
		if l.Reverse {
			fmt.Fprintf(&b, " <-%s- %s", p, l.To.Name())
		} else {
			fmt.Fprintf(&b, " -%s-> %s", p, l.To.Name())
		}
	}
	return b.String()
}

func testPath(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	for _, tt := range []struct {
		from, to quad.IRI
		hops     int
		want     string
	}{
		{storetest.Ardern, storetest.FiveEyes, 6, "Jacinda Ardern -leaderOf-> New Zealand -memberOf-> Five Eyes"},
		{storetest.FiveEyes, storetest.Ardern, 6, "Five Eyes <-memberOf- New Zealand <-leaderOf- Jacinda Ardern"},
		{storetest.Ardern, storetest.Kishida, 6, "Jacinda Ardern -met-> Fumio Kishida"},
		{storetest.Tokyo, storetest.FiveEyes, 6, "Tokyo -locatedIn-> Japan -AGREE-> New Zealand -memberOf-> Five Eyes"},
		{storetest.Ardern, storetest.Ardern, 6, ""},
	} {
		paths, err := s.Paths(ctx, string(tt.from), string(tt.to), store.PathOptions{MaxHops: tt.hops})
		if err != nil || len(paths) != 1 {
			t.Errorf("Paths(%s, %s) = %v, %v; want one path", schema.Local(string(tt.from)), schema.Local(string(tt.to)), paths, err)
			continue
		}
		if got := chain(paths[0]); got != tt.want {
			t.Errorf("Path(%s, %s) = %q, want %q", schema.Local(string(tt.from)), schema.Local(string(tt.to)), got, tt.want)
		}
	}
	if _, err := s.Paths(ctx, string(storetest.Tokyo), string(storetest.FiveEyes), store.PathOptions{MaxHops: 2}); !errors.Is(err, store.ErrNoPath) {
		t.Errorf("Path(Tokyo, five eyes, 2 hops) = %v, want ErrNoPath", err)
	}
	georgiaUS := schema.EntityIRI(schema.Location, "georgia-us")
	if _, err := s.Paths(ctx, string(storetest.Ardern), georgiaUS, store.PathOptions{MaxHops: 10}); !errors.Is(err, store.ErrNoPath) {
		t.Errorf("Path(Ardern, isolated node) = %v, want ErrNoPath", err)
	}

	// The k shortest paths, shortest first, each loopless; --via and --min-reports narrow the walk.
	paths, err := s.Paths(ctx, string(storetest.Ardern), string(storetest.Kishida), store.PathOptions{K: 3, Evidence: true})
	if err != nil {
		t.Fatalf("Paths(Ardern, Kishida, k=3) = %v", err)
	}
	var got []string
	for i, p := range paths {
		got = append(got, chain(p))
		if i > 0 && len(p) < len(paths[i-1]) {
			t.Errorf("path %d (%d hops) is shorter than path %d", i, len(p), i-1)
		}
		seen := map[string]bool{string(storetest.Ardern): true}
		for _, l := range p {
			if seen[l.To.IRI] {
				t.Errorf("path %s visits %s twice", chain(p), l.To.Name())
			}
			seen[l.To.IRI] = true
			if len(l.Evidence) == 0 {
				t.Errorf("link %s of %s has no evidence", chain([]store.Link{l}), chain(p))
			}
		}
	}
	want := []string{
		"Jacinda Ardern -met-> Fumio Kishida",
		"Jacinda Ardern -CONSULT-> Fumio Kishida",
		"Jacinda Ardern -leaderOf-> New Zealand -AGREE-> Japan <-leaderOf- Fumio Kishida",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Paths(Ardern, Kishida, k=3) (-want +got):\n%s", diff)
	}
	if ev := paths[0][0].Evidence; len(ev) != 1 || ev[0].Sentence != "Ardern met Kishida in Tokyo on Thursday." {
		t.Errorf("evidence of the met link = %+v", ev)
	}
	paths, err = s.Paths(ctx, string(storetest.Ardern), string(storetest.Kishida), store.PathOptions{K: 3, Via: []string{"leaderOf", "agree"}})
	if err != nil || len(paths) != 1 || chain(paths[0]) != want[2] {
		t.Errorf("Paths(Ardern, Kishida, via leaderOf and AGREE) = %v, %v; want only %q", paths, err, want[2])
	}
	// leaderOf Ardern → NZL is stated by two articles, nothing else from Ardern is.
	if _, err := s.Paths(ctx, string(storetest.Ardern), string(storetest.Kishida), store.PathOptions{MinReports: 2}); !errors.Is(err, store.ErrNoPath) {
		t.Errorf("Paths(Ardern, Kishida, min reports 2) = %v, want ErrNoPath", err)
	}
	paths, err = s.Paths(ctx, string(storetest.Ardern), string(storetest.NZL), store.PathOptions{MinReports: 2})
	if err != nil || len(paths) != 1 || len(paths[0]) != 1 {
		t.Errorf("Paths(Ardern, NZL, min reports 2) = %v, %v; want the leaderOf link", paths, err)
	}
}

func testTimeline(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	tl, err := s.Timeline(ctx, string(storetest.Ardern), store.Grouping{Window: store.DefaultIncidentWindow})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range tl {
		got = append(got, fmt.Sprintf("%s %s %s %s %t", e.Date, e.Type, e.Role, names(e.Counterparts), e.Undated))
	}
	// The ACCUSE has no date of its own: last, with its article's date.
	want := []string{
		"2022-04-21 CONSULT actor Fumio Kishida false",
		"2022-06-30 ACCUSE actor Georgia true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Timeline(Ardern) (-want +got):\n%s", diff)
	}
}

func testDyad(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	d, err := s.Dyad(ctx, string(storetest.Kishida), string(storetest.Ardern), store.Grouping{Window: store.DefaultIncidentWindow})
	if err != nil {
		t.Fatal(err)
	}
	if d.Totals.Events != 1 || d.Totals.BA != 1 || d.Totals.AB != 0 || len(d.Counts) != 1 ||
		d.Counts[0] != (store.DyadCount{Direction: "B→A", Type: "CONSULT", QuadClass: 1, Events: 1, Goldstein: 1}) {
		t.Errorf("Dyad(Kishida, Ardern) = totals %+v, counts %+v; want one CONSULT B→A", d.Totals, d.Counts)
	}
	if len(d.Months) != 1 || d.Months[0] != (store.DyadMonth{Month: "2022-04", Events: 1, Goldstein: 1, GoldsteinMean: 1}) {
		t.Errorf("Dyad months = %+v", d.Months)
	}
	// Acting together is no dyadic event.
	d, err = s.Dyad(ctx, string(storetest.NZL), string(storetest.JPN), store.Grouping{Window: store.DefaultIncidentWindow})
	if err != nil || d.Totals.Events != 0 {
		t.Errorf("Dyad(NZL, JPN) = %+v, %v; want no events (they act together)", d.Totals, err)
	}
}

func testExplain(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	srcs, err := s.ExplainFact(ctx, string(storetest.Ardern), "leaderOf", string(storetest.NZL))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, src := range srcs {
		got = append(got, schema.Local(src.Article)+" "+src.Published+": "+src.Sentence)
	}
	want := []string{
		"ardern-kishida-2022 2022-04-21: New Zealand Prime Minister Jacinda Ardern arrived.",
		"ardern-later-2022 2022-06-30: Ardern, New Zealand's leader, spoke.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ExplainFact(Ardern leaderOf NZL) (-want +got):\n%s", diff)
	}
	srcs, err = s.ExplainFact(ctx, string(storetest.JPN), schema.MemberOf, string(storetest.FiveEyes))
	if err != nil || len(srcs) != 1 || !srcs[0].Negated {
		t.Errorf("ExplainFact(JPN memberOf Five Eyes) = %+v, %v; want the denial", srcs, err)
	}
	srcs, err = s.ExplainFact(ctx, string(storetest.Ardern), "holdsRole", "prime minister")
	if err != nil || len(srcs) != 1 {
		t.Errorf("ExplainFact(Ardern holdsRole prime minister) = %+v, %v", srcs, err)
	}
	srcs, err = s.ExplainFact(ctx, string(storetest.Ardern), "consult", string(storetest.Kishida))
	if err != nil || len(srcs) != 1 || srcs[0].Kind != "event" {
		t.Fatalf("ExplainFact(Ardern CONSULT Kishida) = %+v, %v", srcs, err)
	}
	node, err := s.ExplainNode(ctx, srcs[0].Node)
	if err != nil || len(node) != 1 || node[0].Sentence != "Ardern met Kishida in Tokyo on Thursday." {
		t.Errorf("ExplainNode(%s) = %+v, %v", srcs[0].Node, node, err)
	}
	if _, err := s.ExplainNode(ctx, string(storetest.Ardern)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ExplainNode(an entity) = %v, want ErrNotFound", err)
	}
}

func names(ns []store.Node) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name())
	}
	return strings.Join(out, ", ")
}

func testNeighbors(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	got := func(iri quad.IRI, depth int) []string {
		t.Helper()
		ns, err := s.Neighbors(ctx, string(iri), depth)
		if err != nil {
			t.Fatalf("Neighbors(%s, %d) = %v", iri, depth, err)
		}
		var out []string
		for _, n := range ns {
			out = append(out, fmt.Sprintf("%d %s via %s", n.Depth, n.Entity.Name(), chain([]store.Link{n.Via})))
		}
		return out
	}
	want := []string{
		"1 Five Eyes via New Zealand -memberOf-> Five Eyes",
		"1 Jacinda Ardern via New Zealand <-leaderOf- Jacinda Ardern",
		"1 Japan via New Zealand -AGREE-> Japan",
	}
	if diff := cmp.Diff(want, got(storetest.NZL, 1)); diff != "" {
		t.Errorf("Neighbors(NZL, 1) (-want +got):\n%s", diff)
	}
	want = append(want,
		"2 Fumio Kishida via Jacinda Ardern -met-> Fumio Kishida",
		"2 Georgia via Jacinda Ardern -ACCUSE-> Georgia",
		"2 Tokyo via Japan <-locatedIn- Tokyo",
	)
	if diff := cmp.Diff(want, got(storetest.NZL, 2)); diff != "" {
		t.Errorf("Neighbors(NZL, 2) (-want +got):\n%s", diff)
	}
}

func testEvents(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	got := func(f store.EventFilter) []string {
		t.Helper()
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatalf("Events(%+v) = %v", f, err)
		}
		var out []string
		for _, ev := range evs {
			out = append(out, ev.Date+" "+ev.Type)
		}
		return out
	}
	for _, tt := range []struct {
		f    store.EventFilter
		want []string
	}{
		{store.EventFilter{}, []string{"2022-04-21 CONSULT", "2022-04-21 AGREE", "2022-06-30 ACCUSE"}},
		{store.EventFilter{Actor: string(storetest.Ardern)}, []string{"2022-04-21 CONSULT", "2022-06-30 ACCUSE"}},
		{store.EventFilter{Actor: string(storetest.Kishida)}, nil},
		{store.EventFilter{Type: "consult"}, []string{"2022-04-21 CONSULT"}},
		{store.EventFilter{Since: "2022-05-01"}, []string{"2022-06-30 ACCUSE"}},
		{store.EventFilter{Until: "2022-04-21", Actor: string(storetest.NZL)}, []string{"2022-04-21 AGREE"}},
	} {
		if diff := cmp.Diff(tt.want, got(tt.f)); diff != "" {
			t.Errorf("Events(%+v) (-want +got):\n%s", tt.f, diff)
		}
	}
	evs, err := s.Events(ctx, store.EventFilter{Type: "CONSULT"})
	if err != nil || len(evs) != 1 {
		t.Fatalf("Events(CONSULT) = %v, %v", evs, err)
	}
	ev := evs[0]
	if ev.CAMEO != "040" || ev.QuadClass != 1 || ev.Goldstein != 1 || ev.Confidence != 0.8 ||
		ev.Location == nil || ev.Location.Label != "Tokyo" || ev.Evidence == "" ||
		len(ev.Actors) != 1 || ev.Actors[0].Label != "Jacinda Ardern" || ev.Recipients[0].Type != "Person" ||
		len(ev.Articles) != 1 {
		t.Errorf("Events(CONSULT)[0] = %+v", ev)
	}
	for _, f := range []store.EventFilter{{Type: "PARTY"}, {Since: "yesterday"}} {
		if _, err := s.Events(ctx, f); err == nil {
			t.Errorf("Events(%+v) = nil error", f)
		}
	}
}

func testQuotes(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	sts, err := s.Quotes(ctx, string(storetest.Ardern))
	if err != nil {
		t.Fatalf("Quotes(Ardern) = %v", err)
	}
	var got []string
	for _, st := range sts {
		got = append(got, fmt.Sprintf("%s %s: %q about %s", st.Date, st.Speaker.Label, st.Quote, st.About[0].Label))
	}
	want := []string{
		`2022-04-21 Jacinda Ardern: "Japan is an important partner" about Japan`,
		`2022-06-30 Jacinda Ardern: "We stand together" about New Zealand`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Quotes(Ardern) (-want +got):\n%s", diff)
	}
	if sts, err := s.Quotes(ctx, ""); err != nil || len(sts) != 2 {
		t.Errorf("Quotes(all) = %d, %v; want 2", len(sts), err)
	}
	if sts, err := s.Quotes(ctx, string(storetest.Kishida)); err != nil || len(sts) != 0 {
		t.Errorf("Quotes(Kishida) = %v, %v; want none", sts, err)
	}
}

func testStats(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats = %v", err)
	}
	want := store.Stats{
		Quads:    int64(len(lines(storetest.Seed(), storetest.Later()))),
		Entities: map[string]int{"Person": 2, "Country": 3, "Organization": 1, "Location": 2},
		Articles: 2, Events: 3, Statements: 2, Relations: 7,
	}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
}

func testGizmo(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	res, err := s.Gizmo(ctx, fmt.Sprintf(`g.V(%q).Out(%q).All()`, "<"+string(storetest.Ardern)+">", "<"+schema.LeaderOf+">"), 0)
	if err != nil {
		t.Fatalf("Gizmo = %v", err)
	}
	if len(res) == 0 || !strings.Contains(fmt.Sprint(res[0]), string(storetest.NZL)) {
		t.Errorf("Gizmo(Ardern leaderOf) = %v, want New Zealand", res)
	}
	if _, err := s.Gizmo(ctx, `g.V(.All()`, 0); err == nil {
		t.Errorf("Gizmo(syntax error) = nil error")
	}
}

func testExport(t *testing.T, open func(testing.TB) *store.Store) {
	s := open(t)
	load(t, s)
	var first, second bytes.Buffer
	if err := s.Export(ctx, &first, store.NQuads, store.Filter{}); err != nil {
		t.Fatalf("Export = %v", err)
	}
	if err := s.Export(ctx, &second, store.NQuads, store.Filter{}); err != nil {
		t.Fatalf("Export = %v", err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("two exports differ")
	}
	if diff := cmp.Diff(lines(storetest.Seed(), storetest.Later()), nquads(t, s)); diff != "" {
		t.Errorf("export (-want +got):\n%s", diff)
	}
	// Round trip: load the export into a memstore and export again.
	file := filepath.Join(t.TempDir(), "export.nq")
	if err := os.WriteFile(file, first.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	m := openStore(t, store.Options{Backend: store.Memstore, Address: file, ReadOnly: true})
	var again bytes.Buffer
	if err := m.Export(ctx, &again, store.NQuads, store.Filter{}); err != nil {
		t.Fatalf("Export(memstore) = %v", err)
	}
	if diff := cmp.Diff(first.String(), again.String()); diff != "" {
		t.Errorf("export of the reloaded export (-first +again):\n%s", diff)
	}

	var csvOut, ld bytes.Buffer
	if err := s.Export(ctx, &csvOut, store.QuadsCSV, store.Filter{}); err != nil {
		t.Fatalf("Export(csv) = %v", err)
	}
	if n, want := strings.Count(csvOut.String(), "\n"), len(lines(storetest.Seed(), storetest.Later()))+1; n != want {
		t.Errorf("csv export has %d lines, want %d", n, want)
	}
	if !strings.HasPrefix(csvOut.String(), "subject,predicate,object,label\n") {
		t.Errorf("csv export starts %q", csvOut.String()[:40])
	}
	if err := s.Export(ctx, &ld, store.JSONLD, store.Filter{}); err != nil {
		t.Fatalf("Export(jsonld) = %v", err)
	}
	if !strings.Contains(ld.String(), "Jacinda Ardern") {
		t.Errorf("jsonld export lacks the label: %.200s", ld.String())
	}
	if err := s.Export(ctx, &ld, "xml", store.Filter{}); err == nil {
		t.Errorf("Export(xml) = nil error")
	}
}

func TestOpenMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing")
	for _, opts := range []store.Options{
		{Backend: store.Bolt, Address: dir, ReadOnly: true},
		{Backend: store.LevelDB, Address: dir, ReadOnly: true},
		{Backend: store.Memstore, Address: dir, ReadOnly: true},
	} {
		if _, err := store.Open(ctx, opts); !errors.Is(err, store.ErrNotExist) {
			t.Errorf("Open(%+v) = %v, want ErrNotExist", opts, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Open(%+v) created %s", opts, dir)
		}
	}
	if _, err := store.Open(ctx, store.Options{Backend: "mongo", Address: dir}); err == nil {
		t.Errorf("Open(mongo) = nil error")
	}
}

// TestReadOnly: a read-only store answers queries and refuses writes; a second read-only open
// of the same bolt store does not wait for the first.
func TestReadOnly(t *testing.T) {
	for _, backend := range []string{store.Bolt, store.LevelDB} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			w := openStore(t, store.Options{Backend: backend, Address: dir})
			load(t, w)
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			r1 := openStore(t, store.Options{Backend: backend, Address: dir, ReadOnly: true})
			r2 := openStore(t, store.Options{Backend: backend, Address: dir, ReadOnly: true})
			for _, r := range []*store.Store{r1, r2} {
				if e, err := r.Resolve(ctx, "Ardern"); err != nil || e.IRI != string(storetest.Ardern) {
					t.Errorf("Resolve(Ardern) on a read-only store = %v, %v", e.IRI, err)
				}
			}
			if _, err := r1.ReplaceArticle(ctx, storetest.Seed().IRI, nil); !errors.Is(err, store.ErrReadOnly) {
				t.Errorf("ReplaceArticle on a read-only store = %v, want ErrReadOnly", err)
			}
			_, err := store.Open(ctx, store.Options{Backend: backend, Address: dir, WriteWait: 200 * time.Millisecond})
			if !errors.Is(err, store.ErrInUse) {
				t.Errorf("Open for writing while readers hold the store = %v, want ErrInUse", err)
			}
		})
	}
}

// TestLevelDB runs the replacement checks on leveldb, the backend the benchmark compares.
func TestLevelDB(t *testing.T) {
	open := func(t testing.TB) *store.Store {
		return openStore(t, store.Options{Backend: store.LevelDB, Address: t.TempDir()})
	}
	t.Run("ReplaceTwice", func(t *testing.T) { testReplaceTwice(t, open) })
	t.Run("ReplaceChanged", func(t *testing.T) { testReplaceChanged(t, open) })
	t.Run("Path", func(t *testing.T) { testPath(t, open) })
}

// TestReopen: a bolt store keeps its quads and its label index across opens.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, store.Options{Address: dir})
	load(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, store.Options{Address: dir})
	for _, a := range []*storetest.Article{storetest.SeedV2(), storetest.Seed()} {
		replace(t, s, a)
	}
	if diff := cmp.Diff(lines(storetest.Seed(), storetest.Later()), nquads(t, s)); diff != "" {
		t.Errorf("after reopening and replacing (-want +got):\n%s", diff)
	}
}
