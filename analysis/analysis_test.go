package analysis_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/internal/testenv"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

// recompute checks every measure of r against the stats functions applied
// to r's own counts: the report must be reproducible from what it prints.
func recompute(t *testing.T, r *analysis.Result) {
	t.Helper()
	c := r.Counts
	want := map[string]func() (float64, error){
		"entropy":            func() (float64, error) { return stats.Entropy(c) },
		"normalized_entropy": func() (float64, error) { return stats.NormalizedEntropy(c) },
		"pielou_evenness":    func() (float64, error) { return stats.Pielou(c) },
		"hill_1":             func() (float64, error) { return stats.Hill(c, 1) },
		"hhi":                func() (float64, error) { return stats.HHI(c) },
		"gini":               func() (float64, error) { return stats.Gini(c) },
		"theil_t":            func() (float64, error) { return stats.TheilT(c) },
		"top1_share":         func() (float64, error) { return stats.TopShare(c, 1) },
		"kl_uniform":         func() (float64, error) { return stats.KL(c, stats.Uniform(len(c))) },
	}
	for name, f := range want {
		m, ok := r.Measure(analysis.MeasureName(name))
		if !ok {
			t.Errorf("no measure %s", name)
			continue
		}
		v, err := f()
		if err != nil || math.Abs(v-m.Estimate) > 1e-12 {
			t.Errorf("%s = %v, recomputed %v (%v)", name, m.Estimate, v, err)
		}
		if !(m.Lo <= m.Estimate+1e-12 && m.Estimate <= m.Hi+1e-12) && name != "hill_0" {
			t.Errorf("%s: estimate %v outside [%v, %v]", name, m.Estimate, m.Lo, m.Hi)
		}
	}
	var total float64
	for _, x := range c {
		total += x
	}
	if int64(total)+r.Unassigned != r.Examples {
		t.Errorf("counts add up to %v, with %d unassigned, for %d examples", total, r.Unassigned, r.Examples)
	}
}

func TestAnalyzeFixture(t *testing.T) {
	for _, level := range []taxonomy.Level{taxonomy.Group, taxonomy.Occupation} {
		r, err := analysis.Analyze("../testdata/dolly_export.csv", analysis.Options{Level: level, Bootstrap: stats.BootstrapOptions{Resamples: 200}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Examples != 3 || len(r.Counts) != taxonomy.SOC().Size(level) || r.Format != "dolly" {
			t.Fatalf("%+v", r)
		}
		recompute(t, r)
		if (r.Workforce != nil) != (level == taxonomy.Group) {
			t.Errorf("workforce comparison at the %s level: %v", level, r.Workforce)
		}
	}
}

func TestAnalyzeShared(t *testing.T) {
	data := filepath.Join(testenv.Shared(t), "data")
	r, err := analysis.Analyze(filepath.Join(data, "wizardlm/WizardLM_testset.jsonl"), analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Examples != 218 {
		t.Errorf("%d examples", r.Examples)
	}
	recompute(t, r)
	kl, _ := r.Measure("kl_workforce")
	covered, wf := []float64{}, []float64{}
	for i, w := range taxonomy.Workforce() {
		if w > 0 {
			covered, wf = append(covered, r.Counts[i]), append(wf, w)
		}
	}
	if v, _ := stats.KL(covered, wf); math.Abs(v-kl.Estimate) > 1e-12 {
		t.Errorf("kl_workforce %v, recomputed %v", kl.Estimate, v)
	}
}
