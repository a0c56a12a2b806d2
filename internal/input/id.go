package input

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// ContentID returns the identifier of an article that has none: "sha256-" and the first 16 hex
// digits of the SHA-256 of text with its runs of white space collapsed to one space and its ends
// trimmed, so that re-wrapped or re-indented copies of an article share an ID.
func ContentID(text string) string {
	h := sha256.New()
	var buf [4096]byte
	b := buf[:0]
	first := true
	for field := range strings.FieldsSeq(text) {
		if !first {
			b = append(b, ' ')
		}
		first = false
		for len(b)+len(field) > cap(b) {
			n := copy(b[len(b):cap(b)], field)
			h.Write(b[:cap(b)])
			b, field = b[:0], field[n:]
		}
		b = append(b, field...)
	}
	h.Write(b)
	var sum [sha256.Size]byte
	return "sha256-" + hex.EncodeToString(h.Sum(sum[:0])[:8])
}
