package train_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/toy"
)

func TestTrainAndPredict(t *testing.T) {
	m := toy.Model(t)
	for i, w := range toy.Words {
		p := m.Predict("how do I use a "+w+"?", classify.PredictOptions{TopK: 3})
		want := m.Taxonomy().Occupations[i]
		if p.Occupation.Code != want.Code || p.Group.Code != want.Parent || p.Unassigned {
			t.Errorf("%s: predicted %+v, want %s", w, p, want.Code)
		}
		if len(p.TopGroups) != 3 || len(p.TopOccupations) != 3 || p.TopOccupations[0].Code != want.Code {
			t.Errorf("%s: top-k %+v", w, p.TopOccupations)
		}
		g, o := m.Probabilities("how do I use a " + w + "?")
		sumG, sumO := 0.0, 0.0
		for _, x := range g {
			sumG += x
		}
		for _, x := range o {
			sumO += x
		}
		if math.Abs(sumG-1) > 1e-9 || math.Abs(sumO-1) > 1e-9 {
			t.Errorf("probabilities sum to %v and %v", sumG, sumO)
		}
	}
	if p := m.Predict("zzz qqq", classify.PredictOptions{}); !p.Unassigned {
		t.Errorf("text without known features not unassigned: %+v", p)
	}
	if p := m.Predict("violin", classify.PredictOptions{Threshold: 0.999999}); !p.Unassigned {
		t.Errorf("threshold did not abstain: %+v", p)
	}
}

func TestTrainDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	toy.Model(t).WriteTo(&a)
	toy.Model(t).WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same seed differ")
	}
}
