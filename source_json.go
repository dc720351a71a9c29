package occubias

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// jsonlSource yields one JSON object per non-blank line.
type jsonlSource struct {
	br   *bufio.Reader
	max  int
	line int64
	buf  []byte
}

func newJSONLSource(br *bufio.Reader, max int) *jsonlSource {
	return &jsonlSource{br: br, max: max}
}

func (s *jsonlSource) next() (record, position, bool, error) {
	for {
		line, tooLarge, err := s.readLine()
		if err != nil && err != io.EOF {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("%w: %v", ErrTruncated, err)
			}
			return nil, position{line: s.line + 1}, true, err
		}
		if len(line) == 0 && !tooLarge && err == io.EOF {
			return nil, position{}, false, io.EOF
		}
		s.line++
		pos := position{line: s.line}
		if tooLarge {
			return nil, pos, false, fmt.Errorf("%w: line longer than %d bytes", ErrRecordTooLarge, s.max)
		}
		if s.line == 1 {
			line = skipBOM(line)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			if err == io.EOF {
				return nil, position{}, false, io.EOF
			}
			continue
		}
		if line[0] == '"' {
			rec, err := newStringRecord(line)
			return rec, pos, false, err
		}
		if line[0] != '{' {
			return nil, pos, false, fmt.Errorf("%w: line does not hold a JSON object or string", ErrMalformedRecord)
		}
		rec, err := newJSONRecord(line)
		return rec, pos, false, err
	}
}

// readLine returns the next line without its newline. A line longer than
// s.max is consumed and reported as tooLarge without being kept.
func (s *jsonlSource) readLine() (line []byte, tooLarge bool, err error) {
	s.buf = s.buf[:0]
	for {
		chunk, err := s.br.ReadSlice('\n')
		if !tooLarge {
			if len(s.buf)+len(chunk) > s.max {
				tooLarge = true
				s.buf = s.buf[:0]
			} else {
				s.buf = append(s.buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return s.buf, tooLarge, nil
		default:
			return s.buf, tooLarge, err
		}
	}
}

// jsonArraySource yields the elements of one top-level JSON array. It
// finds element boundaries itself (strings, escapes and nesting depth), so
// each element is scanned once before it is decoded, its exact byte offset
// is known, one element's size is bounded, and a malformed element can be
// skipped without losing the rest of the array.
type jsonArraySource struct {
	br       *bufio.Reader
	max      int
	offset   int64 // bytes consumed
	buf      []byte
	finished bool
	first    bool
}

func newJSONArraySource(br *bufio.Reader, max int) (*jsonArraySource, error) {
	s := &jsonArraySource{br: br, max: max, first: true}
	if p, _ := br.Peek(3); len(p) == 3 && len(skipBOM(p)) == 0 {
		br.Discard(3)
		s.offset = 3
	}
	c, err := s.skipSpace()
	if err != nil || c != '[' {
		return nil, &RecordError{Container: JSON, Offset: s.offset, Err: fmt.Errorf("%w: the file does not start with a JSON array", ErrMalformedRecord)}
	}
	s.br.ReadByte()
	s.offset++
	return s, nil
}

// skipSpace returns the next non-space byte without consuming it.
func (s *jsonArraySource) skipSpace() (byte, error) {
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			s.offset++
			continue
		}
		s.br.UnreadByte()
		return c, nil
	}
}

func (s *jsonArraySource) next() (record, position, bool, error) {
	if s.finished {
		return nil, position{}, false, io.EOF
	}
	c, err := s.skipSpace()
	if err != nil {
		s.finished = true
		return nil, position{offset: s.offset}, true, truncatedArray(err)
	}
	if c == ']' {
		s.br.ReadByte()
		s.offset++
		s.finished = true
		if c, err := s.skipSpace(); err != io.EOF {
			if err == nil {
				err = fmt.Errorf("%w: data after the closing ']' (%q)", ErrMalformedRecord, c)
			}
			return nil, position{offset: s.offset}, true, err
		}
		return nil, position{}, false, io.EOF
	}
	if !s.first {
		if c != ',' {
			s.finished = true
			return nil, position{offset: s.offset}, true, fmt.Errorf("%w: want ',' or ']' between array elements, found %q", ErrMalformedRecord, c)
		}
		s.br.ReadByte()
		s.offset++
		if _, err = s.skipSpace(); err != nil {
			s.finished = true
			return nil, position{offset: s.offset}, true, truncatedArray(err)
		}
	}
	s.first = false
	pos := position{offset: s.offset}
	raw, err := s.element()
	if err != nil {
		s.finished = true
		return nil, pos, true, err
	}
	if len(raw) == 0 {
		s.finished = true
		return nil, pos, true, fmt.Errorf("%w: missing array element", ErrMalformedRecord)
	}
	if raw[0] == '"' {
		rec, err := newStringRecord(raw)
		return rec, pos, false, err
	}
	if raw[0] != '{' {
		return nil, pos, false, fmt.Errorf("%w: array element is not a JSON object or string", ErrMalformedRecord)
	}
	rec, err := newJSONRecord(raw)
	return rec, pos, false, err
}

