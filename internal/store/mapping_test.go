package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// rssFile returns the file-backed resident memory of the process, in bytes (RssFile in
// /proc/self/status), skipping the test where there is none.
func rssFile(t testing.TB) int64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "RssFile:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatalf("RssFile %q: %v", line, err)
			}
			return kb << 10
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestMappingDropsPages: the check on opening a bolt file, a transaction that reads every key,
// and one that rewrites every key (and so reads every page again as it commits) do not keep the
// file's pages in the process's resident set: it grows by at most twice dropAbove. Before, each
// of them left as many resident pages as the file had.
func TestMappingDropsPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pages are dropped on Linux only")
	}
	ctx := context.Background()
	dir := t.TempDir()
	const n, size = 24000, 4000 // 96 MB of values, one a leaf page
	bucket := []byte("test")
	key := func(i int) hkv.Key { return hkv.Key{bucket, binary.BigEndian.AppendUint32(nil, uint32(i))} }
	value := func(i int, b byte) []byte {
		v := bytes.Repeat([]byte{b}, size)
		binary.BigEndian.PutUint32(v, uint32(i))
		return v
	}
	open := func() (*boltStore, hkv.KV) {
		t.Helper()
		b, db, err := openBolt(ctx, Options{Address: dir, LockTimeout: DefaultLockTimeout, WriteWait: DefaultWriteWait})
		if err != nil {
			t.Fatal(err)
		}
		return b, db
	}
	b, db := open()
	err := db.Update(ctx, func(tx hkv.Tx) error {
		for i := range n {
			if err := tx.Put(ctx, key(i), value(i, 'a')); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	b.close()
	fi, err := os.Stat(b.file)
	if err != nil {
		t.Fatal(err)
	}
	limit := int64(2 * dropAbove)

	before := rssFile(t)
	b, db = open() // the check on open reads every page
	defer b.close()
	defer db.Close()
	err = db.View(ctx, func(tx hkv.Tx) error {
		it := tx.Scan(ctx)
		defer it.Close()
		read, sum := 0, byte(0)
		for it.Next(ctx) {
			for _, c := range it.Val() {
				sum += c
			}
			read++
		}
		if read != n {
			t.Errorf("read %d keys, want %d (sum %d)", read, n, sum)
		}
		grown := rssFile(t) - before
		t.Logf("opening and reading a %d MB file: resident memory grew %d MB", fi.Size()>>20, grown>>20)
		if grown > limit {
			t.Errorf("opening and reading every key of a %d MB file: resident memory grew %d MB, want at most %d", fi.Size()>>20, grown>>20, limit>>20)
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}

	before = rssFile(t)
	err = db.Update(ctx, func(tx hkv.Tx) error {
		for i := range n {
			if err := tx.Put(ctx, key(i), value(i, 'b')); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	grown := rssFile(t) - before
	t.Logf("rewriting every key of a %d MB file: resident memory grew %d MB", fi.Size()>>20, grown>>20)
	if grown > limit {
		t.Errorf("rewriting every key of a %d MB file: resident memory grew %d MB, want at most %d", fi.Size()>>20, grown>>20, limit>>20)
	}
	err = db.View(ctx, func(tx hkv.Tx) error {
		for _, i := range []int{0, n / 2, n - 1} {
			v, err := tx.Get(ctx, key(i))
			if err != nil {
				return err
			}
			if want := value(i, 'b'); !bytes.Equal(v, want) {
				t.Errorf("key %d holds %q..., want %q...", i, v[:8], want[:8])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
