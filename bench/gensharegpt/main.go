// Command gensharegpt writes a large ShareGPT-format JSON array for the
// reading benchmark, built from the real prompts of the datasets given.
//
//	go run ./bench/gensharegpt -size 1GiB -out /tmp/sharegpt_1g.json ../shared/data/sharegpt/*.json
//
// Each conversation pairs a real prompt with another real prompt as the
// reply, so lengths and characters are those of real data; ids are unique.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/occubias/occubias"
)

func main() {
	size := flag.String("size", "1GiB", "size to reach: bytes, or with a KiB, MiB or GiB suffix")
	out := flag.String("out", "sharegpt_large.json", "output file")
	flag.Parse()
	target, err := parseSize(*size)
	if err != nil {
		log.Fatal(err)
	}
	var prompts []string
	for _, path := range flag.Args() {
		exs, _, err := occubias.ReadAll(path, occubias.ReadOptions{})
		if err != nil {
			log.Fatal(err)
		}
		for _, ex := range exs {
			if p := ex.Prompt(); p != "" {
				prompts = append(prompts, p)
			}
		}
	}
	if len(prompts) == 0 {
		log.Fatal("no prompts: give dataset files as arguments")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	type turn struct {
		From  string `json:"from"`
		Value string `json:"value"`
	}
	type conv struct {
		ID            string `json:"id"`
		Conversations []turn `json:"conversations"`
	}
	var written int64
	w.WriteString("[\n")
	n := 0
	for written < target {
		c := conv{ID: "gen_" + strconv.Itoa(n)}
		for t := 0; t < 1+rng.IntN(3); t++ {
			c.Conversations = append(c.Conversations,
				turn{"human", prompts[rng.IntN(len(prompts))]},
				turn{"gpt", prompts[rng.IntN(len(prompts))]})
		}
		b, _ := json.Marshal(c)
		if n > 0 {
			w.WriteString(",\n")
		}
		w.Write(b)
		written += int64(len(b)) + 2
		n++
	}
	w.WriteString("\n]\n")
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d conversations, %d bytes\n", *out, n, written)
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSuffix(s, suffix), m
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return int64(v * float64(mult)), err
}
