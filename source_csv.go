package occubias

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// csvSource yields CSV or TSV rows keyed by the header.
type csvSource struct {
	cr     *csv.Reader
	br     *boundedReader
	kind   Container
	header []string
	row    rowFields
	line   int64 // the line of the last row read; 1 after the header
}

func newCSVSource(r *bufio.Reader, kind Container, max int) (*csvSource, error) {
	if p, _ := r.Peek(3); len(p) == 3 && len(skipBOM(p)) == 0 {
		r.Discard(3)
	}
	br := &boundedReader{r: r, max: int64(max)}
	cr := csv.NewReader(br)
	if kind == TSV {
		cr.Comma = '\t'
		cr.LazyQuotes = true
	}
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &RecordError{Container: kind, Line: 1, Err: fmt.Errorf("%w: empty file, no header row", ErrMalformedRecord)}
		}
		return nil, &RecordError{Container: kind, Line: 1, Err: fmt.Errorf("%w: header: %v", ErrMalformedRecord, err)}
	}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, &RecordError{Container: kind, Line: 1, Err: fmt.Errorf("%w in header column %d", ErrInvalidUTF8, i+1)}
		}
	}
	header = append([]string(nil), header...)
	cr.ReuseRecord = true
	return &csvSource{cr: cr, br: br, kind: kind, header: header, row: make(rowFields, len(header)), line: 1}, nil
}

func (s *csvSource) next() (record, position, bool, error) {
	row, pos, fatal, err := s.nextRow()
	if row == nil {
		return nil, pos, fatal, err
	}
	return row, pos, fatal, err
}

// nextRow returns the next row; the map is reused by the following call.
func (s *csvSource) nextRow() (rowFields, position, bool, error) {
	s.br.mark = s.br.read
	rec, err := s.cr.Read()
	if err == io.EOF {
		return nil, position{}, false, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, position{line: int64(pe.StartLine)}, false, fmt.Errorf("%w: %v", ErrMalformedRecord, pe.Err)
		}
		// The input failed (a truncated compressed stream): the row that
		// was to follow the last one read is where it failed.
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w: %v", ErrTruncated, err)
		}
		return nil, position{line: s.line + 1}, true, err
	}
	line, _ := s.cr.FieldPos(0)
	s.line = int64(line)
	pos := position{line: int64(line)}
	if len(rec) != len(s.header) {
		return nil, pos, false, fmt.Errorf("%w: %d fields, header has %d", ErrMalformedRecord, len(rec), len(s.header))
	}
	clear(s.row)
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return nil, pos, false, fmt.Errorf("%w in column %q", ErrInvalidUTF8, s.header[i])
		}
		s.row[s.header[i]] = v
	}
	return s.row, pos, false, nil
}

// boundedReader counts the bytes handed to the CSV decoder and refuses to
// hand out more than max past the start of the current record, so that
// one record cannot make the decoder's buffer grow without bound.
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
