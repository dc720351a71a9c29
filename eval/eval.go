// Package eval measures a classifier on gold labels at both taxonomy
// levels: accuracy, top-3 accuracy, macro-F1, per-class precision and
// recall, the confusion matrix and the expected calibration error.
package eval

import (
	"math"
	"sort"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/parallel"
	"github.com/occubias/occubias/taxonomy"
)

// ECEBins is the number of equal-width confidence bins of the expected
// calibration error.
const ECEBins = 10

// ClassReport holds one class's scores.
type ClassReport struct {
	Code      string  `json:"code"`
	Title     string  `json:"title"`
	Support   int     `json:"support"`   // gold examples of the class
	Predicted int     `json:"predicted"` // examples predicted as the class
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// LevelReport holds the scores at one taxonomy level.
type LevelReport struct {
	Level taxonomy.Level `json:"level"`
	// N counts the gold examples scored at this level.
	N int `json:"n"`
	// Accuracy is the share of examples whose top class is the gold class.
	Accuracy float64 `json:"accuracy"`
	// Top3 is the share whose gold class is among the three most probable.
	Top3 float64 `json:"top3_accuracy"`
	// MacroF1 is the unweighted mean F1 over the classes that occur in the
	// gold labels or the predictions (scikit-learn's f1_score average="macro").
	MacroF1 float64 `json:"macro_f1"`
	// ECE is the expected calibration error of the top class's probability
	// over ECEBins equal-width bins: Σ_b (n_b/N)·|accuracy_b − confidence_b|.
	ECE float64 `json:"ece"`
	// PerClass lists the classes of MacroF1, most frequent in gold first.
	PerClass []ClassReport `json:"per_class"`
	// Labels and Confusion form the confusion matrix over PerClass order:
	// Confusion[i][j] counts gold Labels[i] predicted as Labels[j].
	Labels    []string `json:"labels"`
	Confusion [][]int  `json:"confusion"`
}

// Report is a model's score on a gold set at each level.
type Report struct {
	Gold       string      `json:"gold,omitempty"`
	Excluded   int         `json:"excluded"` // gold examples labelled "none" or outside the taxonomy
	Group      LevelReport `json:"group"`
	Occupation LevelReport `json:"occupation"`
	// Category scores the categories when the model's taxonomy has them;
	// the gold category is that of the gold occupation.
	Category *LevelReport `json:"category,omitempty"`
}

// Levels returns the reports of every level scored, in taxonomy order.
func (r *Report) Levels() []LevelReport {
	out := []LevelReport{r.Group, r.Occupation}
	if r.Category != nil {
		out = append(out, *r.Category)
	}
	return out
}

// Evaluate scores m on gold examples, whose Major and Code are taken as
// group and occupation codes of m's taxonomy. Examples labelled "none" are
// excluded. Predictions are made on all cores.
func Evaluate(m *classify.Model, examples []gold.Example) Report {
	tax := m.Taxonomy()
	var texts []string
	var yg, yo, yc []int
	rep := Report{}
	for _, g := range examples {
		gi := tax.Index(taxonomy.Group, g.Major)
		if gi < 0 {
			rep.Excluded++
			continue
		}
		texts = append(texts, g.Text)
		yg = append(yg, gi)
		o := tax.Index(taxonomy.Occupation, g.Code)
		yo = append(yo, o)
		c := -1
		if o >= 0 {
			c = tax.CategoryOf(o)
		}
		yc = append(yc, c)
	}
	hasCat := tax.Has(taxonomy.Category)
	probsG := make([][]float64, len(texts))
	probsO := make([][]float64, len(texts))
	predG := make([]int, len(texts))
	predO := make([]int, len(texts))
	probsC := make([][]float64, len(texts))
	predC := make([]int, len(texts))
	parallel.For(len(texts), func(i int) {
		p, probs := m.PredictWithProbabilities(texts[i], classify.PredictOptions{})
		predG[i], predO[i], predC[i] = p.Group.Index, p.Occupation.Index, p.Category.Index
		probsG[i], probsO[i], probsC[i] = probs.Group, probs.Occupation, probs.Category
	})
	rep.Group = scoreLevel(tax, taxonomy.Group, yg, predG, probsG)
	rep.Occupation = scoreLevel(tax, taxonomy.Occupation, yo, predO, probsO)
	if hasCat {
		c := scoreLevel(tax, taxonomy.Category, yc, predC, probsC)
		rep.Category = &c
	}
	return rep
}

// scoreLevel scores answers (what Predict gives) against gold
// classes y; probs give top-3 accuracy and calibration.
func scoreLevel(tax *taxonomy.Taxonomy, l taxonomy.Level, y, answers []int, probs [][]float64) LevelReport {
	r := LevelReport{Level: l}
	classes := tax.Classes(l)
	support := map[int]int{}
	predicted := map[int]int{}
	correct := map[int]int{}
	confusion := map[[2]int]int{}
	var binN [ECEBins]int
	var binAcc, binConf [ECEBins]float64
	var ok, top3 int
	for i, gold := range y {
		if gold < 0 {
			continue
		}
		r.N++
		p := probs[i]
		pred := answers[i]
		support[gold]++
		predicted[pred]++
		confusion[[2]int{gold, pred}]++
		hit := 0.0
		if pred == gold {
			ok++
			correct[gold]++
			hit = 1
		}
		rank := 0
		for _, q := range p {
			if q > p[gold] {
				rank++
			}
		}
		if rank < 3 {
			top3++
		}
		b := min(int(p[pred]*ECEBins), ECEBins-1)
		binN[b]++
		binAcc[b] += hit
		binConf[b] += p[pred]
	}
	if r.N == 0 {
		return r
	}
	n := float64(r.N)
	r.Accuracy, r.Top3 = float64(ok)/n, float64(top3)/n
	for b := range binN {
		if binN[b] > 0 {
			r.ECE += float64(binN[b]) / n * math.Abs(binAcc[b]/float64(binN[b])-binConf[b]/float64(binN[b]))
		}
	}
	var labels []int
	for c := range classes {
		if support[c] > 0 || predicted[c] > 0 {
			labels = append(labels, c)
		}
	}
	sort.SliceStable(labels, func(a, b int) bool {
		if support[labels[a]] != support[labels[b]] {
			return support[labels[a]] > support[labels[b]]
		}
		return labels[a] < labels[b]
	})
	for _, c := range labels {
		cr := ClassReport{Code: classes[c].Code, Title: classes[c].Title, Support: support[c], Predicted: predicted[c]}
		if cr.Predicted > 0 {
			cr.Precision = float64(correct[c]) / float64(cr.Predicted)
		}
		if cr.Support > 0 {
			cr.Recall = float64(correct[c]) / float64(cr.Support)
		}
		if cr.Precision+cr.Recall > 0 {
			cr.F1 = 2 * cr.Precision * cr.Recall / (cr.Precision + cr.Recall)
		}
		r.MacroF1 += cr.F1
		r.PerClass = append(r.PerClass, cr)
		r.Labels = append(r.Labels, cr.Code)
	}
	r.MacroF1 /= float64(len(labels))
	r.Confusion = make([][]int, len(labels))
	for i, a := range labels {
		r.Confusion[i] = make([]int, len(labels))
		for j, b := range labels {
			r.Confusion[i][j] = confusion[[2]int{a, b}]
		}
	}
	return r
}
