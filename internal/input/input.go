// Package input reads news articles from files, directories and standard input: plain text,
// Markdown, HTML pages and JSON Lines. It streams: a JSON Lines file of any size is read one
// line at a time, and each article is handed to the caller as soon as it is read.
package input

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/extract"
)

// Stdin is the path that names standard input.
const Stdin = "-"

// stdinName is the Path of errors and the Origin of articles read from standard input.
const stdinName = "<stdin>"

// DefaultMaxArticleBytes is the bound on an article's text of Options that set none: 1 MiB,
// ten times a long news report and some seconds of extraction (about 6 s of CPU with the parser).
const DefaultMaxArticleBytes = 1 << 20

// maxHTMLBytes bounds an HTML page, whose markup may be many times its text.
const maxHTMLBytes = 64 << 20

// Format is the format of an input.
type Format string

// Formats. FormatAuto chooses by file extension, and by content for standard input.
const (
	FormatAuto     Format = ""
	FormatText     Format = "text"     // .txt
	FormatMarkdown Format = "markdown" // .md
	FormatHTML     Format = "html"     // .html .htm
	FormatJSONL    Format = "jsonl"    // .jsonl .ndjson
)

// ParseFormat returns the Format that name stands for: a format name ("text", "markdown", "html",
// "jsonl") or a file extension with or without its dot ("txt", ".md", "htm", "ndjson"); "" and
// "auto" give FormatAuto. The error wraps ErrUsage.
func ParseFormat(name string) (Format, error) {
	switch n := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), ".")); n {
	case "", "auto":
		return FormatAuto, nil
	case "text", "txt":
		return FormatText, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	case "jsonl", "ndjson":
		return FormatJSONL, nil
	}
	return FormatAuto, fmt.Errorf("%w: unknown format %q (want text, markdown, html or jsonl)", ErrUsage, name)
}

// formatOf returns the format of a file by its extension, or FormatAuto when unknown.
func formatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return FormatText
	case ".md":
		return FormatMarkdown
	case ".html", ".htm":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	return FormatAuto
}

// Article is one article read from an input.
type Article struct {
	extract.Document
	// Origin says where the article came from, for messages: the file path, with the line
	// number for JSON Lines ("news.jsonl:42"); "<stdin>" for standard input.
	Origin string
}

// Source names the inputs to read.
type Source struct {
	// Paths are files and directories, read in the order given; directories are walked
	// recursively in lexical order. Stdin ("-") stands for standard input, at most once.
	Paths []string
	// Stdin is read when Paths holds Stdin.
	Stdin io.Reader
}

// Options control Read.
type Options struct {
	// Format overrides the format chosen by extension or by content, for standard input and
	// for the files named in Source.Paths. Files found by walking a directory are always
	// chosen and read by their extension.
	Format Format

	// ID, Title, URL and Publisher replace the article's own values. They apply only when the
	// input holds a single article (one text, Markdown or HTML file, or standard input that is
	// not JSON Lines); with a directory, several paths or JSON Lines, Read returns an error
	// that wraps ErrUsage.
	ID, Title, URL, Publisher string

	// Published replaces the publication date of a single article, and is the default
	// publication date of the articles of a multi-article input that carry none.
	Published time.Time

	// OnError is called with each *InputError: a file that cannot be read, a record that is
	// not valid, an article without text. Returning nil skips the input (or the record) and
	// goes on with the rest; returning an error stops Read, which returns that error. When
	// OnError is nil, Read stops at the first *InputError and returns it.
	OnError func(err error) error

	// MaxArticleBytes bounds the text of an article, in bytes; 0 means DefaultMaxArticleBytes.
	// A longer article is an *InputError wrapping ErrTooLarge, and memory stays bounded: a
	// text or Markdown file is read no further than the bound, a JSON Lines line no further
	// than twice the bound plus 64 KiB (for escapes and the other fields), an HTML page no
	// further than that or 64 MiB, whichever is more.
	MaxArticleBytes int

	// OnWarning, when not nil, is called with each *InputError that is not fatal to the
	// article: invalid UTF-8 replaced, a date that could not be read, a file skipped in a
	// directory walk.
	OnWarning func(err error)
}

