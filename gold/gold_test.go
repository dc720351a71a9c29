package gold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/occubias/occubias"
)

func TestReadGoldOptionalFields(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gold.jsonl")
	writeFile(t, path,
		`{"id": "a", "text": "Tune a violin", "major": "27", "code": "27-2042.00", "title": "Musicians and Singers", "sample": "rare-enriched", "confidence": 3}`,
		`{"id": "b", "text": "Size a breaker", "code": "47-2111.00", "responsibility": "Install electrical panels", "topic": "Breaker sizing"}`)
	got, err := Read(path, occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{ID: "a", Text: "Tune a violin", Major: "27", Code: "27-2042.00", Title: "Musicians and Singers", Sample: "rare-enriched", Confidence: 3},
		{ID: "b", Text: "Size a breaker", Major: "47", Code: "47-2111.00", Responsibility: "Install electrical panels", Topic: "Breaker sizing"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func writeFile(t *testing.T, path string, lines ...string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadGoldBadConfidence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	writeFile(t, path, `{"text": "a", "code": "27-2042.00", "confidence": 2}`, `{"text": "b", "code": "27-2042.00", "confidence": "high"}`)
	got, err := Read(path, occubias.ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "record 1") || len(got) != 1 || got[0].Confidence != 2 {
		t.Errorf("%+v, %v", got, err)
	}
}
