// Command sweep trains the default recipe with other weights and settings
// and prints dev accuracy at every group-head mix, the experiments of
// docs/CLASSIFIER.md:
//
//	go run ./bench/sweep -lr 3 -task 1 -alt 0.5 -maxw 1000000 -self -seed 2

package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"time"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/eval"
	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/internal/recipe"
	"github.com/occubias/occubias/taxonomy"
	"github.com/occubias/occubias/train"
)

func main() {
	epochs := flag.Int("epochs", 10, "")
	lr := flag.Float64("lr", 1.0, "")
	mix := flag.Float64("mix", 0.5, "")
	wTask := flag.Float64("task", 0.5, "")
	wAlt := flag.Float64("alt", 0.2, "")
	wTitle := flag.Float64("title", 1, "")
	wDesc := flag.Float64("desc", 1, "")
	wReal := flag.Float64("real", 1, "")
	wGen := flag.Float64("gen", 1, "")
	maxw := flag.Int("maxw", 0, "")
	bigrams := flag.Bool("bigrams", true, "")
	stem := flag.Bool("stem", true, "")
	minc := flag.Int("minc", 2, "")
	self := flag.Bool("self", false, "self-train on the default recipe's unlabelled prompts")
	conf := flag.Float64("conf", train.DefaultSelfTraining().MinProb, "group probability a pseudo-label needs")
	uw := flag.Float64("uw", train.DefaultSelfTraining().Weight, "weight of pseudo-labelled examples")
	wRare := flag.Float64("rare", 1, "weight of rare-enriched real examples")
	seed := flag.Uint64("seed", 1, "")
	wTopic := flag.Float64("topic", 0, "weight of train_generated topics as texts of their occupation")
	wResp := flag.Float64("resp", 0, "weight of train_generated responsibilities as texts of their occupation")
	save := flag.String("save", "", "write the model to this file")
	wTools := flag.Float64("tools", 0, "weight of O*NET 29.3 tools as texts of their occupation")
	wTech := flag.Float64("tech", 0, "weight of O*NET 29.3 technology skills")
	wDWA := flag.Float64("dwa", 0, "weight of O*NET 29.3 detailed work activities")
	wRep := flag.Float64("reported", 0, "weight of O*NET 29.3 reported job titles")
	wEm := flag.Float64("emerging", 0, "weight of O*NET 29.3 emerging tasks")
	confW := [4]float64{1, 1, 1, 1}
	flag.Float64Var(&confW[1], "conf1", 1, "weight factor of real labels of confidence 1")
	flag.Float64Var(&confW[2], "conf2", 1, "weight factor of real labels of confidence 2")
	balance := flag.Float64("balance", 0, "scale each labelled example's weight by (n_g/mean n)^-balance, n_g the weight of its group")
	flag.Parse()
	s := "../shared/"
	var data []train.Labeled
	real, _ := gold.Read(s+"gold/train.jsonl", occubias.ReadOptions{})
	gen, _ := gold.Read(s+"gold/train_generated.jsonl", occubias.ReadOptions{})
	for _, g := range gen {
		if *wTopic > 0 {
			data = append(data, train.Labeled{Text: g.Topic, Occupation: g.Code, Weight: *wTopic, Source: "topic"})
		}
		if *wResp > 0 {
			data = append(data, train.Labeled{Text: g.Responsibility, Occupation: g.Code, Weight: *wResp, Source: "responsibility"})
		}
	}
	for _, g := range real {
		w := *wReal
		if g.Sample == "rare-enriched" {
			w = *wRare
		}
		if g.Confidence > 0 && g.Confidence < len(confW) {
			w *= confW[g.Confidence]
		}
		data = append(data, train.GoldLabeled([]gold.Example{g}, "real", w)...)
	}
	data = append(data, train.GoldLabeled(gen, "gen", *wGen)...)
	on, err := train.ReadONET(s+"data/onet", train.ONETOptions{Titles: *wTitle, Descriptions: *wDesc, Tasks: *wTask, AlternateTitles: *wAlt})
	if err != nil {
		log.Fatal(err)
	}
	data = append(data, on...)
	know, err := train.ReadKnowledge(s+"data/onet_29_3", train.KnowledgeOptions{Tools: *wTools, Technology: *wTech, Activities: *wDWA, ReportedTitles: *wRep, EmergingTasks: *wEm})
	if err != nil {
		log.Fatal(err)
	}
	data = append(data, know...)
	if *balance > 0 {
		balanceGroups(data, *balance)
	}
	o := train.DefaultOptions()
	o.Epochs, o.LearningRate, o.Mix, o.MaxWeights, o.MinCount = *epochs, *lr, *mix, *maxw, *minc
	o.Features.Bigrams, o.Features.Stem = *bigrams, *stem
	o.Seed = *seed
	t0 := time.Now()
	m, rep, err := train.Train(taxonomy.SOC(), data, o)
	if err != nil {
		log.Fatal(err)
	}
	if *self {
		texts, err := recipe.Default("../shared").UnlabeledTexts()
		if err != nil {
			log.Fatal(err)
		}
		extra := train.PseudoLabel(m, texts, train.SelfTraining{MinProb: *conf, Weight: *uw}, train.SelfTrainingSource)
		fmt.Printf("self-training: %d of %d unlabelled texts added\n", len(extra), len(texts))
		m, rep, err = train.Train(taxonomy.SOC(), append(data, extra...), o)
		if err != nil {
			log.Fatal(err)
		}
	}
	if *save != "" {
		if err := m.Save(*save); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("train %.1fs examples %d features %d weights %v\n", time.Since(t0).Seconds(), rep.Examples, rep.Features, rep.Weights)
	for _, f := range []string{"dev", "dev_generated"} {
		g, _ := gold.Read(s+"gold/"+f+".jsonl", occubias.ReadOptions{})
		r := eval.Evaluate(m, g)
		fmt.Printf("%-14s mix %.2f n=%d group %.3f (top3 %.3f f1 %.3f ece %.3f) occ %.3f (top3 %.3f)\n", f, m.Mix(), r.Group.N, r.Group.Accuracy, r.Group.Top3, r.Group.MacroF1, r.Group.ECE, r.Occupation.Accuracy, r.Occupation.Top3)
	}
}

// balanceGroups reweights examples so that rare groups weigh more: each
// weight is scaled by (n_g / mean n)^-alpha, n_g the summed weight of
// the example's group.
func balanceGroups(data []train.Labeled, alpha float64) {
	group := func(l train.Labeled) string {
		if l.Group != "" {
			return l.Group
		}
		return l.Occupation[:2]
	}
	n := map[string]float64{}
	for _, l := range data {
		w := l.Weight
		if w == 0 {
			w = 1
		}
		n[group(l)] += w
	}
	var mean float64
	for _, v := range n {
		mean += v
	}
	mean /= float64(len(n))
	for i, l := range data {
		if l.Weight == 0 {
			data[i].Weight = 1
		}
		data[i].Weight *= math.Pow(n[group(l)]/mean, -alpha)
	}
}
