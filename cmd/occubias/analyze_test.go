package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"github.com/occubias/occubias/internal/testenv"
	"github.com/occubias/occubias/stats"
)

// TestAnalyzeJSONRecomputes checks, as a user would, that the measures
// analyze --json prints follow from the counts it prints.
func TestAnalyzeJSONRecomputes(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	out, errOut, code := runCLI(t, "", "analyze", "--json", "--resamples", "200", filepath.Join(data, "mt_bench/question.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res []struct {
		Examples int64
		Counts   []float64
		Measures []struct {
			Name     string
			Estimate float64
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	r := res[0]
	got := map[string]float64{}
	for _, m := range r.Measures {
		got[m.Name] = m.Estimate
	}
	h, _ := stats.NormalizedEntropy(r.Counts)
	g, _ := stats.Gini(r.Counts)
	if r.Examples != 80 || math.Abs(got["normalized_entropy"]-h) > 1e-12 || math.Abs(got["gini"]-g) > 1e-12 {
		t.Errorf("examples %d, normalized entropy %v (recomputed %v), gini %v (recomputed %v)", r.Examples, got["normalized_entropy"], h, got["gini"], g)
	}
}
