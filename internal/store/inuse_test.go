package store_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/store"
)

// helperEnv makes the test binary act as a second process: "hold DIR" opens the bolt store at
// DIR for writing, prints "ready" and waits for stdin to close ("share DIR" does the same with
// ShareBetweenWrites); "open DIR" or "read DIR" opens it for writing or reading, waiting at most
// half a second for locks, and exits 0, or prints the error and exits 3.
const helperEnv = "DIPLOGRAPH_STORE_HELPER"

func TestMain(m *testing.M) {
	if h := os.Getenv(helperEnv); h != "" {
		os.Exit(helper(h))
	}
	os.Exit(m.Run())
}

func helper(cmd string) int {
	verb, dir, _ := strings.Cut(cmd, " ")
	s, err := store.Open(ctx, store.Options{Backend: store.Bolt, Address: dir, ReadOnly: verb == "read",
		ShareBetweenWrites: verb == "share", ReadWait: 500 * time.Millisecond, WriteWait: 500 * time.Millisecond})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		if errors.Is(err, store.ErrInUse) {
			return 3
		}
		return 1
	}
	defer s.Close()
	if verb == "hold" || verb == "share" {
		fmt.Println("ready")
		bufio.NewReader(os.Stdin).ReadString('\n') // until the test closes stdin
	}
	return 0
}

// hold starts a process that holds the bolt store at dir open for writing until the test ends.
func hold(t *testing.T, dir string) { holdAs(t, "hold", dir) }

// holdAs starts a process that opens the store as verb says and keeps it open until the test
// ends.
func holdAs(t *testing.T, verb, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+verb+" "+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("holding process: %v", err)
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("holding process said %q, %v; want ready", line, err)
	}
}

// try runs a second process that opens the store; it returns its exit code, stderr and how long
// it took.
func try(t *testing.T, verb, dir string) (int, string, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+verb+" "+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), stderr.String(), elapsed
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String(), elapsed
}

// TestInUse: while one process holds a bolt store for writing, a second one fails within a
// second (a reader after its bounded wait, here half a second), naming the store, instead of
// waiting forever as cayley's own bolt backend does.
func TestInUse(t *testing.T) {
	dir := t.TempDir()
	hold(t, dir)
	for _, verb := range []string{"open", "read"} {
		code, stderr, elapsed := try(t, verb, dir)
		if code != 3 {
			t.Errorf("second process (%s) exited %d, want 3; stderr:\n%s", verb, code, stderr)
		}
		if !strings.Contains(stderr, dir) || !strings.Contains(stderr, "in use") {
			t.Errorf("second process (%s) said %q, want the store's path and \"in use\"", verb, stderr)
		}
		if elapsed > 2*time.Second {
			t.Errorf("second process (%s) took %v, want under 2s", verb, elapsed)
		}
	}
}

// TestReadWhileWriting: a writer that shares the file between writes (as ingest does) lets
// readers of other processes open the store, and still refuses a second writer within a second.
func TestReadWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, store.Options{Address: dir})
	load(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	holdAs(t, "share", dir)
	if code, stderr, _ := try(t, "read", dir); code != 0 {
		t.Errorf("reader beside a sharing writer exited %d: %s", code, stderr)
	}
	code, stderr, elapsed := try(t, "open", dir)
	if code != 3 || !strings.Contains(stderr, "in use") {
		t.Errorf("second writer exited %d (%q), want 3 and \"in use\"", code, stderr)
	}
	if elapsed > time.Second {
		t.Errorf("second writer took %v to be refused, want under 1s", elapsed)
	}
}

// TestReadersShare: two processes may read a bolt store at once.
func TestReadersShare(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, store.Options{Address: dir})
	load(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	openStore(t, store.Options{Address: dir, ReadOnly: true}) // this process reads
	if code, stderr, _ := try(t, "read", dir); code != 0 {
		t.Errorf("second reader exited %d: %s", code, stderr)
	}
	if code, _, _ := try(t, "open", dir); code != 3 {
		t.Errorf("writer while a reader holds the store exited %d, want 3", code)
	}
}
