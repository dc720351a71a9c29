// Command stack measures occupation profiles stacked on the default
// model: each occupation's training texts (and, optionally, its O*NET
// knowledge) summed into one TF-IDF profile over the model's features; a
// text's cosine to every profile, turned into probabilities by a softmax
// at temperature -tau, is mixed into the model's occupation
// probabilities with weight a. Dev figures for a grid of a and tau
// (docs/CLASSIFIER.md, fifth round):
//
//	go run ./bench/stack -knowledge 0.3
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"slices"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/linear"
	"github.com/occubias/occubias/taxonomy"
	"github.com/occubias/occubias/train"
)

func main() {
	know := flag.Float64("knowledge", 0, "weight of O*NET 29.3 tools, software and work activities in the profiles")
	onet := flag.Float64("onet", 1, "weight of O*NET titles, descriptions and tasks in the profiles")
	real := flag.Float64("real", 1, "weight of the real labelled prompts in the profiles")
	gen := flag.Float64("gen", 1, "weight of the generated requests in the profiles")
	flag.Parse()
	s := "../shared/"
	m, err := classify.Default()
	if err != nil {
		log.Fatal(err)
	}
	lm, err := linear.Decode(classify.DefaultModelBytes())
	if err != nil {
		log.Fatal(err)
	}
	table := linear.NewTable(lm.Hashes)
	tax := m.Taxonomy()
	var data []train.Labeled
	r, _ := gold.Read(s+"gold/train.jsonl", occubias.ReadOptions{})
	g, _ := gold.Read(s+"gold/train_generated.jsonl", occubias.ReadOptions{})
	data = append(data, train.GoldLabeled(r, "real", *real)...)
	data = append(data, train.GoldLabeled(g, "gen", *gen)...)
	on, err := train.ReadONET(s+"data/onet", train.ONETOptions{Titles: *onet, Descriptions: *onet, Tasks: *onet, AlternateTitles: *onet / 2})
	if err != nil {
		log.Fatal(err)
	}
	data = append(data, on...)
	if *know > 0 {
		k, err := train.ReadKnowledge(s+"data/onet_29_3", train.KnowledgeOptions{Tools: *know, Technology: *know, Activities: *know})
		if err != nil {
			log.Fatal(err)
		}
		data = append(data, k...)
	}
	no := tax.Size(taxonomy.Occupation)
	profiles := make([]map[int32]float64, no)
	var toks []byte
	var hashes []uint32
	var v linear.Sparse
	for _, l := range data {
		o := tax.Index(taxonomy.Occupation, l.Occupation)
		if o < 0 || l.Weight <= 0 {
			continue
		}
		toks, hashes = lm.Features.Hashes(l.Text, toks, hashes)
		linear.Vectorize(hashes, table, lm.IDF, &v)
		if profiles[o] == nil {
			profiles[o] = map[int32]float64{}
		}
		for k, row := range v.Idx {
			profiles[o][row] += l.Weight * float64(v.Val[k])
		}
	}
	// Postings: feature row → (occupation, normalized profile weight).
	type posting struct {
		occ int
		w   float64
	}
	postings := map[int32][]posting{}
	for o, p := range profiles {
		var norm float64
		for _, x := range p {
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for row, x := range p {
			postings[row] = append(postings[row], posting{o, x / norm})
		}
	}
	occGroup := tax.OccupationGroups()
	as := []float64{0, 0.1, 0.2, 0.3, 0.5, 1}
	taus := []float64{0.005, 0.01, 0.02}
	for _, f := range []string{"dev", "dev_generated"} {
		exs, _ := gold.Read(s+"gold/"+f+".jsonl", occubias.ReadOptions{})
		type cell struct{ g, o, n int }
		grid := make([][]cell, len(as))
		for i := range grid {
			grid[i] = make([]cell, len(taus))
		}
		sim := make([]float64, no)
		for _, e := range exs {
			gi := tax.Index(taxonomy.Group, e.Major)
			if gi < 0 {
				continue
			}
			oi := tax.Index(taxonomy.Occupation, e.Code)
			_, pOcc := m.Probabilities(e.Text)
			toks, hashes = lm.Features.Hashes(e.Text, toks, hashes)
			linear.Vectorize(hashes, table, lm.IDF, &v)
			clear(sim)
			for k, row := range v.Idx {
				for _, p := range postings[row] {
					sim[p.occ] += float64(v.Val[k]) * p.w
				}
			}
			for ti, tau := range taus {
				pc := make([]float64, no)
				mx := slices.Max(sim)
				var z float64
				for o := range pc {
					pc[o] = math.Exp((sim[o] - mx) / tau)
					z += pc[o]
				}
				for ai, a := range as {
					best, bp := -1, -1.0
					for o := range pc {
						if q := (1-a)*pOcc[o] + a*pc[o]/z; q > bp {
							best, bp = o, q
						}
					}
					c := &grid[ai][ti]
					c.n++
					if occGroup[best] == gi {
						c.g++
					}
					if best == oi {
						c.o++
					}
				}
			}
		}
		fmt.Println(f)
		for ai, a := range as {
			for ti, tau := range taus {
				c := grid[ai][ti]
				fmt.Printf("  a %.1f tau %.2f: group %.3f occ %.3f\n", a, tau, float64(c.g)/float64(c.n), float64(c.o)/float64(c.n))
			}
		}
	}
}
