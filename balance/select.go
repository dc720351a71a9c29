package balance

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Item is one classified example offered to Select.
type Item struct {
	// Category is the example's class index at the level balanced, or −1
	// when it has none (unassigned): it is never selected.
	Category int
	// Prob is the classifier's probability of that class: within a
	// category, the surest examples are kept first.
	Prob float64
	// Key identifies the example's text (a hash of it, say): of examples
	// with the same non-zero key only the first is offered, so that exact
	// repeats do not fill a category.
	Key uint64
}

// Selection is what Select kept.
type Selection struct {
	// Indices of the items kept, ascending (input order).
	Indices []int
	// Available and Kept count the items per category: offered (after
	// repeats are dropped) and kept.
	Available, Kept []int
	// Repeats counts the items dropped as exact repeats.
	Repeats int
	// Everything is true when the budget was at least what could be kept.
	Everything bool
}

// Select keeps at most budget items whose category counts are the optimum
// of Counts for the items available per category (repeats and unassigned
// items left out) and target (nil: uniform, that is, maximum entropy).
// Within a category it keeps the items of highest Prob, ties broken by a
// random order drawn from seed, so that a seed gives one selection.
func Select(items []Item, categories int, target []float64, budget int, seed uint64) (*Selection, error) {
	if categories <= 0 {
		return nil, fmt.Errorf("%w: %d categories", ErrArgument, categories)
	}
	s := &Selection{Available: make([]int, categories)}
	seen := map[uint64]bool{}
	byCat := make([][]int, categories)
	for i, it := range items {
		if it.Category < 0 {
			continue
		}
		if it.Category >= categories {
			return nil, fmt.Errorf("%w: item %d in category %d of %d", ErrArgument, i, it.Category, categories)
		}
		if it.Key != 0 {
			if seen[it.Key] {
				s.Repeats++
				continue
			}
			seen[it.Key] = true
		}
		byCat[it.Category] = append(byCat[it.Category], i)
		s.Available[it.Category]++
	}
	kept, err := Counts(s.Available, target, budget)
	if err != nil {
		return nil, err
	}
	s.Kept = kept
	total, capacity := 0, 0
	for c, k := range kept {
		total += k
		if target == nil || target[c] > 0 {
			capacity += s.Available[c]
		}
	}
	s.Everything = budget >= capacity
	rng := rand.New(rand.NewPCG(seed, 0x62616c61))
	for c, idx := range byCat {
		if kept[c] == 0 {
			continue
		}
		// A seeded shuffle, then a stable sort by probability: equal
		// probabilities keep the shuffled order.
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(items[b].Prob, items[a].Prob) })
		s.Indices = append(s.Indices, idx[:kept[c]]...)
	}
	slices.Sort(s.Indices)
	return s, nil
}
