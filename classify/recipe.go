package classify

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/occubias/occubias"
)

// TrainSpec names the training inputs of a model, as `occubias train`
// takes them.
type TrainSpec struct {
	// Gold lists gold JSONL files (text, major, code), each optionally
	// followed by ":weight".
	Gold []string
	// ONET is a directory of O*NET files (see ReadONET); empty for none.
	ONET string
	// ONETWeights weighs each kind of O*NET text.
	ONETWeights ONETOptions
	// Datasets lists dataset files with label fields, read with Read.
	Datasets []string
	// Read configures reading Datasets.
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
	Options   TrainOptions
}

// DefaultSpec is the recipe of the embedded default model, reading the
// shared data directory laid out as shared/gold/*.jsonl, shared/data/onet
// and the real prompt datasets of shared/data. Only the train files give
// labels; the prompts of the datasets, unlabelled, are used for
// self-training, without any text of the gold files (the dev files
// measure the model and none of their texts is trained on) nor any of
// the prompts reserved for measurement (reserved_refs.jsonl).
func DefaultSpec(shared string) TrainSpec {
	gold := func(name string) string { return filepath.Join(shared, "gold", name+".jsonl") }
	return TrainSpec{
		Gold:        []string{gold("train"), gold("train_generated")},
		ONET:        filepath.Join(shared, "data", "onet"),
		ONETWeights: ONETOptions{Titles: 1, Descriptions: 1, Tasks: 1, AlternateTitles: 0.5},
		Unlabeled:   defaultUnlabeled(shared),
		Exclude:     []string{gold("train"), gold("train_generated"), gold("dev"), gold("dev_generated"), gold("reserved_refs")},
		Options:     DefaultTrainOptions(),
	}
}

// Examples reads every input of the spec and returns the taxonomy and
// the labelled examples.
func (s TrainSpec) Examples() (*Taxonomy, []Labeled, error) {
	var data []Labeled
	for _, g := range s.Gold {
		path, w := splitWeight(g)
		gold, err := ReadGold(path)
		if err != nil {
			return nil, nil, err
		}
		data = append(data, GoldLabeled(gold, filepath.Base(path), w)...)
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
	tax := SOC()
	if s.FromLabels {
		if len(pairs) == 0 {
			return nil, nil, fmt.Errorf("classify: a taxonomy from labels needs labelled datasets")
		}
		var err error
		if tax, err = TaxonomyFromLabels("labels", pairs); err != nil {
			return nil, nil, err
		}
	}
	return tax, data, nil
}

// Train reads the spec's inputs and trains a model on them; with
// Unlabeled datasets it trains twice, the second time with the
// pseudo-labelled texts added.
func (s TrainSpec) Train() (*Model, *TrainReport, error) {
	tax, data, err := s.allExamples()
	if err != nil {
		return nil, nil, err
	}
	return Train(tax, data, s.Options)
}

// allExamples is Examples followed, with Unlabeled datasets, by the
// pseudo-labelled texts.
func (s TrainSpec) allExamples() (*Taxonomy, []Labeled, error) {
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

// ExportRecord is one training example as WriteExamples writes it, so that
// other tools can be trained on exactly the same data.
type ExportRecord struct {
	Text       string  `json:"text"`
	Group      string  `json:"group"`
	Occupation string  `json:"occupation,omitempty"`
	Weight     float64 `json:"weight"`
	Source     string  `json:"source"`
}

// Export returns the spec's training examples with their groups filled
// in, the pseudo-labelled ones of self-training included.
func (s TrainSpec) Export() ([]ExportRecord, error) {
	tax, data, err := s.allExamples()
	if err != nil {
		return nil, err
	}
	var out []ExportRecord
	for _, d := range data {
		g := d.Group
		if o := tax.Index(Occupation, d.Occupation); o >= 0 {
			g = tax.Groups[tax.GroupOf(o)].Code
		} else if tax.Index(Group, g) < 0 {
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
