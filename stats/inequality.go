package stats

import (
	"math"
	"slices"
)

// Gini returns the Gini coefficient of counts over all K = len(counts)
// categories, zeros included, by the Lorenz-area definition of R's
// ineq::Gini(x):
//
//	G = 2 Σ_i i·x_(i) / (K Σ_i x_i) − (K + 1)/K,
//
// with x_(1) ≤ … ≤ x_(K) sorted ascending. It is 0 for equal counts and
// (K−1)/K when one category holds everything.
func Gini(counts []float64) (float64, error) {
	total, err := check(counts)
	if err != nil {
		return 0, err
	}
	x := slices.Clone(counts)
	slices.Sort(x)
	var s float64
	for i, v := range x {
		s += float64(i+1) * v
	}
	k := float64(len(x))
	return 2*s/(k*total) - (k+1)/k, nil
}

// GiniCorrected returns Gini · K/(K−1), R's ineq::Gini(x, corr = TRUE),
// which reaches 1 when one category holds everything. K must be at least 2.
func GiniCorrected(counts []float64) (float64, error) {
	g, err := Gini(counts)
	if err != nil {
		return 0, err
	}
	k := float64(len(counts))
	if k < 2 {
		return 0, ErrArgument
	}
	return g * k / (k - 1), nil
}

// Lorenz returns the Lorenz curve of counts as K+1 points: X[j] = j/K is
// the share of categories, poorest first, and Y[j] the share of examples
// they hold, from (0, 0) to (1, 1), as R's ineq::Lc(x).
func Lorenz(counts []float64) (X, Y []float64, err error) {
	total, err := check(counts)
	if err != nil {
		return nil, nil, err
	}
	x := slices.Clone(counts)
	slices.Sort(x)
	k := float64(len(x))
	X, Y = make([]float64, len(x)+1), make([]float64, len(x)+1)
	var cum float64
	for i, v := range x {
		cum += v
		X[i+1] = float64(i+1) / k
		Y[i+1] = cum / total
	}
	Y[len(x)] = 1
	return X, Y, nil
}

// TheilT returns the Theil T index (generalized entropy GE(1)) of counts,
//
//	T = (1/K) Σ_i (x_i/μ) ln(x_i/μ),  μ = mean(x),
//
// with 0 ln 0 = 0, in nats, between 0 (equal) and ln K (one category holds
// everything). It equals ln K − H, the entropy shortfall.
func TheilT(counts []float64) (float64, error) {
	total, err := check(counts)
	if err != nil {
		return 0, err
	}
	k := float64(len(counts))
	mu := total / k
	var s float64
	for _, v := range counts {
		if v > 0 {
			s += v / mu * math.Log(v/mu)
		}
	}
	return s / k, nil
}

// TheilL returns the Theil L index, the mean log deviation (generalized
// entropy GE(0)),
//
//	L = (1/K) Σ_i ln(μ / x_i),
//
// in nats. It is +Inf as soon as one category has a zero count: every
// empty category counts as infinitely underserved. Use it on observed
// categories, or compare TheilT, when the taxonomy has empty categories.
func TheilL(counts []float64) (float64, error) {
	total, err := check(counts)
	if err != nil {
		return 0, err
	}
	k := float64(len(counts))
	mu := total / k
	var s float64
	for _, v := range counts {
		if v == 0 {
			return math.Inf(1), nil
		}
		s += math.Log(mu / v)
	}
	return s / k, nil
}
