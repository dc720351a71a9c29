package occubias

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
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
	// Container overrides detection of the container.
	Container Container
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
	// Workers is how many goroutines decode records; 0 means one per
	// core (GOMAXPROCS), 1 decodes on the caller's goroutine. The order
	// of examples and errors is the input's either way.
	Workers int
	// KeepRaw keeps each record as JSON for Reader.Raw, to copy records
	// unchanged.
	KeepRaw bool
}

// ReadStats summarizes what a Reader has read so far.
type ReadStats struct {
	// Source is the path read ("-" for standard input).
	Source string
	// Format is the record format, detected or given.
	Format Format
	// Container is how the file holds its records, detected or given.
	Container Container
	// Compression is Uncompressed, Gzip or Zstd.
	Compression Compression
	// Fields says which fields a Prompt or Transcript record was read
	// from, as detected in the first record.
	Fields string
	// Read counts the examples delivered.
	Read int64
	// Skipped counts malformed records passed over under SkipBad.
	Skipped int64
	// Errors holds the first errors met, each a *RecordError.
	Errors []error
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
	// consumed counts the bytes read from the input (compressed, if it
	// is); size is the input's size when it is a regular file, else 0.
	consumed atomic.Int64
	size     int64
	// progress reports how far the read has come (Progress).
	progress func() (done, total int64)
	// shape holds the fields of Prompt and Transcript records, found in
	// the first record.
	shape *shape
	// pipe decodes on every core once the format is known.
	pipe *pipeline
	// caseFold: see recordDecoder.
	caseFold bool
	// dec decodes records once the format is known.
	dec *recordDecoder
	raw []byte
	// countRunes asks the decoding goroutines for the code points of each
	// example's prompt (inspect's statistic), counted while the text is
	// still in their caches; runes is the current example's, or −1.
	countRunes bool
	runes      int
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
func (r *Reader) Progress() (done, total int64) { return r.progress() }

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
	r.progress = func() (int64, int64) { return r.consumed.Load(), r.size }
	r.stats.Source = name
	r.stats.Format = opts.Format
	if file != nil {
		if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
			r.size = st.Size()
		}
	}

	br, comp, closers, err := decompress(countingReader{rd, &r.consumed})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r.stats.Compression, r.closers = comp, closers

	container := opts.Container
	if container == "" {
		container = sniffContainer(br, name)
	}
	r.stats.Container = container
	if isEmpty(br) {
		r.src = emptySource{}
		return r, nil
	}
	switch container {
	case Parquet:
		if file == nil || r.stats.Compression != Uncompressed {
			file, err = spool(br)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			tmp := file
			r.closers = append(r.closers, func() error { tmp.Close(); return os.Remove(tmp.Name()) })
		}
		var ps *parquetSource
		if ps, err = newParquetSource(file); err == nil {
			r.src, r.progress = ps, ps.progress
		}
	case JSON:
		r.src, err = newJSONArraySource(br, opts.MaxRecordBytes)
	case JSONL:
		r.src = newJSONLSource(br, opts.MaxRecordBytes)
	case CSV, TSV:
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

// decompress buffers rd and, when its first bytes are those of a gzip or
// zstd stream, decompresses it; closers release the decompressor.
func decompress(rd io.Reader) (br *bufio.Reader, comp Compression, closers []func() error, err error) {
	br = bufio.NewReaderSize(rd, 1<<20)
	magic, _ := br.Peek(4)
	var zr io.Reader
	var closeFn func() error
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		if zr, closeFn, err = gzipReader(br); err != nil {
			return nil, "", nil, fmt.Errorf("gzip: %w", err)
		}
		comp = Gzip
	case len(magic) == 4 && string(magic) == "\x28\xb5\x2f\xfd":
		if zr, closeFn, err = zstdReader(br); err != nil {
			return nil, "", nil, fmt.Errorf("zstd: %w", err)
		}
		comp = Zstd
	default:
		return br, Uncompressed, nil, nil
	}
	return bufio.NewReaderSize(zr, 1<<20), comp, []func() error{closeFn}, nil
}

// sniffContainer looks at the first bytes of the (decompressed) stream.
func sniffContainer(br *bufio.Reader, name string) Container {
	if b, _ := br.Peek(4); string(b) == "PAR1" {
		return Parquet
	}
	for n := 64; ; n *= 4 {
		b, err := br.Peek(n)
		b = skipBOM(b)
		trimmed := strings.TrimLeft(string(b), " \t\r\n")
		if trimmed != "" {
			switch trimmed[0] {
			case '[':
				return JSON
			case '{':
				return JSONL
			case '"':
				// A file of bare JSON strings, one per line.
				if line, _, _ := strings.Cut(trimmed, "\n"); json.Valid([]byte(strings.TrimSpace(line))) {
					return JSONL
				}
			}
			line, _, _ := strings.Cut(trimmed, "\n")
			if _, _, complete := strings.Cut(trimmed, "\n"); complete || err != nil {
				if strings.Count(line, "\t") > strings.Count(line, ",") {
					return TSV
				}
				return CSV
			}
		}
		if err != nil || n >= 1<<20 {
			break
		}
	}
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst"))) {
	case ".json":
		return JSON
	case ".csv":
		return CSV
	case ".tsv", ".txt":
		return TSV
	case ".parquet":
		return Parquet
	}
	return JSONL
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
		var d decoded
		if r.pipe != nil {
			d = r.pipe.take()
		} else {
			rec, pos, fatal, err := r.src.next()
			d = decoded{pos: pos, fatal: fatal, err: err}
			if err == nil {
				d.err = r.decode(rec)
				d.ex = r.ex
				if r.opts.KeepRaw {
					d.raw = rawOf(rec)
				}
				rec.release()
				d.runes = countedRunes(r.countRunes, &d.ex)
			}
		}
		if d.err == io.EOF {
			r.done = true
			return false
		}
		if d.err == nil {
			r.ex, r.raw, r.runes = d.ex, d.raw, d.runes
			r.index++
			r.stats.Read++
			r.goParallel()
			return true
		}
		rerr := &RecordError{File: r.stats.Source, Container: r.stats.Container,
			Line: d.pos.line, Offset: d.pos.offset, Row: d.pos.row, Record: r.index, Err: d.err}
		r.index++
		if d.fatal || r.opts.Policy == Strict {
			r.err = rerr
			r.done = true
			r.keepError(rerr)
			return false
		}
		r.stats.Skipped++
		r.keepError(rerr)
	}
}

