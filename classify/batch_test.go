package classify_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/occubias/occubias/classify"
)

// batchTexts makes n prompts of one to thirty words drawn from the
// occupation titles, with some empty and some of unknown words only.
func batchTexts(t *testing.T, m *classify.Model, n int) []string {
	t.Helper()
	var words []string
	for _, o := range m.Taxonomy().Occupations {
		words = append(words, strings.Fields(o.Title)...)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	texts := make([]string, n)
	for i := range texts {
		switch i % 50 {
		case 7:
			continue // empty
		case 8:
			texts[i] = "zzqx qqzv"
			continue
		}
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		texts[i] = b.String()
	}
	return texts
}

// TestPredictTextsMatchesPredict: batch prediction, spread over cores,
// gives every text, in order, exactly what Predict gives, for lengths
// that fill a batch, leave a partial one, or none.
func TestPredictTextsMatchesPredict(t *testing.T) {
	m, err := classify.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := batchTexts(t, m, 700)
	for _, opts := range []classify.PredictOptions{{}, {TopK: 3, Threshold: 0.4}} {
		for _, n := range []int{0, 1, 3, 256, 700} {
			got := m.PredictTexts(texts[:n], opts)
			if len(got) != n {
				t.Fatalf("%d texts: %d predictions", n, len(got))
			}
			for i, text := range texts[:n] {
				if want := m.Predict(text, opts); !reflect.DeepEqual(got[i], want) {
					t.Fatalf("%+v, text %d of %d (%q):\n got %+v\nwant %+v", opts, i, n, text, got[i], want)
				}
			}
		}
	}
}
