// Package balance chooses what to keep of classified data so that its
// examples spread over categories as evenly as possible, or as close as
// possible to a target spread (the workforce's, say), and plans how much
// of each of several datasets to mix to the same end.
//
// Subsets ([Counts], [Select]) minimize the Kullback–Leibler divergence of
// the kept spread from the target, in nats,
//
//	D(p ‖ q) = Σ_i p_i ln(p_i/q_i),  p_i = n_i/N,
//
// under what is available: 0 ≤ n_i ≤ a_i and Σ n_i = N. With the uniform
// target this is maximizing the entropy H(p) = ln k − D(p ‖ u). Mixtures
// ([Mix]) minimize D(q ‖ m), the divergence of the target from the mix m,
// which is finite only when the mix covers every category of the target.
package balance

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
)

// ErrArgument is returned for inputs that fit no problem: lengths that
// differ, negative counts or weights, a target without mass.
var ErrArgument = errors.New("balance: bad argument")

// Counts returns the integer counts n that minimize D(n/N ‖ q) subject to
// 0 ≤ n_i ≤ available_i and Σ n_i = N, with N = min(budget, Σ available);
// q = target normalized, or uniform when target is nil. Categories with
// q_i = 0 get nothing (any example there makes the divergence infinite),
// so N is further bounded by what the target's categories hold.
//
// Why this is optimal: for a fixed N the objective is, up to a constant,
// f(n) = Σ_i g_i(n_i) with g_i(x) = x ln(x/q_i), separable and convex in
// each n_i, and the constraints are a total and per-category bounds. For
// such problems the greedy allocation that adds one example at a time to
// the category of smallest marginal cost g_i(n_i+1) − g_i(n_i), among
// those not at their bound, reaches the integer optimum: marginal costs
// increase with n_i, so every exchange of one unit between two categories
// from the greedy result can only raise the sum (the classical argument
// for separable convex resource allocation, Gross 1956; Ibaraki & Katoh,
// Resource Allocation Problems, 1988, §4.2). Its continuous relaxation is
// water-filling: n_i = min(a_i, λ q_i), λ set so that Σ n_i = N, from the
// KKT conditions ln(n_i/(N q_i)) + 1 + μ + ν_i = 0 with ν_i ≥ 0 where
// n_i = a_i. With the uniform target every uncapped category gets the same
// count, up to one. Ties between equal marginal costs go to the lower
// category index, so the result is deterministic.
func Counts(available []int, target []float64, budget int) ([]int, error) {
	q, err := targetShares(target, len(available))
	if err != nil {
		return nil, err
	}
	capacity := 0
	for i, a := range available {
		if a < 0 {
			return nil, fmt.Errorf("%w: %d examples available in category %d", ErrArgument, a, i)
		}
		if q[i] > 0 {
			capacity += a
		}
	}
	if budget < 0 {
		return nil, fmt.Errorf("%w: budget %d", ErrArgument, budget)
	}
	n := min(budget, capacity)
	counts := make([]int, len(available))
	h := &marginals{q: q, counts: counts}
	for i, a := range available {
		if q[i] > 0 && a > 0 {
			h.items = append(h.items, i)
		}
	}
	heap.Init(h)
	for range n {
		i := h.items[0]
		counts[i]++
		if counts[i] == available[i] {
			heap.Pop(h)
		} else {
			heap.Fix(h, 0)
		}
	}
	return counts, nil
}

// targetShares normalizes target to shares over k categories (uniform
// when nil).
func targetShares(target []float64, k int) ([]float64, error) {
	q := make([]float64, k)
	if target == nil {
		for i := range q {
			q[i] = 1 / float64(k)
		}
		return q, nil
	}
	if len(target) != k {
		return nil, fmt.Errorf("%w: target has %d categories, counts %d", ErrArgument, len(target), k)
	}
	var sum float64
	for i, t := range target {
		if t < 0 || math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("%w: target %v for category %d", ErrArgument, t, i)
		}
		sum += t
	}
	if sum <= 0 {
		return nil, fmt.Errorf("%w: the target has no mass", ErrArgument)
	}
	for i, t := range target {
		q[i] = t / sum
	}
	return q, nil
}

// marginal is the cost of the next example of category i,
// g_i(n+1) − g_i(n) with g_i(x) = x ln(x/q_i) (the N in p = n/N only
// shifts every cost by the same amount).
func marginal(n int, q float64) float64 {
	x := float64(n)
	next := (x + 1) * math.Log((x+1)/q)
	if n == 0 {
		return next
	}
	return next - x*math.Log(x/q)
}

// marginals is a heap of categories by the cost of their next example,
// ties to the lower index.
type marginals struct {
	items  []int
	q      []float64
	counts []int
}

func (h *marginals) Len() int { return len(h.items) }
func (h *marginals) Less(a, b int) bool {
	i, j := h.items[a], h.items[b]
	ci, cj := marginal(h.counts[i], h.q[i]), marginal(h.counts[j], h.q[j])
	if ci != cj {
		return ci < cj
	}
	return i < j
}
func (h *marginals) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *marginals) Push(x any)    { h.items = append(h.items, x.(int)) }
func (h *marginals) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// Divergence returns D(n/N ‖ q) in nats for counts n and target (uniform
// when nil): +Inf when n has examples where q has none.
func Divergence(counts []int, target []float64) (float64, error) {
	q, err := targetShares(target, len(counts))
	if err != nil {
		return 0, err
	}
	total := 0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return 0, fmt.Errorf("%w: no example", ErrArgument)
	}
	var d float64
	for i, c := range counts {
		if c == 0 {
			continue
		}
		if q[i] == 0 {
			return math.Inf(1), nil
		}
		p := float64(c) / float64(total)
		d += p * math.Log(p/q[i])
	}
	return d, nil
}
