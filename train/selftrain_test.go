package train_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/toy"
	"github.com/occubias/occubias/train"
)

func TestPseudoLabel(t *testing.T) {
	m := toy.Model(t)
	texts := []string{"a question about my violin", "zzz qqq", "the tractor and the harvest", "girder"}
	got := train.PseudoLabel(m, texts, train.SelfTraining{}, "self")
	// "zzz qqq" has no known feature; "the tractor and the harvest" is
	// split between two groups.
	var kept []string
	for _, l := range got {
		kept = append(kept, l.Text)
		if l.Occupation != "" || l.Weight != 0.5 || l.Source != "self" {
			t.Errorf("%q: pseudo-label %+v, want a group only, weight 0.5", l.Text, l)
		}
		if p := m.Predict(l.Text, classify.PredictOptions{}); p.Group.Code != l.Group || p.Group.Prob < 0.7 {
			t.Errorf("%q: pseudo-label %s, prediction %+v", l.Text, l.Group, p.Group)
		}
	}
	if !slices.Contains(kept, "a question about my violin") || !slices.Contains(kept, "girder") || slices.Contains(kept, "zzz qqq") {
		t.Errorf("kept %q", kept)
	}
	if got := train.PseudoLabel(m, texts, train.SelfTraining{MinProb: 1.1}, "self"); len(got) != 0 {
		t.Errorf("MinProb above 1 kept %d texts", len(got))
	}
}

// writeLines writes lines to a new file in dir.
func writeLines(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUnlabeledTexts(t *testing.T) {
	dir := t.TempDir()
	long := "Explain how a violin bow is rehaired, step by step, for a beginner luthier working at home"
	unl := writeLines(t, dir, "unl.jsonl",
		`{"instruction": "Tune a violin", "response": "..."}`,
		`{"instruction": "Tune  a\nviolin", "response": "same text, other white space"}`,
		`{"instruction": "Service a tractor", "response": "..."}`,
		`{"instruction": "`+long+`", "context": "an input the gold file stored differently", "response": "..."}`,
		`{"instruction": "Weld a girder", "response": "..."}`)
	gold := writeLines(t, dir, "dev.jsonl",
		`{"text": "Weld a girder", "major": "47", "code": "47-2221.00"}`,
		`{"text": "`+long+` (with its input)", "major": "27", "code": "27-1021.00"}`)
	got, err := train.Spec{Unlabeled: []string{unl}, Exclude: []string{gold}}.UnlabeledTexts()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Tune a violin", "Service a tractor"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := (train.Spec{Unlabeled: []string{filepath.Join(dir, "missing.jsonl")}}).UnlabeledTexts(); err == nil {
		t.Error("a missing unlabelled file gave no error")
	}
}

// TestSpecSelfTraining trains from labels with and without unlabelled
// texts: the second model is trained on more examples, deterministically.
// The spec's read options reach the unlabelled file too (its records
// have only the generic text field).
func TestSpecSelfTraining(t *testing.T) {
	dir := t.TempDir()
	words := []string{"scalpel", "invoice", "girder", "violin", "tractor", "subpoena"}
	var labelled, unlabelled []string
	for i, w := range words {
		for k := 0; k < 5; k++ {
			labelled = append(labelled, fmt.Sprintf(`{"text": "question %d about the %s", "category": "c%d", "occupation": "o%d"}`, k, w, i/2, i))
		}
		unlabelled = append(unlabelled, fmt.Sprintf(`{"text": "my %s broke again, what now?"}`, w))
	}
	spec := train.Spec{
		Datasets:   []string{writeLines(t, dir, "labelled.jsonl", labelled...)},
		Read:       occubias.ReadOptions{Format: occubias.Generic, TextFields: []string{"text"}, LabelFields: []string{"category", "occupation"}},
		GroupLabel: "category", OccupationLabel: "occupation", FromLabels: true,
		Options: train.DefaultOptions(),
	}
	spec.Options.MinCount = 1
	_, base, err := spec.Train()
	if err != nil {
		t.Fatal(err)
	}
	spec.Unlabeled = []string{writeLines(t, dir, "unlabelled.jsonl", unlabelled...)}
	m1, rep, err := spec.Train()
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Sources["self-training"]; n != len(words) || rep.Examples != base.Examples+n {
		t.Errorf("self-training added %d examples (%d in all, %d without), want %d", n, rep.Examples, base.Examples, len(words))
	}
	recs, err := spec.Export()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != rep.Examples {
		t.Errorf("export has %d records, training %d", len(recs), rep.Examples)
	}
	m2, _, err := spec.Train()
	if err != nil {
		t.Fatal(err)
	}
	var a, b strings.Builder
	m1.WriteTo(&a)
	m2.WriteTo(&b)
	if a.String() != b.String() {
		t.Error("self-training is not deterministic")
	}
}
