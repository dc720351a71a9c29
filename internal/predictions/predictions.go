// Package predictions writes per-example predictions as CSV, JSONL,
// Parquet or Arrow IPC, with one schema for all of them:
//
//	id string, source string, group string, group_title string,
//	group_prob double, occupation string, occupation_title string,
//	occupation_prob double, category string, category_title string,
//	category_prob double, unassigned bool
//
// The category columns are empty for a model without categories.
//
// Parquet and Arrow files are only valid once Close has written their
// footer; a writer closed after an interruption holds every record written
// before it.
package predictions

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
)

// Record is one example's prediction.
type Record struct {
	ID              string  `json:"id" parquet:"id"`
	Source          string  `json:"source" parquet:"source"`
	Group           string  `json:"group" parquet:"group"`
	GroupTitle      string  `json:"group_title" parquet:"group_title"`
	GroupProb       float64 `json:"group_prob" parquet:"group_prob"`
	Occupation      string  `json:"occupation" parquet:"occupation"`
	OccupationTitle string  `json:"occupation_title" parquet:"occupation_title"`
	OccupationProb  float64 `json:"occupation_prob" parquet:"occupation_prob"`
	Category        string  `json:"category" parquet:"category"`
	CategoryTitle   string  `json:"category_title" parquet:"category_title"`
	CategoryProb    float64 `json:"category_prob" parquet:"category_prob"`
	Unassigned      bool    `json:"unassigned" parquet:"unassigned"`
}

// FromPrediction makes the record of one example and its prediction.
func FromPrediction(ex occubias.Example, p classify.Prediction) Record {
	return Record{ex.ID, ex.Source, p.Group.Code, p.Group.Title, p.Group.Prob,
		p.Occupation.Code, p.Occupation.Title, p.Occupation.Prob,
		p.Category.Code, p.Category.Title, p.Category.Prob, p.Unassigned}
}

// Writer writes records in one format.
type Writer interface {
	Write(Record) error
	// Close flushes and finishes the file (Parquet and Arrow footers). It
	// does not close the underlying io.Writer.
	Close() error
	// Count returns the records written so far.
	Count() int64
}

// Formats lists the formats NewWriter takes.
var Formats = []string{"csv", "jsonl", "parquet", "arrow"}

// FormatOf guesses the format from a file name's extension, or "".
func FormatOf(name string) string {
	switch {
	case strings.HasSuffix(name, ".csv"):
		return "csv"
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".ndjson"):
		return "jsonl"
	case strings.HasSuffix(name, ".parquet"):
		return "parquet"
	case strings.HasSuffix(name, ".arrow"), strings.HasSuffix(name, ".arrows"), strings.HasSuffix(name, ".ipc"), strings.HasSuffix(name, ".feather"):
		return "arrow"
	}
	return ""
}

// NewWriter returns a writer of format ("csv", "jsonl", "parquet" or
// "arrow", the Arrow IPC file format) onto w.
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "csv":
		bw := bufio.NewWriterSize(w, 1<<16)
		return &csvWriter{bw: bw, cw: csv.NewWriter(bw)}, nil
	case "jsonl":
		bw := bufio.NewWriterSize(w, 1<<16)
		return &jsonlWriter{bw: bw, enc: json.NewEncoder(bw)}, nil
	case "parquet":
		pw := parquet.NewGenericWriter[Record](w, parquet.Compression(&zstd.Codec{}), parquet.CreatedBy("occubias", "", ""))
		return &parquetWriter{pw: pw}, nil
	case "arrow":
		return newArrowWriter(w)
	}
	return nil, fmt.Errorf("predictions: unknown format %q (%s)", format, strings.Join(Formats, ", "))
}

type csvWriter struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	n      int64
	header bool
}

func (c *csvWriter) Write(r Record) error {
	if !c.header {
		c.header = true
		c.cw.Write([]string{"id", "source", "group", "group_title", "group_prob", "occupation", "occupation_title", "occupation_prob",
			"category", "category_title", "category_prob", "unassigned"})
	}
	c.n++
	return c.cw.Write([]string{r.ID, r.Source, r.Group, r.GroupTitle, prob(r.GroupProb),
		r.Occupation, r.OccupationTitle, prob(r.OccupationProb),
		r.Category, r.CategoryTitle, prob(r.CategoryProb), strconv.FormatBool(r.Unassigned)})
}

