package occubias

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ReadTable streams the rows of a CSV or TSV file with a header row, gzip
// or zstd allowed: the reference tables occupations are described by
// (O*NET's release files, ESCO's exports, BLS OEWS, crosswalks). Names
// ending in .tsv or .txt are tab-separated, .csv comma-separated; others
// are told by their first line. fn gets each row keyed by column name; the
// map is reused by the next row. A malformed row, or an error of fn, stops
// the read with a *RecordError naming the file and line.
func ReadTable(path string, fn func(row map[string]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return ReadTableFrom(f, path, fn)
}

// ReadTableFrom is ReadTable on an open reader; name is used in errors and
// to tell CSV from TSV.
func ReadTableFrom(rd io.Reader, name string, fn func(row map[string]string) error) (err error) {
	br, _, closers, err := decompress(rd)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	kind := sniffContainer(br, name)
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst"))) {
	case ".tsv", ".txt":
		kind = TSV
	case ".csv":
		kind = CSV
	}
	if kind != CSV && kind != TSV {
		return fmt.Errorf("%s: %w: not a CSV or TSV table", name, ErrUnknownFormat)
	}
	locate := func(line int64, err error) error {
		var re *RecordError
		if errors.As(err, &re) {
			re.File = name
			return re
		}
		return &RecordError{File: name, Container: kind, Line: line, Err: err}
	}
	src, err := newCSVSource(br, kind, DefaultMaxRecordBytes)
	if err != nil {
		return locate(1, err)
	}
	for {
		row, pos, _, err := src.nextRow()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return locate(pos.line, err)
		}
		if err := fn(row); err != nil {
			return locate(pos.line, err)
		}
	}
}
