package store

import (
	"net/http"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
)

// cayleyReadPaths are the endpoints of cayley's HTTP API v2 that HTTPAPI serves: queries
// (Gizmo and the other languages cayley knows), reading quads, listing formats.
var cayleyReadPaths = map[string]bool{"/api/v2/query": true, "/api/v2/read": true, "/api/v2/formats": true}

// HTTPAPI returns cayley's HTTP API v2 over the store, read-only: /api/v2/query?lang=gizmo,
// /api/v2/read and /api/v2/formats; the write and delete endpoints answer 404. A query stops
// after timeout (0: no limit) with a 400 naming the deadline, and returns at most limit
// results (0: cayley's default of 100). Each request reads one state of the store (on
// PostgreSQL, a snapshot of its own; see Snapshot); a snapshot that cannot be taken answers
// 503.
func (s *Store) HTTPAPI(timeout time.Duration, limit int) http.Handler {
	api := func(qs graph.QuadStore) *cayleyhttp.APIv2 {
		api := cayleyhttp.NewAPIv2(&graph.Handle{QuadStore: qs})
		api.SetReadOnly(true)
		api.SetQueryTimeout(timeout)
		if limit > 0 {
			api.SetQueryLimit(limit)
		}
		return api
	}
	direct := api(s.qs)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cayleyReadPaths[strings.TrimSuffix(r.URL.Path, "/")] {
			http.NotFound(w, r)
			return
		}
		v, done, err := s.reading(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer done()
		h := direct
		if v != s {
			h = api(v.qs)
		}
		v.mu.RLock()
		defer v.mu.RUnlock()
		h.ServeHTTP(w, r)
	})
}
