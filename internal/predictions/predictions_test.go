package predictions_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/parquet-go/parquet-go"

	"github.com/occubias/occubias/internal/predictions"
)

func records(n int) []predictions.Record {
	out := make([]predictions.Record, n)
	for i := range out {
		out[i] = predictions.Record{ID: fmt.Sprintf("ex-%d", i), Source: "data.jsonl", Group: "29", GroupTitle: "Healthcare Practitioners and Technical",
			GroupProb: 0.5 + float64(i%50)/100, Occupation: "29-1292.00", OccupationTitle: "Dental Hygienists", OccupationProb: 0.25,
			Category: "Healthcare Services", CategoryTitle: "Healthcare Services", CategoryProb: 0.75, Unassigned: i%7 == 0}
	}
	return out
}

func write(t *testing.T, format string, recs []predictions.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := predictions.NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Count() != int64(len(recs)) {
		t.Errorf("Count %d, want %d", w.Count(), len(recs))
	}
	return buf.Bytes()
}

// TestParquetReadBack writes more than one row group and reads the file
// back with parquet-go's own reader, schema and values.
func TestParquetReadBack(t *testing.T) {
	recs := records(70000)
	data := write(t, "parquet", recs)
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != int64(len(recs)) {
		t.Fatalf("%d rows, want %d", f.NumRows(), len(recs))
	}
	var cols []string
	for _, c := range f.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if got := strings.Join(cols, ","); got != "id,source,group,group_title,group_prob,occupation,occupation_title,occupation_prob,category,category_title,category_prob,unassigned" {
		t.Errorf("columns %s", got)
	}
	got, err := parquet.Read[predictions.Record](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 65535, 65536, 69999} {
		if got[i] != recs[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], recs[i])
		}
	}
}

func TestArrowReadBack(t *testing.T) {
	recs := records(10000)
	data := write(t, "arrow", recs)
	r, err := ipc.NewFileReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Schema().Equal(predictions.Schema) {
		t.Errorf("schema %v", r.Schema())
	}
	var n int64
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.RecordBatch(i)
		if err != nil {
			t.Fatal(err)
		}
		ids := rec.Column(0).(*array.String)
		una := rec.Column(11).(*array.Boolean)
		for j := 0; j < int(rec.NumRows()); j++ {
			want := recs[n]
			if ids.Value(j) != want.ID || una.Value(j) != want.Unassigned {
				t.Fatalf("row %d: %s %v", n, ids.Value(j), una.Value(j))
			}
			n++
		}
	}
	if n != int64(len(recs)) {
		t.Errorf("%d rows, want %d", n, len(recs))
	}
}

func TestTextFormats(t *testing.T) {
	recs := records(3)
	rows, err := csv.NewReader(bytes.NewReader(write(t, "csv", recs))).ReadAll()
	if err != nil || len(rows) != 4 || rows[1][0] != "ex-0" || rows[1][11] != "true" || rows[1][8] != "Healthcare Services" || rows[1][10] != "0.7500" || rows[0][4] != "group_prob" {
		t.Errorf("csv %v %v", rows, err)
	}
	lines := strings.Split(strings.TrimSpace(string(write(t, "jsonl", recs))), "\n")
	var r predictions.Record
	if len(lines) != 3 || json.Unmarshal([]byte(lines[2]), &r) != nil || r != recs[2] {
		t.Errorf("jsonl %v", lines)
	}
	if _, err := predictions.NewWriter(&bytes.Buffer{}, "xlsx"); err == nil {
		t.Error("xlsx accepted")
	}
	for name, want := range map[string]string{"a.parquet": "parquet", "a.arrow": "arrow", "a.jsonl": "jsonl", "a.csv": "csv", "a.txt": ""} {
		if got := predictions.FormatOf(name); got != want {
			t.Errorf("FormatOf(%s) = %q", name, got)
		}
	}
}
