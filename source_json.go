package occubias

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"unicode/utf8"
)

// blocks reads its input in blocks that are not written while a record
// points into them, so that a record can be handed on as a slice of its
// block, without a copy, to be decoded on another goroutine; a record cut
// by the end of a block is moved to the start of the next.
type blocks struct {
	r     io.Reader
	cur   *block
	block []byte // the input from offset base on: cur.buf[:n]
	pos   int    // the first byte of block not yet consumed
	base  int64
	err   error       // of the last read; io.EOF at the end of the input
	free  chan *block // blocks no record points into any more
}

// block is one read's buffer. It counts the records that point into it,
// and the source while it reads from it; the last to let go puts it on
// its source's free list, to be read into again (fresh memory costs page
// faults and clearing, a tenth of the CPU time of reading).
type block struct {
	buf  []byte
	refs atomic.Int32
	free chan *block // nil for a block larger than blockSize
}

// blockSize is the size of a read: large enough that few records are cut
// by a block's end, small enough to keep memory low.
const blockSize = 1 << 20

// freeBlocks is how many unused blocks a source keeps.
const freeBlocks = 16

// hold adds a record's reference to b.
func (b *block) hold() *block {
	b.refs.Add(1)
	return b
}

// release drops a reference to b; nothing may read b's bytes through it
// afterwards.
func (b *block) release() {
	if b.refs.Add(-1) == 0 && b.free != nil {
		select {
		case b.free <- b:
		default: // the list is full: the collector takes it
		}
	}
}

func (b *blocks) offset() int64 { return b.base + int64(b.pos) }

// more reads the next block, keeping block[keep:] at its start (pos moves
// with it); it reports false when nothing more could be read, with the
// reason in b.err.
func (b *blocks) more(keep int) bool {
	if b.err != nil {
		return false
	}
	rest := len(b.block) - keep
	if b.free == nil {
		b.free = make(chan *block, freeBlocks)
	}
	var next *block
	if size := max(blockSize, 2*rest); size > blockSize {
		next = &block{buf: make([]byte, size)}
	} else {
		select {
		case next = <-b.free:
		default:
			next = &block{buf: make([]byte, blockSize), free: b.free}
		}
	}
	next.refs.Store(1)
	buf := next.buf[:cap(next.buf)]
	copy(buf, b.block[keep:])
	n := rest
	for n < len(buf) && b.err == nil {
		var m int
		m, b.err = b.r.Read(buf[n:])
		n += m
	}
	if b.cur != nil {
		b.cur.release()
	}
	b.cur, b.block = next, buf[:n]
	b.base += int64(keep)
	b.pos -= keep
	return n > rest
}

// record returns raw, a slice of the current block, as a record holding
// the block.
func (b *blocks) record(raw []byte) *jsonRecord {
	return &jsonRecord{raw: raw, blk: b.cur.hold()}
}

// jsonlSource yields one JSON object per non-blank line.
type jsonlSource struct {
	blocks
	max  int
	line int64
}

func newJSONLSource(br *bufio.Reader, max int) *jsonlSource {
	return &jsonlSource{blocks: blocks{r: br}, max: max}
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
		return s.record(line), pos, false, nil
	}
}

// readLine returns the next line with its newline, as a slice of its
// block. A line longer than s.max (its newline counted) is consumed and
// reported as tooLarge without being kept. err is set when the input
// ended before a newline: io.EOF at its end.
func (s *jsonlSource) readLine() (line []byte, tooLarge bool, err error) {
	start, from := s.pos, s.pos
	for {
		if k := bytes.IndexByte(s.block[from:], '\n'); k >= 0 {
			end := from + k + 1
			s.pos = end
			if tooLarge || end-start > s.max {
				return nil, true, nil
			}
			return s.block[start:end:end], false, nil
		}
		tooLarge = tooLarge || len(s.block)-start > s.max
		if tooLarge {
			start = len(s.block) // keep nothing of it
		}
		s.pos = start
		from = len(s.block) - start
		if !s.more(start) {
			line, s.pos = s.block[s.pos:], len(s.block)
			if tooLarge {
				line = nil
			}
			return line, tooLarge, s.err
		}
		start = s.pos // 0: the block starts with the line
	}
}

// jsonArraySource yields the elements of one top-level JSON array. It
// finds element boundaries itself (strings, escapes and nesting depth), so
// each element is scanned once before it is decoded, its exact byte offset
// is known, one element's size is bounded, and a malformed element can be
// skipped without losing the rest of the array.
type jsonArraySource struct {
	blocks
	max      int
	finished bool
	first    bool
}

func newJSONArraySource(br *bufio.Reader, max int) (*jsonArraySource, error) {
	s := &jsonArraySource{blocks: blocks{r: br}, max: max, first: true}
	if p, _ := br.Peek(3); len(p) == 3 && len(skipBOM(p)) == 0 {
		br.Discard(3)
		s.base = 3
	}
	c, err := s.skipSpace()
	if err != nil || c != '[' {
		return nil, &RecordError{Container: JSON, Offset: s.offset(), Err: fmt.Errorf("%w: the file does not start with a JSON array", ErrMalformedRecord)}
	}
	s.pos++
	return s, nil
}

