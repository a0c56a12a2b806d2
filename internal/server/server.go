// Package server serves a diplograph store over HTTP, read-only: cayley's HTTP API v2 (Gizmo
// queries, reading quads), a small JSON API for the query verbs, and a web page to search an
// entity, see its neighbourhood as a graph and read the evidence behind each edge. It has no
// write endpoint.
package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

//go:embed web
var web embed.FS

// Options configure a Handler.
type Options struct {
	// Timeout bounds every request: its queries stop and it answers 503 past it; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// Limit caps the results of a listing (and of a Gizmo query); zero means DefaultLimit.
	Limit int
}

// Defaults of Options.
const (
	DefaultTimeout = 30 * time.Second
	DefaultLimit   = 1000
)

// Handler returns the HTTP handler over s. Only GET and HEAD are answered, and POST on cayley's
// /api/v2/query (a Gizmo query in the body); anything else is 405.
func Handler(s *store.Store, o Options) http.Handler {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	a := &api{s: s, limit: o.Limit}
	mux := http.NewServeMux()
	mux.Handle("/api/v2/", s.HTTPAPI(o.Timeout, o.Limit))
	for path, fn := range map[string]func(*api, *http.Request) (any, error){
		"/api/entities": (*api).entities,
		"/api/show":     (*api).show,
		"/api/graph":    (*api).graph,
		"/api/path":     (*api).path,
		"/api/events":   (*api).events,
		"/api/timeline": (*api).timeline,
		"/api/dyad":     (*api).dyad,
		"/api/explain":  (*api).explain,
		"/api/article":  (*api).article,
		"/api/stats":    func(a *api, r *http.Request) (any, error) { return a.s.Stats(r.Context()) },
	} {
		mux.Handle("GET "+path, serveJSON(a, fn))
	}
	static, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // the embedded tree always has web/
	}
	mux.Handle("/", http.FileServerFS(static)) // readOnly admits GET and HEAD only
	var h http.Handler = mux
	h = readOnly(h)
	h = deadline(h, o.Timeout)
	return h
}

// readOnly refuses every method but GET and HEAD, except a POST of a query to cayley's API.
func readOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet, r.Method == http.MethodHead:
		case r.Method == http.MethodPost && strings.TrimSuffix(r.URL.Path, "/") == "/api/v2/query":
		default:
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, errors.New("read-only: no write endpoint"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// deadline gives every request a context that ends after timeout and answers 503 when the
// handler has not answered by then.
func deadline(next http.Handler, timeout time.Duration) http.Handler {
	msg := fmt.Sprintf(`{"error":"the request took longer than %s"}`, timeout)
	th := http.TimeoutHandler(next, timeout, msg)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		th.ServeHTTP(w, r.WithContext(ctx))
	})
}

// badRequest marks errors that are the client's.
type badRequest struct{ err error }

func (e badRequest) Error() string { return e.err.Error() }
func (e badRequest) Unwrap() error { return e.err }

func badf(format string, args ...any) error { return badRequest{fmt.Errorf(format, args...)} }

// serveJSON answers with what fn gives for the request, as JSON. fn reads one state of the
// store, a snapshot of a.s (see store.Snapshot), however many reads it makes.
func serveJSON(a *api, fn func(*api, *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := func() (any, error) {
			snap, err := a.s.Snapshot(r.Context())
			if err != nil {
				return nil, err
			}
			defer snap.Close()
			return fn(&api{s: snap, limit: a.limit}, r)
		}()
		if err != nil {
			var amb *store.AmbiguousError
			var bad badRequest
			switch {
			case errors.As(err, &bad), errors.As(err, &amb):
				writeError(w, http.StatusBadRequest, err)
			case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNoPath):
				writeError(w, http.StatusNotFound, err)
			case errors.Is(err, context.DeadlineExceeded):
				writeError(w, http.StatusServiceUnavailable, err)
			default:
				writeError(w, http.StatusInternalServerError, err)
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(v) // a failed write is the client's loss
	})
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

type api struct {
	s     *store.Store
	limit int
}

// limitOf reads ?limit=, capped at the server's limit.
func (a *api) limitOf(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return a.limit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badf("limit %q: want a positive number", v)
	}
	return min(n, a.limit), nil
}

