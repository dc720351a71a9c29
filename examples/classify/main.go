// Command classify labels each example of a dataset with its SOC major
// group and O*NET occupation using the embedded default model.
//
//	go run ./examples/classify testdata/sharegpt.json
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
)

func main() {
	path := "testdata/occuquest.jsonl"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	m, err := classify.Default()
	if err != nil {
		log.Fatal(err)
	}
	r, err := occubias.Open(path, occubias.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	err = m.ClassifyStream(r, classify.StreamOptions{}, func(ex occubias.Example, p classify.Prediction) error {
		fmt.Printf("%-20s %s %-45s %.2f  %s\n", ex.ID, p.Group.Code, p.Occupation.Title, p.Occupation.Prob, ex.Label("occupation"))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
}
