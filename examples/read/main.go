// Command read streams a dataset of any supported format and prints each
// example's id, labels and prompt.
//
//	go run ./examples/read testdata/occuquest_dialog.parquet
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/occubias/occubias"
)

func main() {
	path := "testdata/dolly.jsonl"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	r, err := occubias.Open(path, occubias.ReadOptions{Policy: occubias.SkipBad})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	for r.Next() {
		ex := r.Example()
		fmt.Printf("%s %v\n  %.80q\n", ex.ID, ex.Labels, ex.Prompt())
	}
	if err := r.Err(); err != nil {
		log.Fatal(err)
	}
	st := r.Stats()
	fmt.Printf("%s: %s in %s, %d read, %d skipped\n", path, st.Format, st.Container, st.Read, st.Skipped)
	for _, e := range st.Errors {
		fmt.Println("  skipped:", e)
	}
}
