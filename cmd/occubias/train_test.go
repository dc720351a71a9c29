package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainOccuQuestLabels(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "oq.occubias")
	args := []string{"train", "--from-labels", "--group-label", "category", "--occupation-label", "occupation", "--validation", "0", "--min-count", "1", "-o", model}
	files, _ := filepath.Glob("../../testdata/occuquest_*.parquet")
	for _, f := range files {
		args = append(args, "--data", f)
	}
	if _, errOut, code := runCLI(t, "", args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, _, code := runCLI(t, "", "taxonomy", "--model", model, "--json")
	var groups []struct{ Code string }
	if code != 0 || json.Unmarshal([]byte(out), &groups) != nil || len(groups) != 10 {
		t.Errorf("exit %d, %d groups:\n%s", code, len(groups), out)
	}
	out, _, _ = runCLI(t, "", "classify", "--model", model, "--json", "../../testdata/occuquest_train.parquet")
	if !strings.Contains(out, `"group":"Healthcare Services","group_title":"Healthcare Services"`) ||
		!strings.Contains(out, `"occupation":"Dental Hygienists"`) {
		t.Errorf("OccuQuest model predictions:\n%s", out)
	}
}

// TestTrainSelfTraining trains with unlabelled prompts, one of them kept out
// by --exclude, and reads the count of pseudo-labelled texts in the report.
func TestTrainSelfTraining(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "dev.jsonl")
	if err := os.WriteFile(gold, []byte(`{"text": "How should I explain interdental cleaning to a patient who hates flossing?", "major": "29", "code": "29-1292.00"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "", "train", "--from-labels", "--min-count", "1", "--json",
		"--data", "../../testdata/occuquest_train.parquet",
		"--unlabeled", "../../testdata/occuquest.jsonl", "--exclude", gold, "--self-train-min-prob", "0.0001",
		"-o", filepath.Join(dir, "m.occubias"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Examples int
		Sources  map[string]int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Sources["self-training"] != 2 || rep.Examples != rep.Sources["occuquest_train.parquet"]+2 {
		t.Errorf("%v: report %s", err, out)
	}
}

// TestTrainReadOptionsReachEveryInput: --skip-bad reaches gold files and
// --unlabeled datasets as it reaches --data ones (it reached only --data).
func TestTrainReadOptionsReachEveryInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines ...string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gold := write("gold.jsonl",
		`{"text": "Size a breaker for a kitchen circuit", "major": "47", "code": "47-2111.00"}`,
		`{"text": "broken`,
		`{"text": "Tune a violin before a concert", "major": "27", "code": "27-2042.00"}`)
	unl := write("unl.jsonl", `{"instruction": "Wire a breaker panel", "input": "", "output": ""}`, `not json`)
	model := filepath.Join(dir, "m.occubias")
	base := []string{"train", "-q", "--json", "--min-count", "1", "--epochs", "2", "--gold", gold, "--unlabeled", unl, "-o", model}
	if _, errOut, code := runCLI(t, "", base...); code != 1 || !strings.Contains(errOut, "gold.jsonl:2") {
		t.Errorf("strict: exit %d, %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "", append(base, "--skip-bad")...)
	var rep struct{ Sources map[string]int }
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Sources["gold.jsonl"] != 2 {
		t.Errorf("--skip-bad: exit %d, %s %s", code, out, errOut)
	}
}
