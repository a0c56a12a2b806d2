package e2e

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// pgProxy forwards TCP connections to a PostgreSQL server until stop, which does to its
// clients what a server that stops does: it closes every connection and refuses new ones.
type pgProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

func startPGProxy(t *testing.T, target string) *pgProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{ln: ln, target: target}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	t.Cleanup(p.stop)
	return p
}

func (p *pgProxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestPostgresStoppedMidIngest stops the PostgreSQL server (as its clients see it, through a
// proxy) while an ingest of 200 articles writes: the ingest must fail within 30 seconds with
// exit 1 and a message saying the write failed, and the store must hold whole articles only,
// each with the quads a clean ingest gives it, beside what it held before.
func TestPostgresStoppedMidIngest(t *testing.T) {
	conn := os.Getenv("DIPLOGRAPH_TEST_POSTGRES")
	if conn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DIPLOGRAPH_TEST_POSTGRES is not set under CI")
		}
		t.Skip("DIPLOGRAPH_TEST_POSTGRES not set (scripts/pg-test.sh start)")
	}
	u, err := url.Parse(conn)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("pgstop_%d", rand.Int64())
	createSchema(t, conn, name)
	direct := faultStore{[]string{"--backend", "postgres", "--db", withSearchPath(conn, name)}}
	proxy := startPGProxy(t, u.Host)
	pu := *u
	pu.Host = proxy.ln.Addr().String()
	proxied := faultStore{[]string{"--backend", "postgres", "--db", withSearchPath(pu.String(), name)}}

	dir := t.TempDir()
	first := filepath.Join(dir, "first.jsonl")
	many := filepath.Join(dir, "many.jsonl")
	os.WriteFile(first, []byte(goodLines(t)), 0o644)
	os.WriteFile(many, []byte(manyArticles(t, 200)), 0o644)
	if r := direct.ingest(t, "-q", first); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	before := byArticle(t, direct.export(t))

	cmd := exec.Command(filepath.Join(bin, "ingest"), append(slices.Clone(proxied.flags), "-q", "--batch", "10", many)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if k, ok := direct.articles(t); ok && k >= len(before)+30 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("ingest ended before the server stopped: %v\n%s", err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("30 articles not stored within 2 minutes\n%s", stderr.String())
		}
	}
	proxy.stop()
	start := time.Now()
	took := waitExit1(t, cmd, exited, &stderr, start, "the server stopped")
	t.Logf("ingest ended %v after the server stopped\n%s", took.Round(time.Millisecond), stderr.String())
	msg := stderr.String()
	lost := strings.Contains(msg, "write to the PostgreSQL store: the connection to the server was lost") ||
		strings.Contains(msg, "write to the PostgreSQL store: the server refused the connection")
	if !lost || strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
		t.Errorf("ingest after the server stopped: stderr %q, want a write error saying the connection was lost and no stack trace", msg)
	}
	if strings.Contains(msg, pu.Host) && strings.Contains(msg, "postgres://") {
		t.Errorf("ingest after the server stopped: the connection string is on stderr: %q", msg)
	}

	got := byArticle(t, direct.export(t))
	want := checkWholeArticles(t, "the stopped server", before, got, first, many)
	t.Logf("the store holds %d whole articles of %d", len(got), len(want))
}
