package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/extract"
)

// record is one line of JSON Lines input. Fields not listed are ignored.
type record struct {
	ID        jsonString `json:"id"`
	Text      string     `json:"text"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Published jsonString `json:"published"`
	Publisher string     `json:"publisher"`
}

// jsonString is a string that may also be written as a JSON number (an "id": 42, a
// "published": 1104537600) or null.
type jsonString string

// UnmarshalJSON accepts a JSON string, number or null.
func (s *jsonString) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = jsonString(v)
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*s = jsonString(b)
	default:
		kind := "bool"
		switch b[0] {
		case '{':
			kind = "object"
		case '[':
			kind = "array"
		}
		return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[string]()}
	}
	return nil
}

// jsonl reads JSON Lines, one article a line; blank lines are skipped.
func (r *reader) jsonl(path string, rd io.Reader) error {
	br, ok := rd.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(rd, 64<<10)
	}
	var long []byte
	for line := 1; ; line++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		b, tooLong, err := readLine(br, &long, r.opts.maxRecord())
		if err != nil && err != io.EOF {
			return r.fail(&InputError{Path: path, Line: line, Err: err})
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte(bom))
		}
		var ferr error
		switch {
		case tooLong:
			ferr = r.fail(&InputError{Path: path, Line: line, Err: r.opts.tooLarge()})
		case len(bytes.TrimSpace(b)) > 0:
			ferr = r.record(path, line, b)
		}
		if ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its end of line. The line is valid until the next
// call; tooLong reports a line over max bytes, read to its end and dropped. At the end of the
// input, err is io.EOF and line holds the last, unterminated line if any.
func readLine(br *bufio.Reader, buf *[]byte, max int) (line []byte, tooLong bool, err error) {
	b, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*buf = append((*buf)[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = br.ReadSlice('\n')
			if len(*buf)+len(b) > max {
				tooLong = true
				*buf = (*buf)[:0]
			}
			if !tooLong {
				*buf = append(*buf, b...)
			}
		}
		b = *buf
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return b, tooLong, err
}

// record reads one JSON Lines record.
func (r *reader) record(path string, line int, b []byte) error {
	if !utf8.Valid(b) {
		// encoding/json replaces invalid UTF-8 in strings with U+FFFD itself.
		r.warn(path, line, ErrInvalidUTF8)
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		// encoding/json refuses nesting past 10,000 levels even in a field it would ignore:
		// such a record is read again with the ignored fields skipped token by token.
		var se *json.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Error(), "exceeded max depth") || unmarshalShallow(b, &rec) != nil {
			return r.fail(&InputError{Path: path, Line: line, Err: jsonError(err)})
		}
	}
	doc := extract.Document{
		ID:        strings.TrimSpace(string(rec.ID)),
		Title:     strings.TrimSpace(rec.Title),
		Text:      rec.Text,
		URL:       strings.TrimSpace(rec.URL),
		Publisher: strings.TrimSpace(rec.Publisher),
	}
	t, err := ParseDate(string(rec.Published))
	if err != nil {
		r.warn(path, line, err)
	}
	doc.Published = t
	return r.emit(path, line, doc)
}

// jsonError explains a json.Unmarshal error of a record.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("%w: want a JSON object, got %s", ErrInvalidRecord, te.Value)
		}
		return fmt.Errorf("%w: field %q: want a string, got %s", ErrInvalidRecord, te.Field, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	return fmt.Errorf("%w: %v", ErrInvalidRecord, err)
}

// unmarshalShallow reads a JSON object into rec as json.Unmarshal does (keys matched without
// regard to case, the last of a key winning), skipping the values of the keys rec does not
// have without decoding them, so that their nesting is not limited.
func unmarshalShallow(b []byte, rec *record) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	fields := []string{"id", "text", "url", "title", "published", "publisher"}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		known := slices.ContainsFunc(fields, func(f string) bool { return strings.EqualFold(f, key) })
		if !known {
			if err := skipValue(dec); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		k, _ := json.Marshal(key)
		if err := json.Unmarshal([]byte("{"+string(k)+":"+string(raw)+"}"), rec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the object")
	}
	return nil
}

// skipValue reads one JSON value token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