// goParallel hands decoding to the workers once the first record has
// fixed the format (and a Prompt or Transcript record's fields).
func (r *Reader) goParallel() {
	if r.pipe != nil || r.stats.Format == Auto || (r.stats.Format == Prompt || r.stats.Format == Transcript) && r.shape == nil {
		return
	}
	if w := r.opts.workers(); w > 1 {
		r.pipe = startPipeline(r.src, r.decoder(), r.index, w)
	}
}

func (r *Reader) keepError(err error) {
	if len(r.stats.Errors) < r.opts.KeepErrors {
		r.stats.Errors = append(r.stats.Errors, err)
	}
}

// decode turns one record into r.ex, detecting the format (and the
// fields of a Prompt or Transcript record) from the first record when none
// was given.
func (r *Reader) decode(rec record) error {
	if r.stats.Format == Auto || r.index == 0 {
		fields, err := rec.fields()
		if err != nil {
			return err
		}
		for _, k := range fields.keys() {
			r.caseFold = r.caseFold || strings.ToLower(k) != k
		}
		if r.stats.Format == Auto {
			if r.stats.Format, err = detectFormat(fields); err != nil {
				return err
			}
		}
	}
	if (r.stats.Format == Prompt || r.stats.Format == Transcript) && r.shape == nil {
		fields, err := rec.fields()
		if err != nil {
			return err
		}
		if r.shape = detectShape(r.stats.Format, fields); r.shape == nil {
			return fmt.Errorf("%w: no field of a %s record", ErrMissingField, r.stats.Format)
		}
		r.stats.Fields = r.shape.String()
	}
	if r.dec == nil || r.dec.format != r.stats.Format || r.dec.shape != r.shape {
		r.dec = r.decoder()
	}
	ex, err := r.dec.decode(rec, r.index)
	r.ex = ex
	return err
}

// decoder returns what turns the records into examples once the format is
// known; it is read-only, so workers share it.
func (r *Reader) decoder() *recordDecoder {
	return &recordDecoder{format: r.stats.Format, shape: r.shape, opts: &r.opts, source: r.stats.Source,
		base: filepath.Base(r.stats.Source), caseFold: r.caseFold, countRunes: r.countRunes}
}

// recordDecoder turns records of one known format into examples.
type recordDecoder struct {
	format       Format
	shape        *shape
	opts         *ReadOptions
	source, base string
	// caseFold is set when the first record has field names with capitals
	// (the WizardLM test set's "Instruction"): its records are decoded by
	// the exact decoder, which matches them to the formats' lower-case
	// names.
	caseFold bool
	// countRunes: see Reader.countRunes.
	countRunes bool
}

// exactDecoder is a record whose fast decoder has a slower one that
// matches field names case-insensitively, as encoding/json does.
type exactDecoder interface {
	decodeExact(rec *rawRecord) error
}

// decode turns rec, the record of the given index, into an example.
func (d *recordDecoder) decode(rec record, index int64) (Example, error) {
	ex := Example{Source: d.source, Format: d.format, Index: index}
	switch d.format {
	case Generic:
		fields, err := rec.fields()
		if err != nil {
			return ex, err
		}
		if err := genericExample(fields, d.opts, &ex); err != nil {
			return ex, err
		}
	case Prompt, Transcript:
		fields, err := rec.fields()
		if err != nil {
			return ex, err
		}
		if err := shapeExample(d.format, d.shape, fields, &ex); err != nil {
			return ex, err
		}
	default:
		var raw rawRecord
		exact, canExact := rec.(exactDecoder)
		var err error
		if d.caseFold && canExact {
			err = exact.decodeExact(&raw)
		} else {
			err = rec.decode(&raw)
		}
		if err != nil {
			return ex, err
		}
		if err := raw.toExample(d.format, &ex); err != nil {
			// A field spelled in another case is found by the exact decoder.
			if !errors.Is(err, ErrMissingField) || d.caseFold || !canExact {
				return ex, err
			}
			raw, ex = rawRecord{}, Example{Source: d.source, Format: d.format, Index: index}
			if err := exact.decodeExact(&raw); err != nil {
				return ex, err
			}
			if err := raw.toExample(d.format, &ex); err != nil {
				return ex, err
			}
		}
	}
	if ex.ID == "" {
		ex.ID = d.base + "#" + strconv.FormatInt(index, 10)
	}
	return ex, nil
}

// Example returns the current example. The returned value is the caller's
// to keep: the Reader does not reuse its Turns or Labels.
func (r *Reader) Example() Example { return r.ex }

// Raw returns the current record as JSON, when ReadOptions.KeepRaw is
// set: a JSON object (or string) as the file holds it, a CSV or Parquet
// row as the object of its columns, which reads back as the same format.
// The slice is the caller's to keep.
func (r *Reader) Raw() []byte { return r.raw }

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
	if r.pipe != nil {
		r.pipe.stop()
		r.pipe = nil
	}
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
