// Package analysis runs the whole pipeline on a dataset: read every
// example, classify it, count the examples per category of one taxonomy
// level, and measure how balanced those counts are, with bootstrap
// confidence intervals, against the uniform spread and, for SOC major
// groups, the US workforce.
package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

// Options configures Analyze. The zero value uses the default model at
// the group level with 2,000-resample 95% percentile intervals.
type Options struct {
	// Model classifies the examples; nil means classify.Default().
	Model *classify.Model
	// Level is the taxonomy level counted.
	Level taxonomy.Level
	// Read configures reading the dataset.
	Read occubias.ReadOptions
	// Classify sets the side classified, the abstain threshold and workers.
	Classify classify.StreamOptions
	// Bootstrap configures the intervals (default: 2,000-resample 95%
	// percentile intervals).
	//
	// The plug-in entropy, Gini and coverage of sparse counts are biased
	// (a resample loses rare categories), so at the occupation level, where
	// most categories hold a few examples, the resampled values sit mostly
	// on one side of the estimate and both percentile and BCa intervals can
	// exclude it. The interval then shows the estimator's sampling spread
	// and bias, not a range around the estimate.
	Bootstrap stats.BootstrapOptions
	// OnPrediction, when set, is called with every example and its
	// prediction, in input order (to write predictions while analysing).
	OnPrediction func(occubias.Example, classify.Prediction) error
}

// Measure is one named measure with its confidence interval.
type Measure struct {
	Name MeasureName `json:"name"`
	// Unit is "nats", "bits", "categories", "share" or "" (a ratio).
	Unit string `json:"unit,omitempty"`
	stats.Interval
}

// MeasureName names a measure of Measures; it is also its key in JSON
// reports.
type MeasureName string

// The measures of Measures, in their order. The workforce ones are there
// only when a workforce reference is.
const (
	// Entropy is the Shannon entropy of the shares, in nats (stats.Entropy).
	Entropy MeasureName = "entropy"
	// EntropyBits is the the same entropy in bits.
	EntropyBits MeasureName = "entropy_bits"
	// NormalizedEntropy is the entropy over ln k, in [0, 1].
	NormalizedEntropy MeasureName = "normalized_entropy"
	// PielouEvenness is the entropy over ln S, S the categories observed.
	PielouEvenness MeasureName = "pielou_evenness"
	// Hill0 is the Hill number of order 0: the categories observed.
	Hill0 MeasureName = "hill_0"
	// Hill1 is the Hill number of order 1, exp(entropy): effective categories.
	Hill1 MeasureName = "hill_1"
	// Hill2 is the Hill number of order 2, 1/HHI.
	Hill2 MeasureName = "hill_2"
	// HillInf is the Hill number of order ∞, 1/max share.
	HillInf MeasureName = "hill_inf"
	// HHI is the Herfindahl–Hirschman index, Σ p_i².
	HHI MeasureName = "hhi"
	// Gini is the Gini coefficient of the counts.
	Gini MeasureName = "gini"
	// GiniCorrected is the Gini coefficient times k/(k−1).
	GiniCorrected MeasureName = "gini_corrected"
	// TheilT is the Theil T index, in nats.
	TheilT MeasureName = "theil_t"
	// CoverageShare is the share of categories with at least one example.
	CoverageShare MeasureName = "coverage_share"
	// Coverage1Pct is the categories holding at least 1% of the examples.
	Coverage1Pct MeasureName = "coverage_1pct"
	// Top1Share is the share of the largest category.
	Top1Share MeasureName = "top1_share"
	// Top5Share is the share of the five largest categories.
	Top5Share MeasureName = "top5_share"
	// Top10Share is the share of the ten largest categories.
	Top10Share MeasureName = "top10_share"
	// KLUniform is the KL divergence from the uniform spread, in nats.
	KLUniform MeasureName = "kl_uniform"
	// JSDistanceUniform is the Jensen–Shannon distance from the uniform spread (base 2).
	JSDistanceUniform MeasureName = "js_distance_uniform"
	// TotalVariationUniform is the total variation distance from the uniform spread.
	TotalVariationUniform MeasureName = "total_variation_uniform"
	// KLWorkforce is the KL divergence from the workforce shares, in nats.
	KLWorkforce MeasureName = "kl_workforce"
	// JSDistanceWorkforce is the Jensen–Shannon distance from the workforce shares.
	JSDistanceWorkforce MeasureName = "js_distance_workforce"
	// TotalVariationWorkforce is the total variation distance from the workforce shares.
	TotalVariationWorkforce MeasureName = "total_variation_workforce"
)

