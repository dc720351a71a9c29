// Package recipe is the recipe of the embedded default model: which files
// of the shared data directory (laid out as shared/gold/*.jsonl,
// shared/data/onet and the real prompt datasets of shared/data) train it,
// and how. `occubias train --default` and the tests that reproduce the
// model use it; the file layout is the shared directory's, not the
// library's.
package recipe

import (
	"path/filepath"

	"github.com/occubias/occubias/train"
)

// Default returns the recipe of the embedded default model. Only the
// train files give labels; the prompts of the datasets, unlabelled, are
// used for self-training, without any text of the gold files (the dev
// files measure the model and none of their texts is trained on) nor any
// of the prompts reserved for measurement (reserved_refs.jsonl).
func Default(shared string) train.Spec {
	return train.Spec{
		Gold:        []string{Gold(shared, "train"), Gold(shared, "train_generated")},
		ONET:        filepath.Join(shared, "data", "onet"),
		ONETWeights: train.ONETOptions{Titles: 1, Descriptions: 1, Tasks: 1, AlternateTitles: 0.5},
		Unlabeled:   unlabeled(shared),
		Exclude: []string{Gold(shared, "train"), Gold(shared, "train_generated"), Gold(shared, "dev"),
			Gold(shared, "dev_generated"), Gold(shared, "reserved_refs")},
		Options: train.DefaultOptions(),
	}
}

// Gold returns the path of the gold file name (without ".jsonl").
func Gold(shared, name string) string { return filepath.Join(shared, "gold", name+".jsonl") }

// unlabeled lists the real prompt datasets of the shared data used for
// self-training, in a fixed order.
func unlabeled(shared string) []string {
	var out []string
	for _, pattern := range []string{
		"sharegpt/ShareGPT_V3_*.json", "sharegpt/sg_90k_*.json", "lima/*.json", "alpaca/*.json",
		"alpaca_eval/*.json", "wizardlm/*.jsonl", "dolly/*/*", "self_instruct/*.jsonl",
		"mt_bench/*.jsonl", "vicuna_bench/*.jsonl",
	} {
		m, _ := filepath.Glob(filepath.Join(shared, "data", pattern))
		out = append(out, m...) // Glob sorts
	}
	return out
}
