package occubias

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

func (s *jsonlSource) next() ([]byte, position, error, bool) {
	for {
		line, tooLarge, err := s.readLine()
		if err != nil && err != io.EOF {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("%w: %v", ErrTruncated, err)
			}
			return nil, position{line: s.line + 1}, err, true
		}
		if len(line) == 0 && !tooLarge && err == io.EOF {
			return nil, position{}, io.EOF, false
		}
		s.line++
		pos := position{line: s.line}
		if tooLarge {
			return nil, pos, fmt.Errorf("%w: line longer than %d bytes", ErrRecordTooLarge, s.max), false
		}
		if s.line == 1 {
			line = skipBOM(line)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			if err == io.EOF {
				return nil, position{}, io.EOF, false
			}
			continue
		}
		if line[0] != '{' {
			return nil, pos, fmt.Errorf("%w: line does not hold a JSON object", ErrMalformedRecord), false
		}
		return line, pos, nil, false
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

// boundedReader counts the bytes handed to a decoder and refuses to hand
// out more than max past the start of the current record, so that one
// record cannot make the decoder buffer grow without bound.
type boundedReader struct {
	r          io.Reader
	read, mark int64
	max        int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.read-b.mark > b.max {
		return 0, fmt.Errorf("%w: record longer than %d bytes", ErrRecordTooLarge, b.max)
	}
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

// jsonArraySource yields the elements of one top-level JSON array.
type jsonArraySource struct {
	dec      *json.Decoder
	br       *boundedReader
	finished bool
}

func newJSONArraySource(r io.Reader, max int) (*jsonArraySource, error) {
	br := &boundedReader{r: r, max: int64(max)}
	if b, ok := r.(*bufio.Reader); ok {
		if p, _ := b.Peek(3); len(skipBOM(p)) == 0 && len(p) == 3 {
			b.Discard(3)
		}
	}
	s := &jsonArraySource{dec: json.NewDecoder(br), br: br}
	tok, err := s.dec.Token()
	if err != nil {
		return nil, &RecordError{Container: "json", Err: containerError(err)}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, &RecordError{Container: "json", Err: fmt.Errorf("%w: the file does not start with a JSON array", ErrMalformedRecord)}
	}
	return s, nil
}

func (s *jsonArraySource) next() ([]byte, position, error, bool) {
	if s.finished {
		return nil, position{}, io.EOF, false
	}
	if !s.dec.More() {
		pos := position{offset: s.dec.InputOffset()}
		tok, err := s.dec.Token()
		s.finished = true
		if err != nil {
			return nil, pos, containerError(err), true
		}
		if d, ok := tok.(json.Delim); !ok || d != ']' {
			return nil, pos, fmt.Errorf("%w: want ']' or another element, found %v", ErrMalformedRecord, tok), true
		}
		if _, err := s.dec.Token(); err != io.EOF {
			return nil, position{offset: s.dec.InputOffset()}, fmt.Errorf("%w: data after the closing ']'", ErrMalformedRecord), true
		}
		return nil, position{}, io.EOF, false
	}
	start := s.dec.InputOffset()
	s.br.mark = s.br.read
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		s.finished = true
		pos := position{offset: start}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			pos.offset = se.Offset
		} else if errors.Is(err, io.ErrUnexpectedEOF) {
			pos.offset = s.br.read // where the input ends
		}
		return nil, pos, containerError(err), true
	}
	start = s.dec.InputOffset() - int64(len(raw))
	if len(raw) == 0 || raw[0] != '{' {
		return nil, position{offset: start}, fmt.Errorf("%w: array element is not a JSON object", ErrMalformedRecord), false
	}
	return raw, position{offset: start}, nil, false
}

// containerError classifies an error that leaves a JSON container unreadable.
func containerError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the JSON array is not closed (truncated file?)", ErrTruncated)
	case errors.Is(err, ErrRecordTooLarge):
		return err
	}
	return fmt.Errorf("%w: %v", ErrMalformedRecord, err)
}
