package classify

import (
	"path/filepath"
	"strings"

	"github.com/occubias/occubias"
)

// SelfTraining configures one round of self-training on unlabelled texts:
// a first model labels them, those whose predicted group reaches
// MinProb join the training data with that group (not the occupation,
// which is far less certain) and weight Weight, and the model is trained
// again. It moves the group head toward the register of the unlabelled
// texts: real prompts, on the shared data (docs/CLASSIFIER.md).
type SelfTraining struct {
	// MinProb is the group probability a pseudo-label needs; 0 means
	// DefaultSelfTraining's.
	MinProb float64
	// Weight is the weight of a pseudo-labelled example; 0 means
	// DefaultSelfTraining's.
	Weight float64
}

// SelfTrainingSource is the Source of pseudo-labelled examples, and so
// their key in TrainReport.Sources.
const SelfTrainingSource = "self-training"

// DefaultSelfTraining returns the settings of the default model: group
// probability at least 0.7, weight 0.5.
func DefaultSelfTraining() SelfTraining { return SelfTraining{MinProb: 0.7, Weight: 0.5} }

func (st SelfTraining) withDefaults() SelfTraining {
	def := DefaultSelfTraining()
	if st.MinProb == 0 {
		st.MinProb = def.MinProb
	}
	if st.Weight == 0 {
		st.Weight = def.Weight
	}
	return st
}

// PseudoLabel classifies texts with m, on all cores, and returns those
// whose predicted group has a probability of at least st.MinProb as
// group-labelled examples of weight st.Weight, in the order of texts.
func PseudoLabel(m *Model, texts []string, st SelfTraining, source string) []Labeled {
	st = st.withDefaults()
	preds := make([]Prediction, len(texts))
	parallel(len(texts), func(i int) { preds[i] = m.Predict(texts[i], PredictOptions{}) })
	var out []Labeled
	for i, p := range preds {
		if !p.Unassigned && p.Group.Prob >= st.MinProb {
			out = append(out, Labeled{Text: texts[i], Group: p.Group.Code, Weight: st.Weight, Source: source})
		}
	}
	return out
}

// UnlabeledTexts returns the prompts of the spec's Unlabeled datasets,
// each once, without those of the Exclude gold files. Texts are compared
// with white space folded, and also by their first 60 characters so that
// a gold text stored with its input formatted differently is still kept
// out.
func (s TrainSpec) UnlabeledTexts() ([]string, error) {
	const prefix = 60
	fold := func(t string) string { return strings.Join(strings.Fields(t), " ") }
	cut := func(t string) string {
		if len(t) > prefix {
			return t[:prefix]
		}
		return t
	}
	excluded := map[string]bool{}
	for _, path := range s.Exclude {
		gold, err := ReadGold(path)
		if err != nil {
			return nil, err
		}
		for _, g := range gold {
			t := fold(g.Text)
			excluded[t] = true
			excluded[cut(t)] = true
		}
	}
	seen := map[string]bool{}
	var texts []string
	for _, path := range s.Unlabeled {
		// Stream: only the prompts are kept, not whole conversations.
		r, err := occubias.Open(path, occubias.ReadOptions{})
		if err != nil {
			return nil, err
		}
		for r.Next() {
			ex := r.Example()
			raw := ex.Prompt()
			t := fold(raw)
			if t == "" || seen[t] || excluded[t] || excluded[cut(t)] {
				continue
			}
			seen[t] = true
			texts = append(texts, raw)
		}
		err = r.Err()
		r.Close()
		if err != nil {
			return nil, err
		}
	}
	return texts, nil
}

// selfTrain runs the first round of training and returns the labelled
// examples with the pseudo-labelled ones appended.
func (s TrainSpec) selfTrain(tax *Taxonomy, data []Labeled) ([]Labeled, error) {
	texts, err := s.UnlabeledTexts()
	if err != nil {
		return nil, err
	}
	first, _, err := Train(tax, data, s.Options)
	if err != nil {
		return nil, err
	}
	return append(data, PseudoLabel(first, texts, s.SelfTrain, SelfTrainingSource)...), nil
}

// defaultUnlabeled lists the real prompt datasets of the shared data used
// for self-training, in a fixed order.
func defaultUnlabeled(shared string) []string {
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
