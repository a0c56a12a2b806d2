//go:build linux

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mountTmpfs mounts a tmpfs of the given size on a new directory until the test ends; it skips
// the test when it cannot (not root, or no mount allowed).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("not root: cannot mount a small tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() }) // before t.TempDir's removal
	return dir
}

// TestFullDisk ingests 300 articles into a bolt store on a 2 MiB tmpfs that already holds one:
// the ingest must fail, exit 1, naming the store and the full disk, and the store must open
// and hold the first article and whole articles only, each as a clean ingest gives it.
func TestFullDisk(t *testing.T) {
	mnt := mountTmpfs(t, "2m")
	dir := t.TempDir()
	first := filepath.Join(dir, "first.jsonl")
	many := filepath.Join(dir, "many.jsonl")
	os.WriteFile(first, []byte(goodLines(t)), 0o644)
	os.WriteFile(many, []byte(manyArticles(t, 300)), 0o644)
	s := faultStore{[]string{"--db", filepath.Join(mnt, "db")}}
	if r := s.ingest(t, first); r.code != 0 {
		t.Fatalf("ingest on the tmpfs: exit %d\n%s", r.code, r.stderr)
	}
	before := byArticle(t, s.export(t))
	r := s.ingest(t, "--batch", "20", many)
	if r.code != 1 {
		t.Errorf("ingest on a full disk: exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	for _, want := range []string{"write to store " + filepath.Join(mnt, "db"), "no space left on device", "articles stored before it"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("ingest on a full disk: stderr %q lacks %q", r.stderr, want)
		}
	}
	got := byArticle(t, s.export(t))
	want := checkWholeArticles(t, "the full disk", before, got, first, many)
	if len(got) <= len(before) || len(got) >= len(want) {
		t.Errorf("the full store holds %d articles, want more than the %d before and fewer than all %d", len(got), len(before), len(want))
	}
}

// TestReadOnlyStore makes a bolt store read-only (a read-only remount of its tmpfs as root,
// whom permission bits do not stop; chmod otherwise): ingest must fail, exit 1, saying why and
// naming the store; query must still read it all.
func TestReadOnlyStore(t *testing.T) {
	var root string
	if os.Geteuid() == 0 {
		root = mountTmpfs(t, "64m")
	} else {
		root = t.TempDir()
	}
	dir := t.TempDir()
	first := filepath.Join(dir, "first.jsonl")
	os.WriteFile(first, []byte(goodLines(t)), 0o644)
	more := filepath.Join(dir, "more.jsonl")
	os.WriteFile(more, []byte(manyArticles(t, 5)), 0o644)
	db := filepath.Join(root, "db")
	s := faultStore{[]string{"--db", db}}
	if r := s.ingest(t, first); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	before := s.export(t)
	want := "read-only file system"
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-o", "remount,ro", root).CombinedOutput(); err != nil {
			t.Skipf("cannot remount the tmpfs read-only: %v: %s", err, out)
		}
	} else {
		want = "permission denied"
		for p, mode := range map[string]os.FileMode{filepath.Join(db, "indexes.bolt"): 0o444, filepath.Join(db, "writer.lock"): 0o444, db: 0o555} {
			if err := os.Chmod(p, mode); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() { os.Chmod(db, 0o755) })
	}
	r := s.ingest(t, more)
	if r.code != 1 {
		t.Errorf("ingest into a read-only store: exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, want) {
		t.Errorf("ingest into a read-only store: stderr %q, want it to name %s and say %q", r.stderr, db, want)
	}
	if got := s.export(t); !slices.Equal(got, before) {
		t.Errorf("the read-only store reads %d quads, %d before", len(got), len(before))
	}
}
