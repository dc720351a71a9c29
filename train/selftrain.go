package train

import (
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/parallel"
	"github.com/occubias/occubias/taxonomy"
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
func PseudoLabel(m *classify.Model, texts []string, st SelfTraining, source string) []Labeled {
	return pseudoLabel(m.Taxonomy(), texts, st, source, func(text string) (int, float64, bool) {
		p := m.Predict(text, classify.PredictOptions{})
		return p.Group.Index, p.Group.Prob, !p.Unassigned
	})
}

// pseudoLabel is PseudoLabel with any classifier: predict returns the
// group index of a text, its probability and whether any of its features
// was known.
func pseudoLabel(tax *taxonomy.Taxonomy, texts []string, st SelfTraining, source string, predict func(string) (int, float64, bool)) []Labeled {
	st = st.withDefaults()
	type answer struct {
		group int
		prob  float64
		known bool
	}
	answers := make([]answer, len(texts))
	parallel.For(len(texts), func(i int) {
		g, p, known := predict(texts[i])
		answers[i] = answer{g, p, known}
	})
	var out []Labeled
	for i, a := range answers {
		if a.known && a.prob >= st.MinProb {
			out = append(out, Labeled{Text: texts[i], Group: tax.Groups[a.group].Code, Weight: st.Weight, Source: source})
		}
	}
	return out
}

// UnlabeledTexts returns the prompts of the spec's Unlabeled datasets,
// each once, without those of the Exclude gold files. Texts are compared
// with white space folded, and also by their first 60 characters so that
// a gold text stored with its input formatted differently is still kept
// out.
func (s Spec) UnlabeledTexts() ([]string, error) {
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
		examples, err := gold.Read(path, s.Read)
		if err != nil {
			return nil, err
		}
		for _, g := range examples {
			t := fold(g.Text)
			excluded[t] = true
			excluded[cut(t)] = true
		}
	}
	seen := map[string]bool{}
	var texts []string
	for _, path := range s.Unlabeled {
		// Stream: only the prompts are kept, not whole conversations.
		r, err := occubias.Open(path, s.Read)
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
func (s Spec) selfTrain(tax *taxonomy.Taxonomy, data []Labeled) ([]Labeled, error) {
	texts, err := s.UnlabeledTexts()
	if err != nil {
		return nil, err
	}
	first, _, err := fit(tax, data, s.Options)
	if err != nil {
		return nil, err
	}
	predict := func(text string) (int, float64, bool) {
		g, _, p, known := decide(first, text)
		return g, p, known
	}
	return append(data, pseudoLabel(tax, texts, s.SelfTrain, SelfTrainingSource, predict)...), nil
}
