package classify_test

import (
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/eval"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/testenv"
)

// TestDefaultModelAccuracy pins the embedded model's dev accuracy so that
// a change that lowers it is seen. The floors are the figures measured
// when the model was trained, less one point.
func TestDefaultModelAccuracy(t *testing.T) {
	shared := testenv.Shared(t)
	m, err := classify.Default()
	if err != nil {
		t.Fatal(err)
	}
	if s := len(classify.DefaultModelBytes()); s > 10<<20 {
		t.Errorf("default model is %d bytes, over 10 MB", s)
	}
	for _, c := range []struct {
		dev        string
		group, occ float64
	}{
		{"dev.jsonl", 0.70, 0.51},
		{"dev_generated.jsonl", 0.54, 0.23},
	} {
		examples, err := gold.Read(shared+"/gold/"+c.dev, occubias.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := eval.Evaluate(m, examples)
		// Evaluate scores what Predict answers.
		var n, group, occ int
		for _, g := range examples {
			if g.Major == "none" {
				continue
			}
			p := m.Predict(g.Text, classify.PredictOptions{})
			n++
			if p.Group.Code == g.Major {
				group++
			}
			if p.Occupation.Code == g.Code {
				occ++
			}
			if o, _ := m.Taxonomy().Occupation(p.Occupation.Code); o.Parent != p.Group.Code {
				t.Errorf("%s: occupation %s outside group %s", c.dev, p.Occupation.Code, p.Group.Code)
			}
		}
		if n != r.Group.N || float64(group)/float64(n) != r.Group.Accuracy || float64(occ)/float64(n) != r.Occupation.Accuracy {
			t.Errorf("%s: Predict gives %d/%d groups and %d/%d occupations right, Evaluate %d: %.4f %.4f",
				c.dev, group, n, occ, n, r.Group.N, r.Group.Accuracy, r.Occupation.Accuracy)
		}
		if r.Group.Accuracy < c.group || r.Occupation.Accuracy < c.occ {
			t.Errorf("%s: group %.3f occupation %.3f, floors %.2f %.2f", c.dev, r.Group.Accuracy, r.Occupation.Accuracy, c.group, c.occ)
		}
	}
}

func BenchmarkDecodeDefault(b *testing.B) {
	data := classify.DefaultModelBytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := classify.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredict classifies the texts of both dev sets with the default
// model on one core; ns/op is per text.
func BenchmarkPredict(b *testing.B) {
	shared := testenv.Shared(b)
	m, err := classify.Default()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, f := range []string{"dev.jsonl", "dev_generated.jsonl"} {
		examples, err := gold.Read(shared+"/gold/"+f, occubias.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, g := range examples {
			texts = append(texts, g.Text)
		}
	}
	i := 0
	for b.Loop() {
		m.Predict(texts[i%len(texts)], classify.PredictOptions{})
		i++
	}
}
