package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/internal/version"
)

var (
	// errHelp is returned once help has been printed.
	errHelp = errors.New("help requested")
	// errUsage marks a command line the program cannot run.
	errUsage = errors.New("usage error")
)

// usageErrorf returns an error matching errUsage.
func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// options are the flags every command takes.
type options struct {
	db      string // bolt directory, PostgreSQL connection string or N-Quads file (memstore)
	backend string // bolt, leveldb, memstore or postgres
	format  string // one of the command's formats; "" for its first
	limit   int    // most rows a listing shows; 0 for all
	// serverTimeout bounds how long a PostgreSQL server may leave a request unanswered
	serverTimeout time.Duration
	version       bool // print the version and exit
}

// formats are the output formats of most commands, the default first.
var formats = []string{"table", "json", "tsv"}

// defaultOptions are the defaults of the flags, from the environment where it says.
func defaultOptions() options {
	db := os.Getenv("DIPLOGRAPH_DB")
	if db == "" {
		db = "diplograph.db"
	}
	return options{db: db, backend: store.Bolt, serverTimeout: store.DefaultServerTimeout}
}

// globalFlags returns the flags every command takes, bound to o, with the defaults def.
func globalFlags(o *options, def options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("query", pflag.ContinueOnError)
	fs.StringVar(&o.db, "db", def.db, "the store: a bolt directory, a PostgreSQL connection string (--backend postgres) or an N-Quads file (--backend memstore)")
	fs.StringVar(&o.backend, "backend", def.backend, "store backend: bolt, leveldb, memstore or postgres")
	fs.StringVarP(&o.format, "format", "f", def.format, "output format: table, json or tsv, and for some commands more (see their help; default: the command's first)")
	fs.IntVar(&o.limit, "limit", def.limit, "show at most `N` rows of a listing (0: all)")
	fs.DurationVar(&o.serverTimeout, "server-timeout", def.serverTimeout, "fail when the PostgreSQL server leaves a connection or a statement unanswered this long (`duration`)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	return fs
}

const usageHead = `Usage: query [flags] COMMAND [command flags] [ARGS]

Answers questions about a diplograph graph, opened read-only (queries do not block each other;
a store an ingest is writing is reported as in use). ENTITY is an entity's name or alias,
case-insensitive ("Jacinda Ardern", "ardern", "NZ"), an ISO alpha-3 country code, or its IRI.

Commands:
`

const usageTail = `
Run 'query COMMAND --help' for a command's flags.

Environment:
  DIPLOGRAPH_DB   default for --db (otherwise diplograph.db in the working directory)

Exit status:
  0  success, including an empty answer
  1  failure: no store, store in use, unknown entity, no path, a failed query or write
  2  usage error, or an ENTITY that names several entities (candidates listed on stderr)
`

// parseFlags parses the flags before the command; the rest of args is returned.
func parseFlags(args []string, stdout io.Writer) (options, []string, error) {
	var o options
	fs := globalFlags(&o, defaultOptions())
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(false)
	help := helpFlag(fs)
	if err := fs.Parse(args); err != nil {
		return o, nil, usageErrorf("%v", err)
	}
	if o.version {
		fmt.Fprintln(stdout, version.String("query"))
		return o, nil, errHelp
	}
	if *help || (fs.NArg() > 0 && fs.Arg(0) == "help" && fs.NArg() == 1) {
		printUsage(stdout, fs)
		return o, nil, errHelp
	}
	return o, fs.Args(), nil
}

func printUsage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n        %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprint(w, "\nFlags:\n")
	fmt.Fprint(w, flagUsages(fs))
	fmt.Fprint(w, usageTail)
}

// helpFlag adds the help flag to fs.
func helpFlag(fs *pflag.FlagSet) *bool {
	return fs.BoolP("help", "h", false, "show this help")
}

// flagUsages lists the flags of fs with their defaults, like pflag's FlagUsages but without
// the "[=true|false]" it puts after boolean flags.
func flagUsages(fs *pflag.FlagSet) string {
	var specs, usages []string
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		spec := "      --" + f.Name
		if f.Shorthand != "" {
			spec = "  -" + f.Shorthand + ", --" + f.Name
		}
		varname, usage := pflag.UnquoteUsage(f)
		if varname != "" {
			spec += " " + varname
		}
		switch {
		case f.Value.Type() == "string" && f.DefValue != "":
			usage += fmt.Sprintf(" (default %q)", f.DefValue)
		case f.Value.Type() != "string" && f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0":
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		specs, usages = append(specs, spec), append(usages, usage)
		width = max(width, len(spec))
	})
	var b strings.Builder
	for i := range specs {
		fmt.Fprintf(&b, "%-*s   %s\n", width, specs[i], usages[i])
	}
	return b.String()
}

// checkFormat returns a usage error unless format is one of allowed.
func checkFormat(format string, allowed []string) error {
	for _, f := range allowed {
		if f == format {
			return nil
		}
	}
	return usageErrorf("--format %q: want %s", format, strings.Join(allowed, ", "))
}
