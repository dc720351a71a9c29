package eval

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/occubias/occubias/taxonomy"
)

// The expected values come from scikit-learn 1.2.1 (Debian python3-sklearn):
// accuracy_score, f1_score(average="macro"), top_k_accuracy_score(k=3),
// precision_score and recall_score(average=None), on these probabilities
// (rounded to 6 digits, as printed) and labels, drawn with
// numpy.random.default_rng(7): logits normal(size=(40, 5))*2, softmax,
// y = integers(0, 5, 40) with y[:3] = 0. ECE is computed with numpy over 10
// equal-width bins of the top probability. Printed by
// /usr/bin/python3 eval/testdata/golden_eval.py.
var goldenProbs = [][]float64{
	{0.252561, 0.457915, 0.145608, 0.042437, 0.101479},
	{0.00833, 0.068272, 0.883278, 0.022619, 0.017501},
	{0.378424, 0.290065, 0.175416, 0.022096, 0.133998},
	{0.876398, 0.014832, 0.087355, 0.004868, 0.016546},
	{0.006584, 0.163675, 0.020763, 0.450607, 0.358371},
	{0.215226, 0.002038, 0.106502, 0.283879, 0.392355},
	{0.005141, 0.042186, 0.015495, 0.021756, 0.915421},
	{0.024521, 0.115531, 0.722964, 0.038374, 0.09861},
	{0.066417, 0.060497, 0.004595, 0.062011, 0.80648},
	{0.000733, 0.090233, 0.020539, 0.004485, 0.884009},
	{0.473552, 0.009367, 0.119674, 0.326726, 0.070681},
	{0.147256, 0.032895, 0.142715, 0.667406, 0.009728},
	{0.417705, 0.110154, 0.358897, 0.025897, 0.087348},
	{0.040051, 0.357837, 0.585809, 0.004202, 0.012101},
	{0.211534, 0.001079, 0.022971, 0.047751, 0.716665},
	{0.149097, 0.019519, 0.017969, 0.022769, 0.790646},
	{0.0954, 0.122336, 0.454549, 0.176371, 0.151345},
	{0.006955, 0.063087, 0.026586, 0.665021, 0.23835},
	{0.065912, 0.26332, 0.035053, 0.567285, 0.06843},
	{0.601546, 0.014168, 0.37469, 0.0064, 0.003197},
	{0.005953, 0.001809, 0.015195, 0.974968, 0.002074},
	{0.049156, 0.258188, 0.458935, 0.12031, 0.113411},
	{0.454971, 0.315805, 0.014125, 0.095292, 0.119807},
	{0.011624, 0.161053, 0.017221, 0.669272, 0.140829},
	{0.495367, 0.127056, 0.326839, 0.007623, 0.043115},
	{0.170894, 0.001171, 0.449699, 0.002517, 0.375718},
	{0.009996, 0.257537, 0.070463, 0.002508, 0.659497},
	{0.88497, 0.043403, 0.028626, 0.03596, 0.007042},
	{0.838698, 0.031466, 0.084124, 0.019069, 0.026643},
	{0.003681, 0.585656, 0.034828, 0.327156, 0.048679},
	{0.096508, 0.201354, 0.126213, 0.393214, 0.18271},
	{0.019323, 0.002234, 0.007011, 0.962236, 0.009195},
	{0.006234, 0.100768, 0.856375, 0.002801, 0.033822},
	{0.041737, 0.004364, 0.642484, 0.140977, 0.170438},
	{0.056864, 0.635782, 0.087068, 0.192382, 0.027904},
	{0.004982, 0.819809, 0.020569, 0.101633, 0.053007},
	{0.074066, 0.064801, 0.631069, 0.097858, 0.132206},
	{0.058287, 0.586368, 0.217447, 0.119837, 0.018062},
	{0.003631, 0.384712, 0.397951, 0.043468, 0.170239},
	{0.127417, 0.140744, 0.168569, 0.010733, 0.552538},
}

var goldenY = []int{0, 0, 0, 2, 1, 0, 1, 4, 2, 4, 4, 4, 0, 0, 2, 1, 4, 1, 0, 0, 1, 3, 0, 3, 1, 1, 3, 4, 2, 3, 1, 0, 4, 3, 3, 4, 2, 0, 2, 2}

func TestScoreLevelAgainstSklearn(t *testing.T) {
	var groups []taxonomy.Class
	for g := range 5 {
		groups = append(groups, taxonomy.Class{Code: fmt.Sprintf("g%d", g), Title: "Group"})
	}
	tax, err := taxonomy.New("test", groups, nil)
	if err != nil {
		t.Fatal(err)
	}
	answers := make([]int, len(goldenY)) // scikit-learn predicts the argmax
	for i, p := range goldenProbs {
		answers[i] = slices.Index(p, slices.Max(p))
	}
	r := scoreLevel(tax, taxonomy.Group, goldenY, answers, goldenProbs)
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-5 {
			t.Errorf("%s = %.12f, want %.12f", name, got, want)
		}
	}
	if r.N != 40 {
		t.Fatalf("N = %d", r.N)
	}
	near("accuracy", r.Accuracy, 0.2)
	near("macro-F1", r.MacroF1, 0.18063025210084033)
	near("top-3", r.Top3, 0.7)
	near("ECE", r.ECE, 0.46335014539516406)
	wantP := []float64{0.4444444444444444, 0.0, 0.2, 0.125, 0.125}
	wantR := []float64{0.36363636363636365, 0.0, 0.2857142857142857, 0.16666666666666666, 0.125}
	for _, pc := range r.PerClass {
		c := tax.Index(taxonomy.Group, pc.Code)
		near("precision "+pc.Code, pc.Precision, wantP[c])
		near("recall "+pc.Code, pc.Recall, wantR[c])
	}
	// The confusion matrix adds up to N and its diagonal to the hits.
	total, diag := 0, 0
	for i, row := range r.Confusion {
		for j, v := range row {
			total += v
			if i == j {
				diag += v
			}
		}
	}
	if total != 40 || float64(diag)/40 != r.Accuracy {
		t.Errorf("confusion total %d diagonal %d", total, diag)
	}
}
