package occubias_test

import (
	"path/filepath"
	"strings"
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
		// The shapes added in the second round, read without flags.
		{"wizardlm/evol_instruct_70k_1k_score.json", occubias.ShareGPT, 1000},
		{"dolly/alpagasus/dolly_3k.json", occubias.Dolly, 2996},
		{"alpaca/alpagasus/random_9k.json", occubias.Alpaca, 9229},
		{"koala/koala_testset_180.jsonl", occubias.Prompt, 180},
		{"arena_hard/arena_hard_v0.1_questions.jsonl", occubias.Prompt, 500},
		{"arena_hard/arena_hard_v2.0_questions.jsonl", occubias.Prompt, 750},
		{"arena_hard/arena_bench_v1_questions.jsonl", occubias.MTBench, 300},
		{"oasst/oasst_en_100_text.jsonl", occubias.Prompt, 100},
		{"oasst/oasst_prompt_lottery_en_250.jsonl", occubias.Prompt, 250},
		{"oasst/qlora_oasst1_val_oa_questions.jsonl", occubias.Transcript, 953},
		{"hh_rlhf/hh_rlhf_harmless_base_test.jsonl.gz", occubias.Transcript, 2312},
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
	// Evol-Instruct's human turns carry the Alpaca template: the user side
	// is the instruction alone.
	for _, ex := range readAll(t, filepath.Join(data, "wizardlm/evol_instruct_70k_1k_score.json")) {
		if p := ex.Prompt(); p == "" || strings.Contains(p, "### Instruction:") || strings.HasPrefix(p, "Below is an instruction") {
			t.Fatalf("%s: template left in %q", ex.ID, p)
		}
	}
	// hh-rlhf: every transcript starts with a human turn, no marker is
	// left inside a turn, and nearly all alternate (a few transcripts
	// have an inline "Human:" in an assistant turn, as written).
	alternating := 0
	hh := readAll(t, filepath.Join(data, "hh_rlhf/hh_rlhf_harmless_base_test.jsonl.gz"))
	for _, ex := range hh {
		if ex.Turns[0].Role != occubias.User {
			t.Fatalf("%s starts with %s", ex.ID, ex.Turns[0].Role)
		}
		ok := true
		for i, turn := range ex.Turns {
			if strings.Contains(turn.Text, "\n\nHuman:") || strings.Contains(turn.Text, "\n\nAssistant:") {
				t.Fatalf("%s turn %d keeps a marker", ex.ID, i)
			}
			ok = ok && turn.Role == []occubias.Role{occubias.User, occubias.Assistant}[i%2]
		}
		if ok {
			alternating++
		}
	}
	if alternating < len(hh)*99/100 {
		t.Errorf("%d of %d hh-rlhf transcripts alternate", alternating, len(hh))
	}
	// Dolly 3k keeps its category and reads input as Dolly's context.
	dolly := readAll(t, filepath.Join(data, "dolly/alpagasus/dolly_3k.json"))
	if dolly[0].Label("category") != "general_qa" || dolly[0].Response() == "" {
		t.Errorf("dolly_3k first example %+v", dolly[0])
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