// skipSpace returns the next non-space byte without consuming it.
func (s *jsonArraySource) skipSpace() (byte, error) {
	for {
		for ; s.pos < len(s.block); s.pos++ {
			switch c := s.block[s.pos]; c {
			case ' ', '\t', '\r', '\n':
			default:
				return c, nil
			}
		}
		if !s.more(s.pos) {
			return 0, s.err
		}
	}
}

func (s *jsonArraySource) next() (record, position, bool, error) {
	if s.finished {
		return nil, position{}, false, io.EOF
	}
	c, err := s.skipSpace()
	if err != nil {
		s.finished = true
		return nil, position{offset: s.offset()}, true, truncatedArray(err)
	}
	if c == ']' {
		s.pos++
		s.finished = true
		if c, err := s.skipSpace(); err != io.EOF {
			if err == nil {
				err = fmt.Errorf("%w: data after the closing ']' (%q)", ErrMalformedRecord, c)
			}
			return nil, position{offset: s.offset()}, true, err
		}
		return nil, position{}, false, io.EOF
	}
	if !s.first {
		if c != ',' {
			s.finished = true
			return nil, position{offset: s.offset()}, true, fmt.Errorf("%w: want ',' or ']' between array elements, found %q", ErrMalformedRecord, c)
		}
		s.pos++
		if _, err = s.skipSpace(); err != nil {
			s.finished = true
			return nil, position{offset: s.offset()}, true, truncatedArray(err)
		}
	}
	s.first = false
	pos := position{offset: s.offset()}
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
	return s.record(raw), pos, false, nil
}

// element reads one JSON value starting at the current byte.
func (s *jsonArraySource) element() ([]byte, error) {
	for {
		n, err := valueLength(s.block[s.pos:])
		if err != nil {
			return nil, err
		}
		if n > s.max || n < 0 && len(s.block)-s.pos > s.max {
			return nil, fmt.Errorf("%w: array element longer than %d bytes", ErrRecordTooLarge, s.max)
		}
		if n >= 0 {
			raw := s.block[s.pos : s.pos+n : s.pos+n]
			s.pos += n
			return raw, nil
		}
		if !s.more(s.pos) {
			s.pos = len(s.block)
			return nil, truncatedArray(s.err)
		}
	}
}

// valueLength returns the length of the JSON value at the start of b, or
// −1 when b ends inside it. It follows strings and nesting only; the
// decoder checks the rest. A string ends at the first quote preceded by an
// even number of backslashes, which one vectorized search per string
// finds.
func valueLength(b []byte) (int, error) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			for j := i + 1; ; {
				k := bytes.IndexByte(b[j:], '"')
				if k < 0 {
					return -1, nil
				}
				q := j + k
				p := q - 1
				for b[p] == '\\' { // stops at the opening quote
					p--
				}
				if (q-1-p)%2 == 0 {
					i = q
					break
				}
				j = q + 1
			}
			if depth == 0 {
				return i + 1, nil
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				if depth < 0 {
					return 0, fmt.Errorf("%w: unexpected %q", ErrMalformedRecord, c)
				}
				return i + 1, nil
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 { // end of a scalar element
				return i, nil
			}
		}
	}
	return -1, nil
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
	raw     []byte
	parsed  jsonFields // on first use
	blk     *block     // raw's block, until release
	checked bool
	invalid error
}

// check returns an error when raw is not UTF-8: instruction text always
// is, and replacing bytes would change what is classified. It is checked
// when the record is read, on the decoding goroutine, not when it is
// found.
func (r *jsonRecord) check() error {
	if !r.checked {
		r.checked = true
		if !utf8.Valid(r.raw) {
			r.invalid = fmt.Errorf("%w at byte %d of the record", ErrInvalidUTF8, invalidUTF8At(r.raw))
		}
	}
	return r.invalid
}

func (r *jsonRecord) fields() (fieldSource, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if r.parsed == nil {
		r.parsed = make(jsonFields)
		if err := json.Unmarshal(r.raw, &r.parsed); err != nil {
			return nil, jsonRecordError(err)
		}
	}
	return r.parsed, nil
}

// own returns r: its block is not written while r holds it.
func (r *jsonRecord) own() record { return r }

func (r *jsonRecord) release() {
	if r.blk != nil {
		r.blk.release()
		r.blk, r.raw = nil, nil
	}
}

// decode decodes with decodeRecord; a record it declines is decoded
// again by encoding/json, whose results and error messages are the
// reference.
func (r *jsonRecord) decode(rec *rawRecord) error {
	// decodeRecord checks the UTF-8 of what it reads; check does the
	// rest, for the records it declines.
	if err := decodeRecord(r.raw, rec); err != nil {
		*rec = rawRecord{}
		return r.decodeExact(rec)
	}
	return nil
}

// decodeExact decodes with encoding/json, which matches field names
// case-insensitively as the fast decoder does, and beyond ASCII.
func (r *jsonRecord) decodeExact(rec *rawRecord) error {
	if err := r.check(); err != nil {
		return err
	}
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
