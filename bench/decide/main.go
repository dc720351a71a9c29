// Command decide compares three ways of reading the default model's
// probabilities as an answer, on gold files (docs/CLASSIFIER.md, "Decision"):
//
//	group-first:  the most probable group, the best occupation within it
//	independent:  the most probable group and the most probable occupation
//	occupation-first: the most probable occupation and its group (Predict)
//
// Usage: go run ./bench/decide GOLD.jsonl...
package main

import (
	"fmt"
	"os"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	m, err := classify.Default()
	if err != nil {
		panic(err)
	}
	for _, f := range os.Args[1:] {
		gold, err := gold.Read(f, occubias.ReadOptions{})
		if err != nil {
			panic(err)
		}
		tax := m.Taxonomy()
		var n, gA, oA, gB, oB, gC, oC int
		for _, g := range gold {
			gi := tax.Index(taxonomy.Group, g.Major)
			if gi < 0 {
				continue
			}
			oi := tax.Index(taxonomy.Occupation, g.Code)
			n++
			pg, po := m.Probabilities(g.Text)
			// group-first
			ga := argmax(pg)
			best := -1
			for o := range po {
				if tax.GroupOf(o) == ga && (best < 0 || po[o] > po[best]) {
					best = o
				}
			}
			gA += b(ga == gi)
			oA += b(best == oi)
			// independent
			ob := argmax(po)
			gB += b(ga == gi)
			oB += b(ob == oi)
			// occupation-first
			gC += b(tax.GroupOf(ob) == gi)
			oC += b(ob == oi)
		}
		fn := float64(n)
		fmt.Printf("%s n=%d (group/occupation accuracy)\n  group-first %.3f/%.3f\n  independent %.3f/%.3f\n  occupation-first %.3f/%.3f\n", f, n, float64(gA)/fn, float64(oA)/fn, float64(gB)/fn, float64(oB)/fn, float64(gC)/fn, float64(oC)/fn)
	}
}

func b(x bool) int {
	if x {
		return 1
	}
	return 0
}

func argmax(x []float64) int {
	j := 0
	for i := range x {
		if x[i] > x[j] {
			j = i
		}
	}
	return j
}
