// Command predict times the default model (or $MODEL) on prompts, one
// per line: the best of five passes over the first 30,000 on one
// goroutine, in µs a prompt, with an optional CPU profile of all five
// (docs/BENCHMARKS.md, "Classification"):
//
//	go run ./bench/predict PROMPTS.txt [CPU.prof]
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"time"

	"github.com/occubias/occubias/classify"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: predict PROMPTS.txt [CPU.prof]")
	}
	m, err := classify.Default()
	if p := os.Getenv("MODEL"); p != "" {
		m, err = classify.Load(p)
	}
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var texts []string
	for sc.Scan() && len(texts) < 30000 {
		texts = append(texts, sc.Text())
	}
	if len(os.Args) > 2 {
		pf, err := os.Create(os.Args[2])
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(pf)
		defer pprof.StopCPUProfile()
	}
	best := time.Duration(1<<63 - 1)
	for range 5 {
		t := time.Now()
		for _, s := range texts {
			m.Predict(s, classify.PredictOptions{})
		}
		best = min(best, time.Since(t))
	}
	fmt.Printf("%d prompts, best of 5 on one goroutine: %.1f µs a prompt\n", len(texts), float64(best.Microseconds())/float64(len(texts)))
}