// maxArticle is the bound on an article's text.
func (o *Options) maxArticle() int {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

// maxRecord is the bound on a JSON Lines line.
func (o *Options) maxRecord() int { return 2*o.maxArticle() + 64<<10 }

// tooLarge is the error of an article over the bound.
func (o *Options) tooLarge() error {
	return fmt.Errorf("%w: over %s", ErrTooLarge, FormatBytes(o.maxArticle()))
}

// FormatBytes writes n bytes as "4 MiB", "512 KiB" or "1000 bytes".
func FormatBytes(n int) string {
	for _, u := range []struct {
		name  string
		shift uint
	}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

func (o *Options) singleOnly() []string {
	var names []string
	for _, f := range []struct{ name, val string }{
		{"id", o.ID}, {"title", o.Title}, {"url", o.URL}, {"publisher", o.Publisher},
	} {
		if f.val != "" {
			names = append(names, f.name)
		}
	}
	return names
}

// Errors wrapped by the errors of Read.
var (
	// ErrUsage marks a call that cannot be served as asked: no input, standard input named
	// twice, an unknown format, single-article options with a multi-article input.
	ErrUsage = errors.New("usage")
	// ErrNoText marks an article whose text is empty or only white space.
	ErrNoText = errors.New("article has no text")
	// ErrInvalidJSON marks a JSON Lines line that is not valid JSON.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrInvalidRecord marks a JSON Lines line that is JSON but not an article record.
	ErrInvalidRecord = errors.New("invalid record")
	// ErrUnknownFormat marks a file whose format cannot be told from its name.
	ErrUnknownFormat = errors.New("unknown format")
	// ErrTooLarge marks an article over Options.MaxArticleBytes.
	ErrTooLarge = errors.New("article too large")
	// ErrInvalidUTF8 marks (as a warning) text whose invalid UTF-8 was replaced by U+FFFD.
	ErrInvalidUTF8 = errors.New("invalid UTF-8 replaced with U+FFFD")
	// ErrNotText marks an input that is not text: more than a tenth of it invalid UTF-8 or
	// control characters (binary or compressed data), or gzip data.
	ErrNotText = errors.New("not text")
	// ErrDeepHTML marks (as a warning) an HTML page nested deeper than 256 elements, whose tags
	// below that depth were dropped before parsing, their text kept.
	ErrDeepHTML = errors.New("HTML nested deeper than 256 elements: the tags below read as text")
	// ErrInvalidDate marks (as a warning) a publication date that could not be read.
	ErrInvalidDate = errors.New("unrecognised date")
)

// InputError is a problem with one input file or one record of it.
type InputError struct {
	Path string // file path as given or walked; "<stdin>" for standard input
	Line int    // 1-based line of the record; 0 when the error concerns the whole file
	Err  error
}

// Error returns "path:line: err", or "path: err" when Line is 0.
func (e *InputError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Path != "":
		return e.Path + ": " + e.Err.Error()
	}
	return e.Err.Error()
}

// Unwrap returns e.Err.
func (e *InputError) Unwrap() error { return e.Err }

// Read reads the articles of src and calls yield with each, in input order. An article's ID is
// opts.ID or the record's id when given, else ContentID of its text.
//
// Problems with an input or a record are *InputError values handed to opts.OnError, which
// decides whether Read goes on (see Options). Read returns the error of yield unchanged and
// stops; it returns ctx.Err() when ctx is done, and an error wrapping ErrUsage, before reading
// any article, when the source and options do not fit together.
func Read(ctx context.Context, src Source, opts Options, yield func(Article) error) error {
	r := &reader{ctx: ctx, opts: opts, yield: yield}
	items, err := r.plan(src, true)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.item(it); err != nil {
			return err
		}
	}
	return nil
}

// Check returns the error wrapping ErrUsage that Read would return for src and opts before
// reading any article (standard input named twice, single-article options with a directory or
// JSON Lines), without reading anything: a caller can check its command line before it
// creates a store. Standard input is not sniffed, so its format is taken from opts.
func Check(src Source, opts Options) error {
	r := &reader{opts: opts}
	_, err := r.plan(src, false)
	return err
}

