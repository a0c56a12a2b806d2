package syntax

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWeightsScore builds tables whose features have 1 to all classes (kept in the slot, in a
// packed run or in a dense row), for an odd and an even number of classes, and checks every
// score against a plain sum, for features present and absent, and after an encode-decode.
func TestWeightsScore(t *testing.T) {
	for _, classes := range []int{3, 51, 102, 103} {
		rng := rand.New(rand.NewPCG(uint64(classes), 9))
		type row struct {
			cls  []uint16
			vals []int16
		}
		rows := map[uint64]row{}
		for range 3000 {
			n := 1 + rng.IntN(classes)
			if rng.IntN(2) == 0 {
				n = 1 + rng.IntN(min(classes, 4))
			}
			perm := rng.Perm(classes)[:n]
			slices.Sort(perm)
			var r row
			for _, c := range perm {
				v := int16(rng.IntN(65535) - 32767)
				if v == 0 {
					v = 1
				}
				r.cls = append(r.cls, uint16(c))
				r.vals = append(r.vals, v)
			}
			rows[mix(rng.Uint64())] = r
		}
		keys := make([]uint64, 0, len(rows))
		for k := range rows {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b := newWeightsBuilder(classes, 1)
		for _, k := range keys {
			b.add(k, rows[k].cls, rows[k].vals)
		}
		w := b.build()
		w2, err := decodeWeights(&decoder{b: w.appendBinary(nil)})
		if err != nil {
			t.Fatalf("%d classes: decode: %v", classes, err)
		}
		if !bytes.Equal(w.appendBinary(nil), w2.appendBinary(nil)) {
			t.Fatalf("%d classes: weights encode differently after a round trip", classes)
		}
		got, want := make([]int32, classes), make([]int32, classes)
		for trial := range 500 {
			var feats []uint64
			clear(want)
			for range 1 + rng.IntN(150) { // more than one first-pass batch at times
				if rng.IntN(3) == 0 {
					feats = append(feats, mix(rng.Uint64())) // absent
					continue
				}
				k := keys[rng.IntN(len(keys))]
				feats = append(feats, k)
				for i, c := range rows[k].cls {
					want[c] += int32(rows[k].vals[i])
				}
			}
			for _, m := range []*weights{w, w2} {
				m.score(feats, got)
				if !slices.Equal(got, want) {
					t.Fatalf("%d classes, trial %d: score = %v, want %v", classes, trial, got, want)
				}
			}
		}
	}
}
