package analysis_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/analysis"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/testenv"
	"github.com/occubias/occubias/internal/toy"
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
	for _, level := range taxonomy.Levels() {
		r, err := analysis.Analyze("../testdata/dolly_export.csv", analysis.Options{Level: level, Bootstrap: stats.BootstrapOptions{Resamples: 200}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Examples != 3 || len(r.Counts) != taxonomy.SOC().Size(level) || r.Format != "dolly" {
			t.Fatalf("%+v", r)
		}
		recompute(t, r)
		// The SOC taxonomy has a workforce reference at every level, whose
		// shares add up to one.
		if r.Workforce == nil || len(r.Workforce.Shares) != len(r.Counts) {
			t.Fatalf("no workforce comparison at the %s level", level)
		}
		var sum float64
		for _, s := range r.Workforce.Shares {
			sum += s
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: workforce shares add up to %v", level, sum)
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

// TestAgreementWithOccuQuestLabels: OccuQuest files carry their category,
// spelled as Workable spells it; the model's categories are compared with
// them, and names differing only in case, spaces and "&" count as equal.
func TestAgreementWithOccuQuestLabels(t *testing.T) {
	r, err := analysis.Analyze("../testdata/occuquest_train.parquet", analysis.Options{Level: taxonomy.Category, Bootstrap: stats.BootstrapOptions{Resamples: 50}})
	if err != nil {
		t.Fatal(err)
	}
	a := r.Agreement
	if a == nil || a.Compared != 5 || a.Unknown != 0 || a.Rate != float64(a.Agreed)/5 {
		t.Fatalf("agreement %+v", a)
	}
	// Recount: the model's category of each example against its label.
	m, _ := classify.Default()
	exs, _, err := occubias.ReadAll("../testdata/occuquest_train.parquet", occubias.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var agreed int64
	for _, ex := range exs {
		if m.Predict(ex.Prompt(), classify.PredictOptions{}).Category.Code == ex.Label("category") {
			agreed++
		}
	}
	if agreed != a.Agreed {
		t.Errorf("agreed %d, recounted %d", a.Agreed, agreed)
	}
	for _, c := range [][2]string{{"Law enforcement&Security", "law enforcement & security"}, {"IT and Development", " IT  and development"}} {
		if analysis.NormalizeLabel(c[0]) != analysis.NormalizeLabel(c[1]) {
			t.Errorf("%q and %q differ", c[0], c[1])
		}
	}
	if analysis.NormalizeLabel("Sales") == analysis.NormalizeLabel("Retail") {
		t.Error("Sales and Retail equal")
	}
	// Dolly's category labels (closed_qa) name no Workable category.
	r, err = analysis.Analyze("../testdata/dolly.jsonl", analysis.Options{Level: taxonomy.Category, Bootstrap: stats.BootstrapOptions{Resamples: 50}})
	if err != nil || r.Agreement != nil {
		t.Errorf("dolly: agreement %+v, %v", r.Agreement, err)
	}
}

// TestLevelTheModelLacks: a model whose taxonomy has no categories says
// so, instead of counting nothing.
func TestLevelTheModelLacks(t *testing.T) {
	_, err := analysis.Analyze("../testdata/dolly.jsonl", analysis.Options{Model: toy.Model(t), Level: taxonomy.Category})
	if err == nil || !strings.Contains(err.Error(), "has no category level") {
		t.Errorf("err = %v", err)
	}
}
