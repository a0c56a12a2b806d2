package e2e

import (
	"database/sql"
	"net/url"
	"testing"

	_ "github.com/lib/pq" // the driver cayley's postgres backend uses

	// The binaries are built by TestMain; importing what they are made of lets go test's cache
	// see when they change.
	_ "github.com/diplograph/diplograph/internal/ingest"
	_ "github.com/diplograph/diplograph/internal/store"
)

// withSearchPath points a connection string at one schema.
func withSearchPath(conn, schema string) string {
	u, err := url.Parse(conn)
	if err != nil {
		return conn
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func createSchema(t *testing.T, conn, schema string) {
	t.Helper()
	db, err := sql.Open("postgres", conn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", conn)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
}