// item is one entry of Source.Paths, classified.
type item struct {
	path    string
	format  Format // as given or by extension; for stdin, as sniffed
	dir     bool
	stdin   *bufio.Reader
	statErr error
}

type reader struct {
	ctx    context.Context
	opts   Options
	yield  func(Article) error
	single bool // the input holds a single article
}

// plan classifies the paths of src and checks the options against them; it sniffs the format
// of standard input when sniff is set.
func (r *reader) plan(src Source, sniffStdin bool) ([]item, error) {
	if len(src.Paths) == 0 {
		return nil, fmt.Errorf("%w: no input", ErrUsage)
	}
	switch r.opts.Format {
	case FormatAuto, FormatText, FormatMarkdown, FormatHTML, FormatJSONL:
	default:
		return nil, fmt.Errorf("%w: unknown format %q", ErrUsage, r.opts.Format)
	}
	items := make([]item, 0, len(src.Paths))
	multi := len(src.Paths) > 1
	seenStdin := false
	for _, p := range src.Paths {
		it := item{path: p, format: r.opts.Format}
		switch {
		case p == Stdin:
			if seenStdin {
				return nil, fmt.Errorf("%w: standard input (-) named twice", ErrUsage)
			}
			if src.Stdin == nil {
				return nil, fmt.Errorf("%w: standard input (-) named but Source.Stdin is nil", ErrUsage)
			}
			seenStdin = true
			it.path = stdinName
			if sniffStdin {
				it.stdin = bufio.NewReaderSize(src.Stdin, 64<<10)
				if it.format == FormatAuto {
					it.format = sniff(it.stdin)
				}
			}
		default:
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				it.statErr = err
			case fi.IsDir():
				it.dir = true
				multi = true
			case it.format == FormatAuto:
				it.format = formatOf(p)
			}
		}
		if it.format == FormatJSONL {
			multi = true
		}
		items = append(items, it)
	}
	if names := r.opts.singleOnly(); multi && len(names) > 0 {
		verb := "applies"
		if len(names) > 1 {
			verb = "apply"
		}
		return nil, fmt.Errorf("%w: %s %s only to a single article, but %s holds many",
			ErrUsage, andList(names), verb, describe(items))
	}
	r.single = !multi
	return items, nil
}

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// describe names a multi-article input for a usage error.
func describe(items []item) string {
	if len(items) > 1 {
		return "the input"
	}
	return items[0].path
}

// sniff tells the format of standard input by its first non-space byte: '{' is JSON Lines, '<'
// is HTML, anything else text.
func sniff(br *bufio.Reader) Format {
	start := 1
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		start += len(bom)
	}
	for n := start; n <= br.Size(); n++ {
		b, _ := br.Peek(n)
		if len(b) < n {
			break
		}
		switch b[n-1] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			continue
		case '{':
			return FormatJSONL
		case '<':
			return FormatHTML
		}
		return FormatText
	}
	return FormatText
}

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// fail hands an input error to OnError.
func (r *reader) fail(err *InputError) error {
	if r.opts.OnError == nil {
		return err
	}
	return r.opts.OnError(err)
}

// warn hands a warning to OnWarning.
func (r *reader) warn(path string, line int, err error) {
	if r.opts.OnWarning != nil {
		r.opts.OnWarning(&InputError{Path: path, Line: line, Err: err})
	}
}

func (r *reader) item(it item) error {
	switch {
	case it.statErr != nil:
		return r.fail(&InputError{Path: it.path, Err: unwrapPathError(it.statErr)})
	case it.stdin != nil:
		return r.stream(it.path, it.stdin, it.format)
	case it.dir:
		return r.walk(it.path)
	}
	if it.format == FormatAuto {
		if ext := strings.ToLower(filepath.Ext(it.path)); ext == ".gz" || ext == ".zst" || ext == ".bz2" || ext == ".xz" || ext == ".zip" {
			return r.fail(&InputError{Path: it.path, Err: fmt.Errorf("%w: compressed files (%s) are not read: decompress them first", ErrUnknownFormat, ext)})
		}
		return r.fail(&InputError{Path: it.path, Err: fmt.Errorf("%w: want .txt, .md, .html, .htm, .jsonl or .ndjson", ErrUnknownFormat)})
	}
	return r.file(it.path, it.format)
}

