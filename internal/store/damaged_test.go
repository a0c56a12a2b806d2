package store_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/store"
)

// damage overwrites the pages after bolt's two meta pages with noise, as a disk or a careless
// copy would.
func damage(t *testing.T, file string, seed uint64) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, seed))
	for i := 2 * 4096; i < len(data); i++ {
		data[i] = byte(r.Uint32())
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedBolt: a damaged bolt file is an error wrapping ErrDamaged, never a panic or a
// crash; a writer refuses it before writing anything, and a reader fails when it reaches the
// damage (at the latest when it closes the store).
func TestDamagedBolt(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		dir := t.TempDir()
		s := openStore(t, store.Options{Address: dir})
		load(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "indexes.bolt")
		damage(t, file, seed)
		before, _ := os.ReadFile(file)

		if w, err := store.Open(ctx, store.Options{Address: dir}); !errors.Is(err, store.ErrDamaged) {
			if w != nil {
				w.Close()
			}
			t.Errorf("seed %d: Open for writing = %v, want ErrDamaged", seed, err)
		} else if !strings.Contains(err.Error(), dir) {
			t.Errorf("seed %d: error %q does not name the store", seed, err)
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Errorf("seed %d: the writer changed the damaged file", seed)
		}

		r, err := store.Open(ctx, store.Options{Address: dir, ReadOnly: true})
		if err != nil {
			if !errors.Is(err, store.ErrDamaged) {
				t.Errorf("seed %d: read-only Open = %v, want ErrDamaged", seed, err)
			}
			continue
		}
		var buf bytes.Buffer
		xerr := r.Export(ctx, &buf, store.NQuads, store.Filter{})
		cerr := r.Close()
		if !errors.Is(xerr, store.ErrDamaged) && !errors.Is(cerr, store.ErrDamaged) {
			t.Errorf("seed %d: Export = %v, Close = %v; want ErrDamaged from one", seed, xerr, cerr)
		}
	}
}

// TestEmptyBoltFile: a 0-byte bolt file is reported as such to a reader, and a writer makes a
// new store of it.
func TestEmptyBoltFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "indexes.bolt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(ctx, store.Options{Address: dir, ReadOnly: true})
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "0 bytes") {
		t.Errorf("read-only Open of a 0-byte file = %v, want ErrDamaged saying 0 bytes", err)
	}
	s := openStore(t, store.Options{Address: dir})
	load(t, s)
}