func capped[T any](xs []T, n int) []T {
	if xs == nil {
		return []T{}
	}
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// entity resolves the entity the query parameter key names.
func (a *api) entity(r *http.Request, key string) (store.Entity, error) {
	name := strings.TrimSpace(r.URL.Query().Get(key))
	if name == "" {
		return store.Entity{}, badf("name an entity with ?%s=", key)
	}
	return a.s.Resolve(r.Context(), name)
}

func (a *api) entities(r *http.Request) (any, error) {
	n, err := a.limitOf(r)
	if err != nil {
		return nil, err
	}
	es, err := a.s.Entities(r.Context(), r.URL.Query().Get("type"), r.URL.Query().Get("q"))
	if err != nil {
		return nil, badRequest{err}
	}
	return capped(es, n), nil
}

func (a *api) show(r *http.Request) (any, error) {
	e, err := a.entity(r, "entity")
	if err != nil {
		return nil, err
	}
	return a.s.Show(r.Context(), e.IRI)
}

// filter reads the event filter of ?type=A,B&since=&until=&min-confidence=.
func filter(r *http.Request) (store.Filter, error) {
	q := r.URL.Query()
	f := store.Filter{Since: q.Get("since"), Until: q.Get("until")}
	for _, t := range strings.Split(q.Get("type"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Types = append(f.Types, strings.ToUpper(t))
		}
	}
	if v := q.Get("min-confidence"); v != "" {
		c, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return f, badf("min-confidence %q: want a number from 0 to 1", v)
		}
		f.MinConfidence = c
	}
	return f, nil
}

// Graph is the neighbourhood of an entity as nodes and edges, for the page.
type Graph struct {
	Center store.Entity    `json:"center"`
	Nodes  []store.NetNode `json:"nodes"`
	Edges  []store.NetEdge `json:"edges"`
	Filter store.Filter    `json:"filter"`
	Types  map[string]int  `json:"types"` // event types among the edges, with their counts
}

// graph answers /api/graph?entity=X[&type=&since=&until=&limit=]: the events X takes part in
// that the filter selects, with the entities they name, the relations among those, and X's own
// relations; past limit edges, the ones most articles state and the entities they join.
func (a *api) graph(r *http.Request) (any, error) {
	e, err := a.entity(r, "entity")
	if err != nil {
		return nil, err
	}
	f, err := filter(r)
	if err != nil {
		return nil, err
	}
	f.Actors = []string{e.IRI}
	d, err := a.s.Dataset(r.Context(), f)
	if err != nil {
		return nil, badRequest{err}
	}
	g := Graph{Center: e, Nodes: d.Entities, Edges: d.Edges, Filter: f, Types: map[string]int{}}
	have := map[string]bool{}
	for _, n := range g.Nodes {
		have[n.IRI] = true
	}
	if !have[e.IRI] {
		g.Nodes = append(g.Nodes, store.NetNode{IRI: e.IRI, Label: e.Label, Type: e.Type, CountryCode: e.CountryCode,
			Wikidata: e.Wikidata, Articles: len(e.Articles)})
		have[e.IRI] = true
	}
	// The entity's own relations (leaderOf, memberOf, ...), which no event filter selects.
	ns, err := a.s.Neighbors(r.Context(), e.IRI, 1)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, x := range g.Edges {
		seen[x.Source+" "+x.Target+" "+x.Label] = true
	}
	for _, n := range ns {
		l := n.Via
		if l.Predicate == schema.Event {
			continue
		}
		src, dst := l.From, l.To
		if l.Reverse {
			src, dst = dst, src
		}
		k := src.IRI + " " + dst.IRI + " " + schema.Local(l.Predicate)
		if seen[k] {
			continue
		}
		seen[k] = true
		if !have[n.Entity.IRI] {
			g.Nodes = append(g.Nodes, store.NetNode{IRI: n.Entity.IRI, Label: n.Entity.Name(), Type: n.Entity.Type})
			have[n.Entity.IRI] = true
		}
		g.Edges = append(g.Edges, store.NetEdge{Source: src.IRI, Target: dst.IRI, Kind: "relation",
			Label: schema.Local(l.Predicate), Weight: len(l.Articles)})
	}
	for _, x := range g.Edges {
		if x.Kind == "event" {
			g.Types[x.Label] += x.Events
		}
	}
	n, err := a.limitOf(r)
	if err != nil {
		return nil, err
	}
	if len(g.Edges) > n { // keep the best attested edges and the entities they join
		sort.SliceStable(g.Edges, func(i, j int) bool { return g.Edges[i].Weight > g.Edges[j].Weight })
		g.Edges = g.Edges[:n]
		joined := map[string]bool{e.IRI: true}
		for _, x := range g.Edges {
			joined[x.Source], joined[x.Target] = true, true
		}
		nodes := g.Nodes[:0]
		for _, x := range g.Nodes {
			if joined[x.IRI] {
				nodes = append(nodes, x)
			}
		}
		g.Nodes = nodes
	}
	return g, nil
}

func (a *api) path(r *http.Request) (any, error) {
	from, err := a.entity(r, "from")
	if err != nil {
		return nil, err
	}
	to, err := a.entity(r, "to")
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	o := store.PathOptions{K: 3, Evidence: q.Get("evidence") == "true"}
	for _, p := range []struct {
		key string
		v   *int
	}{{"k", &o.K}, {"max-hops", &o.MaxHops}, {"min-reports", &o.MinReports}} {
		if s := q.Get(p.key); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return nil, badf("%s %q: want a number", p.key, s)
			}
			*p.v = n
		}
	}
	o.K = min(o.K, 20)
	if v := q.Get("via"); v != "" {
		o.Via = strings.Split(v, ",")
	}
	return a.s.Paths(r.Context(), from.IRI, to.IRI, o)
}

func (a *api) events(r *http.Request) (any, error) {
	q := r.URL.Query()
	f := store.EventFilter{Type: q.Get("type"), Since: q.Get("since"), Until: q.Get("until")}
	if q.Get("actor") != "" {
		e, err := a.entity(r, "actor")
		if err != nil {
			return nil, err
		}
		f.Actor = e.IRI
	}
	n, err := a.limitOf(r)
	if err != nil {
		return nil, err
	}
	evs, err := a.s.Events(r.Context(), f)
	if err != nil {
		return nil, badRequest{err}
	}
	return capped(evs, n), nil
}

func (a *api) timeline(r *http.Request) (any, error) {
	e, err := a.entity(r, "entity")
	if err != nil {
		return nil, err
	}
	n, err := a.limitOf(r)
	if err != nil {
		return nil, err
	}
	tl, err := a.s.Timeline(r.Context(), e.IRI, store.Grouping{Window: store.DefaultIncidentWindow})
	return capped(tl, n), err
}

func (a *api) dyad(r *http.Request) (any, error) {
	x, err := a.entity(r, "a")
	if err != nil {
		return nil, err
	}
	y, err := a.entity(r, "b")
	if err != nil {
		return nil, err
	}
	return a.s.Dyad(r.Context(), x.IRI, y.IRI, store.Grouping{Window: store.DefaultIncidentWindow})
}

// explain answers ?node=IRI, or ?subject=&predicate=&object= (IRIs or names; the object of
// holdsRole is the role).
func (a *api) explain(r *http.Request) (any, error) {
	q := r.URL.Query()
	var srcs []store.Source
	var err error
	if node := q.Get("node"); node != "" {
		srcs, err = a.s.ExplainNode(r.Context(), node)
	} else {
		subj, err := a.entity(r, "subject")
		if err != nil {
			return nil, err
		}
		pred, obj := q.Get("predicate"), q.Get("object")
		if pred == "" || obj == "" {
			return nil, badf("explain: give node=, or subject=, predicate= and object=")
		}
		if !strings.EqualFold(pred, "holdsRole") {
			o, err := a.entity(r, "object")
			if err != nil {
				return nil, err
			}
			obj = o.IRI
		}
		srcs, err = a.s.ExplainFact(r.Context(), subj.IRI, pred, obj)
		if err != nil {
			return nil, err
		}
	}
	return capped(srcs, a.limit), err
}

func (a *api) article(r *http.Request) (any, error) {
	id := r.URL.Query().Get("id")
	if id == "" {
		return nil, badf("name an article with ?id= (its identifier, URL or IRI)")
	}
	return a.s.Article(r.Context(), id)
}
