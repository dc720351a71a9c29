package occubias

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Policy says what a Reader does with a malformed record.
type Policy int

const (
	// Strict stops at the first malformed record; Err reports it. Every
	// example read before it has already been delivered.
	Strict Policy = iota
	// SkipBad skips malformed records, counts them in ReadStats.Skipped and
	// keeps the first ReadOptions.KeepErrors errors. Errors that leave the
	// container unreadable (unbalanced brackets in a JSON array, a truncated
	// file, a corrupt Parquet page) still end the read.
	SkipBad
)

// DefaultMaxRecordBytes bounds one record's encoded size unless
// ReadOptions.MaxRecordBytes says otherwise.
const DefaultMaxRecordBytes = 64 << 20

// DefaultKeepErrors is how many record errors SkipBad keeps by default.
const DefaultKeepErrors = 10

// ReadOptions configures a Reader. The zero value detects the format and
// container from the content and stops at the first malformed record.
type ReadOptions struct {
	// Format overrides detection of the record format.
	Format Format
	// Container overrides detection of the container: "json" (one array),
	// "jsonl", "csv", "tsv" or "parquet".
	Container string
	// Policy is Strict (default) or SkipBad.
	Policy Policy
	// TextFields are the fields whose text makes up the user turn of a
	// Generic record, joined by blank lines. Setting them implies Generic
	// when Format is Auto.
	TextFields []string
	// ResponseFields become assistant turns of a Generic record.
	ResponseFields []string
	// LabelFields are copied into Example.Labels of a Generic record.
	LabelFields []string
	// IDField names a Generic record's id field.
	IDField string
	// MaxRecordBytes bounds one record's encoded size; 0 means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
	// KeepErrors is how many errors SkipBad keeps; 0 means DefaultKeepErrors.
	KeepErrors int
}

// ReadStats summarizes what a Reader has read so far.
type ReadStats struct {
	// Source is the path read ("-" for standard input).
	Source string
	// Format is the record format, detected or given.
	Format Format
	// Container is "json", "jsonl", "csv", "tsv" or "parquet".
	Container string
	// Compression is "", "gzip" or "zstd".
	Compression string
	// Read counts the examples delivered.
	Read int64
	// Skipped counts malformed records passed over under SkipBad.
	Skipped int64
	// Errors holds the first errors met, each a *RecordError.
	Errors []error
}

