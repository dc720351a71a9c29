package recipe_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/eval"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/recipe"
	"github.com/occubias/occubias/internal/testenv"
)

// TestDefaultModelReproduces retrains the default model with its documented
// recipe (recipe.Default, as `occubias train --default ../shared`) and checks
// that the model file is the embedded one, byte for byte.
func TestDefaultModelReproduces(t *testing.T) {
	shared := testenv.Shared(t)
	testenv.Slow(t, "retrains the default model twice, for self-training")
	emb, err := classify.Default()
	if err != nil {
		t.Fatal(err)
	}
	spec := recipe.Default(shared)
	spec.Options.Command = emb.Info().Command // as the command line records it
	m, _, err := spec.Train()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), classify.DefaultModelBytes()) {
		t.Errorf("the recipe gives a model file of %d bytes unlike the embedded one (%d bytes)", buf.Len(), len(classify.DefaultModelBytes()))
	}
	for _, name := range []string{"dev", "dev_generated"} {
		examples, err := gold.Read(recipe.Gold(shared, name), occubias.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want, got := eval.Evaluate(emb, examples), eval.Evaluate(m, examples)
		if got.Group.Accuracy != want.Group.Accuracy || got.Occupation.Accuracy != want.Occupation.Accuracy {
			t.Errorf("%s: retrained model scores %.4f / %.4f, embedded %.4f / %.4f (group / occupation)",
				name, got.Group.Accuracy, got.Occupation.Accuracy, want.Group.Accuracy, want.Occupation.Accuracy)
		}
		t.Logf("%s: group %.3f occupation %.3f", name, got.Group.Accuracy, got.Occupation.Accuracy)
	}
}

// TestDefaultUnlabeled checks the unlabelled prompts of the default recipe:
// the real prompts that no gold file labels, and no text of any gold file
// nor any prompt reserved for measurement among them, so that
// self-training never sees a text the model is measured on. Nearly every
// real prompt of the shared data is now labelled or reserved: a few
// hundred remain.
func TestDefaultUnlabeled(t *testing.T) {
	shared := testenv.Shared(t)
	texts, err := recipe.Default(shared).UnlabeledTexts()
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 100 {
		t.Errorf("%d unlabelled texts, want the unlabelled prompts of every real dataset", len(texts))
	}
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	have := map[string]bool{}
	for _, s := range texts {
		have[fold(s)] = true
	}
	for _, f := range []string{"train", "train_generated", "dev", "dev_generated", "reserved_refs"} {
		examples, err := gold.Read(recipe.Gold(shared, f), occubias.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range examples {
			if have[fold(g.Text)] {
				n++
			}
		}
		if n > 0 {
			t.Errorf("%d texts of %s.jsonl are among the unlabelled texts", n, f)
		}
	}
	t.Logf("%d unlabelled texts", len(texts))
}
