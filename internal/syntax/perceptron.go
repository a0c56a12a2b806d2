package syntax

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The tagger and the parser are linear models over hashed features: a feature is a uint64 (a
// template number mixed with the values it reads), and each feature has weights for the few
// classes it was ever updated for. Training uses trainWeights, an averaged perceptron whose
// averages are kept exactly in integers (so the same data and seed give the same model
// whatever the machine); inference uses weights, the averages quantized to int16 in an
// open-addressing table.

// entry is one class's weight of a feature during training. w is the current weight; u sums
// step*delta of every update, so that the average over all steps is w - u/steps.
type entry struct {
	class uint16
	w     int32
	u     int64
}

// trainWeights is an averaged perceptron being trained.
type trainWeights struct {
	classes int
	index   map[uint64]int32 // feature → row
	rows    [][]entry
	step    int64 // updates counted so far (one per training example)
}

func newTrainWeights(classes int) *trainWeights {
	return &trainWeights{classes: classes, index: make(map[uint64]int32)}
}

// score adds the current weights of feats to scores (len classes), which it zeroes first.
func (t *trainWeights) score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.class] += float32(e.w)
		}
	}
}

// tick counts one training example (call once per example, whether or not it updates).
func (t *trainWeights) tick() { t.step++ }

// update moves the weights of feats towards class good and away from class bad.
func (t *trainWeights) update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.rows))
			t.index[f] = r
			t.rows = append(t.rows, nil)
		}
		t.rows[r] = bump(t.rows[r], uint16(good), 1, t.step)
		t.rows[r] = bump(t.rows[r], uint16(bad), -1, t.step)
	}
}

func bump(row []entry, class uint16, delta int32, step int64) []entry {
	for i := range row {
		if row[i].class == class {
			row[i].w += delta
			row[i].u += step * int64(delta)
			return row
		}
	}
	return append(row, entry{class: class, w: delta, u: step * int64(delta)})
}

// minWeight is the smallest quantized weight a model keeps. Measured on EWT dev with the first
// model: keeping weights of magnitude 5 and more cuts the parser from 1.58 million features and
// 5.7 million weights to 0.58 and 1.3 million with UAS/LAS 84.45/81.34 → 84.45/81.26; 10 and more
// costs 1.6 UAS.
const minWeight = 5

// average returns the averaged weights, quantized, with entries under minWeight in magnitude
// dropped, and features left with no entry dropped.
func (t *trainWeights) average() *weights {
	steps := float64(max(t.step, 1))
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	avg := func(e entry) float64 { return float64(e.w) - float64(e.u)/steps }
	maxAbs := 0.0
	for _, r := range t.rows {
		for _, e := range r {
			maxAbs = max(maxAbs, math.Abs(avg(e)))
		}
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(maxAbs / 32000)
	}
	b := newWeightsBuilder(t.classes, scale)
	var cls []uint16
	var vals []int16
	for _, k := range keys {
		cls, vals = cls[:0], vals[:0]
		row := slices.Clone(t.rows[t.index[k]])
		slices.SortFunc(row, func(a, b entry) int { return int(a.class) - int(b.class) })
		for _, e := range row {
			q := math.Round(avg(e) / float64(scale))
			if math.Abs(q) < minWeight {
				continue
			}
			cls = append(cls, e.class)
			vals = append(vals, int16(q))
		}
		b.add(k, cls, vals)
	}
	return b.build()
}

// weights is a trained linear model: for each feature, int16 weights for some classes, found
// through an open-addressing hash table of the feature keys.
type weights struct {
	classes int
	scale   float32 // a weight is its int16 times scale

	keys  []uint64 // sorted feature keys
	start []uint32 // entries of keys[i] are packed[start[i]:start[i+1]]
	cls   []uint16 // the entries' classes and weights while building
	vals  []int16

	// The lookup table: open addressing over the keys, each slot holding the key itself and
	// 1 + its index (0 empty), so that a lookup touches one cache line; and the entries packed
	// as class<<16 | uint16(weight), so that scoring reads one run.
	slots  []slot
	mask   uint64
	packed []uint32
}

type slot struct {
	key uint64
	idx uint32
}

type weightsBuilder struct{ w *weights }

func newWeightsBuilder(classes int, scale float32) *weightsBuilder {
	return &weightsBuilder{&weights{classes: classes, scale: scale, start: []uint32{0}}}
}

// add appends a feature's entries; keys must come in increasing order. A feature with no
// entries is skipped.
func (b *weightsBuilder) add(key uint64, cls []uint16, vals []int16) {
	if len(cls) == 0 {
		return
	}
	w := b.w
	w.keys = append(w.keys, key)
	w.cls = append(w.cls, cls...)
	w.vals = append(w.vals, vals...)
	w.start = append(w.start, uint32(len(w.cls)))
}

