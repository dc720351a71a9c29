package occubias

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// csvSource yields CSV or TSV rows as JSON objects keyed by the header.
type csvSource struct {
	cr     *csv.Reader
	br     *boundedReader
	kind   string
	header []string
	row    map[string]string
}

func newCSVSource(r *bufio.Reader, kind string, max int) (*csvSource, error) {
	if p, _ := r.Peek(3); len(p) == 3 && len(skipBOM(p)) == 0 {
		r.Discard(3)
	}
	br := &boundedReader{r: r, max: int64(max)}
	cr := csv.NewReader(br)
	if kind == "tsv" {
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
	return &csvSource{cr: cr, br: br, kind: kind, header: header, row: make(map[string]string, len(header))}, nil
}

func (s *csvSource) next() ([]byte, position, error, bool) {
	s.br.mark = s.br.read
	rec, err := s.cr.Read()
	if err == io.EOF {
		return nil, position{}, io.EOF, false
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, position{line: int64(pe.StartLine)}, fmt.Errorf("%w: %v", ErrMalformedRecord, pe.Err), false
		}
		return nil, position{}, err, true
	}
	line, _ := s.cr.FieldPos(0)
	pos := position{line: int64(line)}
	if len(rec) != len(s.header) {
		return nil, pos, fmt.Errorf("%w: %d fields, header has %d", ErrMalformedRecord, len(rec), len(s.header)), false
	}
	clear(s.row)
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return nil, pos, fmt.Errorf("%w in column %q", ErrInvalidUTF8, s.header[i]), false
		}
		s.row[s.header[i]] = v
	}
	// The row is handed over through currentRow, not as JSON: encoding and
	// decoding it again would triple the cost of reading text columns.
	return nil, pos, nil, false
}

// currentRow returns the row of the last successful next, keyed by the
// header. The map is reused by the following call.
func (s *csvSource) currentRow() map[string]string { return s.row }