// Result is the analysis of one dataset at one taxonomy level.
type Result struct {
	Source     string         `json:"source"`
	Format     string         `json:"format"`
	Examples   int64          `json:"examples"`
	Skipped    int64          `json:"skipped"`
	Unassigned int64          `json:"unassigned"`
	Level      taxonomy.Level `json:"level"`
	Taxonomy   string         `json:"taxonomy"`
	// Categories and Counts list every category of the level, zeros
	// included, in taxonomy order; unassigned examples are not counted.
	Categories []taxonomy.Class `json:"categories"`
	Counts     []float64        `json:"counts"`
	Measures   []Measure        `json:"measures"`
	// Workforce holds, for the SOC taxonomy, the share of US employment
	// (BLS OEWS May 2023) and the representation ratio p_i/q_i per class
	// (taxonomy.WorkforceAt).
	Workforce *WorkforceComparison `json:"workforce,omitempty"`
	// Agreement compares the model's categories with those the examples
	// carry (OccuQuest's category column), when they carry some.
	Agreement *Agreement `json:"label_agreement,omitempty"`
}

// Agreement counts how often the model's answer at one level agrees with
// a label the examples carry. Labels and answers are compared normalized
// (case, white space, "&" as "and"); labels that name no class of the
// level are counted apart, not compared.
type Agreement struct {
	Label    string  `json:"label"`
	Compared int64   `json:"compared"`
	Agreed   int64   `json:"agreed"`
	Rate     float64 `json:"rate"`
	// Unknown counts labels that name no class of the level.
	Unknown int64 `json:"unknown"`
}

// NormalizeLabel folds a category name for comparison: lower case, "&"
// as "and", runs of white space as one space. "Law enforcement&Security"
// and "Law Enforcement & Security" are equal.
func NormalizeLabel(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	return strings.Join(strings.Fields(s), " ")
}

// WorkforceComparison compares a dataset's shares with employment.
type WorkforceComparison struct {
	Shares []float64 `json:"shares"`
	// Ratio is the dataset share over the workforce share, per class; 0
	// where the dataset has no example, or the class no employment.
	// Classes OEWS does not cover (military, 55) have no workforce share
	// and are left out of the divergences.
	Ratio []float64 `json:"ratio"`
}

// Analyze reads, classifies and measures the dataset at path.
func Analyze(path string, o Options) (*Result, error) {
	return AnalyzeFiles([]string{path}, o)
}

// AnalyzeFiles analyses several files as one dataset (OccuQuest's six
// Parquet splits, say): their examples are counted together and measured
// once. Source names the first file.
func AnalyzeFiles(paths []string, o Options) (*Result, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("analysis: no file")
	}
	var res *Result
	for _, p := range paths {
		r, err := occubias.Open(p, o.Read)
		if err != nil {
			return res, err
		}
		res, err = count(res, r, o)
		r.Close()
		if err != nil {
			return res, err
		}
	}
	return res, measure(res, o)
}

// AnalyzeReader is Analyze on an open reader.
func AnalyzeReader(r *occubias.Reader, o Options) (*Result, error) {
	res, err := count(nil, r, o)
	if err != nil {
		return res, err
	}
	return res, measure(res, o)
}

func model(o Options) (*classify.Model, error) {
	if o.Model != nil {
		return o.Model, nil
	}
	return classify.Default()
}

// count classifies r's examples and adds them to res (nil: a new result).
func count(res *Result, r *occubias.Reader, o Options) (*Result, error) {
	m, err := model(o)
	if err != nil {
		return nil, err
	}
	tax := m.Taxonomy()
	if !tax.Has(o.Level) {
		return res, fmt.Errorf("analysis: the model's taxonomy %s has no %s level", tax.Name, o.Level)
	}
	if res == nil {
		res = &Result{Level: o.Level, Taxonomy: tax.Name, Categories: tax.Classes(o.Level)}
		res.Counts = make([]float64, tax.Size(o.Level))
	}
	// The examples' own category labels, compared with the model's
	// categories (OccuQuest carries them).
	// Each category by its folded name; each label seen, by its raw text,
	// to the category it names (−1: none), so that a label is folded once.
	known := map[string]int{}
	for i, c := range tax.Classes(taxonomy.Category) {
		known[NormalizeLabel(c.Code)] = i
	}
	labelClass := map[string]int{}
	agree := res.Agreement
	if agree == nil {
		agree = &Agreement{Label: "category"}
	}
	err = m.ClassifyStream(r, o.Classify, func(ex occubias.Example, p classify.Prediction) error {
		res.Examples++
		if p.Unassigned {
			res.Unassigned++
		} else if i := p.Class(o.Level).Index; i >= 0 {
			res.Counts[i]++
		}
		if label := ex.Label("category"); label != "" && len(known) > 0 {
			c, seen := labelClass[label]
			if !seen {
				var ok bool
				if c, ok = known[NormalizeLabel(label)]; !ok {
					c = -1
				}
				labelClass[label] = c
			}
			if c < 0 {
				agree.Unknown++
			} else {
				agree.Compared++
				if c == p.Category.Index {
					agree.Agreed++
				}
			}
		}
		if o.OnPrediction != nil {
			return o.OnPrediction(ex, p)
		}
		return nil
	})
	if agree.Compared > 0 {
		agree.Rate = float64(agree.Agreed) / float64(agree.Compared)
		res.Agreement = agree
	}
	st := r.Stats()
	if res.Source == "" {
		res.Source, res.Format = st.Source, string(st.Format)
	}
	res.Skipped += st.Skipped
	return res, err
}

