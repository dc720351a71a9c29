package occubias

// The OccuQuest fixtures are written by DuckDB, a Parquet writer other
// than the one the reader uses.
//go:generate sh -c "npm install --silent --prefix /tmp/duck @duckdb/node-api && DUCKDB_PREFIX=/tmp/duck node testdata/gen_occuquest.mjs"

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// parquetSource yields Parquet rows, one row group at a time. Nested
// columns (OccuQuest's messages list<struct<role, content>>) come out as
// lists of objects.
type parquetSource struct {
	file   *parquet.File
	groups []parquet.RowGroup
	next_  int
	rd     *parquet.GenericReader[any]
	buf    []any
	bi, bn int
	row    int64
	done   bool
	// rowsRead mirrors row for progress, read from other goroutines.
	rowsRead atomic.Int64
}

// progress reports rows read out of the file's rows.
func (s *parquetSource) progress() (done, total int64) {
	return s.rowsRead.Load(), s.file.NumRows()
}

const parquetBatch = 256

func newParquetSource(f *os.File) (src *parquetSource, err error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, p)
		}
	}()
	// A Parquet file starts and ends with "PAR1": a file that starts with it
	// but does not end with it was cut short.
	var tail [4]byte
	if n, _ := f.ReadAt(tail[:], st.Size()-4); st.Size() < 8 || n != 4 || string(tail[:]) != "PAR1" {
		return nil, fmt.Errorf("%w: parquet: no footer (file of %d bytes cut short?)", ErrTruncated, st.Size())
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: parquet: %v", ErrTruncated, err)
		}
		return nil, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, err)
	}
	for _, rg := range pf.Metadata().RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.TotalCompressedSize < 0 || c.MetaData.TotalCompressedSize > st.Size() {
				return nil, fmt.Errorf("%w: parquet: a column chunk claims %d bytes in a %d-byte file", ErrMalformedRecord, c.MetaData.TotalCompressedSize, st.Size())
			}
		}
	}
	return &parquetSource{file: pf, groups: pf.RowGroups(), buf: make([]any, parquetBatch)}, nil
}

func (s *parquetSource) next() (rec record, pos position, fatal bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, fatal, err = nil, true, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, p)
			s.done = true
		}
	}()
	for s.bi == s.bn {
		if s.done {
			return nil, position{}, false, io.EOF
		}
		if s.rd == nil {
			if s.next_ == len(s.groups) {
				s.done = true
				return nil, position{}, false, io.EOF
			}
			s.rd = parquet.NewGenericRowGroupReader[any](s.groups[s.next_])
			s.next_++
		}
		clear(s.buf)
		n, err := s.rd.Read(s.buf)
		s.bi, s.bn = 0, n
		if err == io.EOF || (err == nil && n == 0) {
			s.rd.Close()
			s.rd = nil
		} else if err != nil {
			s.done = true
			return nil, position{row: s.row}, true, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, err)
		}
	}
	v := s.buf[s.bi]
	s.bi++
	pos = position{row: s.row}
	s.row++
	s.rowsRead.Store(s.row)
	row, ok := v.(map[string]any)
	if !ok {
		return nil, pos, false, fmt.Errorf("%w: parquet row is a %T, not a group of columns", ErrMalformedRecord, v)
	}
	if err := textValues(row); err != nil {
		return nil, pos, false, err
	}
	return parquetRow(row), pos, false, nil
}

// textValues turns byte-array leaves into strings, so that BYTE_ARRAY
// columns written without a STRING annotation still read as text, and
// checks that every string is UTF-8.
func textValues(v any) error {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if b, ok := e.([]byte); ok {
				x[k], e = string(b), string(b)
			}
			if err := textValues(e); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if b, ok := e.([]byte); ok {
				x[i], e = string(b), string(b)
			}
			if err := textValues(e); err != nil {
				return err
			}
		}
	case string:
		if !utf8.ValidString(x) {
			return fmt.Errorf("%w at byte %d of a value", ErrInvalidUTF8, invalidUTF8At([]byte(x)))
		}
	}
	return nil
}

// parquetRow is one Parquet row: its columns by name.
type parquetRow map[string]any

func (r parquetRow) fields() (fieldSource, error) { return r, nil }

// own returns r: each Parquet row is a map of its own.
func (r parquetRow) own() record { return r }

func (parquetRow) release() {}

func (r parquetRow) decode(rec *rawRecord) error {
	for k, v := range r {
		if err := rec.set(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (r parquetRow) field(name string) (string, bool) {
	v, ok := r[name]
	if !ok {
		for k, e := range r {
			if strings.EqualFold(k, name) {
				v, ok = e, true
				break
			}
		}
	}
	if !ok {
		return "", false
	}
	if s, isString := v.(string); isString {
		return s, true
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return "", false
	}
	return fieldText(raw), true
}

func (r parquetRow) keys() []string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	return keys
}
