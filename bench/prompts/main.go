// Command prompts prints the user side of every example of the datasets
// given, one per line with white space folded, repeated until at least
// -lines lines are written: the text input of the throughput benchmarks.
//
//	go run ./bench/prompts -lines 200000 ../shared/data/sharegpt/*.json > texts.txt
package main

import (
	"bufio"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/occubias/occubias"
)

func main() {
	lines := flag.Int("lines", 0, "repeat the prompts until at least this many lines are written")
	flag.Parse()
	var prompts []string
	for _, arg := range flag.Args() {
		paths, err := occubias.DatasetFiles(arg)
		if err != nil {
			log.Fatal(err)
		}
		for _, path := range paths {
			exs, _, err := occubias.ReadAll(path, occubias.ReadOptions{})
			if err != nil {
				log.Fatal(err)
			}
			for _, ex := range exs {
				if p := strings.Join(strings.Fields(ex.Prompt()), " "); p != "" {
					prompts = append(prompts, p)
				}
			}
		}
	}
	if len(prompts) == 0 {
		log.Fatal("no prompts")
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for n := 0; n == 0 || n < *lines; {
		for _, p := range prompts {
			w.WriteString(p)
			w.WriteByte('\n')
			n++
		}
	}
}
