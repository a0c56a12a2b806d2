package ingest_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/store"
)

// TestStoreWriter: a batch replaces its articles' quads in a real bolt store, counting what it
// added and removed; a write to a read-only store is a *WriteError naming the store and
// wrapping store.ErrReadOnly.
func TestStoreWriter(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "news.db")
	s, err := store.Open(ctx, store.Options{Address: dir})
	if err != nil {
		t.Fatal(err)
	}
	art := quad.IRI("http://example.org/article/1")
	q := func(o string) quad.Quad {
		return quad.Make(quad.IRI("http://example.org/e/nz"), quad.IRI("http://example.org/label"), quad.String(o), art)
	}
	w := ingest.StoreWriter{Store: s, Name: "store news.db"}
	if added, removed, err := w.ReplaceArticles(ctx, []ingest.Article{{IRI: art, Quads: []quad.Quad{q("NZ"), q("New Zealand")}}}); err != nil || added != 2 || removed != 0 {
		t.Errorf("first ReplaceArticles = %d, %d, %v; want 2, 0, nil", added, removed, err)
	}
	if added, removed, err := w.ReplaceArticles(ctx, []ingest.Article{{IRI: art, Quads: []quad.Quad{q("New Zealand")}}}); err != nil || added != 0 || removed != 1 {
		t.Errorf("second ReplaceArticles = %d, %d, %v; want 0, 1, nil", added, removed, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := store.Open(ctx, store.Options{Address: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, _, err = ingest.StoreWriter{Store: ro, Name: "store news.db"}.ReplaceArticles(ctx, []ingest.Article{{IRI: art, Quads: []quad.Quad{q("Aotearoa")}}})
	var we *ingest.WriteError
	if !errors.As(err, &we) || !errors.Is(err, store.ErrReadOnly) || !strings.HasPrefix(err.Error(), "write to store news.db: ") {
		t.Errorf("ReplaceArticles on a read-only store: %v; want a *WriteError naming the store, wrapping store.ErrReadOnly", err)
	}
}

// TestWriteErrorMessage: a lost or refused connection is said in words, and a server that
// did not answer is said once, with the bound, the flag and what waited.
func TestWriteErrorMessage(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5432}
	hung := &net.OpError{Op: "read", Net: "tcp", Addr: addr, Err: &store.ServerTimeoutError{After: 2 * time.Second}}
	tests := []struct {
		err  error
		flag string
		want string
	}{
		{fmt.Errorf("replace articles: insert quads: %w", hung), "--server-timeout",
			"write to the PostgreSQL store: the server did not answer within 2s (--server-timeout; replace articles: insert quads: read tcp 127.0.0.1:5432)"},
		{fmt.Errorf("replace articles: %w", hung), "",
			"write to the PostgreSQL store: the server did not answer within 2s (replace articles: read tcp 127.0.0.1:5432)"},
		{fmt.Errorf("replace articles: %w", driver.ErrBadConn), "", "write to the PostgreSQL store: the connection to the server was lost (replace articles: driver: bad connection)"},
		{fmt.Errorf("replace articles: %w", refused), "", "write to the PostgreSQL store: the server refused the connection (replace articles: dial tcp: connect: connection refused)"},
		{fmt.Errorf("read quads: sql query failed: %v", refused), "", "write to the PostgreSQL store: the server refused the connection (read quads: sql query failed: dial tcp: connect: connection refused)"},
		{errors.New("replace articles: disk full"), "", "write to the PostgreSQL store: replace articles: disk full"},
	}
	for _, tt := range tests {
		if got := (&ingest.WriteError{Store: "the PostgreSQL store", Err: tt.err, TimeoutFlag: tt.flag}).Error(); got != tt.want {
			t.Errorf("WriteError{%v}.Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
}
