package occubias_test

import (
	"path/filepath"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/internal/testenv"
)

// TestSharedData reads every instruction dataset in ../shared/data; the
// counts are those SOURCES.md gives for each file.
func TestSharedData(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	tests := []struct {
		path   string
		format occubias.Format
		n      int64
	}{
		{"sharegpt/ShareGPT_V3_filtered_1000_first_prompts.json", occubias.ShareGPT, 1000},
		{"sharegpt/ShareGPT_V3_filtered_500_first_prompts.json", occubias.ShareGPT, 500},
		{"sharegpt/sg_90k_part1_en_first_prompts_2978.json", occubias.ShareGPT, 2978},
		{"sharegpt/dialogstudio_original_example_5.json", occubias.ShareGPT, 5},
		{"sharegpt/SYNTHETIC_fastchat_dummy_conversation.json", occubias.ShareGPT, 500},
		{"wizardlm/WizardLM_testset.jsonl", occubias.WizardLM, 218},
		{"lima/lima_llamafactory.json", occubias.Alpaca, 1029},
		{"alpaca/alpaca_en_demo_llamafactory.json", occubias.Alpaca, 999},
		{"alpaca_eval/alpaca_eval_805_text_davinci_003_outputs.json", occubias.Alpaca, 805},
		{"mt_bench/question.jsonl", occubias.MTBench, 80},
		{"vicuna_bench/question.jsonl", occubias.MTBench, 80},
		{"self_instruct/seed_tasks.jsonl", occubias.SelfInstruct, 175},
		{"self_instruct/user_oriented_instructions.jsonl", occubias.SelfInstruct, 252},
		{"dolly/russellemergentai_instr_ctx/output1to1000.csv", occubias.Dolly, 999},
		{"dolly/russellemergentai_instr_ctx/output10001to15000.csv", occubias.Dolly, 4999},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			in, err := occubias.Inspect(filepath.Join(data, tt.path), occubias.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if in.Examples != tt.n || in.Format != tt.format || in.Skipped != 0 {
				t.Errorf("%d examples as %s (%d skipped), want %d as %s", in.Examples, in.Format, in.Skipped, tt.n, tt.format)
			}
		})
	}
	// Facts from SOURCES.md: 2,958 + 16 + 4 first turns by human, system,
	// gpt; 29 LIMA rows with history; 4,461 Dolly rows with context.
	roles := map[occubias.Role]int{}
	for _, ex := range readAll(t, filepath.Join(data, "sharegpt/sg_90k_part1_en_first_prompts_2978.json")) {
		roles[ex.Turns[0].Role]++
	}
	if roles[occubias.User] != 2958 || roles[occubias.System] != 16 || roles[occubias.Assistant] != 4 {
		t.Errorf("first-turn roles %v", roles)
	}
	multi := 0
	for _, ex := range readAll(t, filepath.Join(data, "lima/lima_llamafactory.json")) {
		if len(ex.Turns) > 2 {
			multi++
		}
	}
	if multi != 29 {
		t.Errorf("%d LIMA rows with history, want 29", multi)
	}
	// The same CSV read as generic records of its context column.
	withContext, total := 0, 0
	files, _ := filepath.Glob(filepath.Join(data, "dolly/russellemergentai_instr_ctx/*.csv"))
	for _, f := range files {
		total += len(readAll(t, f))
		ctx, _, err := occubias.ReadAll(f, occubias.ReadOptions{TextFields: []string{"context"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ctx {
			if ex.Prompt() != "" {
				withContext++
			}
		}
	}
	if total != 14994 {
		t.Errorf("Dolly CSV export: %d rows, want 14994", total)
	}
	if withContext != 4461 {
		t.Errorf("Dolly rows with context: %d, want 4461", withContext)
	}
}

func readAll(t *testing.T, path string) []occubias.Example {
	t.Helper()
	exs, _, err := occubias.ReadAll(path, occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return exs
}
