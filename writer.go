package occubias

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// ExampleWriter writes examples as chat "messages" records, which every
// reader of this package reads back (format Messages):
//
//	{"id": ..., "source": ..., "messages": [{"role": ..., "content": ...}], "labels": {...}}
//
// as JSONL, or as Parquet rows of id, source and messages (labels are not
// written to Parquet). WriteRaw copies a record as it was read instead
// (JSONL only), so that a subset of one dataset keeps its own format.
type ExampleWriter struct {
	container Container
	bw        *bufio.Writer
	enc       *json.Encoder
	pw        *parquet.GenericWriter[messagesRow]
	n         int64
}

type messageTurn struct {
	Role    string `json:"role" parquet:"role"`
	Content string `json:"content" parquet:"content"`
}

type messagesRow struct {
	ID       string            `json:"id" parquet:"id"`
	Source   string            `json:"source" parquet:"source"`
	Messages []messageTurn     `json:"messages" parquet:"messages,list"`
	Labels   map[string]string `json:"labels,omitempty" parquet:"-"`
}

// NewExampleWriter writes to w in container JSONL or Parquet.
func NewExampleWriter(w io.Writer, container Container) (*ExampleWriter, error) {
	ew := &ExampleWriter{container: container}
	switch container {
	case JSONL:
		ew.bw = bufio.NewWriterSize(w, 1<<16)
		ew.enc = json.NewEncoder(ew.bw)
		ew.enc.SetEscapeHTML(false)
	case Parquet:
		ew.pw = parquet.NewGenericWriter[messagesRow](w)
	default:
		return nil, fmt.Errorf("%w: examples are written as jsonl or parquet, not %q", ErrUnknownFormat, container)
	}
	return ew, nil
}

// Write writes ex as a messages record.
func (w *ExampleWriter) Write(ex Example) error {
	row := messagesRow{ID: ex.ID, Source: ex.Source, Labels: ex.Labels, Messages: []messageTurn{}}
	for _, t := range ex.Turns {
		row.Messages = append(row.Messages, messageTurn{Role: string(t.Role), Content: t.Text})
	}
	w.n++
	if w.pw != nil {
		_, err := w.pw.Write([]messagesRow{row})
		return err
	}
	return w.enc.Encode(row)
}

// WriteRaw writes one record as it was read (Reader.Raw), as a JSONL line.
func (w *ExampleWriter) WriteRaw(raw []byte) error {
	if w.bw == nil {
		return fmt.Errorf("%w: records are copied unchanged to jsonl only", ErrUnknownFormat)
	}
	// One line per record: a pretty-printed array element is compacted.
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedRecord, err)
	}
	b.WriteByte('\n')
	w.n++
	_, err := w.bw.Write(b.Bytes())
	return err
}

// Count returns the examples written so far.
func (w *ExampleWriter) Count() int64 { return w.n }

// Close flushes the output (and writes the Parquet footer); it does not
// close the underlying writer.
func (w *ExampleWriter) Close() error {
	if w.pw != nil {
		return w.pw.Close()
	}
	return w.bw.Flush()
}
