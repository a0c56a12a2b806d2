package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/diplograph/diplograph/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// result is everything one Read produced.
type result struct {
	articles []Article
	errs     []error // handed to OnError, which skips them
	warnings []error
	err      error // returned by Read
}

// read runs Read, collecting articles, errors and warnings. When opts.OnError is nil it skips
// and collects every input error.
func read(tb testing.TB, src Source, opts Options) result {
	tb.Helper()
	var res result
	if opts.OnError == nil {
		opts.OnError = func(err error) error {
			res.errs = append(res.errs, err)
			return nil
		}
	}
	opts.OnWarning = func(err error) { res.warnings = append(res.warnings, err) }
	res.err = Read(context.Background(), src, opts, func(a Article) error {
		res.articles = append(res.articles, a)
		return nil
	})
	return res
}

// stdin is a Source reading s from standard input.
func stdin(s string) Source {
	return Source{Paths: []string{Stdin}, Stdin: strings.NewReader(s)}
}

func paths(p ...string) Source { return Source{Paths: p} }

// messages returns the messages of errs.
func messages(errs []error) []string {
	var m []string
	for _, err := range errs {
		m = append(m, err.Error())
	}
	return m
}

// newsJSONL is what testdata/news.jsonl holds, its undated line dated undated.
func newsJSONL(undated time.Time) []Article {
	return []Article{
		{Origin: "testdata/news.jsonl:1", Document: extract.Document{
			ID: "n1", Title: "Ministers meet", Text: "The ministers met in Geneva.", URL: "https://news.example/1",
			Publisher: "Example News", Published: date("2023-05-04T00:00:00Z"),
		}},
		{Origin: "testdata/news.jsonl:3", Document: extract.Document{
			ID: "42", Text: "Numeric id and an RFC 3339 date.", Published: date("2023-05-04T09:30:00+02:00"),
		}},
		{Origin: "testdata/news.jsonl:4", Document: extract.Document{
			ID: ContentID("No id: the content hash is used."), Text: "No id: the content hash is used.",
			Published: date("2023-05-04T00:00:00Z"),
		}},
		{Origin: "testdata/news.jsonl:6", Document: extract.Document{ID: "n4", Text: "No date at all.", Published: undated}},
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name string
		src  Source
		opts Options
		want []Article
	}{
		{
			name: "text with title",
			src:  paths("testdata/article.txt"),
			want: []Article{{Origin: "testdata/article.txt", Document: extract.Document{
				Title: "Arland and Beland agree to resume talks",
				Text:  "The foreign ministers of Arland and Beland agreed on Thursday to resume talks.\n  Indented line kept as is.\n\nSecond paragraph.\n",
			}}},
		},
		{
			name: "text whose first line is a lead sentence",
			src:  paths("testdata/lead.txt"),
			want: []Article{{Origin: "testdata/lead.txt", Document: extract.Document{
				Text: "The foreign ministers of Arland and Beland agreed on Thursday to resume talks.\n\nThey will meet again in June.\n",
			}}},
		},
		{
			name: "markdown",
			src:  paths("testdata/article.md"),
			want: []Article{{Origin: "testdata/article.md", Document: extract.Document{
				Title: "Ministers meet in Geneva",
				Text:  "The ministers met in **Geneva** on Friday.\n\n- point one\n- point two\n",
			}}},
		},
		{name: "jsonl", src: paths("testdata/news.jsonl"), want: newsJSONL(time.Time{})},
		{
			name: "jsonl default date",
			src:  paths("testdata/news.jsonl"),
			opts: Options{Published: date("2024-01-02T00:00:00Z")},
			want: newsJSONL(date("2024-01-02T00:00:00Z")),
		},
		{
			name: "single-article options",
			src:  paths("testdata/article.md"),
			opts: Options{ID: "my-id", Title: "Given title", URL: "https://given.example/", Publisher: "Given",
				Published: date("2022-02-02T00:00:00Z")},
			want: []Article{{Origin: "testdata/article.md", Document: extract.Document{
				ID: "my-id", Title: "Given title", URL: "https://given.example/", Publisher: "Given",
				Published: date("2022-02-02T00:00:00Z"),
				Text:      "The ministers met in **Geneva** on Friday.\n\n- point one\n- point two\n",
			}}},
		},
		{
			name: "explicit format overrides the extension",
			src:  paths("testdata/article.md"),
			opts: Options{Format: FormatText},
			want: []Article{{Origin: "testdata/article.md", Document: extract.Document{
				Title: "# Ministers meet in Geneva",
				Text:  "The ministers met in **Geneva** on Friday.\n\n- point one\n- point two\n",
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, tt.opts)
			if res.err != nil || res.errs != nil || res.warnings != nil {
				t.Fatalf("Read: err %v, input errors %v, warnings %v", res.err, res.errs, res.warnings)
			}
			for i := range tt.want {
				if tt.want[i].ID == "" {
					tt.want[i].ID = ContentID(tt.want[i].Text)
				}
			}
			if diff := cmp.Diff(tt.want, res.articles); diff != "" {
				t.Errorf("Read(%v) mismatch (-want +got):\n%s", tt.src.Paths, diff)
			}
		})
	}
}

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name      string
		format    Format
		in        string
		wantTitle string
		wantText  string
	}{
		{"title", FormatText, "Headline\n\nBody.\n", "Headline", "Body.\n"},
		{"no blank line", FormatText, "Headline\nBody.\n", "", "Headline\nBody.\n"},
		{"blank line of spaces", FormatText, "Headline \n \t\nBody.", "Headline", "Body."},
		{"single line", FormatText, "Only one line.", "", "Only one line."},
		{"lead sentence", FormatText, "A lead sentence.\n\nBody.", "", "A lead sentence.\n\nBody."},
		{"question headline", FormatText, "Is peace near?\n\nBody.", "Is peace near?", "Body."},
		{"too long for a title", FormatText, strings.Repeat("word ", 50) + "\n\nBody.", "", strings.Repeat("word ", 50) + "\n\nBody."},
		{"blank first line", FormatText, "\n\nBody.", "", "\n\nBody."},
		{"crlf", FormatText, "Headline\r\n\r\nLine one\r\nLine two\r\n", "Headline", "Line one\nLine two\n"},
		{"lone cr kept", FormatText, "Body\rmore", "", "Body\rmore"},
		{"byte order mark", FormatText, "\uFEFFHeadline\n\nBody.", "Headline", "Body."},
		{"markdown heading", FormatMarkdown, "# Headline\n\nBody.", "Headline", "Body."},
		{"markdown without heading", FormatMarkdown, "Headline\n\nBody.", "Headline", "Body."},
		{"markdown second-level heading kept", FormatMarkdown, "## Headline\n\nBody.", "## Headline", "Body."},
		{"text keeps the hash", FormatText, "# Headline\n\nBody.", "# Headline", "Body."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{Format: tt.format})
			if res.err != nil || len(res.errs) > 0 || len(res.articles) != 1 {
				t.Fatalf("Read(%q) = %d articles, err %v, input errors %v", tt.in, len(res.articles), res.err, res.errs)
			}
			a := res.articles[0]
			if a.Title != tt.wantTitle || a.Text != tt.wantText {
				t.Errorf("Read(%q) = title %q, text %q; want %q, %q", tt.in, a.Title, a.Text, tt.wantTitle, tt.wantText)
			}
		})
	}
}

