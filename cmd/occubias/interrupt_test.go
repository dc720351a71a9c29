package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/occubias/occubias/internal/predictions"
)

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
