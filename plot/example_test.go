package plot_test

import (
	"log"
	"math"

	"github.com/occubias/occubias/plot"
	"github.com/occubias/occubias/stats"
)

// Synthetic counts over eight categories, shaped like the paper's finding:
// general datasets concentrate, an occupation-balanced one spreads.
var (
	categories = []string{"Computer and Mathematical", "Arts, Design, Entertainment, Sports, and Media",
		"Life, Physical, and Social Science", "Healthcare Practitioners and Technical", "Construction and Extraction",
		"Office and Administrative Support", "Food Preparation and Serving Related", "Transportation and Material Moving"}
	series = []plot.Series{
		{Name: "Dolly", Counts: []float64{120, 310, 280, 40, 8, 20, 35, 6}},
		{Name: "ShareGPT", Counts: []float64{450, 200, 70, 15, 2, 19, 10, 2}},
		{Name: "WizardLM", Counts: []float64{380, 170, 160, 45, 5, 4, 10, 9}},
		{Name: "OccuQuest", Counts: []float64{95, 88, 102, 130, 110, 97, 90, 105}},
	}
	workforce = []float64{5177400, 2106490, 1389430, 9284210, 6225630, 18533450, 13247870, 13752760}
)

func save(f *plot.Figure, err error, path string) {
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save(path); err != nil {
		log.Fatal(err)
	}
}

func Example_distribution() {
	f, err := plot.Distribution(categories, series, plot.DistributionOptions{})
	save(f, err, "testdata/distribution.png")
}

func Example_topOccupations() {
	f, err := plot.TopOccupations(categories, series, 5)
	save(f, err, "testdata/top.png")
}

func Example_lorenz() {
	f, err := plot.Lorenz(series)
	save(f, err, "testdata/lorenz.png")
}

func Example_coverage() {
	f, err := plot.Coverage(series)
	save(f, err, "testdata/coverage.png")
}

func Example_representation() {
	f, err := plot.Representation(categories, series, workforce, "US workforce")
	save(f, err, "testdata/representation.png")
}

func Example_summary() {
	var rows []plot.SummaryRow
	for _, s := range series {
		ne, _ := stats.Bootstrap(s.Counts, stats.NormalizedEntropy, stats.BootstrapOptions{Resamples: 200, Seed: 1})
		g, _ := stats.Bootstrap(s.Counts, stats.Gini, stats.BootstrapOptions{Resamples: 200, Seed: 1})
		rows = append(rows, plot.SummaryRow{Name: s.Name, NormalizedEntropy: ne, Gini: g})
	}
	f, err := plot.Summary(rows)
	save(f, err, "testdata/summary.png")
}

var _ = math.Inf
