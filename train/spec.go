package train

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

// Spec names the training inputs of a model, as `occubias train` takes
// them.
type Spec struct {
	// Gold lists gold JSONL files (text, major, code), each optionally
	// followed by ":weight".
	Gold []string
	// ONET is a directory of O*NET files (see ReadONET); empty for none.
	ONET string
	// ONETWeights weighs each kind of O*NET text.
	ONETWeights ONETOptions
	// Datasets lists dataset files with label fields.
	Datasets []string
	// Read configures reading every input: Datasets and Unlabeled as
	// given; for Gold and Exclude files, whose format is fixed, its Policy
	// and limits (gold.Read).
	Read occubias.ReadOptions
	// GroupLabel and OccupationLabel name the label fields of Datasets
	// ("category" and "occupation" for OccuQuest).
	GroupLabel, OccupationLabel string
	// FromLabels builds the taxonomy from the Datasets' labels (as
	// OccuQuest's 26 categories and 1,013 occupations) instead of SOC.
	FromLabels bool
	// Unlabeled lists datasets (any reader format) whose prompts are
	// used, unlabelled, for one round of self-training (SelfTrain).
	Unlabeled []string
	// Exclude lists gold files whose texts are kept out of the unlabelled
	// ones: those already labelled, and those that measure the model.
	Exclude []string
	// SelfTrain configures self-training on Unlabeled.
	SelfTrain SelfTraining
	Options   Options
}

// Examples reads every input of the spec and returns the taxonomy and
// the labelled examples.
func (s Spec) Examples() (*taxonomy.Taxonomy, []Labeled, error) {
	var data []Labeled
	for _, g := range s.Gold {
		path, w := splitWeight(g)
		examples, err := gold.Read(path, s.Read)
		if err != nil {
			return nil, nil, err
		}
		data = append(data, GoldLabeled(examples, filepath.Base(path), w)...)
	}
	if s.ONET != "" {
		on, err := ReadONET(s.ONET, s.ONETWeights)
		if err != nil {
			return nil, nil, err
		}
		data = append(data, on...)
	}
	var pairs [][2]string
	for _, d := range s.Datasets {
		exs, err := DatasetLabeled(d, s.Read, s.GroupLabel, s.OccupationLabel)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range exs {
			pairs = append(pairs, [2]string{e.Group, e.Occupation})
		}
		data = append(data, exs...)
	}
	tax := taxonomy.SOC()
	if s.FromLabels {
		if len(pairs) == 0 {
			return nil, nil, fmt.Errorf("train: a taxonomy from labels needs labelled datasets")
		}
		var err error
		if tax, err = taxonomy.FromLabels("labels", pairs); err != nil {
			return nil, nil, err
		}
	}
	return tax, data, nil
}

// Train reads the spec's inputs and trains a model on them; with
// Unlabeled datasets it trains twice, the second time with the
// pseudo-labelled texts added.
func (s Spec) Train() (*classify.Model, *Report, error) {
	tax, data, err := s.allExamples()
	if err != nil {
		return nil, nil, err
	}
	return Train(tax, data, s.Options)
}

// allExamples is Examples followed, with Unlabeled datasets, by the
// pseudo-labelled texts.
func (s Spec) allExamples() (*taxonomy.Taxonomy, []Labeled, error) {
	tax, data, err := s.Examples()
	if err != nil || len(s.Unlabeled) == 0 {
		return tax, data, err
	}
	data, err = s.selfTrain(tax, data)
	return tax, data, err
}

// splitWeight splits "path:2.5" into the path and its weight (1 when
// absent or when the suffix is not a number).
func splitWeight(s string) (string, float64) {
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		if w, err := strconv.ParseFloat(s[i+1:], 64); err == nil {
			return s[:i], w
		}
	}
	return s, 1
}

// ExportRecord is one training example as `occubias train --export`
// writes it, so that other tools can be trained on exactly the same data.
type ExportRecord struct {
	Text       string  `json:"text"`
	Group      string  `json:"group"`
	Occupation string  `json:"occupation,omitempty"`
	Weight     float64 `json:"weight"`
	Source     string  `json:"source"`
}

// Export returns the spec's training examples with their groups filled
// in, the pseudo-labelled ones of self-training included.
func (s Spec) Export() ([]ExportRecord, error) {
	tax, data, err := s.allExamples()
	if err != nil {
		return nil, err
	}
	var out []ExportRecord
	for _, d := range data {
		g := d.Group
		if o := tax.Index(taxonomy.Occupation, d.Occupation); o >= 0 {
			g = tax.Groups[tax.GroupOf(o)].Code
		} else if tax.Index(taxonomy.Group, g) < 0 {
			continue
		}
		w := d.Weight
		if w == 0 {
			w = 1
		}
		out = append(out, ExportRecord{Text: d.Text, Group: g, Occupation: d.Occupation, Weight: w, Source: d.Source})
	}
	return out, nil
}
