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
	"time"

	"github.com/occubias/occubias/classify"
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
	conf := flag.Float64("conf", classify.DefaultSelfTraining().MinProb, "group probability a pseudo-label needs")
	uw := flag.Float64("uw", classify.DefaultSelfTraining().Weight, "weight of pseudo-labelled examples")
	wRare := flag.Float64("rare", 1, "weight of rare-enriched real examples")
	seed := flag.Uint64("seed", 1, "")
	wTopic := flag.Float64("topic", 0, "weight of train_generated topics as texts of their occupation")
	wResp := flag.Float64("resp", 0, "weight of train_generated responsibilities as texts of their occupation")
	save := flag.String("save", "", "write the model to this file")
	flag.Parse()
	s := "../shared/"
	var data []classify.Labeled
	real, _ := classify.ReadGold(s + "gold/train.jsonl")
	gen, _ := classify.ReadGold(s + "gold/train_generated.jsonl")
	for _, g := range gen {
		if *wTopic > 0 {
			data = append(data, classify.Labeled{Text: g.Topic, Occupation: g.Code, Weight: *wTopic, Source: "topic"})
		}
		if *wResp > 0 {
			data = append(data, classify.Labeled{Text: g.Responsibility, Occupation: g.Code, Weight: *wResp, Source: "responsibility"})
		}
	}
	for _, g := range real {
		w := *wReal
		if g.Sample == "rare-enriched" {
			w = *wRare
		}
		data = append(data, classify.GoldLabeled([]classify.GoldExample{g}, "real", w)...)
	}
	data = append(data, classify.GoldLabeled(gen, "gen", *wGen)...)
	on, err := classify.ReadONET(s+"data/onet", classify.ONETOptions{Titles: *wTitle, Descriptions: *wDesc, Tasks: *wTask, AlternateTitles: *wAlt})
	if err != nil {
		log.Fatal(err)
	}
	data = append(data, on...)
	o := classify.DefaultTrainOptions()
	o.Epochs, o.LearningRate, o.Mix, o.MaxWeights, o.MinCount = *epochs, *lr, *mix, *maxw, *minc
	o.Features.Bigrams, o.Features.Stem = *bigrams, *stem
	o.Seed = *seed
	t0 := time.Now()
	m, rep, err := classify.Train(classify.SOC(), data, o)
	if err != nil {
		log.Fatal(err)
	}
	if *self {
		texts, err := classify.DefaultSpec("../shared").UnlabeledTexts()
		if err != nil {
			log.Fatal(err)
		}
		extra := classify.PseudoLabel(m, texts, classify.SelfTraining{MinProb: *conf, Weight: *uw}, classify.SelfTrainingSource)
		fmt.Printf("self-training: %d of %d unlabelled texts added\n", len(extra), len(texts))
		m, rep, err = classify.Train(classify.SOC(), append(data, extra...), o)
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
		g, _ := classify.ReadGold(s + "gold/" + f + ".jsonl")
		for _, mix := range []float64{0, 0.25, 0.5, 0.75, 1} {
			m.Mix = mix
			r := classify.Evaluate(m, g)
			fmt.Printf("%-14s mix %.2f n=%d group %.3f (top3 %.3f f1 %.3f ece %.3f) occ %.3f (top3 %.3f)\n", f, mix, r.Group.N, r.Group.Accuracy, r.Group.Top3, r.Group.MacroF1, r.Group.ECE, r.Occupation.Accuracy, r.Occupation.Top3)
		}
	}
}
