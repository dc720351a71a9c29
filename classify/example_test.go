package classify_test

import (
	"fmt"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
)

func ExampleModel_Predict() {
	m, err := classify.Default()
	if err != nil {
		panic(err)
	}
	for _, text := range []string{
		"Write a Python function that merges two sorted lists.",
		"Plan a week of lessons on fractions for my fourth-grade class.",
	} {
		p := m.Predict(text, classify.PredictOptions{})
		fmt.Printf("%s %s / %s\n", p.Group.Code, p.Group.Title, p.Occupation.Title)
	}
	// Output:
	// 15 Computer and Mathematical / Software Developers
	// 25 Educational Instruction and Library / Elementary School Teachers, Except Special Education
}

func ExampleModel_PredictTexts() {
	m, err := classify.Default()
	if err != nil {
		panic(err)
	}
	preds := m.PredictTexts([]string{
		"Draft a lease agreement clause about late rent payments.",
		"What should I feed a puppy with an upset stomach?",
	}, classify.PredictOptions{})
	for _, p := range preds {
		fmt.Printf("%s / %s\n", p.Group.Title, p.Occupation.Title)
	}
	// Output:
	// Management / Property, Real Estate, and Community Association Managers
	// Healthcare Practitioners and Technical / Veterinarians
}

func ExampleModel_ClassifyStream() {
	m, err := classify.Default()
	if err != nil {
		panic(err)
	}
	data := `{"instruction": "Write a Python function that merges two sorted lists.", "input": "", "output": ""}
{"instruction": "Plan a week of lessons on fractions for my fourth-grade class.", "input": "", "output": ""}`
	r, err := occubias.NewReader(strings.NewReader(data), "mix.jsonl", occubias.ReadOptions{})
	if err != nil {
		panic(err)
	}
	perGroup := map[string]int{}
	err = m.ClassifyStream(r, classify.StreamOptions{}, func(ex occubias.Example, p classify.Prediction) error {
		perGroup[p.Group.Code]++
		fmt.Println(ex.ID, p.Group.Code)
		return nil
	})
	fmt.Println(len(perGroup), "groups", err)
	// Output:
	// mix.jsonl#0 15
	// mix.jsonl#1 25
	// 2 groups <nil>
}
