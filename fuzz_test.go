package occubias_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/occubias/occubias"
)

// FuzzReader checks that no input makes the reader panic or loop, under
// either policy; that every delivered example has its position (an index
// that counts every record before it, delivered or skipped), an ID and a
// format; and that every error names the file and, for line-based
// containers, the line.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 1<<16 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []occubias.Policy{occubias.Strict, occubias.SkipBad} {
			r, err := occubias.NewReader(bytes.NewReader(data), "fuzz", occubias.ReadOptions{Policy: p, MaxRecordBytes: 1 << 16})
			if err != nil {
				continue
			}
			var n int64
			for r.Next() {
				ex := r.Example()
				if want := n + r.Stats().Skipped; ex.Index != want {
					t.Fatalf("example %d has index %d, want %d (%d skipped before it)", n, ex.Index, want, r.Stats().Skipped)
				}
				if ex.ID == "" || ex.Source != "fuzz" || ex.Format == occubias.Auto {
					t.Fatalf("example %d: id %q, source %q, format %q", n, ex.ID, ex.Source, ex.Format)
				}
				n++
			}
			st := r.Stats()
			if st.Read != n {
				t.Fatalf("stats read %d, delivered %d", st.Read, n)
			}
			errs := st.Errors
			if r.Err() != nil {
				errs = append(errs, r.Err())
			}
			for _, err := range errs {
				var re *occubias.RecordError
				if !errors.As(err, &re) || re.File != "fuzz" {
					t.Fatalf("error without its file: %v", err)
				}
				switch re.Container {
				case occubias.JSONL, occubias.CSV, occubias.TSV:
					if re.Line < 1 {
						t.Fatalf("error without its line: %v", err)
					}
				}
			}
			r.Close()
		}
	})
}
