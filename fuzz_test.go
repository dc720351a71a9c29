package occubias_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/occubias/occubias"
)

// FuzzReader checks that no input makes the reader panic or loop, under
// either policy, and that every delivered example has a position.
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
				if ex := r.Example(); ex.Index < n {
					t.Fatalf("index went back: %d after %d", ex.Index, n)
				}
				n++
			}
			if st := r.Stats(); st.Read != n {
				t.Fatalf("stats read %d, delivered %d", st.Read, n)
			}
			r.Close()
		}
	})
}
