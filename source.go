package occubias

import (
	"fmt"
	"io"
	"strings"
)

// Container names how a file holds its records, whatever their format.
type Container string

// The containers occubias reads.
const (
	// JSON is one top-level array of objects.
	JSON Container = "json"
	// JSONL is one object per line.
	JSONL Container = "jsonl"
	// CSV and TSV are rows under a header row.
	CSV Container = "csv"
	TSV Container = "tsv"
	// Parquet is an Apache Parquet file; nested columns (OccuQuest's
	// messages) are read as lists of objects.
	Parquet Container = "parquet"
)

// ParseContainer returns the Container named by s ("" for detection).
func ParseContainer(s string) (Container, error) {
	c := Container(strings.ToLower(strings.TrimSpace(s)))
	switch c {
	case "", JSON, JSONL, CSV, TSV, Parquet:
		return c, nil
	}
	return "", fmt.Errorf("%w: unknown container %q (json, jsonl, csv, tsv, parquet)", ErrUnknownFormat, s)
}

// Compression names how a file is compressed.
type Compression string

// The compressions occubias reads, detected from the first bytes.
const (
	Uncompressed Compression = ""
	Gzip         Compression = "gzip"
	Zstd         Compression = "zstd"
)

// position is where a record starts in its container.
type position struct {
	line, offset, row int64
}

// record is one record of any container: a JSON object, a CSV or TSV row,
// a Parquet row. Each container's records answer these from their own
// representation, so none is encoded into another to be read.
type record interface {
	// fields returns the record's fields by name, for format detection and
	// the generic format.
	fields() (fieldSource, error)
	// decode fills rec, the union of the known formats' fields.
	decode(rec *rawRecord) error
	// own returns the record with its own memory: sources reuse their
	// buffers from one record to the next, and a record decoded on another
	// goroutine must not see them change.
	own() record
	// release says that the record will not be read again; a record that
	// points into its source's buffers lets them be reused.
	release()
}

// recordSource yields the records of one container.
type recordSource interface {
	// next returns the next record and where it starts, or io.EOF. An
	// error is fatal when the container cannot go on past it.
	next() (rec record, pos position, fatal bool, err error)
}

// emptySource is the source of an input holding nothing but white space.
type emptySource struct{}

func (emptySource) next() (record, position, bool, error) { return nil, position{}, false, io.EOF }
