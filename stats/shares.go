package stats

import (
	"fmt"
	"math"
	"slices"
)

// check validates counts and returns their total.
func check(counts []float64) (float64, error) {
	if len(counts) == 0 {
		return 0, ErrEmpty
	}
	var total float64
	for i, c := range counts {
		switch {
		case math.IsNaN(c) || math.IsInf(c, 0):
			return 0, fmt.Errorf("%w at index %d", ErrNotFinite, i)
		case c < 0:
			return 0, fmt.Errorf("%w at index %d: %v", ErrNegative, i, c)
		}
		total += c
	}
	if total == 0 {
		return 0, ErrZeroTotal
	}
	return total, nil
}

// Shares returns the shares p_i = c_i / Σ_j c_j of counts (or weights).
func Shares(counts []float64) ([]float64, error) {
	total, err := check(counts)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(counts))
	for i, c := range counts {
		p[i] = c / total
	}
	return p, nil
}

// Observed returns S, the number of categories with a positive count.
func Observed(counts []float64) (int, error) {
	if _, err := check(counts); err != nil {
		return 0, err
	}
	s := 0
	for _, c := range counts {
		if c > 0 {
			s++
		}
	}
	return s, nil
}

func sortedDesc(p []float64) []float64 {
	s := slices.Clone(p)
	slices.SortFunc(s, func(a, b float64) int {
		switch {
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	})
	return s
}
