package stats_test

import (
	"fmt"

	"github.com/occubias/occubias/stats"
)

// Occupational groups of two small datasets over a five-group taxonomy.
// The outputs below agree with SciPy 1.10.1 (scipy.stats.entropy,
// scipy.spatial.distance.jensenshannon) and NumPy's mean-absolute-difference Gini.
var (
	general  = []float64{70, 20, 6, 4, 0}
	balanced = []float64{22, 18, 20, 21, 19}
)

func ExampleNormalizedEntropy() {
	for _, c := range [][]float64{general, balanced} {
		h, _ := stats.NormalizedEntropy(c)
		fmt.Printf("%.3f\n", h)
	}
	// Output:
	// 0.540
	// 0.998
}

func ExampleGini() {
	g, _ := stats.Gini(general)
	gc, _ := stats.GiniCorrected(general)
	fmt.Printf("Gini %.3f, corrected %.3f\n", g, gc)
	// Output:
	// Gini 0.624, corrected 0.780
}

func ExampleHill() {
	for _, q := range []float64{0, 1, 2} {
		d, _ := stats.Hill(general, q)
		fmt.Printf("order %g: %.2f effective groups\n", q, d)
	}
	// Output:
	// order 0: 4.00 effective groups
	// order 1: 2.38 effective groups
	// order 2: 1.87 effective groups
}

func ExampleJSDistance() {
	workforce := []float64{30, 25, 20, 15, 10}
	d, _ := stats.JSDistance(general, workforce)
	kl, _ := stats.KL(general, workforce)
	fmt.Printf("JS distance %.3f, KL %.3f nats\n", d, kl)
	// Output:
	// JS distance 0.338, KL 0.423 nats
}

func ExampleCoverage() {
	n, share, _ := stats.Coverage(general, 0.05)
	top, _ := stats.TopShare(general, 1)
	fmt.Printf("%d groups (%.0f%%) hold at least 5%%; the largest holds %.0f%%\n", n, 100*share, 100*top)
	// Output:
	// 3 groups (60%) hold at least 5%; the largest holds 70%
}

func ExampleBootstrap() {
	iv, _ := stats.Bootstrap(general, stats.NormalizedEntropy, stats.BootstrapOptions{Seed: 1})
	fmt.Printf("%.3f, 95%% CI [%.2f, %.2f] from %d resamples\n", iv.Estimate, iv.Lo, iv.Hi, iv.Resamples)
	// Output:
	// 0.540, 95% CI [0.42, 0.63] from 2000 resamples
}