func (b *weightsBuilder) build() *weights {
	w := b.w
	size := 1
	for size < len(w.keys)*4/3+1 {
		size <<= 1
	}
	w.slots = make([]slot, size)
	w.mask = uint64(size - 1)
	for i, k := range w.keys {
		j := mix(k) & w.mask
		for w.slots[j].idx != 0 {
			j = (j + 1) & w.mask
		}
		w.slots[j] = slot{k, uint32(i + 1)}
	}
	w.packed = make([]uint32, len(w.cls))
	for i, c := range w.cls {
		w.packed[i] = uint32(c)<<16 | uint32(uint16(w.vals[i]))
	}
	w.cls, w.vals = nil, nil // the packed entries are all that is read from now on
	return w
}

// find returns the index of feature key, or -1.
func (w *weights) find(key uint64) int {
	j := mix(key) & w.mask
	for {
		s := &w.slots[j]
		if s.idx == 0 {
			return -1
		}
		if s.key == key {
			return int(s.idx - 1)
		}
		j = (j + 1) & w.mask
	}
}

// score sets scores (len classes) to the model's scores of feats, in units of w.scale.
func (w *weights) score(feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		i := w.find(f)
		if i < 0 {
			continue
		}
		for _, e := range w.packed[w.start[i]:w.start[i+1]] {
			scores[e>>16] += int32(int16(uint16(e)))
		}
	}
}

// features returns how many features and class weights the model holds.
func (w *weights) size() (features, entries int) { return len(w.keys), len(w.packed) }

// appendBinary encodes w: classes, scale, feature count, then for each feature the delta of
// its key from the previous one, its entry count, and its (class, weight) pairs, as varints.
func (w *weights) appendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(w.classes))
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w.scale))
	b = binary.AppendUvarint(b, uint64(len(w.keys)))
	prev := uint64(0)
	for i, k := range w.keys {
		b = binary.AppendUvarint(b, k-prev)
		prev = k
		lo, hi := w.start[i], w.start[i+1]
		b = binary.AppendUvarint(b, uint64(hi-lo))
		for _, e := range w.packed[lo:hi] {
			b = binary.AppendUvarint(b, uint64(e>>16))
			b = binary.AppendVarint(b, int64(int16(uint16(e))))
		}
	}
	return b
}

var errTruncated = errors.New("truncated")

// decoder reads what the append functions wrote, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint32() uint32 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 4 {
		d.err = errTruncated
		return 0
	}
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if uint64(len(d.b)) < n {
		d.err = errTruncated
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes(d.uvarint())) }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeWeights reads weights written by appendBinary, checking every class number.
func decodeWeights(d *decoder) (*weights, error) {
	classes := int(d.uvarint())
	scale := math.Float32frombits(d.uint32())
	n := d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if classes <= 0 || classes > math.MaxUint16 || n > uint64(len(d.b)) {
		return nil, fmt.Errorf("weights: %d classes, %d features: not a model", classes, n)
	}
	b := newWeightsBuilder(classes, scale)
	b.w.keys = make([]uint64, 0, n)
	b.w.start = make([]uint32, 1, n+1)
	key := uint64(0)
	for i := uint64(0); i < n && d.err == nil; i++ {
		key += d.uvarint()
		m := d.uvarint()
		if m == 0 || m > uint64(classes) {
			return nil, fmt.Errorf("weights: feature %d has %d entries", i, m)
		}
		for j := uint64(0); j < m; j++ {
			c := d.uvarint()
			v := d.varint()
			if c >= uint64(classes) || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("weights: feature %d: class %d weight %d out of range", i, c, v)
			}
			b.w.cls = append(b.w.cls, uint16(c))
			b.w.vals = append(b.w.vals, int16(v))
		}
		b.w.keys = append(b.w.keys, key)
		b.w.start = append(b.w.start, uint32(len(b.w.cls)))
	}
	if d.err != nil {
		return nil, fmt.Errorf("weights: %w", d.err)
	}
	return b.build(), nil
}

// mix is a 64-bit finalizer (splitmix64's): it spreads hashed features over the table and
// combines template numbers with values.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// feat hashes a template number and up to three values into a feature key.
func feat(tmpl, a, b, c uint64) uint64 {
	h := mix(tmpl*0x9e3779b97f4a7c15 + a)
	h = mix(h ^ (b + 0x632be59bd9b4e019))
	return mix(h ^ (c + 0x85ebca77c2b2ae63))
}

// hashString is FNV-1a, 64 bits: the id of a word in features.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
