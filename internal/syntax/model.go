package syntax

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sync"

	"github.com/klauspost/compress/zstd"

	"github.com/diplograph/diplograph/data"
)

// Model is a trained lemmatizer, tagger and parser. Its methods are safe for concurrent use.
type Model struct {
	Lemmatizer *Lemmatizer
	Tagger     *Tagger
	Parser     *Parser

	scratch sync.Pool // *scratch
}

type scratch struct {
	tag   tagScratch
	parse parseScratch
}

// Parse tags, lemmatizes and parses s in place. Tokens' forms must be set; whatever tags, lemmas
// and heads they had are replaced.
func (m *Model) Parse(s *Sentence) {
	sc, _ := m.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	m.Tagger.tag(s, &sc.tag)
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.Lemma = m.Lemmatizer.Lemma(t.Form, t.UPOS, t.XPOS)
	}
	m.Parser.parse(s, sc.tag.info, &sc.parse)
	m.scratch.Put(sc)
}

// ParseText splits text into sentences and tokens and parses each sentence.
func (m *Model) ParseText(text string) []Sentence {
	sents := Sentences(text)
	for i := range sents {
		m.Parse(&sents[i])
	}
	return sents
}

// The model file: the magic line, a format version, then the zstd-compressed sections.
const (
	modelMagic   = "diplograph syntax model\n"
	modelVersion = 1
	// ModelPath is where the embedded model lies in data.FS.
	ModelPath = "syntax/en-ewt.model"
)

// ErrModel is matched (errors.Is) by every error of a model file that cannot be read.
var ErrModel = errors.New("not a diplograph syntax model")

// MarshalBinary encodes the model. The same model always gives the same bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b []byte
	lem, err := m.Lemmatizer.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encode lemmatizer: %w", err)
	}
	b = binary.AppendUvarint(b, uint64(len(lem)))
	b = append(b, lem...)

	t := m.Tagger
	b = binary.AppendUvarint(b, uint64(len(t.classes)))
	for _, c := range t.classes {
		b = appendString(appendString(b, c.upos), c.xpos)
	}
	words := make([]string, 0, len(t.dict))
	for w := range t.dict {
		words = append(words, w)
	}
	slices.Sort(words)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, w := range words {
		b = binary.AppendUvarint(appendString(b, w), uint64(t.dict[w]))
	}
	keys := make([]uint64, 0, len(t.common))
	for k := range t.common {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	prev := uint64(0)
	for _, k := range keys {
		b = binary.AppendUvarint(binary.AppendUvarint(b, k-prev), uint64(t.common[k]))
		prev = k
	}
	b = t.w.appendBinary(b)

	p := m.Parser
	b = binary.AppendUvarint(b, uint64(len(p.labels)))
	for _, l := range p.labels {
		b = appendString(b, l)
	}
	b = p.w.appendBinary(b)

	var out bytes.Buffer
	out.WriteString(modelMagic)
	out.Write(binary.LittleEndian.AppendUint32(nil, modelVersion))
	zw, err := zstd.NewWriter(&out, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// ReadModel decodes a model written by MarshalBinary. Its errors match ErrModel.
func ReadModel(r io.Reader) (*Model, error) {
	head := make([]byte, len(modelMagic)+4)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(modelMagic)]) != modelMagic {
		return nil, fmt.Errorf("%w: bad header", ErrModel)
	}
	if v := binary.LittleEndian.Uint32(head[len(modelMagic):]); v != modelVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrModel, v, modelVersion)
	}
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	defer zr.Close()
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	m, err := decodeModel(&decoder{b: raw})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	return m, nil
}

func decodeModel(d *decoder) (*Model, error) {
	m := &Model{Lemmatizer: &Lemmatizer{}, Tagger: &Tagger{dict: map[string]uint16{}, common: map[uint64]uint16{}}, Parser: &Parser{}}
	if err := m.Lemmatizer.UnmarshalBinary(d.bytes(d.uvarint())); err != nil && d.err == nil {
		return nil, fmt.Errorf("lemmatizer: %w", err)
	}
	t := m.Tagger
	nc := d.uvarint()
	if nc > 1<<12 {
		return nil, fmt.Errorf("%d tag classes", nc)
	}
	for i := uint64(0); i < nc && d.err == nil; i++ {
		t.classes = append(t.classes, tagClass{d.string(), d.string()})
	}
	for n, i := d.uvarint(), uint64(0); i < n && d.err == nil; i++ {
		w, c := d.string(), d.uvarint()
		if c >= nc {
			return nil, fmt.Errorf("dictionary class %d of %d", c, nc)
		}
		t.dict[w] = uint16(c)
	}
	key := uint64(0)
	for n, i := d.uvarint(), uint64(0); i < n && d.err == nil; i++ {
		key += d.uvarint()
		c := d.uvarint()
		if c == 0 || c > nc {
			return nil, fmt.Errorf("common class %d of %d", c, nc)
		}
		t.common[key] = uint16(c)
	}
	if d.err != nil {
		return nil, d.err
	}
	var err error
	if t.w, err = decodeWeights(d); err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if t.w.classes != len(t.classes) {
		return nil, fmt.Errorf("tagger: %d weight classes for %d tags", t.w.classes, len(t.classes))
	}
	p := m.Parser
	nl := d.uvarint()
	if nl > 250 {
		return nil, fmt.Errorf("%d labels", nl)
	}
	for i := uint64(0); i < nl && d.err == nil; i++ {
		p.labels = append(p.labels, d.string())
	}
	p.root = slices.Index(p.labels, "root")
	if d.err != nil {
		return nil, d.err
	}
	if p.root < 0 {
		return nil, errors.New("no root label")
	}
	if p.w, err = decodeWeights(d); err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	if p.w.classes != 1+2*len(p.labels) {
		return nil, fmt.Errorf("parser: %d weight classes for %d labels", p.w.classes, len(p.labels))
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the parser", len(d.b))
	}
	return m, nil
}

// Load returns the model embedded in the binary, read once; it is shared by every caller.
func Load() (*Model, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Model, error) { return LoadFS(data.FS(), ModelPath) })

// LoadFS reads the model file at path in fsys.
func LoadFS(fsys fs.FS, path string) (*Model, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open syntax model: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("read syntax model %s: %w", path, err)
	}
	return m, nil
}

// Size reports the model's features and weights, for logs and tests.
func (m *Model) Size() string {
	tf, te := m.Tagger.w.size()
	pf, pe := m.Parser.w.size()
	return fmt.Sprintf("tagger %d classes, %d features, %d weights; parser %d labels, %d features, %d weights",
		len(m.Tagger.classes), tf, te, len(m.Parser.labels), pf, pe)
}
