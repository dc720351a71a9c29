package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/internal/testenv"
)

type balanceReport struct {
	Written int64
	Before  struct {
		Examples int64
		Measures []struct {
			Name     string
			Estimate float64
		}
	}
	After struct {
		Counts   []float64
		Measures []struct {
			Name     string
			Estimate float64
		}
	}
	Kept, Available []int
	Everything      bool
	Bound           float64 `json:"normalized_entropy_bound"`
}

func (r balanceReport) after(name string) float64 {
	for _, m := range r.After.Measures {
		if m.Name == name {
			return m.Estimate
		}
	}
	return math.NaN()
}

// TestBalanceFixtures: the subset is written and reads back, unchanged
// records when the inputs share a format; a budget above the data keeps
// everything and says so; bad levels and targets are usage errors naming
// what is wrong.
func TestBalanceFixtures(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "kept.jsonl")
	stdout, errOut, code := runCLI(t, "", "balance", "-q", "--json", "--budget", "3", "../../testdata/sharegpt.json", "../../testdata/sharegpt.jsonl", "-o", out)
	var rep balanceReport
	if code != 0 || json.Unmarshal([]byte(stdout), &rep) != nil || rep.Written != 3 {
		t.Fatalf("exit %d: %s %s", code, stdout, errOut)
	}
	exs, st, err := occubias.ReadAll(out, occubias.ReadOptions{})
	if err != nil || len(exs) != 3 || st.Format != occubias.ShareGPT {
		t.Errorf("kept records read back: %d as %s, %v", len(exs), st.Format, err)
	}
	// Mixed formats: chat messages records, Parquet.
	pq := filepath.Join(dir, "kept.parquet")
	stdout, errOut, code = runCLI(t, "", "balance", "-q", "--json", "--budget", "1000", "../../testdata/dolly.jsonl", "../../testdata/occuquest_train.parquet", "-o", pq)
	if code != 0 || json.Unmarshal([]byte(stdout), &rep) != nil || !rep.Everything || rep.Written != 9 {
		t.Fatalf("exit %d: %s %s", code, stdout, errOut)
	}
	exs, st, err = occubias.ReadAll(pq, occubias.ReadOptions{})
	if err != nil || len(exs) != 9 || st.Format != occubias.Messages || exs[0].Label("source") != "../../testdata/dolly.jsonl" {
		t.Errorf("kept records read back: %d as %s, %v", len(exs), st.Format, err)
	}
	target := filepath.Join(dir, "target.tsv")
	os.WriteFile(target, []byte("code\tweight\n15\t2\nXX\t1\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--level", "sector"}, "sector"},
		{[]string{"--target", target}, "target.tsv:3"},
		{[]string{"--target", filepath.Join(dir, "missing.tsv")}, "missing.tsv"},
		{nil, "--budget"},
	} {
		args := append([]string{"balance", "-q", "-o", out}, c.args...)
		if c.args != nil {
			args = append(args, "--budget", "3")
		}
		if _, errOut, code := runCLI(t, "", append(args, "../../testdata/dolly.jsonl")...); code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %s", c.args, code, errOut)
		}
	}
	// --plan: weights for each dataset.
	stdout, errOut, code = runCLI(t, "", "balance", "-q", "--plan", "--budget", "6", "../../testdata/dolly.jsonl", "../../testdata/occuquest_train.parquet", "../../testdata/sharegpt.json")
	if code != 0 || strings.Count(stdout, "../../testdata/") != 3 || !strings.Contains(stdout, "divergence of the target from the mix") {
		t.Errorf("plan: exit %d, %s %s", code, stdout, errOut)
	}
}

// TestBalanceShared: on the real prompts of ../shared/data (Dolly's CSV
// export, ShareGPT, LIMA, Alpaca), 3,000 examples at the group level
// reach the highest normalized entropy their counts allow.
func TestBalanceShared(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	out := filepath.Join(t.TempDir(), "balanced.jsonl")
	args := []string{"balance", "-q", "--json", "--budget", "3000", "--resamples", "200", "-o", out,
		filepath.Join(data, "dolly/russellemergentai_instr_ctx"), filepath.Join(data, "sharegpt/ShareGPT_V3_filtered_1000_first_prompts.json"),
		filepath.Join(data, "sharegpt/ShareGPT_V3_filtered_500_first_prompts.json"), filepath.Join(data, "sharegpt/sg_90k_part1_en_first_prompts_2978.json"),
		filepath.Join(data, "lima/lima_llamafactory.json"), filepath.Join(data, "alpaca/alpaca_en_demo_llamafactory.json")}
	stdout, errOut, code := runCLI(t, "", args...)
	var rep balanceReport
	if code != 0 || json.Unmarshal([]byte(stdout), &rep) != nil {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ne := rep.after("normalized_entropy")
	var before float64
	for _, m := range rep.Before.Measures {
		if m.Name == "normalized_entropy" {
			before = m.Estimate
		}
	}
	if rep.Written != 3000 || rep.Before.Examples != 21500 || math.Abs(ne-rep.Bound) > 1e-12 || ne <= before {
		t.Errorf("%d written of %d; normalized entropy %.4f -> %.4f, bound %.4f", rep.Written, rep.Before.Examples, before, ne, rep.Bound)
	}
	t.Logf("normalized entropy %.4f -> %.4f (bound %.4f)", before, ne, rep.Bound)
}

// TestBalanceKeepsRecordFormat: CSV and Parquet inputs of one format are
// written as the JSON objects of their columns, which read back as that
// format with their labels.
func TestBalanceKeepsRecordFormat(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		in     string
		format occubias.Format
		n      int
	}{
		{"../../testdata/dolly_export.csv", occubias.Dolly, 3},
		{"../../testdata/occuquest_train.parquet", occubias.OccuQuest, 5},
	} {
		out := filepath.Join(dir, "kept.jsonl")
		if _, errOut, code := runCLI(t, "", "balance", "-q", "--budget", "100", c.in, "-o", out); code != 0 {
			t.Fatalf("%s: exit %d %s", c.in, code, errOut)
		}
		exs, st, err := occubias.ReadAll(out, occubias.ReadOptions{})
		orig, _, _ := occubias.ReadAll(c.in, occubias.ReadOptions{})
		if err != nil || st.Format != c.format || len(exs) != c.n || exs[0].Prompt() != orig[0].Prompt() || exs[0].Label("category") != orig[0].Label("category") {
			t.Errorf("%s: %d read back as %s, %v", c.in, len(exs), st.Format, err)
		}
	}
}
