package stats

import (
	"fmt"
	"math"
)

// Coverage returns how many categories hold at least the share threshold
// of the examples (and at least one example), and that number as a share
// of all K categories. Coverage(counts, 0) counts the observed categories.
// threshold must be in [0, 1].
func Coverage(counts []float64, threshold float64) (n int, share float64, err error) {
	if threshold < 0 || threshold > 1 || math.IsNaN(threshold) {
		return 0, 0, fmt.Errorf("%w: threshold %v", ErrArgument, threshold)
	}
	p, err := Shares(counts)
	if err != nil {
		return 0, 0, err
	}
	for _, x := range p {
		if x > 0 && x >= threshold {
			n++
		}
	}
	return n, float64(n) / float64(len(p)), nil
}

// TopShare returns the share of examples held by the k largest categories.
// k must be in [1, K].
func TopShare(counts []float64, k int) (float64, error) {
	if k < 1 || k > len(counts) {
		return 0, fmt.Errorf("%w: k = %d for %d categories", ErrArgument, k, len(counts))
	}
	curve, err := CoverageCurve(counts)
	if err != nil {
		return 0, err
	}
	return curve[k-1], nil
}

// CoverageCurve returns the cumulative share held by the k largest
// categories, for k = 1…K: curve[k−1] = Σ of the k largest p_i. It ends at 1.
func CoverageCurve(counts []float64) ([]float64, error) {
	p, err := Shares(counts)
	if err != nil {
		return nil, err
	}
	s := sortedDesc(p)
	var cum float64
	for i, x := range s {
		cum += x
		s[i] = cum
	}
	s[len(s)-1] = 1
	return s, nil
}

// CategoriesFor returns the smallest number of categories that together
// hold at least the share q of the examples (q in (0, 1]).
func CategoriesFor(counts []float64, q float64) (int, error) {
	if q <= 0 || q > 1 || math.IsNaN(q) {
		return 0, fmt.Errorf("%w: share %v", ErrArgument, q)
	}
	curve, err := CoverageCurve(counts)
	if err != nil {
		return 0, err
	}
	for i, c := range curve {
		if c >= q-1e-12 {
			return i + 1, nil
		}
	}
	return len(curve), nil
}
