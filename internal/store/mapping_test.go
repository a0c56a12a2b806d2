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

// TestMappingDropsPages: the check on opening a bolt file larger than the map's budget, a
// transaction that reads every key, and one that rewrites every key (and so reads every page
// again as it commits) keep the process's file-backed resident memory within mapBudget (and
// what can be read between two looks) of what it was before the open: before the budget, each
// of them left as many resident pages as the file had. A drop stops at mapLow, so what the
// reads left resident is not all dropped at once. And a file within the budget is read twice
// without a page dropped.
func TestMappingDropsPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pages are dropped on Linux only")
	}
	ctx := context.Background()
	bucket := []byte("test")
	key := func(i int) hkv.Key { return hkv.Key{bucket, binary.BigEndian.AppendUint32(nil, uint32(i))} }
	value := func(i int, b byte) []byte {
		v := bytes.Repeat([]byte{b}, 4000) // one a leaf page
		binary.BigEndian.PutUint32(v, uint32(i))
		return v
	}
	open := func(dir string) (*boltStore, hkv.KV, *mapping) {
		t.Helper()
		b, db, err := openBolt(ctx, Options{Address: dir, LockTimeout: DefaultLockTimeout, WriteWait: DefaultWriteWait})
		if err != nil {
			t.Fatal(err)
		}
		return b, db, db.(*guardKV).m
	}
	write := func(db hkv.KV, n int, b byte) {
		t.Helper()
		err := db.Update(ctx, func(tx hkv.Tx) error {
			for i := range n {
				if err := tx.Put(ctx, key(i), value(i, b)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// create writes a store of n keys and returns its directory and its file's size.
	create := func(n int) (string, int64) {
		t.Helper()
		dir := t.TempDir()
		b, db, _ := open(dir)
		write(db, n, 'a')
		db.Close()
		b.close()
		fi, err := os.Stat(b.file)
		if err != nil {
			t.Fatal(err)
		}
		return dir, fi.Size()
	}
	// scan reads every key of db, whose mapping is m, and returns the most the resident memory
	// grew above before. Right after pages were dropped, the growth is at least mapLow less
	// what the last chunk held: a drop stops there.
	scan := func(db hkv.KV, m *mapping, n int, before int64) (peak int64) {
		t.Helper()
		err := db.View(ctx, func(tx hkv.Tx) error {
			it := tx.Scan(ctx)
			defer it.Close()
			read, sum, drops := 0, byte(0), m.drops
			for it.Next(ctx) {
				for _, c := range it.Val() {
					sum += c
				}
				read++
				grown := rssFile(t) - before
				peak = max(peak, grown)
				if m.drops != drops {
					drops = m.drops
					if want := int64(mapLow - dropChunk); grown < want {
						t.Errorf("after a drop at key %d: resident memory grew %d MB, want at least %d (a drop stops at mapLow)", read, grown>>20, want>>20)
					}
				}
			}
			if read != n {
				t.Errorf("read %d keys, want %d (sum %d)", read, n, sum)
			}
			return it.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		return max(peak, rssFile(t)-before)
	}
	// Between two looks, pollEvery keys of a page each, and the pages the kernel maps
	// around each (64 kB).
	limit := int64(mapBudget + pollEvery*64<<10)

	t.Run("within budget", func(t *testing.T) {
		const n = 8000 // 32 MB
		dir, size := create(n)
		before := rssFile(t)
		b, db, m := open(dir)
		defer b.close()
		defer db.Close()
		peak := scan(db, m, n, before)
		peak = max(peak, scan(db, m, n, before))
		t.Logf("opening and reading twice every key of a %d MB file: resident memory grew at most %d MB", size>>20, peak>>20)
		if m.drops != 0 {
			t.Errorf("opening and reading twice every key of a %d MB file: %d chunks of the map dropped, want none", size>>20, m.drops)
		}
	})

	t.Run("over budget", func(t *testing.T) {
		const n = 24000 // 96 MB
		dir, size := create(n)
		if size < limit+limit/2 {
			t.Fatalf("a file of %d MB is too small for a budget of %d MB", size>>20, limit>>20)
		}
		before := rssFile(t)
		b, db, m := open(dir) // the check on open reads every page
		defer b.close()
		defer db.Close()
		peak := scan(db, m, n, before)
		t.Logf("opening and reading a %d MB file: resident memory grew at most %d MB, %d chunks dropped", size>>20, peak>>20, m.drops)
		if peak > limit {
			t.Errorf("opening and reading every key of a %d MB file: resident memory grew %d MB, want at most %d", size>>20, peak>>20, limit>>20)
		}
		if m.drops == 0 {
			t.Errorf("opening and reading every key of a %d MB file: no page dropped", size>>20)
		}
		before = rssFile(t)
		write(db, n, 'b')
		grown := rssFile(t) - before
		t.Logf("rewriting every key of a %d MB file: resident memory grew %d MB", size>>20, grown>>20)
		if grown > limit {
			t.Errorf("rewriting every key of a %d MB file: resident memory grew %d MB, want at most %d", size>>20, grown>>20, limit>>20)
		}
		err := db.View(ctx, func(tx hkv.Tx) error {
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
	})
}
