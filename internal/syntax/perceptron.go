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

	// packed holds every feature's entries as class<<16 | uint16(weight).
	packed []uint32

	// The lookup table, open addressing with linear probing: slot j is table[4j:4j+4]. Its
	// first word is 0 for an empty slot, else the feature's fingerprint (fingerprint) with
	// kindSparse or kindDense set when its entries do not fit in the slot; the other three
	// words are the feature's entries (unused ones 0, which adds nothing to class 0), or, for
	// kindSparse, the start and end of its entries in packed, or, for kindDense, its row in
	// dense. 91% of the parser's features have at most three entries, so that a lookup
	// usually reads 16 bytes of one cache line and nothing else.
	table []uint32
	mask  uint64

	// The features with many entries (in the parser, 2% of the features but 90% of the
	// entries a transition reads) have dense rows: for each pair of classes (2k, 2k+1), one
	// uint64 holding the weights plus denseBias in its low and high halves. Adding a row is
	// then one uint64 addition for two classes with no carry from one half into the other
	// (up to 65536 rows), in order, with no scattered writes; the biases come off at the end.
	dense []uint64
	half  int // uint64s per dense row: (classes+1)/2
}

const (
	kindSparse = 2
	kindDense  = 4
	denseBias  = 1 << 15
	// denseMin is the fewest entries for which a feature gets a dense row (52 uint64s for
	// the parser's 103 classes, 416 bytes, against 4 bytes an entry when sparse).
	denseMin = 12
)

// fingerprint returns where key's probe starts and the nonzero word that stands for it. Keys
// are hashes (feat ends with mix), so their bits serve as they are.
func fingerprint(key uint64, mask uint64) (j uint64, fp uint32) {
	return key & mask, uint32(key>>32)&^7 | 1
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
	w.packed = allocHuge[uint32](w, len(w.cls))
	for i, c := range w.cls {
		w.packed[i] = uint32(c)<<16 | uint32(uint16(w.vals[i]))
	}
	w.cls, w.vals = nil, nil // the packed entries are all that is read from now on
	size := 1
	for size < len(w.keys)*4/3+1 {
		size <<= 1
	}
	w.table = allocHuge[uint32](w, 4*size)
	w.mask = uint64(size - 1)
	w.half = (w.classes + 1) / 2
	rows := 0
	for i := range w.keys {
		if w.start[i+1]-w.start[i] >= denseMin {
			rows++
		}
	}
	w.dense = allocHuge[uint64](w, rows*w.half)
	rows = 0
	for i, k := range w.keys {
		j, fp := fingerprint(k, w.mask)
		for w.table[4*j] != 0 {
			j = (j + 1) & w.mask
		}
		s := w.table[4*j : 4*j+4]
		lo, hi := w.start[i], w.start[i+1]
		switch {
		case hi-lo <= 3:
			s[0] = fp
			copy(s[1:], w.packed[lo:hi])
		case hi-lo < denseMin:
			s[0], s[1], s[2] = fp|kindSparse, lo, hi
		default:
			s[0], s[1] = fp|kindDense, uint32(rows)
			row := rows * w.half
			rows++
			for k := range w.half {
				w.dense[row+k] = denseBias | denseBias<<32
			}
			for _, e := range w.packed[lo:hi] {
				c, v := int(e>>16), uint64(int32(int16(uint16(e)))+denseBias)
				shift := 32 * uint(c%2)
				d := &w.dense[row+c/2]
				*d = *d&^(0xffffffff<<shift) | v<<shift
			}
		}
	}
	return w
}

// score sets scores (len classes) to the model's scores of feats, in units of w.scale.
func (w *weights) score(feats []uint64, scores []int32) {
	clear(scores)
	table, mask, packed := w.table, w.mask, w.packed
	var accBuf [64]uint64
	var acc []uint64
	if w.half <= len(accBuf) {
		acc = accBuf[:w.half]
	} else {
		acc = make([]uint64, w.half)
	}
	rows := 0
	// First read every feature's first slot, with no branch on what is read, so that the
	// processor fetches the cache lines in parallel rather than one after the other; then
	// add the entries.
	var pos, fps, first [64]uint32
	for len(feats) > 0 {
		n := min(len(feats), len(pos))
		for k, f := range feats[:n] {
			j, fp := fingerprint(f, mask)
			pos[k], fps[k], first[k] = uint32(j), fp, table[4*j]
		}
		for k := range n {
			if first[k] == 0 {
				continue
			}
			j, fp := uint64(pos[k]), fps[k]
			for {
				s := (*[4]uint32)(table[4*j : 4*j+4])
				if s[0] == 0 {
					break
				}
				if s[0] == fp {
					scores[s[1]>>16] += int32(int16(uint16(s[1])))
					scores[s[2]>>16] += int32(int16(uint16(s[2])))
					scores[s[3]>>16] += int32(int16(uint16(s[3])))
					break
				}
				if s[0] == fp|kindDense {
					r := int(s[1]) * len(acc)
					addRow(acc, w.dense[r:r+len(acc)])
					rows++
					break
				}
				if s[0] == fp|kindSparse {
					for _, e := range packed[s[1]:s[2]] {
						scores[e>>16] += int32(int16(uint16(e)))
					}
					break
				}
				j = (j + 1) & mask
			}
		}
		feats = feats[n:]
	}
	if rows == 0 {
		return
	}
	bias := int64(rows) * denseBias
	for i, a := range acc {
		scores[2*i] += int32(int64(a&0xffffffff) - bias)
		if 2*i+1 < len(scores) {
			scores[2*i+1] += int32(int64(a>>32) - bias)
		}
	}
}

// addRow adds row to acc, which has the same length.
func addRow(acc, row []uint64) {
	row = row[:len(acc)]
	i := 0
	for ; i+4 <= len(acc); i += 4 {
		a, r := (*[4]uint64)(acc[i:i+4]), (*[4]uint64)(row[i:i+4])
		a[0] += r[0]
		a[1] += r[1]
		a[2] += r[2]
		a[3] += r[3]
	}
	for ; i < len(acc); i++ {
		acc[i] += row[i]
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
func hashString[T string | []byte](s T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
