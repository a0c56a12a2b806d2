package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/input"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/version"
)

var (
	errHelp  = errors.New("help")
	errUsage = errors.New("usage")
)

// options are the command line of ingest.
type options struct {
	db, backend                 string
	date, url, title, publisher string
	id, format                  string
	dryRun, quiet               bool
	batch, workers              int
	minConfidence               float64
	maxArticleBytes             string
	maxArticle                  int
	articleTimeout              time.Duration
	serverTimeout               time.Duration
	published                   time.Time
	inputFormat                 input.Format
}

const usageHead = `Usage: ingest [flags] FILE|DIR|- ...

Reads news articles and stores the entities, relations, coded events and quotes they state in a
diplograph graph. Inputs: .txt and .md (a first line followed by a blank line is the title),
.html/.htm (main text; title, date and URL from meta tags), .jsonl/.ndjson (one article a line:
{"id","text","url","title","published","publisher"}), directories (recursively) and - for
standard input. Re-ingesting an article replaces its facts.

Flags:
`

const usageTail = `
Environment:
  DIPLOGRAPH_DB   default for --db

Exit status:
  0  every input was stored
  1  failure (nothing more was stored after it; earlier batches stay)
  2  usage error
  3  some inputs were rejected (named on stderr); the rest were stored
`

func parseFlags(args []string, stdout io.Writer) (options, []string, error) {
	var o options
	fs := pflag.NewFlagSet("ingest", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	defDB := os.Getenv("DIPLOGRAPH_DB")
	if defDB == "" {
		defDB = "diplograph.db"
	}
	fs.StringVar(&o.db, "db", defDB, "store: bolt directory, or PostgreSQL connection string with --backend postgres")
	fs.StringVar(&o.backend, "backend", "bolt", "store backend: bolt, leveldb or postgres")
	fs.StringVar(&o.date, "date", "", "publication `date` as YYYY-MM-DD (default for articles that give none)")
	fs.StringVar(&o.url, "url", "", "article URL (single input)")
	fs.StringVar(&o.title, "title", "", "article title (single input)")
	fs.StringVar(&o.publisher, "publisher", "", "publisher (single input)")
	fs.StringVar(&o.id, "id", "", "article identifier (single input; default: a hash of the text)")
	fs.StringVar(&o.format, "format", "auto", "input format: auto, text, markdown, html or jsonl")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the N-Quads that would be written; store nothing")
	fs.IntVar(&o.batch, "batch", 200, "articles per transaction")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "articles extracted at once, while the previous batch is written")
	fs.Float64Var(&o.minConfidence, "min-confidence", 0, "store only events of at least this confidence, 0 to 1 (a direct subject and object with named actors score 0.8; each coreference or shared-subject hop, a window reading, a place for target lowers it)")
	fs.StringVar(&o.maxArticleBytes, "max-article-bytes", input.FormatBytes(input.DefaultMaxArticleBytes),
		"reject an article whose text is longer (`size` in bytes, or with KiB, MiB or GiB; extraction takes some seconds a MiB)")
	fs.DurationVar(&o.articleTimeout, "article-timeout", time.Minute,
		"reject an article whose extraction takes longer than this `duration` (0 for no limit; a MiB of news takes about 6 s of CPU time)")
	fs.DurationVar(&o.serverTimeout, "server-timeout", store.DefaultServerTimeout,
		"fail when the PostgreSQL server leaves a connection, a statement or a write unanswered this long (`duration`; the batch being written is not stored)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no summary on stderr")
	help := fs.BoolP("help", "h", false, "show this help")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return o, nil, err
	}
	if *showVersion {
		fmt.Fprintln(stdout, version.String("ingest"))
		return o, nil, errHelp
	}
	if *help {
		fmt.Fprint(stdout, usageHead)
		fmt.Fprint(stdout, fs.FlagUsages())
		fmt.Fprint(stdout, usageTail)
		return o, nil, errHelp
	}
	if fs.NArg() == 0 {
		return o, nil, errors.New("no input: name files, directories or - for standard input")
	}
	if o.date != "" {
		t, err := time.Parse("2006-01-02", o.date)
		if err != nil {
			return o, nil, fmt.Errorf("--date %q: want YYYY-MM-DD", o.date)
		}
		o.published = t
	}
	f, err := input.ParseFormat(o.format)
	if err != nil {
		return o, nil, err
	}
	o.inputFormat = f
	if o.minConfidence < 0 || o.minConfidence > 1 {
		return o, nil, fmt.Errorf("--min-confidence must be between 0 and 1, got %v", o.minConfidence)
	}
	if o.maxArticle, err = parseSize(o.maxArticleBytes); err != nil {
		return o, nil, fmt.Errorf("--max-article-bytes %q: %v", o.maxArticleBytes, err)
	}
	if o.articleTimeout < 0 {
		return o, nil, fmt.Errorf("--article-timeout must not be negative, got %v", o.articleTimeout)
	}
	if o.serverTimeout <= 0 {
		return o, nil, fmt.Errorf("--server-timeout must be positive, got %v", o.serverTimeout)
	}
	if o.batch < 1 {
		return o, nil, fmt.Errorf("--batch must be at least 1")
	}
	if o.workers < 1 {
		return o, nil, fmt.Errorf("--workers must be at least 1")
	}
	switch o.backend {
	case "bolt", "leveldb", "postgres", "memstore":
	default:
		return o, nil, fmt.Errorf("--backend %q: want bolt, leveldb or postgres", o.backend)
	}
	return o, fs.Args(), nil
}

// sizeUnits are the suffixes of a size, each before those it ends with.
var sizeUnits = []struct {
	suffix string
	shift  int
}{{"gib", 30}, {"mib", 20}, {"kib", 10}, {"gb", 30}, {"mb", 20}, {"kb", 10}, {"g", 30}, {"m", 20}, {"k", 10}, {"bytes", 0}, {"b", 0}}

// parseSize reads a size in bytes: "4194304", "4MiB", "4 MiB", "512k", "1G" (the units are
// binary).
func parseSize(s string) (int, error) {
	t, shift := strings.ToLower(strings.TrimSpace(s)), 0
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, shift = strings.TrimSpace(n), u.shift
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || n > 1<<40>>shift {
		return 0, errors.New("want a size such as 4MiB, 512KiB or 1000000")
	}
	return n << shift, nil
}
