//go:build unix

package export

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileSpecial writes to a named pipe and through a symbolic link: the pipe must get
// the data and stay a pipe (a rename over it would replace it, as it once replaced /dev/null
// with a plain file), and the link must stay a link to the replaced file.
func TestWriteFileSpecial(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := WriteFile(fifo, func(w io.Writer) error { _, err := io.WriteString(w, "quads\n"); return err }); err != nil {
		t.Fatalf("WriteFile(pipe) = %v", err)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("after WriteFile the pipe is %v (%v), want a named pipe", fi.Mode(), err)
	}
	select {
	case s := <-got:
		if s != "quads\n" {
			t.Errorf("the pipe's reader got %q, want %q", s, "quads\n")
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the pipe's reader got nothing in 10s")
	}

	target := filepath.Join(dir, "target.nq")
	link := filepath.Join(dir, "link.nq")
	if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlink: %v", err)
	}
	if err := WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }); err != nil {
		t.Fatalf("WriteFile(link) = %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("after WriteFile the link is %v (%v), want a symbolic link", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new\n" {
		t.Errorf("the link's target holds %q, want %q", b, "new\n")
	}
	if err := WriteFile(dir, func(w io.Writer) error { return nil }); err == nil {
		t.Errorf("WriteFile(a directory) = nil, want an error")
	}
}
