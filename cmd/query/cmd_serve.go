package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
)

func newServeCommand() *command {
	return &command{
		name:    "serve",
		args:    "[--addr HOST:PORT] [--timeout D]",
		summary: "serve the store read-only over HTTP: cayley's API (/api/v2/query, /api/v2/read), a JSON API for the verbs (/api/...) and a web page to explore it",
		setup: func(fs *pflag.FlagSet) func(context.Context, *cli, []string) error {
			addr := fs.String("addr", "127.0.0.1:8321", "where to listen; the default is loopback only, name another address to serve the network")
			timeout := fs.Duration("timeout", server.DefaultTimeout, "deadline of every request (queries stop past it)")
			return func(ctx context.Context, c *cli, args []string) error {
				if len(args) > 0 {
					return usageErrorf("serve: unexpected argument %q (use --addr)", args[0])
				}
				if *timeout <= 0 {
					return usageErrorf("--timeout %v: want a positive duration", *timeout)
				}
				return runServe(ctx, c, *addr, *timeout)
			}
		},
	}
}

func runServe(ctx context.Context, c *cli, addr string, timeout time.Duration) error {
	// Each request reads a snapshot of its own, not one for the server's life.
	return c.withOpenStore(ctx, func(s *store.Store) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				fmt.Fprintf(c.stderr, "query: serving %s beyond this machine\n", ln.Addr())
			}
		}
		limit := c.opts.limit
		srv := &http.Server{
			Handler:           server.Handler(s, server.Options{Timeout: timeout, Limit: limit}),
			ReadHeaderTimeout: 10 * time.Second,
			WriteTimeout:      timeout + 5*time.Second,
			BaseContext:       func(net.Listener) context.Context { return ctx },
		}
		fmt.Fprintf(c.stderr, "query: serving %s read-only at http://%s/ (Ctrl-C stops)\n", s.Address(), ln.Addr())
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ln) }()
		select {
		case err := <-done:
			return fmt.Errorf("serve: %w", err)
		case <-ctx.Done():
		}
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	})
}
