package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/store/storetest"
)

// newServer serves a memstore holding the test articles.
func newServer(t *testing.T, o server.Options) *httptest.Server {
	t.Helper()
	s, err := store.Open(t.Context(), store.Options{Backend: store.Memstore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var in []store.ArticleQuads
	for _, a := range []*storetest.Article{storetest.Seed(), storetest.Later()} {
		in = append(in, store.ArticleQuads{IRI: a.IRI, Quads: a.Quads})
	}
	if _, err := s.ReplaceArticles(t.Context(), in); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.Handler(s, o))
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string, out any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		body, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return resp.StatusCode
}

func TestAPI(t *testing.T) {
	ts := newServer(t, server.Options{})
	var es []store.Entity
	if code := get(t, ts, "/api/entities?q=ard", &es); code != 200 || len(es) != 1 || es[0].Label != "Jacinda Ardern" {
		t.Errorf("entities?q=ard = %d %+v", code, es)
	}
	var g server.Graph
	if code := get(t, ts, "/api/graph?entity=NZ", &g); code != 200 || g.Center.Label != "New Zealand" || len(g.Edges) == 0 {
		t.Fatalf("graph?entity=NZ = %d %+v", code, g)
	}
	labels := map[string]bool{}
	for _, e := range g.Edges {
		labels[e.Label] = true
	}
	if !labels["AGREE"] || !labels["leaderOf"] || !labels["memberOf"] || g.Types["AGREE"] != 1 {
		t.Errorf("graph of NZ has edges %v, types %v; want AGREE, leaderOf and memberOf", labels, g.Types)
	}
	var consult server.Graph
	if code := get(t, ts, "/api/graph?entity=NZ&type=CONSULT", &consult); code != 200 || consult.Types["AGREE"] != 0 || len(consult.Edges) == 0 {
		t.Errorf("graph?type=CONSULT = %d, types %v, %d edges; want no AGREE, the relations still", code, consult.Types, len(consult.Edges))
	}
	var srcs []store.Source
	q := url.Values{"subject": {"Ardern"}, "predicate": {"leaderOf"}, "object": {"New Zealand"}}
	if code := get(t, ts, "/api/explain?"+q.Encode(), &srcs); code != 200 || len(srcs) != 2 {
		t.Errorf("explain Ardern leaderOf NZ = %d %+v, want 2 sources", code, srcs)
	}
	var paths [][]store.Link
	if code := get(t, ts, "/api/path?from=Ardern&to=Five%20Eyes&k=2", &paths); code != 200 || len(paths) != 2 {
		t.Errorf("path = %d, %d paths", code, len(paths))
	}
	for path, want := range map[string]int{
		"/api/show?entity=Atlantis":           404,
		"/api/show?entity=Georgia":            400, // ambiguous
		"/api/show":                           400,
		"/api/events?type=party":              400,
		"/api/timeline?entity=Ardern":         200,
		"/api/dyad?a=Ardern&b=Kishida":        200,
		"/api/article?id=ardern-kishida-2022": 200,
		"/api/stats":                          200,
		"/":                                   200,
		"/vendor/cytoscape/LICENSE":           200,
	} {
		if code := get(t, ts, path, nil); code != want {
			t.Errorf("GET %s = %d, want %d", path, code, want)
		}
	}
}

// TestReadOnly: nothing but reads and Gizmo queries are answered.
func TestReadOnly(t *testing.T) {
	ts := newServer(t, server.Options{})
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{"POST", "/api/v2/write", http.StatusMethodNotAllowed},
		{"POST", "/api/v2/delete", http.StatusMethodNotAllowed},
		{"GET", "/api/v2/write", http.StatusNotFound},
		{"PUT", "/api/show?entity=NZ", http.StatusMethodNotAllowed},
		{"DELETE", "/", http.StatusMethodNotAllowed},
	} {
		req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(`<a> <b> <c> .`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.want)
		}
	}
	var stats store.Stats
	if get(t, ts, "/api/stats", &stats); stats.Articles != 2 {
		t.Errorf("after the write attempts the store holds %d articles, want 2", stats.Articles)
	}
	// Cayley's query and read endpoints answer.
	resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain",
		strings.NewReader(`g.V("<`+string(storetest.Ardern)+`>").Out("<https://w3id.org/diplograph/ns#leaderOf>").All()`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), string(storetest.NZL)) {
		t.Errorf("api/v2/query = %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(ts.URL + "/api/v2/read?sub=" + url.QueryEscape("<"+string(storetest.NZL)+">"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"New Zealand"`) {
		t.Errorf("api/v2/read = %d %.300s", resp.StatusCode, body)
	}
}

// TestTimeout: a query past the deadline stops with a clear answer, not a hang.
func TestTimeout(t *testing.T) {
	ts := newServer(t, server.Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`var i = 0; while (true) { i++ }`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("endless query answered after %v, want about the 300ms deadline", elapsed)
	}
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "longer than 300ms") {
		t.Errorf("endless query = %d %s, want 503 naming the deadline", resp.StatusCode, body)
	}
}

func TestGraphLimit(t *testing.T) {
	ts := newServer(t, server.Options{})
	var all, one server.Graph
	get(t, ts, "/api/graph?entity=Ardern", &all)
	if code := get(t, ts, "/api/graph?entity=Ardern&limit=1", &one); code != 200 || len(one.Edges) != 1 || len(one.Nodes) != 2 {
		t.Fatalf("graph?limit=1 = %d, %d edges and %d nodes; want 1 and its 2 ends", code, len(one.Edges), len(one.Nodes))
	}
	best := 0
	for _, e := range all.Edges {
		best = max(best, e.Weight)
	}
	if one.Edges[0].Weight != best || len(all.Edges) < 2 {
		t.Errorf("graph?limit=1 kept an edge of weight %d of %d edges, want the best (%d)", one.Edges[0].Weight, len(all.Edges), best)
	}
}
