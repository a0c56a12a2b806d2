package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes runs the command in-process on usage errors, help and a dry run.
func TestExitCodes(t *testing.T) {
	sample := filepath.Join("..", "..", "data", "samples", "quad-summit-tokyo-2022.txt")
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // a substring
		stderr string // a substring
	}{
		{"help", []string{"--help"}, "", exitOK, "Exit status:", ""},
		{"version", []string{"--version"}, "", exitOK, "ingest ", ""},
		{"no input", []string{}, "", exitUsage, "", "no input"},
		{"bad date", []string{"--date", "21/04/2022", sample}, "", exitUsage, "", "want YYYY-MM-DD"},
		{"bad backend", []string{"--backend", "mysql", sample}, "", exitUsage, "", "--backend"},
		{"bad format", []string{"--format", "pdf", sample}, "", exitUsage, "", "unknown format"},
		{"single-article flag on many", []string{"--title", "T", filepath.Dir(sample)}, "", exitUsage, "", "title"},
		{"no workers", []string{"--workers", "0", sample}, "", exitUsage, "", "--workers"},
		{"negative article timeout", []string{"--article-timeout", "-1s", sample}, "", exitUsage, "", "--article-timeout"},
		{"bad article timeout", []string{"--article-timeout", "30", sample}, "", exitUsage, "", "--article-timeout"},
		{"dry run", []string{"--dry-run", "-q", sample}, "", exitOK, "ns#eventType>", ""},
		{"stdin dry run", []string{"--dry-run", "-q", "--id", "x", "-"}, "Japan and India held talks in Delhi.", exitOK, "article/x>", ""},
		{"missing file", []string{"--dry-run", "-q", "no-such-file.txt"}, "", exitPartial, "", "no-such-file.txt"},
		{"bad size", []string{"--max-article-bytes", "4x", sample}, "", exitUsage, "", "--max-article-bytes \"4x\""},
		{"article too large", []string{"--dry-run", "-q", "--max-article-bytes", "100", sample}, "", exitPartial, "",
			"quad-summit-tokyo-2022.txt: article too large: over 100 bytes (--max-article-bytes)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := mainCode(context.Background(), tc.args, strings.NewReader(tc.stdin), &out, &errb)
			if code != tc.code {
				t.Errorf("ingest %v: exit %d, want %d\nstderr: %s", tc.args, code, tc.code, errb.String())
			}
			if !strings.Contains(out.String(), tc.stdout) {
				t.Errorf("ingest %v: stdout lacks %q", tc.args, tc.stdout)
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("ingest %v: stderr %q lacks %q", tc.args, errb.String(), tc.stderr)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int // 0: an error
	}{
		{"4194304", 4 << 20}, {"4MiB", 4 << 20}, {"4 MiB", 4 << 20}, {"4m", 4 << 20}, {"512KiB", 512 << 10},
		{"512kb", 512 << 10}, {"1G", 1 << 30}, {"100 bytes", 100}, {"100b", 100},
		{"", 0}, {"0", 0}, {"-1", 0}, {"4x", 0}, {"MiB", 0}, {"2000GiB", 0}, {"1.5MiB", 0},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if tt.want == 0 && err == nil || tt.want != 0 && (err != nil || got != tt.want) {
			t.Errorf("parseSize(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
	}
}

// TestUsageBeforeStore: a command line that cannot be served fails with exit 2 before the store
// is created.
func TestUsageBeforeStore(t *testing.T) {
	samples := filepath.Join("..", "..", "data", "samples")
	for _, args := range [][]string{{"-", "-"}, {"--title", "T", samples}} {
		db := filepath.Join(t.TempDir(), "new.db")
		var out, errb bytes.Buffer
		code := mainCode(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
		if code != exitUsage {
			t.Errorf("ingest --db new.db %v: exit %d, want %d\nstderr: %s", args, code, exitUsage, errb.String())
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("ingest --db new.db %v created the store (stat: %v)", args, err)
		}
	}
}
