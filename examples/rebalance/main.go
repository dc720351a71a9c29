// Command rebalance reproduces the OccuQuest paper's remedy on our data:
// general instruction data (Dolly, ShareGPT, the WizardLM test set) serves
// few professions, so mix it with occupation-balanced requests written
// OccuQuest's way, in the proportions that bring the mix closest to an
// even spread over the 26 categories (balance.Mix), and compare the mix
// with the data concatenated.
//
//	go run ./examples/rebalance                  # the fixtures in testdata/
//	go run ./examples/rebalance -budget 50000 -dolly databricks-dolly-15k.jsonl \
//	    -sharegpt ShareGPT_V3_unfiltered_cleaned_split.json -wizardlm WizardLM_testset.jsonl \
//	    -occuquest 'OccuQuest/data/*.parquet'
package main

import (
	"flag"
	"fmt"
	"log"
	"path/filepath"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/internal/repo"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

func main() {
	root := repo.Root()
	dolly := flag.String("dolly", filepath.Join(root, "testdata/dolly.jsonl"), "Dolly file(s)")
	sharegpt := flag.String("sharegpt", filepath.Join(root, "testdata/sharegpt.json"), "ShareGPT file(s)")
	wizardlm := flag.String("wizardlm", filepath.Join(root, "testdata/wizardlm_testset.jsonl"), "WizardLM file(s)")
	occuquest := flag.String("occuquest", filepath.Join(root, "testdata/occuquest_*.parquet"), "OccuQuest-style requests")
	budget := flag.Int("budget", 12, "examples in the mix")
	flag.Parse()

	names := []string{"Dolly", "ShareGPT", "WizardLM", "OccuQuest"}
	var datasets [][]string
	for _, arg := range []string{*dolly, *sharegpt, *wizardlm, *occuquest} {
		files, err := occubias.DatasetFiles(arg)
		if err != nil {
			log.Fatal(err)
		}
		datasets = append(datasets, files)
	}
	o := analysis.BalanceOptions{Budget: *budget}
	o.Level = taxonomy.Category
	o.Bootstrap = stats.BootstrapOptions{Resamples: 100, Seed: 1}
	res, err := analysis.Plan(datasets, o)
	if err != nil {
		log.Fatal(err)
	}
	p := res.Plan
	fmt.Printf("%-10s %9s %8s %6s\n", "dataset", "examples", "weight", "take")
	for i, d := range res.Datasets {
		fmt.Printf("%-10s %9d %8.3f %6d\n", names[i], d.Examples-d.Unassigned, p.Weights[i], p.Examples[i])
	}
	fmt.Printf("divergence of the even spread from the mix: %.3f nats; from the data concatenated: %.3f nats\n", p.Divergence, p.Proportional)
	if len(p.Uncovered) > 0 {
		fmt.Printf("%d of the 26 categories are in no dataset and left out of the target\n", len(p.Uncovered))
	}
}
