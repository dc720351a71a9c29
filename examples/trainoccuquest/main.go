// Command trainoccuquest trains a classifier over OccuQuest's own
// taxonomy — its 26 categories and 1,013 occupations, read from the
// category and occupation columns — and classifies a few requests with it.
//
//	go run ./examples/trainoccuquest -data 'OccuQuest/data/train-*.parquet' -o occuquest.occubias
//
// Without -data it trains on the OccuQuest-format fixtures in testdata/.
package main

import (
	"flag"
	"fmt"
	"log"
	"path/filepath"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/repo"
	"github.com/occubias/occubias/taxonomy"
	"github.com/occubias/occubias/train"
)

func main() {
	data := flag.String("data", "", "OccuQuest Parquet (or JSON/JSONL) files, a glob (default: testdata fixtures)")
	out := flag.String("o", "", "model file to write (default: none)")
	flag.Parse()
	glob := *data
	if glob == "" {
		glob = filepath.Join(repo.Root(), "testdata", "occuquest_*.parquet")
	}
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		log.Fatalf("no file matches %q", glob)
	}
	spec := train.Spec{
		Datasets:        files,
		GroupLabel:      "category",
		OccupationLabel: "occupation",
		FromLabels:      true,
		Options:         train.DefaultOptions(),
	}
	if *data == "" {
		spec.Options.MinCount = 1 // the fixtures are tiny
	}
	m, rep, err := spec.Train()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("trained on %d examples: %d categories, %d occupations, %d features\n",
		rep.Examples, m.Taxonomy().Size(taxonomy.Group), m.Taxonomy().Size(taxonomy.Occupation), rep.Features)
	for _, q := range []string{
		"How should I explain interdental cleaning to a patient who dislikes flossing?",
		"What pressure is used for annual fire hose service tests?",
	} {
		p := m.Predict(q, classify.PredictOptions{})
		fmt.Printf("%q\n  -> %s / %s (%.2f)\n", q, p.Group.Code, p.Occupation.Code, p.Occupation.Prob)
	}
	if *out != "" {
		if err := m.Save(*out); err != nil {
			log.Fatal(err)
		}
		fmt.Println("model written to", *out)
	}
}