// unwrapPathError drops the path of a *fs.PathError, which InputError already shows.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// walk reads the files under root in lexical order, skipping hidden files and directories
// silently and files of unknown format with a warning.
func (r *reader) walk(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if ferr := r.fail(&InputError{Path: p, Err: unwrapPathError(err)}); ferr != nil {
				return ferr
			}
			return nil // a directory that cannot be listed is skipped
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		format := formatOf(p)
		if format == FormatAuto {
			r.warn(p, 0, fmt.Errorf("%w, skipped", ErrUnknownFormat))
			return nil
		}
		if !d.Type().IsRegular() {
			fi, err := os.Stat(p) // follow a symbolic link
			if err != nil {
				return r.fail(&InputError{Path: p, Err: unwrapPathError(err)})
			}
			if !fi.Mode().IsRegular() {
				r.warn(p, 0, errors.New("not a regular file, skipped"))
				return nil
			}
		}
		return r.file(p, format)
	})
}

// file reads one file of a known format.
func (r *reader) file(path string, format Format) error {
	f, err := os.Open(path)
	if err != nil {
		return r.fail(&InputError{Path: path, Err: unwrapPathError(err)})
	}
	defer f.Close()
	return r.stream(path, f, format)
}

// stream reads one input of a known format.
func (r *reader) stream(path string, rd io.Reader, format Format) error {
	if format == FormatJSONL {
		return r.jsonl(path, rd)
	}
	limit := r.opts.maxArticle() + len(bom)
	if format == FormatHTML {
		limit = max(r.opts.maxRecord(), maxHTMLBytes)
	}
	data, err := io.ReadAll(io.LimitReader(rd, int64(limit)+1))
	if err != nil {
		return r.fail(&InputError{Path: path, Err: unwrapPathError(err)})
	}
	if len(data) > limit {
		return r.fail(&InputError{Path: path, Err: r.opts.tooLarge()})
	}
	var doc extract.Document
	var warnings []error
	switch format {
	case FormatHTML:
		doc, warnings = parseHTML(data)
	default:
		if err := checkText(string(data)); err != nil {
			return r.fail(&InputError{Path: path, Err: err})
		}
		doc, warnings = parseText(data, format == FormatMarkdown)
	}
	for _, w := range warnings {
		r.warn(path, 0, w)
	}
	return r.emit(path, 0, doc)
}

// emit applies the options to doc, checks its text and yields it.
func (r *reader) emit(path string, line int, doc extract.Document) error {
	if strings.TrimSpace(doc.Text) == "" {
		return r.fail(&InputError{Path: path, Line: line, Err: ErrNoText})
	}
	if err := checkText(doc.Text); err != nil {
		return r.fail(&InputError{Path: path, Line: line, Err: err})
	}
	if len(doc.Text) > r.opts.maxArticle() {
		return r.fail(&InputError{Path: path, Line: line, Err: r.opts.tooLarge()})
	}
	o := &r.opts
	if r.single {
		doc.ID = or(o.ID, doc.ID)
		doc.Title = or(o.Title, doc.Title)
		doc.URL = or(o.URL, doc.URL)
		doc.Publisher = or(o.Publisher, doc.Publisher)
		if !o.Published.IsZero() {
			doc.Published = o.Published
		}
	} else if doc.Published.IsZero() {
		doc.Published = o.Published
	}
	if doc.ID == "" {
		doc.ID = ContentID(doc.Text)
	}
	origin := path
	if line > 0 {
		origin = fmt.Sprintf("%s:%d", path, line)
	}
	return r.yield(Article{Document: doc, Origin: origin})
}

// or returns a if not empty, else b.
func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
