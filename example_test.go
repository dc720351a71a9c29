package occubias_test

import (
	"fmt"
	"strings"

	"github.com/occubias/occubias"
)

func ExampleOpen() {
	r, err := occubias.Open("testdata/occuquest_dialog.parquet", occubias.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for r.Next() {
		ex := r.Example()
		fmt.Printf("%s | %s | %d turns\n", ex.Label("occupation"), ex.FirstPrompt(), len(ex.Turns))
	}
	if err := r.Err(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(r.Format(), r.Stats().Read)
	// Output:
	// Airline Pilots, Copilots, and Flight Engineers | How do I hold a crab angle on short final? | 5 turns
	// Librarians and Media Collections Specialists | What is the CREW method? | 4 turns
	// occuquest 2
}

func ExampleNewReader_skipBad() {
	data := `{"instruction": "Tune a guitar to drop D.", "input": "", "output": "Lower the low E to D."}
{"instruction": 7, "input": "", "output": ""}
{"instruction": "Reset a tripped breaker.", "input": "", "output": "Switch it fully off, then on."}
`
	r, _ := occubias.NewReader(strings.NewReader(data), "mix.jsonl", occubias.ReadOptions{Policy: occubias.SkipBad})
	defer r.Close()
	for r.Next() {
		ex := r.Example()
		fmt.Println(ex.ID, ex.Prompt())
	}
	st := r.Stats()
	fmt.Println("read", st.Read, "skipped", st.Skipped)
	fmt.Println(st.Errors[0])
	// Output:
	// mix.jsonl#0 Tune a guitar to drop D.
	// mix.jsonl#2 Reset a tripped breaker.
	// read 2 skipped 1
	// mix.jsonl:2: malformed record: field "instruction" is a JSON number, want string
}
