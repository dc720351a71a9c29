package stats

import (
	"fmt"
	"math"
)

// pair validates two count vectors and returns their shares.
func pair(p, q []float64) ([]float64, []float64, error) {
	if len(p) != len(q) {
		return nil, nil, fmt.Errorf("%w: %d and %d", ErrLength, len(p), len(q))
	}
	ps, err := Shares(p)
	if err != nil {
		return nil, nil, fmt.Errorf("first vector: %w", err)
	}
	qs, err := Shares(q)
	if err != nil {
		return nil, nil, fmt.Errorf("reference: %w", err)
	}
	return ps, qs, nil
}

// KL returns the Kullback–Leibler divergence of the shares of p from the
// shares of the reference q, in nats,
//
//	KL(p ‖ q) = Σ_i p_i ln(p_i / q_i),
//
// with 0 ln(0/q) = 0. It is +Inf when some category has p_i > 0 and
// q_i = 0: the reference says the data cannot occur there. It agrees with
// scipy.stats.entropy(p, q).
func KL(p, q []float64) (float64, error) {
	ps, qs, err := pair(p, q)
	if err != nil {
		return 0, err
	}
	var d float64
	for i, x := range ps {
		if x == 0 {
			continue
		}
		if qs[i] == 0 {
			return math.Inf(1), nil
		}
		d += x * math.Log(x/qs[i])
	}
	return math.Max(d, 0), nil
}

// JSDivergence returns the Jensen–Shannon divergence of the shares of p
// and q in nats,
//
//	JS(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m),  m = ½(p + q),
//
// symmetric, finite and in [0, ln 2]. It is the square of JSDistance.
func JSDivergence(p, q []float64) (float64, error) {
	ps, qs, err := pair(p, q)
	if err != nil {
		return 0, err
	}
	var d float64
	for i := range ps {
		m := (ps[i] + qs[i]) / 2
		if ps[i] > 0 {
			d += ps[i] * math.Log(ps[i]/m)
		}
		if qs[i] > 0 {
			d += qs[i] * math.Log(qs[i]/m)
		}
	}
	return math.Max(d/2, 0), nil
}

// JSDistance returns the Jensen–Shannon distance √JS(p, q) with natural
// logarithms, a metric in [0, √ln 2], as scipy.spatial.distance.
// jensenshannon(p, q) computes it.
func JSDistance(p, q []float64) (float64, error) {
	d, err := JSDivergence(p, q)
	return math.Sqrt(d), err
}

// TotalVariation returns the total variation distance ½ Σ_i |p_i − q_i|
// between the shares of p and q, in [0, 1]: the share of examples that
// would have to move to match the reference.
func TotalVariation(p, q []float64) (float64, error) {
	ps, qs, err := pair(p, q)
	if err != nil {
		return 0, err
	}
	var d float64
	for i := range ps {
		d += math.Abs(ps[i] - qs[i])
	}
	return d / 2, nil
}

// RepresentationRatio returns p_i / q_i for every category: how many
// times its share in the data exceeds (> 1) or falls short of (< 1) its
// share in the reference. It is 0 where p_i = 0 and +Inf where p_i > 0
// and q_i = 0.
func RepresentationRatio(p, q []float64) ([]float64, error) {
	ps, qs, err := pair(p, q)
	if err != nil {
		return nil, err
	}
	r := make([]float64, len(ps))
	for i := range ps {
		switch {
		case ps[i] == 0:
			r[i] = 0
		case qs[i] == 0:
			r[i] = math.Inf(1)
		default:
			r[i] = ps[i] / qs[i]
		}
	}
	return r, nil
}

// Uniform returns K equal counts, the reference of a perfectly balanced
// dataset.
func Uniform(k int) []float64 {
	u := make([]float64, k)
	for i := range u {
		u[i] = 1
	}
	return u
}
