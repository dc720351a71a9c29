// Command catrule compares two ways of answering at the category level on
// the dev sets: the category of the answered occupation, and the category
// of highest summed occupation probability.
//
//	go run ./bench/catrule ../shared/gold/dev.jsonl ../shared/gold/dev_generated.jsonl
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	m, err := classify.Default()
	if err != nil {
		log.Fatal(err)
	}
	soc := taxonomy.SOC()
	for _, path := range os.Args[1:] {
		exs, err := gold.Read(path, occubias.ReadOptions{})
		if err != nil {
			log.Fatal(err)
		}
		var n, byOcc, bySum int
		for _, g := range exs {
			o := soc.Index(taxonomy.Occupation, g.Code)
			if o < 0 {
				continue
			}
			want := soc.CategoryOf(o)
			n++
			p := m.Predict(g.Text, classify.PredictOptions{})
			if soc.CategoryOf(soc.Index(taxonomy.Occupation, p.Occupation.Code)) == want {
				byOcc++
			}
			_, occ := m.Probabilities(g.Text)
			sum := make([]float64, soc.Size(taxonomy.Category))
			for i, q := range occ {
				sum[soc.CategoryOf(i)] += q
			}
			best := 0
			for c := range sum {
				if sum[c] > sum[best] {
					best = c
				}
			}
			if best == want {
				bySum++
			}
		}
		fmt.Printf("%s: n=%d category of the occupation %.3f, most probable category %.3f\n", path, n, float64(byOcc)/float64(n), float64(bySum)/float64(n))
	}
}
