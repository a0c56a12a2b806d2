package ingest_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq" // the PostgreSQL driver, for the benchmark's databases

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/store"
)

// BenchmarkBBCPostgres measures, paired iteration by iteration on the BBC corpus, the end-to-end
// ingest (2 workers, batches of 200) into a new bolt store and into a new database on the
// PostgreSQL server $DIPLOGRAPH_TEST_POSTGRES names (scripts/pg-test.sh start), then the
// re-ingest of the same input into that database (nothing changes). It reports each phase's
// wall clock (-s) and the process's CPU time (-cpu-s); server-cpu-s is the CPU time of the
// server's backends in the ingest and in the re-ingest, read from /proc when the server runs on
// this machine (0 otherwise); and
// postgres/bolt, the speed of the PostgreSQL ingest as a fraction of bolt's. Run it with
//
//	go test ./internal/ingest -run XXX -bench BBCPostgres -benchtime 1x
func BenchmarkBBCPostgres(b *testing.B) {
	addr := os.Getenv("DIPLOGRAPH_TEST_POSTGRES")
	if addr == "" {
		b.Skip("DIPLOGRAPH_TEST_POSTGRES is not set (scripts/pg-test.sh start)")
	}
	_, size := bbcCorpus(b)
	x := benchExtractor(b)
	ctx := context.Background()
	admin, err := sql.Open("postgres", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	run := func(opts store.Options) ingest.Summary {
		opts.ShareBetweenWrites = opts.Backend == store.Bolt
		s, err := store.Open(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		sum, err := ingest.Run(ctx, ingest.Config{
			Source:    input.Source{Paths: []string{bbcPath}},
			Input:     input.Options{Published: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)},
			Extractor: x, Writer: ingest.StoreWriter{Store: s, Name: "the PostgreSQL store"}, Batch: 200, Workers: 2,
		})
		if err != nil {
			b.Fatalf("ingest into %s: %v", opts.Backend, err)
		}
		return sum
	}
	var (
		bolt, pg, repg phase
		server, reserv time.Duration
		quads          int
	)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := fmt.Sprintf("diplograph_bench_%d_%d", os.Getpid(), i)
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			b.Fatal(err)
		}
		u, err := url.Parse(addr)
		if err != nil {
			b.Fatal(err)
		}
		u.Path = "/" + name
		dir := b.TempDir()
		bolt.time(func() { quads = run(store.Options{Backend: store.Bolt, Address: dir}).Added })
		before := serverCPU(admin)
		pg.time(func() {
			if sum := run(store.Options{Backend: store.Postgres, Address: u.String()}); sum.Added != quads {
				b.Fatalf("postgres ingest added %d quads, bolt %d", sum.Added, quads)
			}
		})
		mid := serverCPU(admin)
		server += mid - before
		repg.time(func() {
			if sum := run(store.Options{Backend: store.Postgres, Address: u.String()}); sum.Added != 0 || sum.Removed != 0 {
				b.Fatalf("re-ingest changed the database: %+v", sum)
			}
		})
		reserv += serverCPU(admin) - mid
		if _, err := admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	n := float64(b.N)
	b.SetBytes(size)
	b.ReportMetric(bolt.d.Seconds()/n, "bolt-s")
	b.ReportMetric(pg.d.Seconds()/n, "postgres-s")
	b.ReportMetric(repg.d.Seconds()/n, "postgres-reingest-s")
	b.ReportMetric(bolt.cpu.Seconds()/n, "bolt-cpu-s")
	b.ReportMetric(pg.cpu.Seconds()/n, "postgres-cpu-s")
	b.ReportMetric(repg.cpu.Seconds()/n, "postgres-reingest-cpu-s")
	b.ReportMetric(server.Seconds()/n, "server-cpu-s")
	b.ReportMetric(reserv.Seconds()/n, "server-reingest-cpu-s")
	b.ReportMetric(bolt.perSecond(float64(quads), b.N), "bolt-quads/s")
	b.ReportMetric(pg.perSecond(float64(quads), b.N), "postgres-quads/s")
	b.ReportMetric(bolt.d.Seconds()/pg.d.Seconds(), "postgres/bolt")
	b.ReportMetric(float64(quads), "quads/op")
}

// serverCPU returns the CPU time the PostgreSQL server's ended backends have used (the user and
// system time of the postmaster's reaped children), or 0 when the server's /proc entry cannot
// be read (another machine, another user).
func serverCPU(db *sql.DB) time.Duration {
	time.Sleep(200 * time.Millisecond) // the backends of a closed store end and are reaped
	var pid int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		return 0
	}
	field := func(pid int, i int) string {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return ""
		}
		s := string(data)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // fields from the 3rd on
		if i-3 >= len(f) {
			return ""
		}
		return f[i-3]
	}
	postmaster, err := strconv.Atoi(field(pid, 4))
	if err != nil {
		return 0
	}
	cu, err1 := strconv.ParseInt(field(postmaster, 16), 10, 64)
	cs, err2 := strconv.ParseInt(field(postmaster, 17), 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(cu+cs) * time.Second / 100 // clock ticks; 100 a second on Linux
}
