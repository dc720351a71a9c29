package balance

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// bruteCounts enumerates every integer vector 0 ≤ n ≤ available with
// Σ n = N and returns the smallest divergence from target.
func bruteCounts(available []int, target []float64, n int) float64 {
	best := math.Inf(1)
	counts := make([]int, len(available))
	var rec func(i, left int)
	rec = func(i, left int) {
		if i == len(available) {
			if left == 0 {
				if d, err := Divergence(counts, target); err == nil && d < best {
					best = d
				}
			}
			return
		}
		for c := 0; c <= min(available[i], left); c++ {
			counts[i] = c
			rec(i+1, left-c)
		}
		counts[i] = 0
	}
	rec(0, n)
	return best
}

// TestCountsOptimal checks Counts against exhaustive search on 300 random
// small instances (up to 6 categories, budgets up to 20), with the uniform
// target and with random targets, some with empty categories.
func TestCountsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 300; trial++ {
		k := 1 + rng.IntN(6)
		available := make([]int, k)
		total := 0
		for i := range available {
			available[i] = rng.IntN(8)
			total += available[i]
		}
		var target []float64
		if trial%2 == 1 {
			target = make([]float64, k)
			for i := range target {
				if rng.IntN(5) > 0 {
					target[i] = rng.Float64()
				}
			}
			target[rng.IntN(k)] += 0.1
		}
		budget := rng.IntN(21)
		got, err := Counts(available, target, budget)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i, c := range got {
			if c < 0 || c > available[i] || target != nil && target[i] == 0 && c > 0 {
				t.Fatalf("counts %v outside available %v (target %v)", got, available, target)
			}
			n += c
		}
		capacity := 0
		for i, a := range available {
			if target == nil || target[i] > 0 {
				capacity += a
			}
		}
		if n != min(budget, capacity) {
			t.Fatalf("%d kept of budget %d, capacity %d", n, budget, capacity)
		}
		if n == 0 {
			continue
		}
		d, _ := Divergence(got, target)
		if want := bruteCounts(available, target, n); math.Abs(d-want) > 1e-12 {
			t.Fatalf("available %v target %v budget %d: %v has divergence %v, the optimum is %v", available, target, budget, got, d, want)
		}
	}
}

// TestCountsWaterFilling: with the uniform target, categories below the
// level keep everything and the others share the rest within one example.
func TestCountsWaterFilling(t *testing.T) {
	got, err := Counts([]int{2, 100, 40, 7, 100}, nil, 60)
	if err != nil {
		t.Fatal(err)
	}
	// 2 and 7 are kept whole; 51 remain for three categories: 17 each.
	want := []int{2, 17, 17, 7, 17}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	all, _ := Counts([]int{3, 4}, nil, 100)
	if all[0] != 3 || all[1] != 4 {
		t.Errorf("a budget above the data keeps everything: %v", all)
	}
}

