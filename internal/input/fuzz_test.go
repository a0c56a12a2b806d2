package input

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addFiles adds the sample files of testdata matching pattern to the seed corpus of f, each
// followed by the values of more. Edge cases are in testdata/fuzz/NAME.
func addFiles(f *testing.F, pattern string, more ...any) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]any{data}, more...)...)
	}
}

// fuzzRead reads data from standard input in format and checks what comes out: only
// *InputError values, and articles with an ID and valid UTF-8 throughout.
func fuzzRead(t *testing.T, data []byte, format Format) (articles []Article, errs []error) {
	t.Helper()
	src := Source{Paths: []string{Stdin}, Stdin: bytes.NewReader(data)}
	opts := Options{
		Format:    format,
		OnError:   func(err error) error { errs = append(errs, err); return nil },
		OnWarning: func(err error) { checkInputError(t, err) },
	}
	err := Read(context.Background(), src, opts, func(a Article) error {
		articles = append(articles, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read = %v, want input errors only through OnError", err)
	}
	for _, err := range errs {
		checkInputError(t, err)
	}
	for _, a := range articles {
		for name, s := range map[string]string{
			"ID": a.ID, "Title": a.Title, "Text": a.Text, "URL": a.URL, "Publisher": a.Publisher, "Origin": a.Origin,
		} {
			if !utf8.ValidString(s) {
				t.Errorf("%s: %s %q is not valid UTF-8", a.Origin, name, s)
			}
		}
		if a.ID == "" || strings.TrimSpace(a.Text) == "" {
			t.Errorf("%s: article with ID %q and text %q", a.Origin, a.ID, a.Text)
		}
	}
	return articles, errs
}

func checkInputError(t *testing.T, err error) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) || ie.Path != stdinName {
		t.Errorf("error %#v, want an *InputError of %s", err, stdinName)
	}
}

func FuzzJSONL(f *testing.F) {
	addFiles(f, "*.jsonl")
	addFiles(f, "tree/*.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) {
		articles, errs := fuzzRead(t, data, FormatJSONL)
		// Every line that is not blank gives an article or an error.
		var records int
		for i, line := range bytes.Split(data, []byte("\n")) {
			if i == 0 {
				line = bytes.TrimPrefix(line, []byte(bom))
			}
			if len(bytes.TrimSpace(line)) > 0 {
				records++
			}
		}
		if got := len(articles) + len(errs); got != records {
			t.Errorf("Read gave %d articles and %d errors for %d records", len(articles), len(errs), records)
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFiles(f, "*.html")
	addFiles(f, "tree/a/*.html")
	f.Fuzz(func(t *testing.T, data []byte) {
		articles, errs := fuzzRead(t, data, FormatHTML)
		if len(articles)+len(errs) != 1 {
			t.Errorf("Read gave %d articles and %d errors, want one of either", len(articles), len(errs))
		}
	})
}

func FuzzText(f *testing.F) {
	addFiles(f, "*.txt", false)
	addFiles(f, "*.md", true)
	f.Fuzz(func(t *testing.T, data []byte, markdown bool) {
		format := FormatText
		if markdown {
			format = FormatMarkdown
		}
		articles, errs := fuzzRead(t, data, format)
		if len(articles)+len(errs) != 1 {
			t.Fatalf("Read gave %d articles and %d errors, want one of either", len(articles), len(errs))
		}
		// The text is the end of the input, byte for byte but for line ends.
		if len(articles) == 1 && utf8.Valid(data) {
			in := strings.ReplaceAll(strings.TrimPrefix(string(data), bom), "\r\n", "\n")
			if a := articles[0]; !strings.HasSuffix(in, a.Text) {
				t.Errorf("Read(%q) text %q is not the end of the input", data, a.Text)
			}
		}
	})
}
