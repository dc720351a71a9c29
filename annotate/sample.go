package annotate

import (
	"math/rand/v2"
	"slices"
)

// Sample chooses n items from groups (the sizes of each source), each
// group getting its share of n in proportion to its size (largest
// remainders get the rounding), and within a group a seeded random
// choice. It returns, per group, the chosen item numbers, ascending; with
// n at least the total, everything.
func Sample(sizes []int, n int, seed uint64) [][]int {
	total := 0
	for _, s := range sizes {
		total += s
	}
	out := make([][]int, len(sizes))
	if n >= total {
		for g, s := range sizes {
			for i := range s {
				out[g] = append(out[g], i)
			}
		}
		return out
	}
	quota := make([]int, len(sizes))
	type rem struct {
		g    int
		frac float64
	}
	var rems []rem
	given := 0
	for g, s := range sizes {
		exact := float64(n) * float64(s) / float64(total)
		quota[g] = int(exact)
		given += quota[g]
		rems = append(rems, rem{g, exact - float64(quota[g])})
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	for i := 0; given < n; i++ {
		if g := rems[i%len(rems)].g; quota[g] < sizes[g] {
			quota[g]++
			given++
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x616e6e6f))
	for g, s := range sizes {
		perm := rng.Perm(s)[:quota[g]]
		slices.Sort(perm)
		out[g] = perm
	}
	return out
}