func TestHTMLPage(t *testing.T) {
	// Boilerplate of the sample pages that must not reach the text.
	boilerplate := []string{
		"cookies", "Politics", "Sport", "Share on", "Jane Reporter", "READ MORE", "Soldiers killed",
		"what you need to know", "Related stories", "Ceasefire holds", "Comments", "Join the conversation",
		"All rights reserved", "Terms of use", "analytics", "font-family",
	}
	for _, name := range []string{"news.html", "news-bare.html"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			res := read(t, paths(path), Options{})
			if res.err != nil || res.errs != nil || res.warnings != nil || len(res.articles) != 1 {
				t.Fatalf("Read(%s) = %d articles, err %v, input errors %v, warnings %v", path, len(res.articles), res.err, res.errs, res.warnings)
			}
			a := res.articles[0]
			want := extract.Document{
				Title:     "Ministers agree to resume border talks",
				URL:       "https://herald.example/world/2023/05/ministers-resume-talks",
				Publisher: "The Example Herald",
				Published: date("2023-05-04T09:30:00+02:00"),
			}
			got := a.Document
			got.ID, got.Text = "", ""
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read(%s) metadata mismatch (-want +got):\n%s", path, diff)
			}
			for _, b := range boilerplate {
				if strings.Contains(a.Text, b) {
					t.Errorf("Read(%s) text holds boilerplate %q", path, b)
				}
			}
			if n := strings.Count(a.Text, "\n\n"); n != 3 {
				t.Errorf("Read(%s) text has %d paragraph breaks, want 3", path, n)
			}
			golden(t, path+".golden", a.Text)
		})
	}
}

// golden compares got with the file path, or rewrites it with -update.
func golden(tb testing.TB, path, got string) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		tb.Errorf("text differs from %s (-want +got):\n%s", path, diff)
	}
}

