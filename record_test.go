package occubias_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/occubias/occubias"
)

// parquetFile writes rows with parquet-go, for records that the DuckDB
// fixtures do not cover.
func parquetFile[T any](t *testing.T, rows ...T) string {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestParquetRecords reads Parquet rows as they are, without turning them
// into JSON: a mistyped column is an error naming its row and field, the
// rows before it are kept, a nested column exported as JSON text reads as
// the nested column, and text must be UTF-8.
func TestParquetRecords(t *testing.T) {
	type alpaca struct {
		Instruction string `parquet:"instruction"`
		Input       string `parquet:"input"`
		Output      int64  `parquet:"output"`
	}
	data := parquetFile(t, alpaca{"Name a tree", "", 0})
	_, _, err := readAllFrom(data, "mistyped.parquet", occubias.ReadOptions{Format: occubias.Alpaca})
	var re *occubias.RecordError
	if !errors.As(err, &re) || re.Row != 0 || !errors.Is(err, occubias.ErrMalformedRecord) || !strings.Contains(err.Error(), `field "output" is a JSON number, want string`) {
		t.Errorf("mistyped output: %v", err)
	}

	type exported struct {
		Category   string `parquet:"category"`
		Occupation string `parquet:"occupation"`
		Messages   string `parquet:"messages"`
	}
	data = parquetFile(t,
		exported{"Legal", "Paralegals", `[{"role": "user", "content": "Index the exhibits"}, {"role": "assistant", "content": "By date."}]`},
		exported{"Legal", "Paralegals", `not JSON`})
	exs, _, err := readAllFrom(data, "exported.parquet", occubias.ReadOptions{})
	if len(exs) != 1 || exs[0].Format != occubias.OccuQuest || exs[0].Prompt() != "Index the exhibits" || len(exs[0].Turns) != 2 {
		t.Fatalf("messages as JSON text: %+v", exs)
	}
	if !errors.As(err, &re) || re.Row != 1 || !strings.Contains(err.Error(), `row 1: malformed record: field "messages" is a JSON string`) {
		t.Errorf("messages that are not JSON: %v", err)
	}

	type text struct {
		Text string `parquet:"text"`
	}
	data = parquetFile(t, text{"fine"}, text{"bad \xff byte"})
	exs, _, err = readAllFrom(data, "latin1.parquet", occubias.ReadOptions{TextFields: []string{"text"}})
	if len(exs) != 1 || !errors.Is(err, occubias.ErrInvalidUTF8) {
		t.Errorf("invalid UTF-8 in a Parquet string: %d read, %v", len(exs), err)
	}
}

// TestCSVRecords reads CSV cells as the fields of the known formats, a
// nested column exported as JSON text included.
func TestCSVRecords(t *testing.T) {
	data := "category,occupation,topic,messages\n" +
		`Legal,Paralegals,Exhibits,"[{""role"": ""user"", ""content"": ""Index the exhibits""}]"` + "\n" +
		`Legal,Paralegals,Exhibits,"[{""role"": ""judge"", ""content"": ""x""}]"` + "\n"
	exs, _, err := readAllFrom(data, "occuquest.csv", occubias.ReadOptions{})
	if len(exs) != 1 || exs[0].Format != occubias.OccuQuest || exs[0].Prompt() != "Index the exhibits" || exs[0].Label("topic") != "Exhibits" {
		t.Fatalf("%+v", exs)
	}
	var re *occubias.RecordError
	if !errors.As(err, &re) || re.Line != 3 || !errors.Is(err, occubias.ErrUnknownRole) {
		t.Errorf("unknown role on line 3: %v", err)
	}
}
