package stats

import (
	"fmt"
	"math"
)

// Entropy returns the Shannon entropy of the shares p_i of counts in nats,
//
//	H = −Σ_i p_i ln p_i,
//
// with 0 ln 0 = 0. It is 0 when one category holds everything and ln K when
// all K categories hold the same share. It agrees with
// scipy.stats.entropy(counts).
func Entropy(counts []float64) (float64, error) {
	p, err := Shares(counts)
	if err != nil {
		return 0, err
	}
	var h float64
	for _, x := range p {
		if x > 0 {
			h -= x * math.Log(x)
		}
	}
	return h, nil
}

// EntropyBits returns the Shannon entropy in bits, H / ln 2.
func EntropyBits(counts []float64) (float64, error) {
	h, err := Entropy(counts)
	return h / math.Ln2, err
}

// NormalizedEntropy returns H / ln K, the entropy relative to its maximum
// over the K = len(counts) categories of the taxonomy, in [0, 1]: 1 for a
// uniform spread over the whole taxonomy. For K = 1 it is 1 by convention.
func NormalizedEntropy(counts []float64) (float64, error) {
	h, err := Entropy(counts)
	if err != nil {
		return 0, err
	}
	if len(counts) == 1 {
		return 1, nil
	}
	return h / math.Log(float64(len(counts))), nil
}

// Pielou returns Pielou's evenness J = H / ln S over the S categories
// observed (positive counts), in [0, 1]. Unlike NormalizedEntropy it
// ignores categories the data never touches. For S = 1 it is 1 by
// convention.
func Pielou(counts []float64) (float64, error) {
	h, err := Entropy(counts)
	if err != nil {
		return 0, err
	}
	s, _ := Observed(counts)
	if s == 1 {
		return 1, nil
	}
	return h / math.Log(float64(s)), nil
}

// Hill returns the Hill number (effective number of categories) of order q,
//
//	D_q = (Σ_i p_i^q)^(1/(1−q)),
//
// over the categories with p_i > 0, with the limits D_1 = exp(H) and
// D_∞ = 1 / max_i p_i (pass math.Inf(1)). D_0 is the number of observed
// categories, D_2 the inverse Simpson index 1/Σ p_i². q must be ≥ 0.
func Hill(counts []float64, q float64) (float64, error) {
	if q < 0 || math.IsNaN(q) {
		return 0, fmt.Errorf("%w: Hill order %v", ErrArgument, q)
	}
	p, err := Shares(counts)
	if err != nil {
		return 0, err
	}
	switch {
	case q == 1:
		h, _ := Entropy(counts)
		return math.Exp(h), nil
	case math.IsInf(q, 1):
		m := 0.0
		for _, x := range p {
			m = math.Max(m, x)
		}
		return 1 / m, nil
	}
	var s float64
	for _, x := range p {
		if x > 0 {
			s += math.Pow(x, q)
		}
	}
	return math.Pow(s, 1/(1-q)), nil
}

// HHI returns the Herfindahl–Hirschman index Σ_i p_i², in (0, 1]: the
// chance that two examples drawn with replacement share a category. It is
// the inverse of the Hill number of order 2.
func HHI(counts []float64) (float64, error) {
	p, err := Shares(counts)
	if err != nil {
		return 0, err
	}
	var s float64
	for _, x := range p {
		s += x * x
	}
	return s, nil
}