func TestCountsErrors(t *testing.T) {
	for _, c := range []struct {
		available []int
		target    []float64
		budget    int
	}{
		{[]int{1, -1}, nil, 1},
		{[]int{1, 1}, []float64{1}, 1},
		{[]int{1, 1}, []float64{0, 0}, 1},
		{[]int{1, 1}, []float64{1, math.NaN()}, 1},
		{[]int{1, 1}, nil, -1},
	} {
		if _, err := Counts(c.available, c.target, c.budget); !errors.Is(err, ErrArgument) {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

// TestSelect checks what Select keeps: the optimal counts, the surest
// items of each category, no repeat, nothing unassigned, one selection per
// seed, and everything when the budget allows.
func TestSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var items []Item
	for i := 0; i < 500; i++ {
		c := rng.IntN(4) // categories 0..3, with 3 rare below
		if c == 3 && rng.IntN(10) > 0 {
			c = 0
		}
		if i%50 == 0 {
			c = -1
		}
		items = append(items, Item{Category: c, Prob: float64(rng.IntN(5)) / 5, Key: uint64(1 + i%450)})
	}
	s, err := Select(items, 4, nil, 120, 7)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Counts(s.Available, nil, 120)
	got := make([]int, 4)
	seen := map[uint64]bool{}
	for _, i := range s.Indices {
		it := items[i]
		if it.Category < 0 || seen[it.Key] {
			t.Fatalf("item %d kept: %+v", i, it)
		}
		seen[it.Key] = true
		got[it.Category]++
	}
	for c := range want {
		if got[c] != want[c] || s.Kept[c] != want[c] {
			t.Fatalf("kept %v, optimum %v", got, want)
		}
	}
	repeats := 0
	for i, it := range items {
		if it.Category >= 0 && seenBefore(items, i) {
			repeats++
		}
	}
	if s.Repeats != repeats || repeats == 0 {
		t.Errorf("%d repeats dropped, %d in the items", s.Repeats, repeats)
	}
	// The surest first: no item left out of a category is surer than one
	// kept there.
	kept := map[int]bool{}
	for _, i := range s.Indices {
		kept[i] = true
	}
	minKept := map[int]float64{0: 2, 1: 2, 2: 2, 3: 2}
	for i := range kept {
		minKept[items[i].Category] = math.Min(minKept[items[i].Category], items[i].Prob)
	}
	for i, it := range items {
		if it.Category >= 0 && !kept[i] && it.Prob > minKept[it.Category] && !seenBefore(items, i) {
			t.Fatalf("item %d (p %v) left out of category %d, where %v was kept", i, it.Prob, it.Category, minKept[it.Category])
		}
	}
	again, _ := Select(items, 4, nil, 120, 7)
	other, _ := Select(items, 4, nil, 120, 8)
	if !equalInts(again.Indices, s.Indices) {
		t.Error("the same seed selected differently")
	}
	if equalInts(other.Indices, s.Indices) {
		t.Error("another seed selected the same items among equal probabilities")
	}
	all, _ := Select(items, 4, nil, 10000, 1)
	if !all.Everything || len(all.Indices) != 500-10-all.Repeats {
		t.Errorf("a budget above the data: everything %v, %d kept, %d repeats", all.Everything, len(all.Indices), all.Repeats)
	}
}

func seenBefore(items []Item, i int) bool {
	for j := 0; j < i; j++ {
		if items[j].Key == items[i].Key && items[j].Category >= 0 {
			return true
		}
	}
	return false
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMixAgainstGrid compares Mix with a fine grid search over the
// weights of two and three datasets, with and without caps.
func TestMixAgainstGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 40; trial++ {
		K := 2 + trial%2
		k := 2 + rng.IntN(5)
		counts := make([][]float64, K)
		var sum float64
		for d := range counts {
			counts[d] = make([]float64, k)
			for i := range counts[d] {
				if rng.IntN(3) > 0 {
					counts[d][i] = float64(rng.IntN(50))
				}
			}
			counts[d][rng.IntN(k)] += 5
			for _, x := range counts[d] {
				sum += x
			}
		}
		var target []float64
		if trial%3 == 0 {
			target = make([]float64, k)
			for i := range target {
				target[i] = rng.Float64()
			}
		}
		total := sum * (0.3 + 0.7*rng.Float64())
		plan, err := Mix(counts, target, total)
		if err != nil {
			t.Fatal(err)
		}
		var ws float64
		for d, w := range plan.Weights {
			var size float64
			for _, x := range counts[d] {
				size += x
			}
			if w < -1e-12 || w*total > size*(1+1e-9) {
				t.Fatalf("weight %v of dataset %d over its cap %v", w, d, size/total)
			}
			ws += w
		}
		if math.Abs(ws-1) > 1e-9 {
			t.Fatalf("weights sum to %v", ws)
		}
		best := gridMix(counts, target, total, plan.Uncovered, K)
		if plan.Divergence > best+1e-6 {
			t.Fatalf("trial %d: Mix %v at %v, the grid finds %v", trial, plan.Divergence, plan.Weights, best)
		}
	}
}

// gridMix evaluates D(q ‖ m) on a grid of weights within the caps.
func gridMix(counts [][]float64, target []float64, total float64, uncovered []int, K int) float64 {
	k := len(counts[0])
	q, _ := targetShares(target, k)
	for _, i := range uncovered {
		q[i] = 0
	}
	var mass float64
	for _, x := range q {
		mass += x
	}
	sizes := make([]float64, K)
	p := make([][]float64, K)
	for d := range counts {
		for _, x := range counts[d] {
			sizes[d] += x
		}
		p[d] = make([]float64, k)
		for i, x := range counts[d] {
			p[d][i] = x / sizes[d]
		}
	}
	eval := func(w []float64) float64 {
		for d := range w {
			if w[d]*total > sizes[d]*(1+1e-12) {
				return math.Inf(1)
			}
		}
		var v float64
		for i := range q {
			qi := q[i] / mass
			if qi == 0 {
				continue
			}
			var m float64
			for d := range w {
				m += w[d] * p[d][i]
			}
			v += qi * math.Log(qi/m)
		}
		return v
	}
	best := math.Inf(1)
	const steps = 2000
	if K == 2 {
		for a := 0; a <= steps; a++ {
			best = math.Min(best, eval([]float64{float64(a) / steps, 1 - float64(a)/steps}))
		}
		return best
	}
	const s3 = 400
	for a := 0; a <= s3; a++ {
		for b := 0; a+b <= s3; b++ {
			best = math.Min(best, eval([]float64{float64(a) / s3, float64(b) / s3, float64(s3-a-b) / s3}))
		}
	}
	return best
}

func TestMixUncovered(t *testing.T) {
	plan, err := Mix([][]float64{{10, 0, 0}, {0, 10, 0}}, nil, 0)
	if err != nil || len(plan.Uncovered) != 1 || plan.Uncovered[0] != 2 || math.Abs(plan.Weights[0]-0.5) > 1e-6 {
		t.Errorf("%+v, %v", plan, err)
	}
	if _, err := Mix([][]float64{{10, 0}}, []float64{0, 1}, 0); !errors.Is(err, ErrArgument) {
		t.Errorf("target on an empty category: %v", err)
	}
	if _, err := Mix([][]float64{{10, 0}}, nil, 11); !errors.Is(err, ErrArgument) {
		t.Errorf("total above the data: %v", err)
	}
}
