// Command calibrate measures what a temperature would do to the default
// model's group calibration: each text's group probabilities raised to
// the power 1/T and normalized again (T < 1 sharpens them), and the
// expected calibration error of the answered group on each gold file
// (docs/CLASSIFIER.md, fifth round):
//
//	go run ./bench/calibrate ../shared/gold/dev.jsonl ../shared/gold/dev_generated.jsonl
package main

import (
	"fmt"
	"log"
	"math"
	"os"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/eval"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	m, err := classify.Default()
	if err != nil {
		log.Fatal(err)
	}
	tax := m.Taxonomy()
	temperatures := []float64{0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3}
	fmt.Printf("%-40s", "gold file \\ T")
	for _, t := range temperatures {
		fmt.Printf(" %6.1f", t)
	}
	fmt.Println()
	for _, f := range os.Args[1:] {
		examples, err := gold.Read(f, occubias.ReadOptions{})
		if err != nil {
			log.Fatal(err)
		}
		var probs [][]float64
		var answers, gold []int
		for _, g := range examples {
			gi := tax.Index(taxonomy.Group, g.Major)
			if gi < 0 {
				continue
			}
			p, lp := m.PredictWithProbabilities(g.Text, classify.PredictOptions{})
			probs, answers, gold = append(probs, lp.Group), append(answers, p.Group.Index), append(gold, gi)
		}
		fmt.Printf("%-40s", f)
		for _, t := range temperatures {
			var n [eval.ECEBins]int
			var hit, conf [eval.ECEBins]float64
			for i, p := range probs {
				var z float64
				for _, q := range p {
					z += math.Pow(q, 1/t)
				}
				c := math.Pow(p[answers[i]], 1/t) / z
				b := min(int(c*eval.ECEBins), eval.ECEBins-1)
				n[b]++
				conf[b] += c
				if answers[i] == gold[i] {
					hit[b]++
				}
			}
			var ece float64
			for b := range n {
				ece += math.Abs(hit[b]-conf[b]) / float64(len(probs))
			}
			fmt.Printf(" %6.3f", ece)
		}
		fmt.Println()
	}
}