// RecordError locates a malformed record in its source.
type RecordError struct {
	// File is the source path.
	File string
	// Container tells which position fields apply.
	Container string
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
	case "jsonl", "csv", "tsv":
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	case "parquet":
		return fmt.Sprintf("%s: row %d: %v", e.File, e.Row, e.Err)
	case "json":
		return fmt.Sprintf("%s: byte offset %d (record %d): %v", e.File, e.Offset, e.Record, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// position is where a record starts in its container.
type position struct {
	line, offset, row int64
}

// recordSource yields the records of one container as JSON objects.
type recordSource interface {
	// next returns the next record's JSON object and where it starts, or
	// io.EOF. A non-nil error is fatal when the container cannot go on.
	next() (raw []byte, pos position, err error, fatal bool)
}

// Reader streams the examples of one dataset file. It is not safe for
// concurrent use.
type Reader struct {
	opts    ReadOptions
	src     recordSource
	closers []func() error
	stats   ReadStats
	ex      Example
	err     error
	index   int64
	done    bool
	fields  jsonFields
	// consumed counts the bytes read from the input (compressed, if it
	// is); size is the input's size when it is a regular file, else 0.
	consumed atomic.Int64
	size     int64
}

// countingReader adds the bytes it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// Progress reports how far the read has come: bytes of the input consumed
// out of its size, or for Parquet rows out of the file's rows. total is 0
// when the size is unknown (standard input, a pipe). It is safe to call
// from another goroutine while the Reader is being read, as progress
// displays do.
func (r *Reader) Progress() (done, total int64) {
	if p, ok := r.src.(*parquetSource); ok {
		return p.rowsRead.Load(), p.file.NumRows()
	}
	return r.consumed.Load(), r.size
}

// Open opens the dataset at path ("-" reads standard input). Compression,
// container and record format are detected from the content unless opts
// says otherwise. The caller must Close the Reader.
func Open(path string, opts ReadOptions) (*Reader, error) {
	if path == "-" {
		return NewReader(os.Stdin, "-", opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := newReader(f, f, path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closers = append(r.closers, f.Close)
	return r, nil
}

// NewReader reads a dataset from rd; name is used in errors, IDs and
// Example.Source. Parquet from a non-seekable reader is spooled to a
// temporary file first.
func NewReader(rd io.Reader, name string, opts ReadOptions) (*Reader, error) {
	return newReader(rd, nil, name, opts)
}

func newReader(rd io.Reader, file *os.File, name string, opts ReadOptions) (*Reader, error) {
	if opts.MaxRecordBytes <= 0 {
		opts.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if opts.KeepErrors <= 0 {
		opts.KeepErrors = DefaultKeepErrors
	}
	if opts.Format == Auto && len(opts.TextFields) > 0 {
		opts.Format = Generic
	}
	if opts.Format == Generic && len(opts.TextFields) == 0 {
		return nil, fmt.Errorf("%s: %w: the generic format needs at least one text field", name, ErrMissingField)
	}
	r := &Reader{opts: opts}
	r.stats.Source = name
	r.stats.Format = opts.Format
	if file != nil {
		if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
			r.size = st.Size()
		}
	}

	br := bufio.NewReaderSize(countingReader{rd, &r.consumed}, 1<<20)
	magic, _ := br.Peek(4)
	var stream io.Reader = br
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, closeFn, err := gzipReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", name, err)
		}
		r.stats.Compression = "gzip"
		stream, r.closers = zr, append(r.closers, closeFn)
	case len(magic) == 4 && string(magic) == "\x28\xb5\x2f\xfd":
		zr, closeFn, err := zstdReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: zstd: %w", name, err)
		}
		r.stats.Compression = "zstd"
		stream, r.closers = zr, append(r.closers, closeFn)
	}
	if r.stats.Compression != "" {
		br = bufio.NewReaderSize(stream, 1<<20)
		stream = br
	}

	container := strings.ToLower(opts.Container)
	if container == "" {
		container = sniffContainer(br, name)
	}
	r.stats.Container = container
	var err error
	if isEmpty(br) {
		r.src = emptySource{}
		return r, nil
	}
	switch container {
	case "parquet":
		if file == nil || r.stats.Compression != "" {
			file, err = spool(br)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			tmp := file
			r.closers = append(r.closers, func() error { tmp.Close(); return os.Remove(tmp.Name()) })
		}
		r.src, err = newParquetSource(file, name)
	case "json":
		r.src, err = newJSONArraySource(br, opts.MaxRecordBytes)
	case "jsonl":
		r.src = newJSONLSource(br, opts.MaxRecordBytes)
	case "csv", "tsv":
		r.src, err = newCSVSource(br, container, opts.MaxRecordBytes)
	default:
		err = fmt.Errorf("%w: unknown container %q (json, jsonl, csv, tsv, parquet)", ErrUnknownFormat, container)
	}
	if err != nil {
		r.Close()
		var re *RecordError
		if errors.As(err, &re) {
			re.File = name
			return nil, re
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// sniffContainer looks at the first bytes of the (decompressed) stream.
func sniffContainer(br *bufio.Reader, name string) string {
	if b, _ := br.Peek(4); string(b) == "PAR1" {
		return "parquet"
	}
	for n := 64; ; n *= 4 {
		b, err := br.Peek(n)
		b = skipBOM(b)
		trimmed := strings.TrimLeft(string(b), " \t\r\n")
		if trimmed != "" {
			switch trimmed[0] {
			case '[':
				return "json"
			case '{':
				return "jsonl"
			}
			line, _, _ := strings.Cut(trimmed, "\n")
			if _, _, complete := strings.Cut(trimmed, "\n"); complete || err != nil {
				if strings.Count(line, "\t") > strings.Count(line, ",") {
					return "tsv"
				}
				return "csv"
			}
		}
		if err != nil || n >= 1<<20 {
			break
		}
	}
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst"))) {
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".tsv", ".txt":
		return "tsv"
	case ".parquet":
		return "parquet"
	}
	return "jsonl"
}

// isEmpty reports whether the stream holds nothing but white space.
func isEmpty(br *bufio.Reader) bool {
	for n := 64; n <= 1<<20; n *= 4 {
		b, err := br.Peek(n)
		if len(strings.TrimLeft(string(skipBOM(b)), " \t\r\n")) > 0 {
			return false
		}
		if err != nil {
			return true
		}
	}
	return false
}

type emptySource struct{}

func (emptySource) next() ([]byte, position, error, bool) { return nil, position{}, io.EOF, false }

func skipBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func spool(rd io.Reader) (*os.File, error) {
	f, err := os.CreateTemp("", "occubias-*.parquet")
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(f, rd); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// Next advances to the next example, returning false at the end of the
// input or on an error that stops the read (see Err).
func (r *Reader) Next() bool {
	if r.done {
		return false
	}
	for {
		raw, pos, err, fatal := r.src.next()
		if err == io.EOF {
			r.done = true
			return false
		}
		if err == nil {
			err = r.decode(raw)
		}
		if err == nil {
			r.index++
			r.stats.Read++
			return true
		}
		rerr := &RecordError{File: r.stats.Source, Container: r.stats.Container,
			Line: pos.line, Offset: pos.offset, Row: pos.row, Record: r.index, Err: err}
		r.index++
		if fatal || r.opts.Policy == Strict {
			r.err = rerr
			r.done = true
			r.keepError(rerr)
			return false
		}
		r.stats.Skipped++
		r.keepError(rerr)
	}
}

func (r *Reader) keepError(err error) {
	if len(r.stats.Errors) < r.opts.KeepErrors {
		r.stats.Errors = append(r.stats.Errors, err)
	}
}

// decode turns one record into r.ex: a JSON object, or for CSV and TSV
// (raw == nil) the source's current row.
func (r *Reader) decode(raw []byte) error {
	var fields fieldSource
	var row rowFields
	if raw == nil {
		csv, ok := r.src.(*csvSource)
		if !ok {
			return fmt.Errorf("%w: empty record", ErrMalformedRecord)
		}
		row = csv.currentRow()
		fields = row
	} else {
		if !utf8.Valid(raw) {
			return fmt.Errorf("%w at byte %d of the record", ErrInvalidUTF8, invalidUTF8At(raw))
		}
		if r.stats.Format == Auto || r.stats.Format == Generic {
			clear(r.fields)
			if r.fields == nil {
				r.fields = make(jsonFields)
			}
			if err := json.Unmarshal(raw, &r.fields); err != nil {
				return jsonRecordError(err)
			}
			fields = r.fields
		}
	}
	if r.stats.Format == Auto {
		f, err := detectFormat(fields.keys())
		if err != nil {
			return err
		}
		r.stats.Format = f
	}
	r.ex = Example{Source: r.stats.Source, Format: r.stats.Format, Index: r.index}
	switch {
	case r.stats.Format == Generic:
		if err := genericExample(fields, &r.opts, &r.ex); err != nil {
			return err
		}
	default:
		var rec rawRecord
		if row != nil {
			rec = row.record()
		} else if err := json.Unmarshal(raw, &rec); err != nil {
			return jsonRecordError(err)
		}
		if err := rec.toExample(r.stats.Format, &r.ex); err != nil {
			return err
		}
	}
	if r.ex.ID == "" {
		r.ex.ID = fmt.Sprintf("%s#%d", filepath.Base(r.stats.Source), r.index)
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

// Example returns the current example. The returned value is the caller's
// to keep: the Reader does not reuse its Turns or Labels.
func (r *Reader) Example() Example { return r.ex }

// Err returns the error that stopped the read, a *RecordError, or nil.
func (r *Reader) Err() error { return r.err }

// Stats returns what has been read so far.
func (r *Reader) Stats() ReadStats {
	s := r.stats
	s.Errors = append([]error(nil), s.Errors...)
	return s
}

// Format returns the record format: the one given, the one detected from
// the first record, or Auto before any record has been read.
func (r *Reader) Format() Format { return r.stats.Format }

// Close releases the input. It does not close a reader passed to NewReader.
func (r *Reader) Close() error {
	var first error
	for i := len(r.closers) - 1; i >= 0; i-- {
		if err := r.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	r.closers = nil
	return first
}

// ReadAll reads every example of the dataset at path. Under Strict it
// returns the examples read before the first malformed record together
// with its error.
func ReadAll(path string, opts ReadOptions) ([]Example, ReadStats, error) {
	r, err := Open(path, opts)
	if err != nil {
		return nil, ReadStats{Source: path}, err
	}
	defer r.Close()
	var out []Example
	for r.Next() {
		out = append(out, r.Example())
	}
	return out, r.Stats(), r.Err()
}
