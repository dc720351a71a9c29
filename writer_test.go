package occubias_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/occubias/occubias"
)

// TestExampleWriterRoundTrip writes examples of several formats as
// messages records, JSONL and Parquet, and reads them back.
func TestExampleWriterRoundTrip(t *testing.T) {
	exs, _, err := occubias.ReadAll("testdata/occuquest.jsonl", occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	more, _, _ := occubias.ReadAll("testdata/sharegpt.json", occubias.ReadOptions{})
	exs = append(exs, more...)
	for _, c := range []occubias.Container{occubias.JSONL, occubias.Parquet} {
		var buf bytes.Buffer
		w, err := occubias.NewExampleWriter(&buf, c)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range exs {
			if err := w.Write(ex); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil || w.Count() != int64(len(exs)) {
			t.Fatalf("%s: close %v, %d written", c, err, w.Count())
		}
		back, st, err := readAllFrom(buf.String(), "selected."+string(c), occubias.ReadOptions{})
		if err != nil || len(back) != len(exs) || st.Format != occubias.Messages {
			t.Fatalf("%s: %d read back as %s, %v", c, len(back), st.Format, err)
		}
		for i := range exs {
			if back[i].ID != exs[i].ID || back[i].Prompt() != exs[i].Prompt() || back[i].Response() != exs[i].Response() || back[i].Label("source") != exs[i].Source {
				t.Fatalf("%s: example %d %+v, wrote %+v", c, i, back[i], exs[i])
			}
			if c == occubias.JSONL && back[i].Label("occupation") != exs[i].Label("occupation") {
				t.Fatalf("labels not kept: %v", back[i].Labels)
			}
		}
	}
	// Unchanged records: a pretty-printed array element becomes one line.
	r, err := occubias.Open("testdata/sharegpt.json", occubias.ReadOptions{KeepRaw: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var buf bytes.Buffer
	w, _ := occubias.NewExampleWriter(&buf, occubias.JSONL)
	for r.Next() {
		if err := w.WriteRaw(r.Raw()); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	back, st, err := readAllFrom(buf.String(), "copy.jsonl", occubias.ReadOptions{})
	if err != nil || st.Format != occubias.ShareGPT || len(back) != 4 || strings.Count(buf.String(), "\n") != 4 || back[0].ID != "q1Xe7_0" {
		t.Errorf("copied records: %d as %s, %v", len(back), st.Format, err)
	}
}
