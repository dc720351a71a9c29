package analysis_test

import (
	"fmt"

	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/stats"
)

// The whole pipeline on a small Dolly file: read, classify with the
// default model, count per SOC major group, measure.
func ExampleAnalyze() {
	res, err := analysis.Analyze("../testdata/dolly.jsonl", analysis.Options{Bootstrap: stats.BootstrapOptions{Resamples: 200, Seed: 1}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %d examples, %s level of %s\n", res.Format, res.Examples, res.Level, res.Taxonomy)
	for _, name := range []analysis.MeasureName{analysis.Hill0, analysis.NormalizedEntropy} {
		m, _ := res.Measure(name)
		fmt.Printf("%s %.3f\n", name, m.Estimate)
	}
	// Output:
	// dolly: 4 examples, group level of onet-soc-2019
	// hill_0 3.000
	// normalized_entropy 0.332
}
