// Command plot draws the Lorenz curves and the distribution of two small
// datasets and saves them as PNG and SVG.
//
//	go run ./examples/plot
package main

import (
	"log"

	"github.com/occubias/occubias/plot"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	var groups []string
	for _, g := range taxonomy.SOC().Groups {
		groups = append(groups, g.Title)
	}
	series := []plot.Series{
		{Name: "general", Counts: []float64{38, 50, 437, 22, 71, 20, 15, 47, 199, 15, 1, 0, 10, 0, 7, 12, 19, 0, 2, 6, 20, 2, 1}},
		{Name: "balanced", Counts: []float64{40, 45, 40, 38, 42, 41, 39, 44, 40, 43, 41, 39, 42, 38, 40, 41, 42, 39, 40, 41, 40, 42, 10}},
	}
	lorenz, err := plot.Lorenz(series)
	if err != nil {
		log.Fatal(err)
	}
	dist, err := plot.Distribution(groups, series, plot.DistributionOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for name, f := range map[string]*plot.Figure{"lorenz": lorenz, "distribution": dist} {
		for _, ext := range []string{".png", ".svg"} {
			if err := f.Save(name + ext); err != nil {
				log.Fatal(err)
			}
		}
	}
	log.Print("wrote lorenz.png, lorenz.svg, distribution.png, distribution.svg")
}
