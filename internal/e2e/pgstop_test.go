package e2e

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// pgProxy forwards TCP connections to a PostgreSQL server until stop, which does to its
// clients what a server that stops does: it closes every connection and refuses new ones; or
// until hang, which does what a server that stops answering does (a stopped process, a
// deadlocked one, one behind a lost route): it forwards nothing more, in either direction, and
// keeps every connection open, accepting new ones and answering none.
type pgProxy struct {
	ln       net.Listener
	target   string
	released chan struct{} // closed by stop: the copies a hang holds end
	mu       sync.Mutex
	conns    []net.Conn
	hung     bool
	stopped  bool
}

func startPGProxy(t *testing.T, target string) *pgProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{ln: ln, target: target, released: make(chan struct{})}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if p.isHung() {
				p.keep(c)
				continue
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.keep(c, s)
			go p.pipe(s, c)
			go p.pipe(c, s)
		}
	}()
	t.Cleanup(p.stop)
	return p
}

// keep holds conns until stop.
func (p *pgProxy) keep(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		for _, c := range conns {
			c.Close()
		}
		return
	}
	p.conns = append(p.conns, conns...)
}

func (p *pgProxy) isHung() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hung
}

// pipe copies src to dst, and once the proxy hangs, reads and forwards nothing more until stop.
func (p *pgProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if p.isHung() {
			<-p.released
			return
		}
		if n > 0 {
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// hang makes the server stop answering, its connections left open.
func (p *pgProxy) hang() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hung = true
}

func (p *pgProxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		p.stopped = true
		close(p.released)
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// pgIngest is an ingest of 200 articles into a PostgreSQL store through a proxy, 30 of them
// stored: the moment a test does something to the server.
type pgIngest struct {
	direct, proxied faultStore // the store, straight and through the proxy
	proxy           *pgProxy
	host            string // the proxy's address
	cmd             *exec.Cmd
	exited          chan error
	stderr          *bytes.Buffer
	before          map[string][]string // the store's quads before the ingest, by article
	inputs          []string            // what was ingested before and now
}

// startPGIngest creates a store in a new schema, ingests a few articles into it, starts an
// ingest of 200 more through a proxy, with the flags extra, and returns once 30 are stored.
func startPGIngest(t *testing.T, extra ...string) *pgIngest {
	t.Helper()
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
	g := &pgIngest{stderr: new(bytes.Buffer), exited: make(chan error, 1)}
	g.direct = faultStore{[]string{"--backend", "postgres", "--db", withSearchPath(conn, name)}}
	g.proxy = startPGProxy(t, u.Host)
	pu := *u
	pu.Host = g.proxy.ln.Addr().String()
	g.host = pu.Host
	g.proxied = faultStore{[]string{"--backend", "postgres", "--db", withSearchPath(pu.String(), name)}}

	dir := t.TempDir()
	first := filepath.Join(dir, "first.jsonl")
	many := filepath.Join(dir, "many.jsonl")
	os.WriteFile(first, []byte(goodLines(t)), 0o644)
	os.WriteFile(many, []byte(manyArticles(t, 200)), 0o644)
	g.inputs = []string{first, many}
	if r := g.direct.ingest(t, "-q", first); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	g.before = byArticle(t, g.direct.export(t))

	args := append(slices.Clone(g.proxied.flags), "-q", "--batch", "10")
	g.cmd = exec.Command(filepath.Join(bin, "ingest"), append(append(args, extra...), many)...)
	g.cmd.Stderr = g.stderr
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { g.exited <- g.cmd.Wait() }()
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if k, ok := g.direct.articles(t); ok && k >= len(g.before)+30 {
			break
		}
		select {
		case err := <-g.exited:
			t.Fatalf("ingest ended before the fault: %v\n%s", err, g.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			g.cmd.Process.Kill()
			t.Fatalf("30 articles not stored within 2 minutes\n%s", g.stderr.String())
		}
	}
	return g
}

// checkMessage checks that msg, the stderr of a command after fault, holds one of want and no
// stack trace.
func (g *pgIngest) checkMessage(t *testing.T, fault, msg string, want ...string) {
	t.Helper()
	found := false
	for _, w := range want {
		found = found || strings.Contains(msg, w)
	}
	if !found || strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
		t.Errorf("after %s: stderr %q, want one of %q and no stack trace", fault, msg, want)
	}
}

// waited is what a timed-out connection operation reads as, its timeout left out: the
// operation and the addresses.
const waited = `(read|write|dial) tcp [0-9.:]+(->[0-9.:]+)?`

// checkTimeoutOnce checks that the last line of stderr, a timeout message, matches the regular
// expression want and says the timeout once: no "i/o timeout", no second bound.
func checkTimeoutOnce(t *testing.T, fault, stderr, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(want).MatchString(last) || strings.Count(last, "2s") != 1 || strings.Contains(last, "timeout:") {
		t.Errorf("after %s: the last line of stderr is\n%s\nwant it to match %s, saying the bound once", fault, last, want)
	}
}

// checkNoAddress checks that msg, the stderr of an ingest that failed writing, does not show
// the connection string (a failed open names the store by it, its password hidden).
func (g *pgIngest) checkNoAddress(t *testing.T, fault, msg string) {
	t.Helper()
	if strings.Contains(msg, g.host) && strings.Contains(msg, "postgres://") {
		t.Errorf("after %s: the connection string is on stderr: %q", fault, msg)
	}
}

// checkStore checks that the store holds whole articles only, and every one it held before.
func (g *pgIngest) checkStore(t *testing.T, fault string) {
	t.Helper()
	got := byArticle(t, g.direct.export(t))
	want := checkWholeArticles(t, fault, g.before, got, g.inputs...)
	t.Logf("the store holds %d whole articles of %d", len(got), len(want))
}

// TestPostgresStoppedMidIngest stops the PostgreSQL server (as its clients see it, through a
// proxy) while an ingest of 200 articles writes: the ingest must fail within 30 seconds with
// exit 1 and a message saying the write failed, and the store must hold whole articles only,
// each with the quads a clean ingest gives it, beside what it held before.
func TestPostgresStoppedMidIngest(t *testing.T) {
	g := startPGIngest(t)
	g.proxy.stop()
	start := time.Now()
	took := waitExit1(t, g.cmd, g.exited, g.stderr, start, "the server stopped")
	t.Logf("ingest ended %v after the server stopped\n%s", took.Round(time.Millisecond), g.stderr.String())
	g.checkMessage(t, "the server stopped", g.stderr.String(),
		"write to the PostgreSQL store: the connection to the server was lost",
		"write to the PostgreSQL store: the server refused the connection")
	g.checkNoAddress(t, "the server stopped", g.stderr.String())
	g.checkStore(t, "the stopped server")
}

// TestPostgresHungMidIngest makes the PostgreSQL server stop answering (through a proxy that
// forwards nothing more and keeps every connection open) while an ingest of 200 articles writes
// with --server-timeout 2s: the ingest must fail with exit 1 and a message naming the bound
// once the server has been silent for 2 s (within 10 s more), and the store must hold whole
// articles only. A query through the hung server fails the same way, and so does an ingest
// that connects to it. Each message says once that the server did not answer within 2s,
// names --server-timeout, and then what waited (the statement, the connection).
func TestPostgresHungMidIngest(t *testing.T) {
	const bound = 2 * time.Second
	g := startPGIngest(t, "--server-timeout", bound.String())
	g.proxy.hang()
	start := time.Now()
	took := waitExit1(t, g.cmd, g.exited, g.stderr, start, "the server hung")
	t.Logf("ingest ended %v after the server hung\n%s", took.Round(time.Millisecond), g.stderr.String())
	if took > bound+10*time.Second {
		t.Errorf("ingest ended %v after the server hung, want within %v of the %v bound", took, 10*time.Second, bound)
	}
	g.checkMessage(t, "the server hung", g.stderr.String(),
		"ingest: write to the PostgreSQL store: the server did not answer within 2s (--server-timeout; ")
	g.checkNoAddress(t, "the server hung", g.stderr.String())
	checkTimeoutOnce(t, "the server hung", g.stderr.String(), `^ingest: write to the PostgreSQL store: the server did not answer within 2s \(--server-timeout; replace articles: ([a-z ]+: )?`+waited+`\); \d+ articles stored before it, each whole$`)

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"query", append(slices.Clone(g.proxied.flags), "--server-timeout", bound.String(), "stats"),
			`^query: the PostgreSQL server did not answer within 2s \(--server-timeout; open store \S+: ` + waited + `\)$`},
		{"ingest", append(slices.Clone(g.proxied.flags), "--server-timeout", bound.String(), "-q", g.inputs[0]),
			`^ingest: the PostgreSQL server did not answer within 2s \(--server-timeout; open store \S+: ` + waited + `\)$`},
	} {
		start := time.Now()
		r := runFor(t, 30*time.Second, c.name, c.args...)
		took := time.Since(start)
		t.Logf("%s through the hung server: exit %d after %v\n%s", c.name, r.code, took.Round(time.Millisecond), r.stderr)
		if r.code != 1 {
			t.Errorf("%s through the hung server: exit %d, want 1\n%s", c.name, r.code, r.stderr)
		}
		if took > bound+10*time.Second {
			t.Errorf("%s through the hung server ended after %v, want within %v of the %v bound", c.name, took, 10*time.Second, bound)
		}
		checkTimeoutOnce(t, c.name+" through the hung server", r.stderr, c.want)
	}
	g.checkStore(t, "the hung server")
}
