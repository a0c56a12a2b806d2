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
// results (0: cayley's default of 100).
func (s *Store) HTTPAPI(timeout time.Duration, limit int) http.Handler {
	api := cayleyhttp.NewAPIv2(&graph.Handle{QuadStore: s.qs})
	api.SetReadOnly(true)
	api.SetQueryTimeout(timeout)
	if limit > 0 {
		api.SetQueryLimit(limit)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cayleyReadPaths[strings.TrimSuffix(r.URL.Path, "/")] {
			http.NotFound(w, r)
			return
		}
		s.mu.RLock()
		defer s.mu.RUnlock()
		api.ServeHTTP(w, r)
	})
}
