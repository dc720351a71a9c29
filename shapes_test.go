package occubias_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/occubias/occubias"
)

// TestCommonShapes reads the shapes most files of prompts have, without
// flags, and says which fields were read.
func TestCommonShapes(t *testing.T) {
	for _, c := range []struct {
		name, data     string
		format         occubias.Format
		fields         string
		prompt, answer string
		id             string
		labels         map[string]string
	}{
		{"text.jsonl", `{"text": "Draft a lease clause on late rent"}` + "\n", occubias.Prompt, `text from "text"`, "Draft a lease clause on late rent", "", "text.jsonl#0", nil},
		{"koala.jsonl", `{"id": "k_0", "prompt": "List the layers of the OSI model"}` + "\n", occubias.Prompt, `text from "prompt"`, "List the layers of the OSI model", "", "k_0", nil},
		{"completion.jsonl", `{"prompt": "Translate 'kidney' to German", "completion": "Niere"}` + "\n", occubias.Prompt, `text from "prompt", response from "completion"`, "Translate 'kidney' to German", "Niere", "completion.jsonl#0", nil},
		{"qa.csv", "question,answer\nWhat is a put option?,A right to sell.\n", occubias.Prompt, `text from "question", response from "answer"`, "What is a put option?", "A right to sell.", "qa.csv#0", nil},
		{"query.jsonl", `{"query": "Size a breaker", "response": "Use 125% of the load."}` + "\n", occubias.Prompt, `text from "query", response from "response"`, "Size a breaker", "Use 125% of the load.", "query.jsonl#0", nil},
		{"io.jsonl", `{"input": "Summarize the MMPI-3 validity scales", "output": "..."}` + "\n", occubias.Prompt, `text from "input", response from "output"`, "Summarize the MMPI-3 validity scales", "...", "io.jsonl#0", nil},
		{"arena.jsonl", `{"uid": "a1", "category": "arena-hard-v0.1", "cluster": "Audio", "prompt": "Write a melody in ABC notation"}` + "\n", occubias.Prompt, `text from "prompt"`, "Write a melody in ABC notation", "", "a1", map[string]string{"category": "arena-hard-v0.1", "cluster": "Audio"}},
		{"strings.jsonl", "\"How do I tune a violin?\"\n\"Plan a fractions lesson\"\n", occubias.Prompt, `text from "text"`, "How do I tune a violin?", "", "strings.jsonl#0", nil},
		{"strings.json", `["How do I tune a violin?", "Plan a fractions lesson"]`, occubias.Prompt, `text from "text"`, "How do I tune a violin?", "", "strings.json#0", nil},
		{"hh.jsonl", `{"chosen": "\n\nHuman: How do I prune roses?\n\nAssistant: In late winter.\n\nHuman: Which cut?\n\nAssistant: Angled, above a bud.", "rejected": "\n\nHuman: How do I prune roses?\n\nAssistant: No idea."}` + "\n", occubias.Transcript, `text from "chosen"`, "How do I prune roses?\n\nWhich cut?", "In late winter.\n\nAngled, above a bud.", "hh.jsonl#0", nil},
		{"guanaco.jsonl", `{"input": "### Human: Write a Swift sort function ### Assistant:", "output": "func sort() {}", "lang": "en"}` + "\n", occubias.Transcript, `text from "input", response from "output"`, "Write a Swift sort function", "func sort() {}", "guanaco.jsonl#0", map[string]string{"lang": "en"}},
		{"dolly3k.json", `[{"instruction": "Who wrote Hamlet?", "category": "open_qa", "input": "A play.", "output": "Shakespeare."}]`, occubias.Dolly, "", "Who wrote Hamlet?\n\nA play.", "Shakespeare.", "dolly3k.json#0", map[string]string{"category": "open_qa"}},
		{"evol.json", `[{"id": "identity_1", "conversations": [{"from": "human", "value": "Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request. ### Instruction: Reorder the words.\n### Input: dog the brown my is ### Response:"}, {"from": "gpt", "value": "My dog is brown."}]}]`, occubias.ShareGPT, "", "Reorder the words.\n\ndog the brown my is", "My dog is brown.", "identity_1", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			exs, st, err := readAllFrom(c.data, c.name, occubias.ReadOptions{})
			if err != nil || len(exs) == 0 {
				t.Fatalf("%d examples, %v", len(exs), err)
			}
			ex := exs[0]
			if st.Format != c.format || st.Fields != c.fields || ex.Prompt() != c.prompt || ex.Response() != c.answer || ex.ID != c.id {
				t.Errorf("format %s, fields %s, prompt %q, response %q, id %q", st.Format, st.Fields, ex.Prompt(), ex.Response(), ex.ID)
			}
			for k, v := range c.labels {
				if ex.Label(k) != v {
					t.Errorf("label %s = %q, want %q", k, ex.Label(k), v)
				}
			}
		})
	}
	// A transcript without a human turn is malformed, and says so.
	_, _, err := readAllFrom(`{"chosen": "\n\nHuman: hi\n\nAssistant: hello", "rejected": ""}`+"\n"+`{"chosen": "no markers", "rejected": ""}`+"\n", "hh.jsonl", occubias.ReadOptions{})
	if !errors.Is(err, occubias.ErrMalformedRecord) {
		t.Errorf("transcript without turns: %v", err)
	}
}

// TestDatasetFiles expands a directory (recursively, sorted, dataset
// files only, hidden ones left out), a pattern, and says when there is
// nothing to read.
func TestDatasetFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"data/train-00001-of-00002.parquet", "data/train-00000-of-00002.parquet", "README.md", ".cache/x.json", "extra/b.jsonl.gz", "a.csv"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, err := occubias.DatasetFiles(dir)
	want := []string{"a.csv", "data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet", "extra/b.jsonl.gz"}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("directory: %q, %v", got, err)
	}
	got, err = occubias.DatasetFiles(filepath.Join(dir, "data", "*.parquet"))
	if err != nil || len(got) != 2 || got[0] != want[1] {
		t.Errorf("pattern: %q, %v", got, err)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := occubias.DatasetFiles(empty); !errors.Is(err, occubias.ErrNoDataset) {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := occubias.DatasetFiles(filepath.Join(dir, "*.xlsx")); !errors.Is(err, occubias.ErrNoDataset) {
		t.Errorf("pattern matching nothing: %v", err)
	}
	if got, err := occubias.DatasetFiles("-"); err != nil || !slices.Equal(got, []string{"-"}) {
		t.Errorf("standard input: %q, %v", got, err)
	}
}