// element reads one JSON value starting at the current byte.
func (s *jsonArraySource) element() ([]byte, error) {
	s.buf = s.buf[:0]
	depth, inString, escaped := 0, false, false
	for {
		chunk, err := s.br.Peek(s.br.Buffered())
		if len(chunk) == 0 {
			if _, err = s.br.Peek(1); err != nil {
				return nil, truncatedArray(err)
			}
			continue
		}
		for i := 0; i < len(chunk); i++ {
			c := chunk[i]
			if inString {
				if escaped {
					escaped = false
					continue
				}
				// Jump to the next quote or backslash.
				j := quoteOrBackslash(chunk[i:])
				if j < 0 {
					i = len(chunk) - 1
					continue
				}
				i += j
				if chunk[i] == '\\' {
					escaped = true
				} else {
					inString = false
					if depth == 0 {
						return s.take(chunk, i+1)
					}
				}
				continue
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth <= 0 {
					if depth < 0 {
						return nil, fmt.Errorf("%w: unexpected %q", ErrMalformedRecord, c)
					}
					return s.take(chunk, i+1)
				}
			case ',', ' ', '\t', '\r', '\n':
				if depth == 0 { // end of a scalar element
					return s.take(chunk, i)
				}
			}
		}
		if len(s.buf)+len(chunk) > s.max {
			return nil, fmt.Errorf("%w: array element longer than %d bytes", ErrRecordTooLarge, s.max)
		}
		s.buf = append(s.buf, chunk...)
		s.br.Discard(len(chunk))
		s.offset += int64(len(chunk))
		if err != nil && len(chunk) == 0 {
			return nil, truncatedArray(err)
		}
	}
}

// take completes the element with the first n bytes of chunk.
func (s *jsonArraySource) take(chunk []byte, n int) ([]byte, error) {
	if len(s.buf)+n > s.max {
		return nil, fmt.Errorf("%w: array element longer than %d bytes", ErrRecordTooLarge, s.max)
	}
	s.buf = append(s.buf, chunk[:n]...)
	s.br.Discard(n)
	s.offset += int64(n)
	return s.buf, nil
}

func truncatedArray(err error) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: the JSON array is not closed (truncated file?)", ErrTruncated)
	}
	return err
}

// newStringRecord reads a record that is a bare JSON string.
func newStringRecord(raw []byte) (record, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%w at byte %d of the record", ErrInvalidUTF8, invalidUTF8At(raw))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, jsonRecordError(err)
	}
	return stringRecord{s}, nil
}

// jsonRecord is one JSON object of a JSON array or a JSONL line.
type jsonRecord struct {
	raw    []byte
	parsed jsonFields // on first use
}

// newJSONRecord checks that raw is UTF-8: instruction text always is, and
// replacing bytes would change what is classified.
func newJSONRecord(raw []byte) (*jsonRecord, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%w at byte %d of the record", ErrInvalidUTF8, invalidUTF8At(raw))
	}
	return &jsonRecord{raw: raw}, nil
}

func (r *jsonRecord) fields() (fieldSource, error) {
	if r.parsed == nil {
		r.parsed = make(jsonFields)
		if err := json.Unmarshal(r.raw, &r.parsed); err != nil {
			return nil, jsonRecordError(err)
		}
	}
	return r.parsed, nil
}

func (r *jsonRecord) own() record { return &jsonRecord{raw: bytes.Clone(r.raw)} }

// decode decodes with goccy/go-json, several times faster than
// encoding/json here (docs/BENCHMARKS.md); a record it refuses is decoded
// again by encoding/json, whose error messages are the reference.
func (r *jsonRecord) decode(rec *rawRecord) error {
	if err := gojson.Unmarshal(r.raw, rec); err != nil {
		*rec = rawRecord{}
		return r.decodeExact(rec)
	}
	return nil
}

// decodeExact decodes with encoding/json, which matches field names
// case-insensitively ("Instruction" fills instruction) where goccy/go-json
// does not.
func (r *jsonRecord) decodeExact(rec *rawRecord) error {
	if err := json.Unmarshal(r.raw, rec); err != nil {
		return jsonRecordError(err)
	}
	return nil
}

func jsonRecordError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%w: field %q is a JSON %s, want %s", ErrMalformedRecord, te.Field, te.Value, te.Type)
	}

	return fmt.Errorf("%w: %v", ErrMalformedRecord, err)
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// quoteOrBackslash returns the index of the first '"' or '\\' of b, or
// -1: two vectorized byte searches, which beat bytes.IndexAny's set
// building on every call for the long strings of instruction data.
func quoteOrBackslash(b []byte) int {
	q := bytes.IndexByte(b, '"')
	if q < 0 {
		q = len(b)
	}
	if e := bytes.IndexByte(b[:q], '\\'); e >= 0 {
		return e
	}
	if q == len(b) {
		return -1
	}
	return q
}
