package balance

import (
	"fmt"
	"math"
)

// Plan is the result of Mix.
type Plan struct {
	// Weights holds each dataset's share of the mix; they sum to one.
	Weights []float64
	// Examples holds how many examples to take of each dataset for the
	// total asked (Weights times the total, rounded, within each size).
	Examples []int
	// Divergence is D(q ‖ m) in nats at the weights, and Proportional the
	// same for the datasets mixed in proportion to their sizes, as they
	// would be concatenated.
	Divergence, Proportional float64
	// Uncovered lists the categories the target wants that no dataset
	// holds; they are left out of the target, which is renormalized.
	Uncovered []int
}

// Mix finds the weights w (w_k ≥ 0, Σ w_k = 1) of the datasets whose
// category counts are counts[k] that minimize
//
//	D(q ‖ m) = Σ_i q_i ln(q_i/m_i),  m = Σ_k w_k p_k,
//
// p_k being dataset k's category shares and q the target (uniform when
// nil), with no dataset asked for more than it holds: w_k·total ≤ size_k.
// D(q ‖ m) is the divergence that punishes a mix for leaving out what the
// target wants; it is convex in w (−ln is convex and m is linear in w), so
// the minimum over the capped simplex is found by projected gradient
// descent with backtracking (Armijo), stopped when a step changes the
// divergence by less than 1e-12; the projection onto {0 ≤ w ≤ u, Σ w = 1}
// is exact, by bisection on its shift.
func Mix(counts [][]float64, target []float64, total float64) (*Plan, error) {
	K := len(counts)
	if K == 0 {
		return nil, fmt.Errorf("%w: no dataset", ErrArgument)
	}
	k := len(counts[0])
	q, err := targetShares(target, k)
	if err != nil {
		return nil, err
	}
	p := make([][]float64, K)
	sizes := make([]float64, K)
	for d, c := range counts {
		if len(c) != k {
			return nil, fmt.Errorf("%w: dataset %d has %d categories, dataset 0 %d", ErrArgument, d, len(c), k)
		}
		for i, x := range c {
			if x < 0 || math.IsNaN(x) {
				return nil, fmt.Errorf("%w: dataset %d count %v in category %d", ErrArgument, d, x, i)
			}
			sizes[d] += x
		}
		if sizes[d] == 0 {
			return nil, fmt.Errorf("%w: dataset %d is empty", ErrArgument, d)
		}
		p[d] = make([]float64, k)
		for i, x := range c {
			p[d][i] = x / sizes[d]
		}
	}
	plan := &Plan{}
	// Categories no dataset holds cannot be served: leave them out.
	var mass float64
	for i := range q {
		held := false
		for d := range p {
			held = held || p[d][i] > 0
		}
		if !held && q[i] > 0 {
			plan.Uncovered = append(plan.Uncovered, i)
			q[i] = 0
		}
		mass += q[i]
	}
	if mass == 0 {
		return nil, fmt.Errorf("%w: the datasets hold none of the target's categories", ErrArgument)
	}
	for i := range q {
		q[i] /= mass
	}
	var sum float64
	for _, s := range sizes {
		sum += s
	}
	if total <= 0 {
		total = sum
	}
	if total > sum {
		return nil, fmt.Errorf("%w: a total of %v examples, the datasets hold %v", ErrArgument, total, sum)
	}
	caps := make([]float64, K)
	for d, s := range sizes {
		caps[d] = math.Min(1, s/total)
	}
	// mixed returns category i's share in the mix of weights w.
	mixed := func(w []float64, i int) float64 {
		var m float64
		for d := range w {
			m += w[d] * p[d][i]
		}
		return m
	}
	f := func(w []float64) float64 {
		var v float64
		for i, qi := range q {
			if qi == 0 {
				continue
			}
			m := mixed(w, i)
			if m <= 0 {
				return math.Inf(1)
			}
			v += qi * math.Log(qi/m)
		}
		return v
	}
	prop := make([]float64, K)
	for d, s := range sizes {
		prop[d] = s / sum
	}
	plan.Proportional = f(prop)
	// Start from the proportional mix, which covers every held category.
	w := projectCapped(prop, caps)
	fw := f(w)
	grad := make([]float64, K)
	next := make([]float64, K)
	step := 1.0
	for iter := 0; iter < 100000; iter++ {
		for d := range grad {
			grad[d] = 0
		}
		for i, qi := range q {
			if qi == 0 {
				continue
			}
			m := mixed(w, i)
			for d := range w {
				grad[d] -= qi * p[d][i] / m
			}
		}
		improved := false
		for t := step * 2; t > 1e-16; t /= 2 {
			for d := range w {
				next[d] = w[d] - t*grad[d]
			}
			next = projectCapped(next, caps)
			var decrease float64
			for d := range w {
				decrease += grad[d] * (w[d] - next[d])
			}
			if fn := f(next); fn <= fw-0.5*decrease && fn < fw {
				improved = fw-fn > 1e-12
				copy(w, next)
				fw, step = fn, t
				break
			}
		}
		if !improved {
			break
		}
	}
	plan.Weights, plan.Divergence = w, fw
	plan.Examples = make([]int, K)
	for d := range w {
		plan.Examples[d] = min(int(math.Round(w[d]*total)), int(sizes[d]))
	}
	return plan, nil
}

// projectCapped returns the Euclidean projection of v onto
// {w : 0 ≤ w_k ≤ caps_k, Σ w_k = 1}: w_k = clamp(v_k − τ, 0, caps_k) with
// τ found by bisection (the sum decreases in τ). Σ caps ≥ 1 is assumed.
func projectCapped(v, caps []float64) []float64 {
	sum := func(tau float64) float64 {
		var s float64
		for k := range v {
			s += math.Min(math.Max(v[k]-tau, 0), caps[k])
		}
		return s
	}
	lo, hi := -1.0, 1.0
	for _, x := range v {
		lo, hi = math.Min(lo, x-1), math.Max(hi, x)
	}
	for range 200 {
		mid := (lo + hi) / 2
		if sum(mid) > 1 {
			lo = mid
		} else {
			hi = mid
		}
	}
	out := make([]float64, len(v))
	for k := range v {
		out[k] = math.Min(math.Max(v[k]-hi, 0), caps[k])
	}
	// Rounding of the bisection: put the remainder where there is room.
	var s float64
	for _, x := range out {
		s += x
	}
	for k := range out {
		if d := 1 - s; d > 0 && out[k] < caps[k] {
			add := math.Min(d, caps[k]-out[k])
			out[k] += add
			s += add
		}
	}
	return out
}
