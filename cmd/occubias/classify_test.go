package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/occubias/occubias/internal/predictions"
	"github.com/occubias/occubias/internal/testenv"
	"github.com/occubias/occubias/stats"
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
	if rows[8][8] != "true" {
		t.Errorf("empty conversation row %v", rows[8])
	}
}

func TestTaxonomyCommand(t *testing.T) {
	out, _, code := runCLI(t, "", "taxonomy", "--level", "occupation", "--group", "53", "--builtin")
	if code != 0 || !strings.Contains(out, "53-2011.00\tAirline Pilots, Copilots, and Flight Engineers") || strings.Contains(out, "\n29-") {
		t.Errorf("exit %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, "", "taxonomy")
	if n := strings.Count(out, "\n"); n != 23 {
		t.Errorf("%d groups listed", n)
	}
	if _, _, code := runCLI(t, "", "taxonomy", "--level", "nope"); code != 2 {
		t.Errorf("bad level: exit %d", code)
	}
}

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
	if code != 0 || json.Unmarshal([]byte(out), &groups) != nil || len(groups) != 14 {
		t.Errorf("exit %d, %d groups:\n%s", code, len(groups), out)
	}
	out, _, _ = runCLI(t, "", "classify", "--model", model, "--json", "../../testdata/occuquest_train.parquet")
	if !strings.Contains(out, `"group":"Healthcare Practitioners and Technical","group_title":"Healthcare Practitioners and Technical"`) ||
		!strings.Contains(out, `"occupation":"Dental Hygienists"`) {
		t.Errorf("OccuQuest model predictions:\n%s", out)
	}
}

func TestEvalShared(t *testing.T) {
	shared := testenv.Shared(t)
	out, errOut, code := runCLI(t, "", "eval", "--json", "--gold", filepath.Join(shared, "gold", "dev.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var reps []struct {
		Excluded int
		Group    struct {
			N        int
			Accuracy float64
		}
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil || len(reps) != 1 || reps[0].Group.N != 296 || reps[0].Excluded != 4 {
		t.Errorf("%v %+v", err, reps)
	}
}

// TestAnalyzeJSONRecomputes checks, as a user would, that the measures
// analyze --json prints follow from the counts it prints.
func TestAnalyzeJSONRecomputes(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	out, errOut, code := runCLI(t, "", "analyze", "--json", "--resamples", "200", filepath.Join(data, "mt_bench/question.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res []struct {
		Examples int64
		Counts   []float64
		Measures []struct {
			Name     string
			Estimate float64
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	r := res[0]
	got := map[string]float64{}
	for _, m := range r.Measures {
		got[m.Name] = m.Estimate
	}
	h, _ := stats.NormalizedEntropy(r.Counts)
	g, _ := stats.Gini(r.Counts)
	if r.Examples != 80 || math.Abs(got["normalized_entropy"]-h) > 1e-12 || math.Abs(got["gini"]-g) > 1e-12 {
		t.Errorf("examples %d, normalized entropy %v (recomputed %v), gini %v (recomputed %v)", r.Examples, got["normalized_entropy"], h, got["gini"], g)
	}
}

func TestPlotCommand(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, "", "plot", "--json", "--resamples", "50", "--figure-format", "png,pdf",
		"--name", "Dolly", "--name", "OccuQuest", "../../testdata/dolly.jsonl", "../../testdata/occuquest.jsonl", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct{ Files []string }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 6*2+1 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, f := range []string{"distribution.png", "representation.pdf", "lorenz.png", "measures.md"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "measures.md"))
	if !strings.Contains(string(md), "| OccuQuest | 3 |") {
		t.Errorf("measures.md:\n%s", md)
	}
	if _, _, code := runCLI(t, "", "plot", "--name", "one", "a.jsonl", "b.jsonl"); code != 2 {
		t.Errorf("mismatched --name: exit %d", code)
	}
}

func TestEveryCommandHasHelpWithExamples(t *testing.T) {
	for _, cmd := range newRootCommand().Commands() {
		if cmd.Name() == "help" || cmd.Name() == "completion" {
			continue
		}
		out, _, code := runCLI(t, "", cmd.Name(), "--help")
		if code != 0 || !strings.Contains(out, "Examples:") {
			t.Errorf("%s --help: exit %d, no examples:\n%s", cmd.Name(), code, out)
		}
	}
	out, _, code := runCLI(t, "", "completion", "bash")
	if code != 0 || !strings.Contains(out, "bash completion") {
		t.Errorf("completion bash: %d", code)
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
