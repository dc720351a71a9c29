// Package toy makes a tiny taxonomy, training set and model for tests:
// five groups of two occupations, each occupation named by one keyword,
// so that a model trained on them must get every keyword right.
package toy

import (
	"fmt"
	"testing"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/taxonomy"
	"github.com/occubias/occubias/train"
)

// Words holds the keyword of each occupation, in taxonomy order.
var Words = []string{"scalpel", "invoice", "girder", "violin", "tractor", "subpoena", "spreadsheet", "stethoscope", "welding", "harvest"}

// Taxonomy has five groups (g0 to g4) of two occupations each (g0-o0,
// g0-o1, ...).
func Taxonomy(tb testing.TB) *taxonomy.Taxonomy {
	var groups, occs []taxonomy.Class
	for g := 0; g < 5; g++ {
		code := fmt.Sprintf("g%d", g)
		groups = append(groups, taxonomy.Class{Code: code, Title: "Group " + code})
		for o := 0; o < 2; o++ {
			occs = append(occs, taxonomy.Class{Code: fmt.Sprintf("%s-o%d", code, o), Title: "Occ", Parent: code})
		}
	}
	tax, err := taxonomy.New("test", groups, occs)
	if err != nil {
		tb.Fatal(err)
	}
	return tax
}

// Examples holds six texts per occupation of tax, each naming its
// keyword, and one group-only example: 61 in all, of source "toy".
func Examples(tax *taxonomy.Taxonomy) []train.Labeled {
	var out []train.Labeled
	for i, o := range tax.Occupations {
		for k := 0; k < 6; k++ {
			out = append(out, train.Labeled{Text: fmt.Sprintf("question %d about the %s and its use", k, Words[i]), Occupation: o.Code, Source: "toy"})
		}
	}
	out = append(out, train.Labeled{Text: "a general scalpel question", Group: "g0", Source: "toy"})
	return out
}

// Model trains a model on Examples with the default options (MinCount 1).
func Model(tb testing.TB) *classify.Model {
	tax := Taxonomy(tb)
	o := train.DefaultOptions()
	o.MinCount = 1
	m, rep, err := train.Train(tax, Examples(tax), o)
	if err != nil {
		tb.Fatal(err)
	}
	if rep.Examples != 61 || rep.Sources["toy"] != 61 {
		tb.Fatalf("report %+v", rep)
	}
	return m
}
