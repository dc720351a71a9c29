package occubias

import (
	"errors"
	"fmt"
)

var (
	// ErrUnknownFormat is returned when a dataset's record format cannot be
	// detected from its content and no format was given.
	ErrUnknownFormat = errors.New("unknown dataset format")

	// ErrMalformedRecord wraps a record that does not parse in its container
	// (JSON syntax, CSV quoting) or does not have the shape of its format.
	ErrMalformedRecord = errors.New("malformed record")

	// ErrInvalidUTF8 is returned for a record whose bytes are not valid UTF-8.
	// Instruction text is always UTF-8; silently replacing bytes would change
	// what is classified.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")

	// ErrRecordTooLarge is returned when one record exceeds
	// ReadOptions.MaxRecordBytes, so that an untrusted file cannot make the
	// reader allocate without bound.
	ErrRecordTooLarge = errors.New("record too large")

	// ErrTruncated is returned when the input ends inside a record or before
	// a JSON array is closed.
	ErrTruncated = errors.New("unexpected end of input")

	// ErrUnknownRole is returned for a conversation turn whose speaker is not
	// one of the known user, assistant or system names.
	ErrUnknownRole = errors.New("unknown conversation role")

	// ErrMissingField is returned when a generic record lacks a chosen text
	// field, or a format's required field is absent.
	ErrMissingField = errors.New("missing field")

	// ErrNoDataset is returned when a directory or pattern holds no
	// dataset file (DatasetFiles).
	ErrNoDataset = errors.New("no dataset file (json, jsonl, ndjson, csv, tsv or parquet, optionally .gz or .zst)")
)

// RecordError locates a malformed record in its source.
type RecordError struct {
	// File is the source path.
	File string
	// Container tells which position fields apply.
	Container Container
	// Line is the 1-based line where the record starts (JSONL, CSV, TSV).
	Line int64
	// Offset is the byte offset of the record in the decompressed stream
	// (JSON arrays).
	Offset int64
	// Row is the 0-based row index (Parquet).
	Row int64
	// Record is the 0-based index of the record among the file's records.
	Record int64
	// Err is the cause; errors.Is works through it with the sentinel errors.
	Err error
}

func (e *RecordError) Error() string {
	switch e.Container {
	case JSONL, CSV, TSV:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	case Parquet:
		return fmt.Sprintf("%s: row %d: %v", e.File, e.Row, e.Err)
	case JSON:
		return fmt.Sprintf("%s: byte offset %d (record %d): %v", e.File, e.Offset, e.Record, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }
