package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/internal/testenv"
)

func TestInspectJSON(t *testing.T) {
	out, errOut, code := runCLI(t, "", "inspect", "--json", "../../testdata/dolly.jsonl", "../../testdata/occuquest_dialog.parquet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []occubias.Inspection
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) != 2 || got[0].Examples != 4 || got[0].Format != "dolly" || got[1].Examples != 2 || got[1].Turns != 9 || got[1].Container != "parquet" {
		t.Errorf("inspections %+v", got)
	}
}

func TestInspectErrors(t *testing.T) {
	out, errOut, code := runCLI(t, "", "inspect", "../../testdata/bad_truncated.json", "../../testdata/dolly.jsonl")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "bad_truncated.json: byte offset 502 (record 1): unexpected end of input") ||
		!strings.Contains(errOut, "1 file failed") || strings.Contains(errOut+out, "goroutine") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
	// Skipping makes the mistyped file pass and still reports the error.
	out, _, code = runCLI(t, "", "inspect", "--skip-bad", "../../testdata/bad_latin1.jsonl")
	if code != 0 || !strings.Contains(out, "bad_latin1.jsonl:2: invalid UTF-8") || !strings.Contains(out, "skipped    1") {
		t.Errorf("exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"inspect"}, {"inspect", "--format", "xml", "x"}, {"inspect", "--no-such-flag", "x"}, {"inspect", "--format", "generic", "x"}} {
		if _, _, code := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, code)
		}
	}
}

func TestInspectStdin(t *testing.T) {
	data, err := os.ReadFile("../../testdata/sharegpt.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, string(data), "inspect", "--json", "-")
	if code != 0 || !strings.Contains(out, `"examples": 2`) {
		t.Errorf("exit %d: %s %s", code, out, errOut)
	}
}

// TestInspectShared checks the counts on the real files, as the issue asks.
func TestInspectShared(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	want := map[string]struct {
		format string
		n      int64
	}{
		"sharegpt/ShareGPT_V3_filtered_1000_first_prompts.json": {"sharegpt", 1000},
		"sharegpt/ShareGPT_V3_filtered_500_first_prompts.json":  {"sharegpt", 500},
		"sharegpt/sg_90k_part1_en_first_prompts_2978.json":      {"sharegpt", 2978},
		"wizardlm/WizardLM_testset.jsonl":                       {"wizardlm", 218},
		"lima/lima_llamafactory.json":                           {"alpaca", 1029},
		"alpaca/alpaca_en_demo_llamafactory.json":               {"alpaca", 999},
		"mt_bench/question.jsonl":                               {"mtbench", 80},
	}
	args := []string{"inspect", "--json"}
	for p := range want {
		args = append(args, filepath.Join(data, p))
	}
	out, errOut, code := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []occubias.Inspection
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, in := range got {
		rel, _ := filepath.Rel(data, in.Source)
		w := want[rel]
		if in.Examples != w.n || string(in.Format) != w.format {
			t.Errorf("%s: %d as %s, want %d as %s", rel, in.Examples, in.Format, w.n, w.format)
		}
	}
}

// TestInspectDirectory reads every dataset file of a directory, and says
// when a directory holds none.
func TestInspectDirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"text": "Tune a violin"}`+"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "b.jsonl"), []byte(`{"prompt": "Size a breaker"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# not data\n"), 0o644)
	out, errOut, code := runCLI(t, "", "inspect", "--json", dir)
	var ins []struct {
		Source   string
		Format   string
		Examples int
	}
	if code != 0 || json.Unmarshal([]byte(out), &ins) != nil || len(ins) != 2 || ins[1].Format != "prompt" || !strings.HasSuffix(ins[1].Source, "b.jsonl") {
		t.Errorf("exit %d: %s %s", code, out, errOut)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, errOut, code := runCLI(t, "", "inspect", empty); code != 1 || !strings.Contains(errOut, "no dataset file") {
		t.Errorf("empty directory: exit %d, %s", code, errOut)
	}
}
