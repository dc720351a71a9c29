package stats

import (
	"math"
	"testing"
)

// Expected values from NumPy 1.24.2 by definitions independent of the code
// under test: the Gini coefficient as the mean absolute difference
// Σ_ij |x_i − x_j| / (2 n² μ) (equal, as checked there, to 1 − 2·np.trapz of
// the Lorenz curve, the definition of R's ineq::Gini), the corrected Gini as
// that times n/(n−1), Theil T = Σ (x/μ) ln(x/μ) / n over positive x,
// Theil L = mean(ln(μ/x)), the Lorenz curve as [0] + cumsum(sort(x))/sum(x),
// the top-2 share and the number of shares ≥ 0.05; printed by
// /usr/bin/python3 stats/testdata/golden_inequality.py.
var inequalityCases = []struct {
	name           string
	counts         []float64
	gini, giniCorr float64
	theilT, theilL float64
	lorenz         []float64
	top2           float64
	covered        int
}{
	{"skewed", []float64{10, 0, 5, 3, 0, 82}, 0.7366666666666667, 0.884, 1.143787839577804, math.Inf(1), []float64{0.0, 0.0, 0.0, 0.03, 0.08, 0.18, 1.0}, 0.9199999999999999, 3},
	{"uniform", []float64{4, 4, 4, 4}, 0.0, 0.0, 0.0, 0.0, []float64{0.0, 0.25, 0.5, 0.75, 1.0}, 0.5, 4},
	{"single", []float64{0, 0, 7}, 0.6666666666666666, 1.0, 1.0986122886681098, math.Inf(1), []float64{0.0, 0.0, 0.0, 1.0}, 1.0, 1},
	{"weights", []float64{0.5, 2.25, 1.25, 3.0, 0.0}, 0.44285714285714284, 0.5535714285714286, 0.385354292143624, math.Inf(1), []float64{0.0, 0.0, 0.07142857142857142, 0.25, 0.5714285714285714, 1.0}, 0.75, 4},
	{"two", []float64{1, 3}, 0.25, 0.5, 0.13081203594113697, 0.14384103622589042, []float64{0.0, 0.25, 1.0}, 1.0, 2},
}

func TestInequality(t *testing.T) {
	for _, c := range inequalityCases {
		t.Run(c.name, func(t *testing.T) {
			v, err := Gini(c.counts)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Gini", v, c.gini)
			v, _ = GiniCorrected(c.counts)
			near(t, "GiniCorrected", v, c.giniCorr)
			v, _ = TheilT(c.counts)
			near(t, "TheilT", v, c.theilT)
			v, _ = TheilL(c.counts)
			near(t, "TheilL", v, c.theilL)
			// Theil T is the entropy shortfall ln K − H.
			h, _ := Entropy(c.counts)
			tt, _ := TheilT(c.counts)
			near(t, "TheilT − (ln K − H)", tt-(math.Log(float64(len(c.counts)))-h), 0)
			X, Y, err := Lorenz(c.counts)
			if err != nil || len(Y) != len(c.lorenz) {
				t.Fatalf("Lorenz: %v, %d points", err, len(Y))
			}
			for i := range Y {
				near(t, "Lorenz Y", Y[i], c.lorenz[i])
				near(t, "Lorenz X", X[i], float64(i)/float64(len(c.counts)))
			}
			v, _ = TopShare(c.counts, 2)
			near(t, "TopShare(2)", v, c.top2)
			n, share, _ := Coverage(c.counts, 0.05)
			if n != c.covered || share != float64(c.covered)/float64(len(c.counts)) {
				t.Errorf("Coverage(0.05) = %d, %v; want %d", n, share, c.covered)
			}
		})
	}
}

func TestCoverageCurve(t *testing.T) {
	curve, err := CoverageCurve([]float64{10, 0, 5, 3, 0, 82})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.82, 0.92, 0.97, 1, 1, 1}
	for i := range want {
		near(t, "curve", curve[i], want[i])
	}
	if k, _ := CategoriesFor([]float64{10, 0, 5, 3, 0, 82}, 0.9); k != 2 {
		t.Errorf("CategoriesFor(0.9) = %d, want 2", k)
	}
	if n, _, _ := Coverage([]float64{10, 0, 5, 3, 0, 82}, 0); n != 4 {
		t.Errorf("Coverage(0) = %d, want the 4 observed categories", n)
	}
}
