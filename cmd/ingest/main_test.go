package main

import (
	"bytes"
	"context"
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
		{"dry run", []string{"--dry-run", "-q", sample}, "", exitOK, "ns#eventType>", ""},
		{"stdin dry run", []string{"--dry-run", "-q", "--id", "x", "-"}, "Japan and India held talks in Delhi.", exitOK, "article/x>", ""},
		{"missing file", []string{"--dry-run", "-q", "no-such-file.txt"}, "", exitPartial, "", "no-such-file.txt"},
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
