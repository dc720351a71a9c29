// Command measure computes balance measures of a count vector with
// bootstrap intervals, the way the stats package is used on its own.
//
//	go run ./examples/measure
package main

import (
	"fmt"
	"log"

	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	// Examples per SOC major group of some dataset, in SOC().Groups order.
	counts := []float64{38, 50, 437, 22, 71, 20, 15, 47, 199, 15, 1, 0, 10, 0, 7, 12, 19, 0, 2, 6, 20, 2, 1}
	for _, m := range []struct {
		name string
		f    stats.Statistic
	}{
		{"normalized entropy", stats.NormalizedEntropy},
		{"Gini", stats.Gini},
		{"effective groups (Hill 1)", func(c []float64) (float64, error) { return stats.Hill(c, 1) }},
	} {
		iv, err := stats.Bootstrap(counts, m.f, stats.BootstrapOptions{Method: stats.BCa, Seed: 1})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-26s %.3f  95%% CI [%.3f, %.3f]\n", m.name, iv.Estimate, iv.Lo, iv.Hi)
	}
	js, _ := stats.JSDistance(counts, taxonomy.Workforce())
	tv, _ := stats.TotalVariation(counts, taxonomy.Workforce())
	fmt.Printf("JS distance from the US workforce %.3f; %.0f%% of examples would have to move to match it\n", js, 100*tv)
}