func prob(p float64) string { return strconv.FormatFloat(p, 'f', 4, 64) }

func (c *csvWriter) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func (c *csvWriter) Count() int64 { return c.n }

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
	n   int64
}

func (j *jsonlWriter) Write(r Record) error { j.n++; return j.enc.Encode(r) }
func (j *jsonlWriter) Close() error         { return j.bw.Flush() }
func (j *jsonlWriter) Count() int64         { return j.n }

// parquetRowGroup is how many records make one Parquet row group.
const parquetRowGroup = 65536

type parquetWriter struct {
	pw  *parquet.GenericWriter[Record]
	buf []Record
	n   int64
}

func (p *parquetWriter) Write(r Record) error {
	p.buf = append(p.buf, r)
	p.n++
	if len(p.buf) == cap(p.buf) && len(p.buf) >= 1024 {
		return p.flush(false)
	}
	return nil
}

func (p *parquetWriter) flush(final bool) error {
	if len(p.buf) > 0 {
		if _, err := p.pw.Write(p.buf); err != nil {
			return err
		}
		p.buf = p.buf[:0]
	}
	if !final && p.n%parquetRowGroup == 0 {
		return p.pw.Flush()
	}
	return nil
}

func (p *parquetWriter) Close() error {
	if err := p.flush(true); err != nil {
		return err
	}
	return p.pw.Close()
}

func (p *parquetWriter) Count() int64 { return p.n }

// Schema is the Arrow schema of the predictions.
var Schema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.BinaryTypes.String},
	{Name: "source", Type: arrow.BinaryTypes.String},
	{Name: "group", Type: arrow.BinaryTypes.String},
	{Name: "group_title", Type: arrow.BinaryTypes.String},
	{Name: "group_prob", Type: arrow.PrimitiveTypes.Float64},
	{Name: "occupation", Type: arrow.BinaryTypes.String},
	{Name: "occupation_title", Type: arrow.BinaryTypes.String},
	{Name: "occupation_prob", Type: arrow.PrimitiveTypes.Float64},
	{Name: "category", Type: arrow.BinaryTypes.String},
	{Name: "category_title", Type: arrow.BinaryTypes.String},
	{Name: "category_prob", Type: arrow.PrimitiveTypes.Float64},
	{Name: "unassigned", Type: arrow.FixedWidthTypes.Boolean},
}, nil)

const arrowBatch = 8192

type arrowWriter struct {
	fw *ipc.FileWriter
	b  *array.RecordBuilder
	n  int64
}

func newArrowWriter(w io.Writer) (*arrowWriter, error) {
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(Schema), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, err
	}
	return &arrowWriter{fw: fw, b: array.NewRecordBuilder(memory.DefaultAllocator, Schema)}, nil
}

func (a *arrowWriter) Write(r Record) error {
	f := a.b.Fields()
	f[0].(*array.StringBuilder).Append(r.ID)
	f[1].(*array.StringBuilder).Append(r.Source)
	f[2].(*array.StringBuilder).Append(r.Group)
	f[3].(*array.StringBuilder).Append(r.GroupTitle)
	f[4].(*array.Float64Builder).Append(r.GroupProb)
	f[5].(*array.StringBuilder).Append(r.Occupation)
	f[6].(*array.StringBuilder).Append(r.OccupationTitle)
	f[7].(*array.Float64Builder).Append(r.OccupationProb)
	f[8].(*array.StringBuilder).Append(r.Category)
	f[9].(*array.StringBuilder).Append(r.CategoryTitle)
	f[10].(*array.Float64Builder).Append(r.CategoryProb)
	f[11].(*array.BooleanBuilder).Append(r.Unassigned)
	a.n++
	if a.n%arrowBatch == 0 {
		return a.flush()
	}
	return nil
}

func (a *arrowWriter) flush() error {
	rec := a.b.NewRecordBatch()
	defer rec.Release()
	if rec.NumRows() == 0 {
		return nil
	}
	return a.fw.Write(rec)
}

func (a *arrowWriter) Close() error {
	if err := a.flush(); err != nil {
		return err
	}
	a.b.Release()
	return a.fw.Close()
}

func (a *arrowWriter) Count() int64 { return a.n }