func TestHTMLMeta(t *testing.T) {
	const body = `<body><article><p>The foreign ministers of Arland and Beland agreed on Thursday to resume talks on their disputed border.</p></article></body>`
	page := func(head string) string { return "<!DOCTYPE html><html><head>" + head + "</head>" + body + "</html>" }
	tests := []struct {
		name         string
		in           string
		want         extract.Document // Text and ID not compared
		wantWarnings int
	}{
		{"no metadata", page(""), extract.Document{}, 0},
		{"article:published_time", page(`<meta property="article:published_time" content="2023-05-04T09:30:00Z">`),
			extract.Document{Published: date("2023-05-04T09:30:00Z")}, 0},
		{"og:published_time", page(`<meta property="og:published_time" content="2023-05-05">`),
			extract.Document{Published: date("2023-05-05T00:00:00Z")}, 0},
		{"json-ld", page(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2023-05-06T10:00:00Z"}</script>`),
			extract.Document{Published: date("2023-05-06T10:00:00Z")}, 0},
		{"json-ld graph", page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-05-07"}]}</script>`),
			extract.Document{Published: date("2023-05-07T00:00:00Z")}, 0},
		{"json-ld invalid", page(`<script type="application/ld+json">{oops</script>`), extract.Document{}, 0},
		{"itemprop datePublished", page(`<meta itemprop="datePublished" content="2023-05-08">`),
			extract.Document{Published: date("2023-05-08T00:00:00Z")}, 0},
		{"pubdate", page(`<meta name="pubdate" content="2023-05-09T08:00:00Z">`),
			extract.Document{Published: date("2023-05-09T08:00:00Z")}, 0},
		{"date", page(`<meta name="date" content="Tue, 09 May 2023 08:00:00 GMT">`),
			extract.Document{Published: date("2023-05-09T08:00:00Z")}, 0},
		{"DC.date.issued", page(`<meta name="DC.date.issued" content="2023-05-10">`),
			extract.Document{Published: date("2023-05-10T00:00:00Z")}, 0},
		{"time datetime", "<html><body><article><time datetime=\"2023-05-11\">11 May</time><p>The foreign ministers of Arland and Beland agreed to resume talks.</p></article></body></html>",
			extract.Document{Published: date("2023-05-11T00:00:00Z")}, 0},
		{"time pubdate wins", "<html><body><time datetime=\"2023-01-01\">menu</time><article><time pubdate datetime=\"2023-05-12\">12 May</time><p>The foreign ministers of Arland and Beland agreed to resume talks.</p></article></body></html>",
			extract.Document{Published: date("2023-05-12T00:00:00Z")}, 0},
		{"article:published_time wins over json-ld", page(`<script type="application/ld+json">{"datePublished":"2020-01-01"}</script><meta property="article:published_time" content="2023-05-13">`),
			extract.Document{Published: date("2023-05-13T00:00:00Z")}, 0},
		{"unreadable date falls through", page(`<meta property="article:published_time" content="last Tuesday"><meta name="date" content="2023-05-14">`),
			extract.Document{Published: date("2023-05-14T00:00:00Z")}, 1},
		{"og:title over title", page(`<title>Talks | Herald</title><meta property="og:title" content="Talks resume">`),
			extract.Document{Title: "Talks resume"}, 0},
		{"title element", page(`<title>Talks   resume</title>`), extract.Document{Title: "Talks resume"}, 0},
		{"og:url over canonical", page(`<link rel="canonical" href="https://a.example/c"><meta property="og:url" content="https://a.example/og">`),
			extract.Document{URL: "https://a.example/og"}, 0},
		{"canonical", page(`<link rel="Canonical" href="https://a.example/c">`), extract.Document{URL: "https://a.example/c"}, 0},
		{"og:site_name", page(`<meta property="og:site_name" content="The Herald">`), extract.Document{Publisher: "The Herald"}, 0},
		{"json-ld publisher", page(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","publisher":{"name":"Herald Ltd"}}</script>`),
			extract.Document{Publisher: "Herald Ltd"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{})
			if res.err != nil || res.errs != nil || len(res.articles) != 1 {
				t.Fatalf("Read = %d articles, err %v, input errors %v", len(res.articles), res.err, res.errs)
			}
			got := res.articles[0].Document
			if !strings.Contains(got.Text, "ministers of Arland and Beland agreed") {
				t.Errorf("Read text = %q, want the paragraph", got.Text)
			}
			got.ID, got.Text = "", ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read metadata mismatch (-want +got):\n%s", diff)
			}
			if len(res.warnings) != tt.wantWarnings {
				t.Errorf("Read warnings = %v, want %d", res.warnings, tt.wantWarnings)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		want         string
		wantWarnings int
	}{
		{"utf-8 undeclared", "<html><body><p>" + strings.Repeat("x", 1100) + " Zürich talks</p></body></html>", "Zürich talks", 0},
		{"windows-1252 declared", "<html><head><meta charset=\"windows-1252\"></head><body><p>Z\xfcrich talks \x93quoted\x94</p></body></html>", "Zürich talks “quoted”", 0},
		{"latin-1 undeclared", "<html><body><p>Z\xfcrich talks</p></body></html>", "Zürich talks", 0},
		{"invalid utf-8 declared utf-8", "<html><head><meta charset=\"utf-8\"></head><body><p>Z\xfcrich talks</p></body></html>", "Z\uFFFDrich talks", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{})
			if res.err != nil || res.errs != nil || len(res.articles) != 1 {
				t.Fatalf("Read = %d articles, err %v, input errors %v", len(res.articles), res.err, res.errs)
			}
			if got := res.articles[0].Text; !strings.Contains(got, tt.want) {
				t.Errorf("Read text = %q, want it to hold %q", got, tt.want)
			}
			if len(res.warnings) != tt.wantWarnings {
				t.Errorf("Read warnings = %v, want %d", res.warnings, tt.wantWarnings)
			}
		})
	}
}

func TestJSONLErrors(t *testing.T) {
	const path = "testdata/bad.jsonl"
	t.Run("skip and go on", func(t *testing.T) {
		res := read(t, paths(path), Options{})
		if res.err != nil {
			t.Fatalf("Read(%s) = %v", path, res.err)
		}
		var ids []string
		for _, a := range res.articles {
			ids = append(ids, a.ID)
		}
		if want := []string{"b1", "b2", "b4", "b8"}; !cmp.Equal(ids, want) {
			t.Errorf("Read(%s) ids = %v, want %v", path, ids, want)
		}
		want := []string{
			"testdata/bad.jsonl:3: invalid JSON: unexpected end of JSON input",
			"testdata/bad.jsonl:5: article has no text",
			"testdata/bad.jsonl:6: invalid record: want a JSON object, got array",
			`testdata/bad.jsonl:7: invalid record: field "text": want a string, got number`,
		}
		if diff := cmp.Diff(want, messages(res.errs)); diff != "" {
			t.Errorf("Read(%s) errors mismatch (-want +got):\n%s", path, diff)
		}
		var ie *InputError
		if !errors.As(res.errs[0], &ie) || ie.Path != path || ie.Line != 3 || !errors.Is(ie, ErrInvalidJSON) {
			t.Errorf("Read(%s) first error = %#v, want *InputError at line 3 wrapping ErrInvalidJSON", path, res.errs[0])
		}
		if !errors.Is(res.errs[1], ErrNoText) {
			t.Errorf("Read(%s) second error = %v, want ErrNoText", path, res.errs[1])
		}
	})
	t.Run("stop at the first", func(t *testing.T) {
		var n int
		err := Read(context.Background(), paths(path), Options{}, func(Article) error { n++; return nil })
		var ie *InputError
		if !errors.As(err, &ie) || ie.Line != 3 || n != 2 {
			t.Errorf("Read(%s) = %v after %d articles, want the error of line 3 after 2", path, err, n)
		}
	})
	t.Run("OnError stops", func(t *testing.T) {
		stop := errors.New("stop")
		var n int
		err := Read(context.Background(), paths(path), Options{OnError: func(error) error { return stop }},
			func(Article) error { n++; return nil })
		if err != stop || n != 2 {
			t.Errorf("Read(%s) = %v after %d articles, want %v after 2", path, err, n, stop)
		}
	})
}

func TestJSONLLongLine(t *testing.T) {
	text := strings.Repeat("Ministers met in Geneva. ", 200_000) // 5 MB, far past bufio's 64 KiB
	in := `{"id":"long","text":"` + text + "\"}\r\n" + `{"id":"next","text":"short"}`
	res := read(t, stdin(in), Options{MaxArticleBytes: 8 << 20})
	if res.err != nil || res.errs != nil || len(res.articles) != 2 {
		t.Fatalf("Read = %d articles, err %v, input errors %v", len(res.articles), res.err, res.errs)
	}
	if a := res.articles[0]; a.Text != text || a.Origin != "<stdin>:1" {
		t.Errorf("Read first article = %d bytes from %s, want %d from <stdin>:1", len(a.Text), a.Origin, len(text))
	}
	if a := res.articles[1]; a.ID != "next" || a.Origin != "<stdin>:2" {
		t.Errorf("Read second article = %q from %s, want next from <stdin>:2", a.ID, a.Origin)
	}
}

func TestReadLine(t *testing.T) {
	const max = 40
	in := "short\n" + strings.Repeat("a", 30) + "\r\n" + strings.Repeat("b", 50) + "\nafter\nlast"
	br := bufio.NewReaderSize(strings.NewReader(in), 16)
	var buf []byte
	type line struct {
		Text    string
		TooLong bool
	}
	var got []line
	for {
		b, tooLong, err := readLine(br, &buf, max)
		if tooLong {
			b = nil
		}
		if len(b) > 0 || tooLong || err == nil {
			got = append(got, line{string(b), tooLong})
		}
		if err != nil {
			break
		}
	}
	want := []line{{"short", false}, {strings.Repeat("a", 30), false}, {"", true}, {"after", false}, {"last", false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readLine mismatch (-want +got):\n%s", diff)
	}
}

func TestWalk(t *testing.T) {
	res := read(t, paths("testdata/tree"), Options{})
	if res.err != nil || res.errs != nil {
		t.Fatalf("Read(testdata/tree): err %v, input errors %v", res.err, res.errs)
	}
	var origins []string
	for _, a := range res.articles {
		origins = append(origins, a.Origin)
	}
	want := []string{
		"testdata/tree/a/1.html", "testdata/tree/a/2.md", "testdata/tree/b.txt",
		"testdata/tree/c.jsonl:1", "testdata/tree/c.jsonl:2",
	}
	if diff := cmp.Diff(want, origins); diff != "" {
		t.Errorf("Read(testdata/tree) order mismatch (-want +got):\n%s", diff)
	}
	wantWarnings := []string{"testdata/tree/notes.pdf: unknown format, skipped"}
	if diff := cmp.Diff(wantWarnings, messages(res.warnings)); diff != "" {
		t.Errorf("Read(testdata/tree) warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		format   Format
		wantText []string
	}{
		{"jsonl", " \n {\"text\":\"one\"}\n{\"text\":\"two\"}\n", FormatAuto, []string{"one", "two"}},
		{"jsonl after a byte order mark", "\uFEFF{\"text\":\"one\"}", FormatAuto, []string{"one"}},
		{"html", "\n\n<!DOCTYPE html><html><body><p>Hello from the page.</p></body></html>", FormatAuto, []string{"Hello from the page."}},
		{"text", "Hello\nworld", FormatAuto, []string{"Hello\nworld"}},
		{"text starting with a bracket", "[Update] Talks resume", FormatAuto, []string{"[Update] Talks resume"}},
		{"format overrides", "{\"text\":\"one\"}", FormatText, []string{"{\"text\":\"one\"}"}},
		{"html as text", "<p>x</p>", FormatText, []string{"<p>x</p>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{Format: tt.format})
			if res.err != nil || res.errs != nil {
				t.Fatalf("Read(%q): err %v, input errors %v", tt.in, res.err, res.errs)
			}
			var got []string
			for _, a := range res.articles {
				got = append(got, a.Text)
			}
			if diff := cmp.Diff(tt.wantText, got); diff != "" {
				t.Errorf("Read(%q) texts mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		src  Source
		opts Options
		want string
	}{
		{"no input", Source{}, Options{}, "usage: no input"},
		{"title with jsonl", paths("testdata/news.jsonl"), Options{Title: "T"},
			"usage: title applies only to a single article, but testdata/news.jsonl holds many"},
		{"id and url with a directory", paths("testdata/tree"), Options{ID: "x", URL: "u"},
			"usage: id and url apply only to a single article, but testdata/tree holds many"},
		{"publisher with two files", paths("testdata/article.txt", "testdata/article.md"), Options{Publisher: "P"},
			"usage: publisher applies only to a single article, but the input holds many"},
		{"title with jsonl on stdin", stdin(`{"text":"x"}`), Options{Title: "T"},
			"usage: title applies only to a single article, but <stdin> holds many"},
		{"title with forced jsonl", paths("testdata/article.txt"), Options{Format: FormatJSONL, Title: "T"},
			"usage: title applies only to a single article, but testdata/article.txt holds many"},
		{"stdin twice", Source{Paths: []string{"-", "-"}, Stdin: strings.NewReader("")}, Options{},
			"usage: standard input (-) named twice"},
		{"stdin without reader", Source{Paths: []string{"-"}}, Options{},
			"usage: standard input (-) named but Source.Stdin is nil"},
		{"bad format", paths("testdata/article.txt"), Options{Format: "pdf"}, `usage: unknown format "pdf"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, tt.opts)
			if !errors.Is(res.err, ErrUsage) || res.err.Error() != tt.want || res.articles != nil {
				t.Errorf("Read = %v (%d articles), want %q wrapping ErrUsage", res.err, len(res.articles), tt.want)
			}
		})
	}
	t.Run("date with jsonl is a default", func(t *testing.T) {
		res := read(t, paths("testdata/news.jsonl"), Options{Published: date("2024-01-02T00:00:00Z")})
		if res.err != nil || len(res.articles) != 4 {
			t.Errorf("Read = %v (%d articles), want 4 articles", res.err, len(res.articles))
		}
	})
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name   string
		src    Source
		want   []string
		wantIs error
	}{
		{"missing file", paths("testdata/missing.txt"), []string{"testdata/missing.txt: no such file or directory"}, os.ErrNotExist},
		{"unknown extension", paths("testdata/tree/notes.pdf"),
			[]string{"testdata/tree/notes.pdf: unknown format: want .txt, .md, .html, .htm, .jsonl or .ndjson"}, ErrUnknownFormat},
		{"empty text", stdin("  \n\t\n"), []string{"<stdin>: article has no text"}, ErrNoText},
		{"title only", stdin("Headline\n\n"), []string{"<stdin>: article has no text"}, ErrNoText},
		{"empty html", stdin("<html><head><title>Nothing</title></head><body> <script>x()</script> </body></html>"), []string{"<stdin>: article has no text"}, ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.src, Options{})
			if res.err != nil || res.articles != nil {
				t.Fatalf("Read = %v (%d articles), want no error and no article", res.err, len(res.articles))
			}
			if diff := cmp.Diff(tt.want, messages(res.errs)); diff != "" {
				t.Errorf("Read errors mismatch (-want +got):\n%s", diff)
			}
			if !errors.Is(res.errs[0], tt.wantIs) {
				t.Errorf("Read error %v, want it to wrap %v", res.errs[0], tt.wantIs)
			}
		})
	}
	t.Run("partial ingest", func(t *testing.T) {
		res := read(t, paths("testdata/missing.txt", "testdata/article.txt"), Options{})
		if res.err != nil || len(res.errs) != 1 || len(res.articles) != 1 {
			t.Errorf("Read = %v, %d input errors, %d articles; want nil, 1, 1", res.err, len(res.errs), len(res.articles))
		}
	})
}

func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		format   Format
		wantText string
		wantWarn string
	}{
		{"text", "Bad \xff byte", FormatText, "Bad \uFFFD byte", "<stdin>: invalid UTF-8 replaced with U+FFFD"},
		{"jsonl", "{\"text\":\"Bad \xff byte\"}", FormatJSONL, "Bad \uFFFD byte", "<stdin>:1: invalid UTF-8 replaced with U+FFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{Format: tt.format})
			if res.err != nil || res.errs != nil || len(res.articles) != 1 {
				t.Fatalf("Read(%q) = %d articles, err %v, input errors %v", tt.in, len(res.articles), res.err, res.errs)
			}
			if got := res.articles[0].Text; got != tt.wantText {
				t.Errorf("Read(%q) text = %q, want %q", tt.in, got, tt.wantText)
			}
			if diff := cmp.Diff([]string{tt.wantWarn}, messages(res.warnings)); diff != "" {
				t.Errorf("Read(%q) warnings mismatch (-want +got):\n%s", tt.in, diff)
			}
			if !errors.Is(res.warnings[0], ErrInvalidUTF8) {
				t.Errorf("Read(%q) warning %v, want it to wrap ErrInvalidUTF8", tt.in, res.warnings[0])
			}
		})
	}
}

func TestReadStops(t *testing.T) {
	t.Run("yield error", func(t *testing.T) {
		stop := errors.New("stop")
		var n int
		err := Read(context.Background(), paths("testdata/news.jsonl"), Options{}, func(Article) error {
			n++
			return stop
		})
		if err != stop || n != 1 {
			t.Errorf("Read = %v after %d articles, want %v after 1", err, n, stop)
		}
	})
	t.Run("canceled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var n int
		err := Read(ctx, paths("testdata/news.jsonl"), Options{}, func(Article) error {
			n++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("Read = %v after %d articles, want context.Canceled after 1", err, n)
		}
	})
}

func TestContentID(t *testing.T) {
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return "sha256-" + hex.EncodeToString(h[:8])
	}
	long := strings.Repeat("Ministers met in Geneva.  \n", 1000)
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", sum("")},
		{"plain", "a b", sum("a b")},
		{"collapsed and trimmed", "  a \t\n b\u00a0 ", sum("a b")},
		{"longer than the buffer", long, sum(strings.Join(strings.Fields(long), " "))},
		{"one long word", strings.Repeat("x", 10000), sum(strings.Repeat("x", 10000))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ContentID(tt.in); got != tt.want {
				t.Errorf("ContentID(%.40q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"2023-05-04", date("2023-05-04T00:00:00Z"), false},
		{" 2023-05-04T09:30:00+02:00 ", date("2023-05-04T09:30:00+02:00"), false},
		{"2023-05-04T09:30:00.123Z", time.Date(2023, 5, 4, 9, 30, 0, 123e6, time.UTC), false},
		{"2023-05-04 09:30:00", date("2023-05-04T09:30:00Z"), false},
		{"Thu, 04 May 2023 09:30:00 GMT", date("2023-05-04T09:30:00Z"), false},
		{"May 4, 2023", date("2023-05-04T00:00:00Z"), false},
		{"4 May 2023", date("2023-05-04T00:00:00Z"), false},
		{"2023/05/04", date("2023-05-04T00:00:00Z"), false},
		{"05/04/2023", date("2023-05-04T00:00:00Z"), false},
		{"31/03/2023", date("2023-03-31T00:00:00Z"), false},
		{"1683192600", date("2023-05-04T09:30:00Z"), false},
		{"last Tuesday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, error %t", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrInvalidDate) {
				t.Errorf("ParseDate(%q) error %v, want it to wrap ErrInvalidDate", tt.in, err)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"", FormatAuto, false}, {"auto", FormatAuto, false}, {"txt", FormatText, false}, {".md", FormatMarkdown, false},
		{"HTML", FormatHTML, false}, {"htm", FormatHTML, false}, {"ndjson", FormatJSONL, false}, {"jsonl", FormatJSONL, false},
		{"pdf", FormatAuto, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFormat(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %t", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestDeepHTML reads a page of 100,000 nested divs: readability took over 100 s on 20,000
// before the nesting was cut at maxHTMLDepth. The text of the deep paragraphs is kept, one a
// line, with a warning.
func TestDeepHTML(t *testing.T) {
	const n = 100_000
	var b strings.Builder
	b.WriteString("<html><head><title>Deep</title></head><body>")
	for i := range n {
		b.WriteString("<div>")
		if i == n/2 {
			b.WriteString("<p>France and Germany held talks in Berlin on Monday.</p><p>Spain <b>agreed</b> to join them.</p>")
		}
	}
	b.WriteString("<p>Italy recalled its ambassador to Russia.</p><script>var x = 1;</script>")
	b.WriteString(strings.Repeat("</div>", n))
	b.WriteString("</body></html>")
	start := time.Now()
	res := read(t, stdin(b.String()), Options{})
	took := time.Since(start)
	if res.err != nil || res.errs != nil || len(res.articles) != 1 {
		t.Fatalf("Read = %d articles, err %v, input errors %v", len(res.articles), res.err, res.errs)
	}
	if took > 20*time.Second {
		t.Errorf("Read of %d nested divs took %v", n, took)
	}
	text := res.articles[0].Text
	for _, want := range []string{"France and Germany held talks in Berlin on Monday.\n", "Spain agreed to join them.\n", "Italy recalled its ambassador to Russia."} {
		if !strings.Contains(text, want) {
			t.Errorf("Read text = %q, want it to hold %q", text, want)
		}
	}
	if strings.Contains(text, "var x") {
		t.Errorf("Read text = %q holds the script", text)
	}
	if len(res.warnings) != 1 || !errors.Is(res.warnings[0], ErrDeepHTML) {
		t.Errorf("Read warnings = %v, want one ErrDeepHTML", res.warnings)
	}
	t.Logf("%d nested divs read in %v", n, took)
}

// TestCapNesting: a page within the depth comes back as it was, byte for byte; cut at depth 3,
// a page keeps its text and its scripts.
func TestCapNesting(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	if len(files) == 0 {
		t.Fatal("no testdata/*.html")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if out, deep := capNesting(data, maxHTMLDepth); deep || string(out) != string(data) {
			t.Errorf("capNesting(%s) changed the page (deep %v)", f, deep)
		}
	}
	in := "<html><body><div><div><p>One <i>two</i></p><script>if (a<b) {}</script><p>three<br>four</p></div></div></body></html>"
	want := "<html><body><div><br><br>One two<br><script>if (a<b) {}</script><br>three<br>four<br><br></div></body></html>"
	if out, deep := capNesting([]byte(in), 3); string(out) != want || !deep {
		t.Errorf("capNesting(%q, 3) = %q, %v, want %q, true", in, out, deep, want)
	}
}

// TestMaxArticleBytes: an article over the bound is rejected, named by file and line, and the
// next one is read; a text file over it is not read past the bound.
func TestMaxArticleBytes(t *testing.T) {
	text := strings.Repeat("Ministers met in Geneva. ", 100) // 2,500 bytes
	tests := []struct {
		name   string
		in     string
		format Format
		want   []string // input errors
		ids    []string // articles read
	}{
		{"jsonl text", `{"id":"long","text":"` + text + `"}` + "\n" + `{"id":"next","text":"short"}`, FormatJSONL,
			[]string{"<stdin>:1: article too large: over 2 KiB"}, []string{"next"}},
		{"jsonl line", `{"id":"long","text":"` + strings.Repeat(`\u0041`, 20000) + `"}` + "\n" + `{"id":"next","text":"short"}`, FormatJSONL,
			[]string{"<stdin>:1: article too large: over 2 KiB"}, []string{"next"}},
		{"text", text, FormatText, []string{"<stdin>: article too large: over 2 KiB"}, nil},
		{"html", "<html><body><p>" + text + "</p></body></html>", FormatHTML, []string{"<stdin>: article too large: over 2 KiB"}, nil},
		{"within", text[:2000], FormatText, nil, []string{ContentID(text[:2000])}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, stdin(tt.in), Options{Format: tt.format, MaxArticleBytes: 2 << 10})
			if res.err != nil {
				t.Fatalf("Read = %v", res.err)
			}
			if diff := cmp.Diff(tt.want, messages(res.errs)); diff != "" {
				t.Errorf("Read errors mismatch (-want +got):\n%s", diff)
			}
			for _, err := range res.errs {
				if !errors.Is(err, ErrTooLarge) {
					t.Errorf("Read error %v, want it to wrap ErrTooLarge", err)
				}
			}
			var ids []string
			for _, a := range res.articles {
				ids = append(ids, a.ID)
			}
			if !cmp.Equal(ids, tt.ids) {
				t.Errorf("Read ids = %v, want %v", ids, tt.ids)
			}
		})
	}
}

// TestNotText: binary and compressed data are rejected, named, whatever their extension; text
// with a few bad bytes is read with a warning.
func TestNotText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(strings.Repeat("Ministers met in Geneva. ", 100)))
	w.Close()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"random bytes", write("random.txt", random), "random.txt: not text: "},
		{"gzip as text", write("news.txt", gz.Bytes()), "news.txt: not text: gzip-compressed data"},
		{"gz file", write("news.txt.gz", gz.Bytes()), "news.txt.gz: unknown format: compressed files (.gz) are not read"},
		{"control characters in JSON", write("ctl.jsonl", []byte(`{"id":"c","text":"`+strings.Repeat(`\u0001ab`, 100)+`"}`+"\n")), "ctl.jsonl:1: not text: 33% of its characters"},
		{"html", write("bin.html", append([]byte("<html><body><p>"), append(random, "</p></body></html>"...)...)), "bin.html: not text: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, paths(tt.path), Options{})
			if res.err != nil || len(res.articles) != 0 || len(res.errs) != 1 {
				t.Fatalf("Read(%s) = %v, %d articles, input errors %v; want one input error", tt.path, res.err, len(res.articles), res.errs)
			}
			if msg := res.errs[0].Error(); !strings.Contains(msg, tt.want) {
				t.Errorf("Read(%s) error %q, want it to hold %q", tt.path, msg, tt.want)
			}
		})
	}
	t.Run("a few bad bytes", func(t *testing.T) {
		res := read(t, stdin("Ministers met in Gen\xe8ve on Monday, and again on Tuesday."), Options{})
		if res.err != nil || len(res.articles) != 1 || len(res.warnings) != 1 || !errors.Is(res.warnings[0], ErrInvalidUTF8) {
			t.Errorf("Read = %v, %d articles, warnings %v; want the article and an ErrInvalidUTF8 warning", res.err, len(res.articles), res.warnings)
		}
	})
}

// TestJSONLDeepField: a record is read whatever the nesting of a field it ignores (encoding/json
// stops at 10,000 levels); the fields it reads are read as before, case and all.
func TestJSONLDeepField(t *testing.T) {
	deep := strings.Repeat(`{"a":[`, 20000) + "1" + strings.Repeat("]}", 20000)
	in := `{"id":"d1","extra":` + deep + `,"TEXT":"Chile and Peru met.","published":"2023-05-04"}` + "\n" +
		`{"id":"d2","text":` + deep + `}` + "\n" +
		`{"id":"d3","extra":` + deep + `,"text":"Broken." ` + "\n" +
		`{"id":"d4","text":"Fine."}` + "\n"
	res := read(t, stdin(in), Options{})
	if res.err != nil {
		t.Fatalf("Read = %v", res.err)
	}
	var ids []string
	for _, a := range res.articles {
		ids = append(ids, a.ID)
	}
	if want := []string{"d1", "d4"}; !cmp.Equal(ids, want) {
		t.Errorf("Read ids = %v, want %v (errors %v)", ids, want, res.errs)
	}
	if len(res.articles) > 0 {
		if a := res.articles[0]; a.Text != "Chile and Peru met." || !a.Published.Equal(date("2023-05-04T00:00:00Z")) {
			t.Errorf("Read d1 = %q published %v", a.Text, a.Published)
		}
	}
	if got := messages(res.errs); len(got) != 2 || !strings.HasPrefix(got[0], "<stdin>:2: ") || !strings.HasPrefix(got[1], "<stdin>:3: invalid JSON") {
		t.Errorf("Read errors = %q, want lines 2 and 3", got)
	}
}
