package balance_test

import (
	"fmt"

	"github.com/occubias/occubias/balance"
)

// Keep 60 examples of a dataset whose five categories hold 2, 100, 40, 7
// and 100: the two small ones are kept whole and the rest is shared
// evenly, the highest entropy those counts allow.
func ExampleCounts() {
	counts, _ := balance.Counts([]int{2, 100, 40, 7, 100}, nil, 60)
	fmt.Println(counts)
	// Output:
	// [2 17 17 7 17]
}

// Mix 100 examples from two datasets of 100, one mostly of the first
// category and one of the second and third, to cover three categories
// evenly. The optimum solves 1/w − 0.4/(0.5 − 0.4w) − 1/(1 − w) = 0:
// w = 0.36812 by bisection in Python, D = 0.00102 nats; concatenated, the
// two give (0.45, 0.30, 0.25) and D = 0.03098.
func ExampleMix() {
	plan, _ := balance.Mix([][]float64{{90, 10, 0}, {0, 50, 50}}, nil, 100)
	fmt.Printf("weights %.3f %.3f, %v examples, divergence %.4f nats (%.4f concatenated)\n",
		plan.Weights[0], plan.Weights[1], plan.Examples, plan.Divergence, plan.Proportional)
	// Output:
	// weights 0.368 0.632, [37 63] examples, divergence 0.0010 nats (0.0310 concatenated)
}
