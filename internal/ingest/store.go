package ingest

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/diplograph/diplograph/internal/store"
)

// StoreWriter is the Writer of a store: each batch replaces its articles' quads in Store, in
// one transaction. A failed write is a *WriteError naming the store by Name; a write stopped by
// its context's end returns the store's error as it is.
type StoreWriter struct {
	Store *store.Store
	Name  string // the store, for messages ("store news.db", "the PostgreSQL store")
	// TimeoutFlag names the server timeout in messages ("--server-timeout"); may be empty.
	TimeoutFlag string
}

// ReplaceArticles replaces the quads of articles in the store and returns how many quads it
// added and removed. A failed write is a *WriteError.
func (w StoreWriter) ReplaceArticles(ctx context.Context, articles []Article) (added, removed int, err error) {
	in := make([]store.ArticleQuads, len(articles))
	for i, a := range articles {
		in[i] = store.ArticleQuads{IRI: a.IRI, Quads: a.Quads}
	}
	c, err := w.Store.ReplaceArticles(ctx, in)
	if err != nil && ctx.Err() == nil {
		return 0, 0, &WriteError{Store: w.Name, Err: err, TimeoutFlag: w.TimeoutFlag}
	}
	return c.Added, c.Removed, err
}

// WriteError is a batch the store failed to write: a full disk, a read-only file, a server
// gone.
type WriteError struct {
	Store       string // the store, for the message
	Err         error
	TimeoutFlag string // the flag of the server timeout, for the message; may be empty
}

// Error says what failed in words: a server that did not answer in time (once, with the
// bound, its flag and what waited), a lost or refused connection to the server, or the
// store's error.
func (e *WriteError) Error() string {
	var ste *store.ServerTimeoutError
	switch {
	case errors.As(e.Err, &ste):
		flag := ""
		if e.TimeoutFlag != "" {
			flag = e.TimeoutFlag + "; "
		}
		return fmt.Sprintf("write to %s: the server did not answer within %v (%s%s)", e.Store, ste.After, flag, ste.Waiting(e.Err))
	case errors.Is(e.Err, driver.ErrBadConn):
		return fmt.Sprintf("write to %s: the connection to the server was lost (%v)", e.Store, e.Err)
	case errors.Is(e.Err, syscall.ECONNREFUSED), strings.Contains(e.Err.Error(), "connect: connection refused"):
		// cayley's postgres backend formats the driver's error with %v: only its text is left.
		return fmt.Sprintf("write to %s: the server refused the connection (%v)", e.Store, e.Err)
	}
	return fmt.Sprintf("write to %s: %v", e.Store, e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }
