package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/occubias/occubias/internal/predictions"
	"github.com/parquet-go/parquet-go"
)

func TestClassifyPipeline(t *testing.T) {
	data, err := os.ReadFile("../../testdata/occuquest.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, string(data), "classify", "-", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	var rec predictions.Record
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != "-#0" || len(rec.Group) != 2 || !strings.HasPrefix(rec.Occupation, rec.Group+"-") || rec.GroupProb < rec.OccupationProb {
		t.Errorf("first prediction %+v", rec)
	}
	// CSV to a file, two inputs, in input order.
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "p.csv")
	if _, errOut, code := runCLI(t, "", "classify", "../../testdata/dolly.jsonl", "../../testdata/sharegpt.json", "-o", csvPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, _ := os.Open(csvPath)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 1+4+4 || rows[0][0] != "id" || rows[1][0] != "dolly.jsonl#0" || rows[5][0] != "q1Xe7_0" {
		t.Errorf("csv rows %v, err %v", rows, err)
	}
	// The empty ShareGPT conversation has no feature: unassigned.
	if rows[8][11] != "true" {
		t.Errorf("empty conversation row %v", rows[8])
	}
	// The category columns: one of the 26, with its probability.
	if rows[0][8] != "category" || rows[5][8] == "" || rows[5][10] == "" {
		t.Errorf("category columns %v / %v", rows[0], rows[5])
	}
}

// TestClassifyInterruptedLeavesValidParquet feeds classify through a pipe,
// cancels it (as Ctrl-C does) while input is still flowing, and checks that
// the Parquet output is a complete file holding every prediction reported.
func TestClassifyInterruptedLeavesValidParquet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "p.parquet")
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer pw.Close()
		// The reader buffers 1 MiB (about 10,000 of these lines) and keeps a
		// few batches in flight, so by line 30,000 thousands of predictions
		// have been written: the cancel lands mid-stream.
		for i := 0; ; i++ {
			if i == 30000 {
				cancel()
			}
			line := fmt.Sprintf(`{"instruction": "Check the torque on wheel %d of the forklift.", "context": "", "response": "ok"}`+"\n", i)
			if _, err := io.WriteString(pw, line); err != nil || i > 100000 {
				return
			}
		}
	}()
	var stdout, stderr strings.Builder
	code := runContext(ctx, []string{"classify", "-", "-o", out}, pr, &stdout, &stderr)
	pr.Close()
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
	}
	var written int64
	if _, err := fmt.Sscanf(stderr.String()[strings.Index(stderr.String(), "interrupted: "):], "interrupted: %d predictions", &written); err != nil {
		t.Fatalf("no count in %q", stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("interrupted output is not a valid Parquet file: %v", err)
	}
	if pf.NumRows() != written || written == 0 || written > 100000 {
		t.Errorf("file has %d rows, the command reported %d", pf.NumRows(), written)
	}
	rows, err := parquet.Read[predictions.Record](f, st.Size())
	if err != nil || rows[0].ID != "-#0" || rows[len(rows)-1].ID != fmt.Sprintf("-#%d", written-1) {
		t.Errorf("rows not in input order: first %+v (%v)", rows[0], err)
	}
}
