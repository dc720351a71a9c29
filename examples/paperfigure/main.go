// Command paperfigure reproduces the distribution analysis of the
// OccuQuest paper (arXiv 2310.16517) for Dolly, ShareGPT, WizardLM and
// OccuQuest: it classifies every example with the default model, measures
// each dataset in the paper's own 26 Workable categories (SOC major groups
// or occupations with -level), and writes every comparison figure and a
// Markdown table.
//
//	go run ./examples/paperfigure                       # the fixtures in testdata/
//	go run ./examples/paperfigure -dolly databricks-dolly-15k.jsonl \
//	    -sharegpt ShareGPT_V3_unfiltered_cleaned_split.json \
//	    -wizardlm alpaca_evol_instruct_70k.json \
//	    -occuquest 'occuquest/data/train-*.parquet' -o paper
//
// See README.md for where each dataset is published.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/internal/repo"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	root := repo.Root()
	dolly := flag.String("dolly", filepath.Join(root, "testdata/dolly.jsonl"), "Dolly file(s), a glob")
	sharegpt := flag.String("sharegpt", filepath.Join(root, "testdata/sharegpt.json"), "ShareGPT file(s), a glob")
	wizardlm := flag.String("wizardlm", filepath.Join(root, "testdata/wizardlm_evol.json"), "WizardLM file(s), a glob")
	occuquest := flag.String("occuquest", filepath.Join(root, "testdata/occuquest_*.parquet"), "OccuQuest Parquet file(s), a glob")
	out := flag.String("o", "paperfigure", "output directory")
	level := flag.String("level", "category", "category (the paper's 26), group (SOC major group) or occupation")
	resamples := flag.Int("resamples", 1000, "bootstrap resamples")
	flag.Parse()

	l, err := taxonomy.ParseLevel(*level)
	if err != nil {
		log.Fatal(err)
	}
	var results []analysis.Named
	for _, ds := range []struct{ name, glob string }{
		{"Dolly", *dolly}, {"ShareGPT", *sharegpt}, {"WizardLM", *wizardlm}, {"OccuQuest", *occuquest},
	} {
		files, err := filepath.Glob(ds.glob)
		if err != nil || len(files) == 0 {
			log.Fatalf("%s: no file matches %q", ds.name, ds.glob)
		}
		r, err := analysis.AnalyzeFiles(files, analysis.Options{Level: l, Bootstrap: stats.BootstrapOptions{Resamples: *resamples, Seed: 1}})
		if err != nil {
			log.Fatalf("%s: %v", ds.name, err)
		}
		fmt.Printf("%-10s %7d examples from %d file(s)", ds.name, r.Examples, len(files))
		if a := r.Agreement; a != nil {
			fmt.Printf("; its own category agrees with the model's on %d of %d", a.Agreed, a.Compared)
		}
		fmt.Println()
		results = append(results, analysis.Named{Name: ds.name, Result: r})
	}
	figs, err := analysis.Figures(results, 0)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	names := make([]string, 0, len(figs))
	for k := range figs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, ext := range []string{"png", "svg"} {
			if err := figs[k].Save(filepath.Join(*out, k+"."+ext)); err != nil {
				log.Fatal(err)
			}
		}
	}
	table := analysis.Markdown(results)
	if err := os.WriteFile(filepath.Join(*out, "measures.md"), []byte(table), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%s\nfigures and measures.md written to %s\n", table, *out)
}
