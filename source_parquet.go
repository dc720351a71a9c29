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
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
)

// parquetSource yields Parquet rows, one row group at a time, as JSON
// objects. Nested columns (OccuQuest's messages list<struct<role,
// content>>) come out as JSON arrays of objects.
type parquetSource struct {
	file   *parquet.File
	groups []parquet.RowGroup
	next_  int
	rd     *parquet.GenericReader[any]
	buf    []any
	bi, bn int
	row    int64
	done   bool
	// rowsRead mirrors row for Reader.Progress, read from other goroutines.
	rowsRead atomic.Int64
}

const parquetBatch = 256

func newParquetSource(f *os.File, name string) (src *parquetSource, err error) {
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

func (s *parquetSource) next() (raw []byte, pos position, err error, fatal bool) {
	defer func() {
		if p := recover(); p != nil {
			raw, err, fatal = nil, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, p), true
			s.done = true
		}
	}()
	for s.bi == s.bn {
		if s.done {
			return nil, position{}, io.EOF, false
		}
		if s.rd == nil {
			if s.next_ == len(s.groups) {
				s.done = true
				return nil, position{}, io.EOF, false
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
			return nil, position{row: s.row}, fmt.Errorf("%w: parquet: %v", ErrMalformedRecord, err), true
		}
	}
	v := s.buf[s.bi]
	s.bi++
	pos = position{row: s.row}
	s.row++
	s.rowsRead.Store(s.row)
	raw, err = json.Marshal(textValues(v))
	if err != nil {
		return nil, pos, fmt.Errorf("%w: %v", ErrMalformedRecord, err), false
	}
	return raw, pos, nil, false
}

// textValues turns byte-array leaves into strings so that BYTE_ARRAY
// columns written without a STRING annotation still read as text.
func textValues(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case map[string]any:
		for k, e := range x {
			x[k] = textValues(e)
		}
	case []any:
		for i, e := range x {
			x[i] = textValues(e)
		}
	}
	return v
}
