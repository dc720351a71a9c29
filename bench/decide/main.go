// Command decide compares ways of reading the default model's
// probabilities as an answer, on gold files (docs/CLASSIFIER.md, "Decision"
// and "Categories"):
//
//	group-first:  the most probable group, the best occupation within it
//	independent:  the most probable group and the most probable occupation
//	occupation-first: the most probable occupation and its group (Predict)
//
// and, at the category level (gold: the category of the gold occupation),
// the category of the answered occupation against the category of highest
// summed probability (Predict).
//
// Usage: go run ./bench/decide GOLD.jsonl...
package main

import (
	"fmt"
	"os"
	"slices"

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
	tax := m.Taxonomy()
	for _, f := range os.Args[1:] {
		examples, err := gold.Read(f, occubias.ReadOptions{})
		if err != nil {
			panic(err)
		}
		var n, gA, oA, gB, oB, gC, oC, cOcc, cSum int
		for _, g := range examples {
			gi := tax.Index(taxonomy.Group, g.Major)
			if gi < 0 {
				continue
			}
			oi := tax.Index(taxonomy.Occupation, g.Code)
			n++
			p, probs := m.PredictWithProbabilities(g.Text, classify.PredictOptions{})
			pg, po := probs.Group, probs.Occupation
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
			// categories
			if oi >= 0 && tax.Has(taxonomy.Category) {
				want := tax.CategoryOf(oi)
				cOcc += b(tax.CategoryOf(p.Occupation.Index) == want)
				cSum += b(p.Category.Index == want)
			}
		}
		fn := float64(n)
		fmt.Printf("%s n=%d (group/occupation accuracy)\n  group-first %.3f/%.3f\n  independent %.3f/%.3f\n  occupation-first %.3f/%.3f\n", f, n, float64(gA)/fn, float64(oA)/fn, float64(gB)/fn, float64(oB)/fn, float64(gC)/fn, float64(oC)/fn)
		fmt.Printf("  category: of the answered occupation %.3f, most probable category %.3f\n", float64(cOcc)/fn, float64(cSum)/fn)
	}
}

func b(x bool) int {
	if x {
		return 1
	}
	return 0
}

func argmax(x []float64) int { return slices.Index(x, slices.Max(x)) }
