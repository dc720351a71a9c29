package occubias_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/occubias/occubias"
)

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file        string
		opts        occubias.ReadOptions
		format      occubias.Format
		container   occubias.Container
		compression occubias.Compression
		n           int
		// first example
		id, prompt, response string
		turns                int
		labels               map[string]string
	}{
		{file: "dolly.jsonl", format: occubias.Dolly, container: occubias.JSONL, n: 4,
			id: "dolly.jsonl#0", prompt: "When did the Hubble Space Telescope launch?\n\nThe Hubble Space Telescope was launched into low Earth orbit in 1990 and remains in operation.",
			response: "It launched in 1990.", turns: 2, labels: map[string]string{"category": "closed_qa"}},
		{file: "dolly.jsonl.gz", format: occubias.Dolly, container: occubias.JSONL, compression: occubias.Gzip, n: 4,
			id: "dolly.jsonl.gz#0", response: "It launched in 1990.", turns: 2, labels: map[string]string{"category": "closed_qa"}},
		{file: "dolly_export.csv", format: occubias.Dolly, container: occubias.CSV, n: 3,
			id: "7", prompt: "How do I descale an espresso machine?", turns: 2},
		{file: "sharegpt.json", format: occubias.ShareGPT, container: occubias.JSON, n: 4,
			id: "q1Xe7_0", prompt: "Write a SQL query that lists customers with no orders.\n\nNow count them per country.", turns: 5},
		{file: "sharegpt.json.zst", format: occubias.ShareGPT, container: occubias.JSON, compression: occubias.Zstd, n: 4, id: "q1Xe7_0", turns: 5},
		{file: "sharegpt.jsonl", format: occubias.ShareGPT, container: occubias.JSONL, n: 2, id: "a1", turns: 2},
		{file: "wizardlm_evol.json", format: occubias.WizardLM, container: occubias.JSON, n: 2,
			id: "wizardlm_evol.json#0", prompt: "Explain how a heat pump moves heat against a temperature gradient.", turns: 2},
		{file: "wizardlm_v2.json", format: occubias.WizardLM, container: occubias.JSON, n: 2, id: "wz_901", turns: 2},
		{file: "wizardlm_testset.jsonl", format: occubias.WizardLM, container: occubias.JSONL, n: 3, id: "1",
			prompt: "Is a verbal contract for selling land enforceable?", turns: 1,
			labels: map[string]string{"skill": "Law", "difficulty": "6"}},
		{file: "occuquest.jsonl", format: occubias.OccuQuest, container: occubias.JSONL, n: 3, turns: 2, id: "occuquest.jsonl#0",
			labels: map[string]string{"category": "Healthcare Services", "occupation": "Dental Hygienists", "topic": "Patient education on flossing"}},
		{file: "occuquest_train.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 5, turns: 2,
			prompt: "How do I explain interdental cleaning to a patient who dislikes flossing?",
			labels: map[string]string{"category": "Healthcare Services", "occupation": "Dental Hygienists", "topic": "Patient education"}},
		{file: "occuquest_dialog.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 2, turns: 5,
			prompt: "How do I hold a crab angle on short final?\n\nAnd then?"},
		{file: "occuquest_validation.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 2, turns: 2},
		{file: "occuquest_test.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 2, turns: 2},
		{file: "occuquest_estate.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 2, turns: 1, response: ""},
		{file: "occuquest_quora.parquet", format: occubias.OccuQuest, container: occubias.Parquet, n: 2, turns: 1,
			prompt: "How can counselors avoid burnout?"},
		{file: "alpaca.json", format: occubias.Alpaca, container: occubias.JSON, n: 3,
			prompt: "Translate the phrase into Spanish.\n\nWhere is the pharmacy?", response: "¿Dónde está la farmacia?", turns: 2},
		{file: "alpaca_eval.json", format: occubias.Alpaca, container: occubias.JSON, n: 2, turns: 2,
			labels: map[string]string{"dataset": "koala"}},
		{file: "messages.jsonl", format: occubias.Messages, container: occubias.JSONL, n: 2, turns: 3,
			prompt: "Can I deduct a home office as a W-2 employee?"},
		{file: "mtbench.jsonl", format: occubias.MTBench, container: occubias.JSONL, n: 2, id: "901", turns: 2,
			labels: map[string]string{"category": "stem"}},
		{file: "selfinstruct.jsonl", format: occubias.SelfInstruct, container: occubias.JSONL, n: 2, id: "seed_task_900",
			prompt: "Add up the invoice lines and give the total.\n\n3 x $4.50, 2 x $10.00", response: "$33.50", turns: 2,
			labels: map[string]string{"name": "invoice_total"}},
		{file: "generic.csv", opts: occubias.ReadOptions{TextFields: []string{"question"}, ResponseFields: []string{"answer"}, LabelFields: []string{"domain"}, IDField: "qid"},
			format: occubias.Generic, container: occubias.CSV, n: 2, id: "g1", prompt: "How often should a fire extinguisher be inspected?",
			response: "Monthly visual checks and a yearly service.", turns: 2, labels: map[string]string{"domain": "safety"}},
		{file: "generic.tsv", opts: occubias.ReadOptions{TextFields: []string{"question"}, LabelFields: []string{"domain"}},
			format: occubias.Generic, container: occubias.TSV, n: 2, id: "generic.tsv#0", prompt: "How do I prune roses?", turns: 1,
			labels: map[string]string{"domain": "gardening"}},
		{file: "generic.jsonl", opts: occubias.ReadOptions{TextFields: []string{"prompt"}, LabelFields: []string{"tags"}, IDField: "uid"},
			format: occubias.Generic, container: occubias.JSONL, n: 2, id: "11", prompt: "Plan a safety briefing for a roofing crew.", turns: 1,
			labels: map[string]string{"tags": `["safety","construction"]`}},
		{file: "occuquest_train.parquet", opts: occubias.ReadOptions{TextFields: []string{"topic"}, LabelFields: []string{"occupation"}},
			format: occubias.Generic, container: occubias.Parquet, n: 5, prompt: "Patient education", turns: 1,
			labels: map[string]string{"occupation": "Dental Hygienists"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			exs, st, err := occubias.ReadAll(path, tt.opts)
			if err != nil {
				t.Fatalf("ReadAll: %v", err)
			}
			if len(exs) != tt.n || st.Read != int64(tt.n) || st.Skipped != 0 {
				t.Fatalf("read %d examples (stats %d, skipped %d), want %d", len(exs), st.Read, st.Skipped, tt.n)
			}
			if st.Format != tt.format || st.Container != tt.container || st.Compression != tt.compression {
				t.Errorf("format %q container %q compression %q, want %q %q %q", st.Format, st.Container, st.Compression, tt.format, tt.container, tt.compression)
			}
			ex := exs[0]
			if ex.Format != tt.format || ex.Source != path || ex.Index != 0 {
				t.Errorf("first example: format %q source %q index %d", ex.Format, ex.Source, ex.Index)
			}
			if tt.id != "" && ex.ID != tt.id {
				t.Errorf("ID = %q, want %q", ex.ID, tt.id)
			}
			if tt.prompt != "" && ex.Prompt() != tt.prompt {
				t.Errorf("Prompt() = %q, want %q", ex.Prompt(), tt.prompt)
			}
			if ex.Response() != tt.response && (tt.response != "" || tt.format == occubias.OccuQuest && tt.turns == 1) {
				t.Errorf("Response() = %q, want %q", ex.Response(), tt.response)
			}
			if len(ex.Turns) != tt.turns {
				t.Errorf("%d turns, want %d: %+v", len(ex.Turns), tt.turns, ex.Turns)
			}
			for k, v := range tt.labels {
				if got := ex.Label(k); got != v {
					t.Errorf("Label(%q) = %q, want %q", k, got, v)
				}
			}
			ids := map[string]bool{}
			for i, e := range exs {
				if e.Index != int64(i) {
					t.Errorf("example %d has Index %d", i, e.Index)
				}
				if ids[e.ID] {
					t.Errorf("duplicate ID %q", e.ID)
				}
				ids[e.ID] = true
			}
		})
	}
}

func TestRolesAndTurnOrder(t *testing.T) {
	exs, _, err := occubias.ReadAll("testdata/sharegpt.json", occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var roles []occubias.Role
	for _, tu := range exs[0].Turns {
		roles = append(roles, tu.Role)
	}
	want := []occubias.Role{occubias.System, occubias.User, occubias.Assistant, occubias.User, occubias.Assistant}
	if !slices.Equal(roles, want) {
		t.Errorf("roles %v, want %v", roles, want)
	}
	if got := exs[1].Prompt(); got != "Écris un poème sur la mer — en français, s'il te plaît. 🌊" {
		t.Errorf("unicode prompt = %q", got)
	}
	if exs[2].Response() != "Dosing is by weight; ask a pharmacist." {
		t.Errorf("chatgpt turn not read as assistant: %+v", exs[2].Turns)
	}
	if len(exs[3].Turns) != 0 || exs[3].Prompt() != "" {
		t.Errorf("empty conversation: %+v", exs[3])
	}
	// Alpaca history comes before the current instruction, system first.
	exs, _, err = occubias.ReadAll("testdata/alpaca.json", occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h := exs[1].Turns
	if len(h) != 5 || h[0].Role != occubias.System || h[1].Text != "Suggest a title for a guide on inspecting bridges." || h[3].Text != "Give a shorter title." {
		t.Errorf("alpaca history turns: %+v", h)
	}
}

func TestFormatOverride(t *testing.T) {
	// Read as Alpaca, Dolly JSONL keeps its instruction and drops the
	// context, which Alpaca does not have.
	exs, st, err := occubias.ReadAll("testdata/dolly.jsonl", occubias.ReadOptions{Format: occubias.Alpaca})
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != occubias.Alpaca || exs[0].Prompt() != "When did the Hubble Space Telescope launch?" {
		t.Errorf("format %q, prompt %q", st.Format, exs[0].Prompt())
	}
	// A format whose required field is missing is an error naming the line.
	_, _, err = occubias.ReadAll("testdata/dolly.jsonl", occubias.ReadOptions{Format: occubias.ShareGPT})
	if !errors.Is(err, occubias.ErrMissingField) || !strings.Contains(err.Error(), "dolly.jsonl:1:") {
		t.Errorf("err = %v, want missing field at line 1", err)
	}
	if _, err := occubias.ParseFormat("sharegpt"); err != nil {
		t.Error(err)
	}
	if _, err := occubias.ParseFormat("xml"); !errors.Is(err, occubias.ErrUnknownFormat) {
		t.Errorf("ParseFormat(xml) = %v", err)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		file     string
		sentinel error
		where    string // in the error text
		before   int    // examples read before the error under Strict
		skipRead int    // examples read under SkipBad
		skipped  int
		fatal    bool // the error ends the read even under SkipBad
	}{
		{"bad_truncated.json", occubias.ErrTruncated, "bad_truncated.json: byte offset 502 (record 1)", 1, 1, 0, true},
		{"bad_mistyped.jsonl", occubias.ErrMalformedRecord, "bad_mistyped.jsonl:2: ", 1, 2, 1, false},
		{"bad_latin1.jsonl", occubias.ErrInvalidUTF8, "bad_latin1.jsonl:2: ", 1, 2, 1, false},
		{"bad_quote.csv", occubias.ErrMalformedRecord, "bad_quote.csv:3: ", 1, 2, 1, false},
		{"bad_role.json", occubias.ErrUnknownRole, "bad_role.json: byte offset 68 (record 1)", 1, 1, 1, false},
		{"bad_truncated.parquet", occubias.ErrTruncated, "bad_truncated.parquet", 0, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			exs, st, err := occubias.ReadAll(path, occubias.ReadOptions{})
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.where) {
				t.Errorf("error %q does not say %q", err, tt.where)
			}
			if len(exs) != tt.before {
				t.Errorf("Strict kept %d examples before the error, want %d", len(exs), tt.before)
			}
			if len(exs) > 0 && st.Read != int64(len(exs)) {
				t.Errorf("stats say %d read", st.Read)
			}
			exs, st, err = occubias.ReadAll(path, occubias.ReadOptions{Policy: occubias.SkipBad})
			if tt.fatal != (err != nil) {
				t.Errorf("SkipBad err = %v, fatal %v", err, tt.fatal)
			}
			if len(exs) != tt.skipRead || st.Skipped != int64(tt.skipped) {
				t.Errorf("SkipBad read %d skipped %d, want %d and %d", len(exs), st.Skipped, tt.skipRead, tt.skipped)
			}
			if tt.skipped > 0 && (len(st.Errors) != tt.skipped || !strings.Contains(st.Errors[0].Error(), tt.where)) {
				t.Errorf("kept errors %v", st.Errors)
			}
			var re *occubias.RecordError
			if tt.skipped > 0 && !errors.As(st.Errors[0], &re) {
				t.Errorf("kept error is %T, want *RecordError", st.Errors[0])
			}
		})
	}
}

func TestRecordErrorIndexAfterSkip(t *testing.T) {
	exs, _, err := occubias.ReadAll("testdata/bad_mistyped.jsonl", occubias.ReadOptions{Policy: occubias.SkipBad})
	if err != nil {
		t.Fatal(err)
	}
	// The skipped record keeps its index: the third record is index 2.
	if exs[1].Index != 2 || exs[1].ID != "bad_mistyped.jsonl#2" {
		t.Errorf("after a skipped record: index %d id %q", exs[1].Index, exs[1].ID)
	}
}

func TestMaxRecordBytes(t *testing.T) {
	long := strings.Repeat("x", 5000)
	jsonl := `{"instruction": "short", "context": "", "response": ""}` + "\n" +
		`{"instruction": "` + long + `", "context": "", "response": ""}` + "\n" +
		`{"instruction": "short again", "context": "", "response": ""}` + "\n"
	r, err := occubias.NewReader(strings.NewReader(jsonl), "long.jsonl", occubias.ReadOptions{MaxRecordBytes: 1024, Policy: occubias.SkipBad})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		n++
	}
	st := r.Stats()
	if n != 2 || st.Skipped != 1 || !errors.Is(st.Errors[0], occubias.ErrRecordTooLarge) || !strings.Contains(st.Errors[0].Error(), "long.jsonl:2:") {
		t.Errorf("read %d, stats %+v", n, st)
	}
	array := `[{"instruction": "a", "output": "b"}, {"instruction": "` + long + long + long + `", "output": "b"}]`
	_, _, err = readAllFrom(array, "long.json", occubias.ReadOptions{MaxRecordBytes: 1024})
	if !errors.Is(err, occubias.ErrRecordTooLarge) {
		t.Errorf("JSON array with a large element: %v", err)
	}
	csv := "instruction,context\nshort,\n\"" + long + long + long + "\",\n"
	_, _, err = readAllFrom(csv, "long.csv", occubias.ReadOptions{MaxRecordBytes: 1024})
	if !errors.Is(err, occubias.ErrRecordTooLarge) {
		t.Errorf("CSV with a large field: %v", err)
	}
}

func readAllFrom(data, name string, opts occubias.ReadOptions) ([]occubias.Example, occubias.ReadStats, error) {
	r, err := occubias.NewReader(strings.NewReader(data), name, opts)
	if err != nil {
		return nil, occubias.ReadStats{}, err
	}
	defer r.Close()
	var out []occubias.Example
	for r.Next() {
		out = append(out, r.Example())
	}
	return out, r.Stats(), r.Err()
}

func TestUnknownFormat(t *testing.T) {
	_, _, err := readAllFrom(`{"foo": 1, "bar": 2}`+"\n", "x.jsonl", occubias.ReadOptions{})
	if !errors.Is(err, occubias.ErrUnknownFormat) || !strings.Contains(err.Error(), "bar, foo") {
		t.Errorf("err = %v", err)
	}
	if _, err := occubias.NewReader(strings.NewReader(""), "x", occubias.ReadOptions{Format: occubias.Generic}); !errors.Is(err, occubias.ErrMissingField) {
		t.Errorf("generic without text fields: %v", err)
	}
}

func TestParquetFromPipe(t *testing.T) {
	data, err := os.ReadFile("testdata/occuquest_quora.parquet")
	if err != nil {
		t.Fatal(err)
	}
	// A bytes.Reader is not an *os.File: the reader spools it.
	exs, st, err := readAllFrom(string(data), "-", occubias.ReadOptions{})
	if err != nil || len(exs) != 2 || st.Container != "parquet" {
		t.Fatalf("read %d from a pipe, stats %+v, err %v", len(exs), st, err)
	}
	_ = bytes.MinRead
}

func TestEmptyInputs(t *testing.T) {
	for _, data := range []string{"", "\n\n", "[]", "[ ]\n"} {
		exs, st, err := readAllFrom(data, "empty.json", occubias.ReadOptions{})
		if err != nil || len(exs) != 0 || st.Read != 0 {
			t.Errorf("%q: %d examples, err %v", data, len(exs), err)
		}
	}
	_, _, err := readAllFrom("[{\"id\":\"a\",\"conversations\":[]}] trailing", "t.json", occubias.ReadOptions{})
	if !errors.Is(err, occubias.ErrMalformedRecord) {
		t.Errorf("data after the array: %v", err)
	}
}