// measure fills in the measures and the workforce comparison of res.
func measure(res *Result, o Options) error {
	var workforce []float64
	if res.Taxonomy == taxonomy.SOC().Name && len(res.Counts) == taxonomy.SOC().Size(res.Level) {
		workforce = taxonomy.WorkforceAt(res.Level)
	}
	var err error
	if res.Measures, err = Measures(res.Counts, workforce, o.Bootstrap); err != nil {
		return fmt.Errorf("%s: %w", res.Source, err)
	}
	if workforce != nil {
		wf := &WorkforceComparison{}
		wf.Shares, _ = stats.Shares(workforce)
		if wf.Ratio, err = stats.RepresentationRatio(res.Counts, workforce); err == nil {
			for i, x := range wf.Ratio {
				if math.IsInf(x, 0) {
					wf.Ratio[i] = 0 // no workforce share: see WorkforceComparison
				}
			}
			res.Workforce = wf
		}
	}
	return nil
}

// Measures computes every measure of counts with bootstrap intervals from
// one shared set of resamples. With a workforce reference (aligned with
// counts; zero where employment is not covered) it adds the divergences
// from it, over the categories the reference covers.
func Measures(counts, workforce []float64, bo stats.BootstrapOptions) ([]Measure, error) {
	k := len(counts)
	uniform := stats.Uniform(k)
	type def struct {
		name MeasureName
		unit string
		f    stats.Statistic
	}
	defs := []def{
		{Entropy, "nats", stats.Entropy},
		{EntropyBits, "bits", stats.EntropyBits},
		{NormalizedEntropy, "", stats.NormalizedEntropy},
		{PielouEvenness, "", stats.Pielou},
		{Hill0, "categories", func(c []float64) (float64, error) { return stats.Hill(c, 0) }},
		{Hill1, "categories", func(c []float64) (float64, error) { return stats.Hill(c, 1) }},
		{Hill2, "categories", func(c []float64) (float64, error) { return stats.Hill(c, 2) }},
		{HillInf, "categories", func(c []float64) (float64, error) { return stats.Hill(c, math.Inf(1)) }},
		{HHI, "", stats.HHI},
		{Gini, "", stats.Gini},
		{GiniCorrected, "", stats.GiniCorrected},
		{TheilT, "nats", stats.TheilT},
		{CoverageShare, "share", func(c []float64) (float64, error) { _, s, err := stats.Coverage(c, 0); return s, err }},
		{Coverage1Pct, "categories", func(c []float64) (float64, error) { n, _, err := stats.Coverage(c, 0.01); return float64(n), err }},
		{Top1Share, "share", func(c []float64) (float64, error) { return stats.TopShare(c, 1) }},
		{Top5Share, "share", func(c []float64) (float64, error) { return stats.TopShare(c, min(5, len(c))) }},
		{Top10Share, "share", func(c []float64) (float64, error) { return stats.TopShare(c, min(10, len(c))) }},
		{KLUniform, "nats", func(c []float64) (float64, error) { return stats.KL(c, uniform) }},
		{JSDistanceUniform, "", func(c []float64) (float64, error) { return stats.JSDistance(c, uniform) }},
		{TotalVariationUniform, "share", func(c []float64) (float64, error) { return stats.TotalVariation(c, uniform) }},
	}
	if workforce != nil {
		covered := func(c []float64) []float64 {
			out := make([]float64, 0, len(c))
			for i, x := range c {
				if workforce[i] > 0 {
					out = append(out, x)
				}
			}
			return out
		}
		wf := covered(workforce)
		defs = append(defs,
			def{KLWorkforce, "nats", func(c []float64) (float64, error) { return stats.KL(covered(c), wf) }},
			def{JSDistanceWorkforce, "", func(c []float64) (float64, error) { return stats.JSDistance(covered(c), wf) }},
			def{TotalVariationWorkforce, "share", func(c []float64) (float64, error) { return stats.TotalVariation(covered(c), wf) }},
		)
	}
	fs := make([]stats.Statistic, len(defs))
	for i, d := range defs {
		fs[i] = d.f
	}
	ivs, err := stats.BootstrapMany(counts, fs, bo)
	if err != nil {
		return nil, err
	}
	out := make([]Measure, len(defs))
	for i, d := range defs {
		out[i] = Measure{Name: d.name, Unit: d.unit, Interval: ivs[i]}
	}
	return out, nil
}

// Measure returns the named measure of r, or false.
func (r *Result) Measure(name MeasureName) (Measure, bool) {
	for _, m := range r.Measures {
		if m.Name == name {
			return m, true
		}
	}
	return Measure{}, false
}
