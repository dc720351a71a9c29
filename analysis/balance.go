package analysis

import (
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/balance"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/stats"
	"github.com/occubias/occubias/taxonomy"
)

// BalanceOptions configures Balance and Plan.
type BalanceOptions struct {
	Options
	// Budget is how many examples to keep (Balance) or to mix (Plan).
	Budget int
	// Target is the spread to come close to, one weight per class of the
	// level (ReadTarget); nil is the uniform spread (maximum entropy).
	Target []float64
	// Seed breaks ties between equally sure examples.
	Seed uint64
}

// BalanceResult is what Balance kept of a dataset and how its spread
// changed.
type BalanceResult struct {
	// Before and After are the analyses of every example and of those
	// kept, with their measures and intervals.
	Before, After *Result
	// Selection says what was kept; its Indices number the examples of
	// all files in input order (the first file's first).
	Selection *balance.Selection
	// Bound is the highest normalized entropy the available counts allow
	// for the budget (water-filling); with the uniform target After's
	// normalized entropy equals it.
	Bound float64
	// TargetBefore and TargetAfter are the Jensen–Shannon distances (base
	// 2) of the spread from the target, with intervals.
	TargetBefore, TargetAfter stats.Interval
}

// Balance classifies the examples of paths, read as one dataset, and
// chooses at most o.Budget of them whose counts at o.Level come closest
// to o.Target (balance.Select): the surest examples of each category
// first, exact repeats of a text left out.
func Balance(paths []string, o BalanceOptions) (*BalanceResult, error) {
	var items []balance.Item
	on := o.OnPrediction
	o.OnPrediction = func(ex occubias.Example, p classify.Prediction) error {
		it := balance.Item{Category: -1, Key: textKey(ex.Prompt())}
		if !p.Unassigned {
			c := p.Class(o.Level)
			it.Category, it.Prob = c.Index, c.Prob
		}
		items = append(items, it)
		if on != nil {
			return on(ex, p)
		}
		return nil
	}
	before, err := AnalyzeFiles(paths, o.Options)
	if err != nil {
		return nil, err
	}
	k := len(before.Counts)
	if o.Target != nil && len(o.Target) != k {
		return nil, fmt.Errorf("analysis: a target of %d classes for the %d of the %s level", len(o.Target), k, o.Level)
	}
	sel, err := balance.Select(items, k, o.Target, o.Budget, o.Seed)
	if err != nil {
		return nil, err
	}
	after := &Result{Source: before.Source, Format: before.Format, Examples: int64(len(sel.Indices)), Level: before.Level,
		Taxonomy: before.Taxonomy, Categories: before.Categories, Counts: make([]float64, k)}
	for c, n := range sel.Kept {
		after.Counts[c] = float64(n)
	}
	if err := measure(after, o.Options); err != nil {
		return nil, err
	}
	res := &BalanceResult{Before: before, After: after, Selection: sel}
	best, err := balance.Counts(sel.Available, nil, o.Budget)
	if err != nil {
		return nil, err
	}
	bound := make([]float64, k)
	for c, n := range best {
		bound[c] = float64(n)
	}
	if res.Bound, err = stats.NormalizedEntropy(bound); err != nil {
		return nil, err
	}
	target := o.Target
	if target == nil {
		target = stats.Uniform(k)
	}
	toTarget := func(c []float64) (float64, error) { return stats.JSDistance(c, target) }
	if res.TargetBefore, err = stats.Bootstrap(before.Counts, toTarget, o.Bootstrap); err != nil {
		return nil, err
	}
	if res.TargetAfter, err = stats.Bootstrap(after.Counts, toTarget, o.Bootstrap); err != nil {
		return nil, err
	}
	return res, nil
}

// textKey hashes a text, white space folded, to spot exact repeats.
func textKey(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(strings.Fields(s), " ")))
	if k := h.Sum64(); k != 0 {
		return k
	}
	return 1
}

// WriteSelected reads paths again and writes the examples whose numbers
// (in input order over all files, as Balance numbers them) are in indices,
// ascending. When every file holds records of one format and w is JSONL,
// the records keep their format: JSON records are copied as they are, CSV
// and Parquet rows become the JSON objects of their columns
// (occubias.Reader.Raw); otherwise they are written as chat messages
// records with their source, id and labels (occubias.ExampleWriter). It
// returns the number written.
func WriteSelected(paths []string, indices []int, read occubias.ReadOptions, w io.Writer, container occubias.Container) (int64, error) {
	raw := container == occubias.JSONL
	if raw {
		var format occubias.Format
		for _, p := range paths {
			in, err := peekFormat(p, read)
			if err != nil {
				return 0, err
			}
			if format != "" && in.Format != format {
				raw = false
				break
			}
			format = in.Format
		}
	}
	ew, err := occubias.NewExampleWriter(w, container)
	if err != nil {
		return 0, err
	}
	read.KeepRaw = raw
	number, next := 0, 0
	for _, p := range paths {
		if next == len(indices) {
			break
		}
		r, err := occubias.Open(p, read)
		if err != nil {
			return ew.Count(), err
		}
		for next < len(indices) && r.Next() {
			if number == indices[next] {
				if raw {
					err = ew.WriteRaw(r.Raw())
				} else {
					err = ew.Write(r.Example())
				}
				if err != nil {
					r.Close()
					return ew.Count(), err
				}
				next++
			}
			number++
		}
		err = r.Err()
		r.Close()
		if err != nil {
			return ew.Count(), err
		}
	}
	if err := ew.Close(); err != nil {
		return ew.Count(), err
	}
	if next != len(indices) {
		return ew.Count(), fmt.Errorf("analysis: %d of %d selected examples not found on the second read (did the files change?)", len(indices)-next, len(indices))
	}
	return ew.Count(), nil
}

// peekFormat reads the first example of path to learn its format and
// container.
func peekFormat(path string, read occubias.ReadOptions) (occubias.ReadStats, error) {
	r, err := occubias.Open(path, read)
	if err != nil {
		return occubias.ReadStats{}, err
	}
	defer r.Close()
	r.Next()
	return r.Stats(), r.Err()
}

// ReadTarget reads a target spread over the classes of level l of tax: a
// CSV or TSV table whose rows name a class (column "code", "category" or
// "class") and its weight (column "weight", "share" or "count"). Classes the file does not name get 0; a name that is no class
// is an error naming the line. "uniform" gives nil, "workforce" the BLS
// employment of SOC (taxonomy.WorkforceAt).
func ReadTarget(spec string, tax *taxonomy.Taxonomy, l taxonomy.Level) ([]float64, error) {
	switch spec {
	case "", "uniform":
		return nil, nil
	case "workforce":
		if tax.Name != taxonomy.SOC().Name || !tax.Has(l) {
			return nil, fmt.Errorf("analysis: the workforce target needs the SOC taxonomy, not %s", tax.Name)
		}
		return taxonomy.WorkforceAt(l), nil
	}
	target := make([]float64, tax.Size(l))
	err := occubias.ReadTable(spec, func(row map[string]string) error {
		code, weight := pick(row, "code", "category", "class"), pick(row, "weight", "share", "count")
		if code == "" {
			return fmt.Errorf("%w: no class in the row (columns code or category)", occubias.ErrMissingField)
		}
		i := tax.Index(l, code)
		if i < 0 {
			return fmt.Errorf("%q is no %s of %s", code, l, tax.Name)
		}
		w, err := strconv.ParseFloat(weight, 64)
		if err != nil || w < 0 {
			return fmt.Errorf("weight %q of %s is not a non-negative number", weight, code)
		}
		target[i] += w
		return nil
	})
	if err != nil {
		return nil, err
	}
	return target, nil
}

// pick returns the first present of the named columns, matched ignoring
// case.
func pick(row map[string]string, names ...string) string {
	for _, n := range names {
		for k, v := range row {
			if strings.EqualFold(k, n) {
				return v
			}
		}
	}
	return ""
}

// PlanResult is Plan's answer: how much of each dataset to mix.
type PlanResult struct {
	Datasets []*Result `json:"datasets"`
	// Weights, Examples, Divergence (D(q ‖ m), nats), Proportional (the
	// same for the datasets concatenated) and Uncovered as balance.Plan.
	Plan *balance.Plan `json:"plan"`
}

// Plan classifies each dataset (each a list of files read as one) and
// finds the mixing weights for a mix of o.Budget examples whose spread at
// o.Level comes closest to o.Target (balance.Mix).
func Plan(datasets [][]string, o BalanceOptions) (*PlanResult, error) {
	out := &PlanResult{}
	var counts [][]float64
	for _, files := range datasets {
		r, err := AnalyzeFiles(files, o.Options)
		if err != nil {
			return nil, err
		}
		out.Datasets = append(out.Datasets, r)
		counts = append(counts, r.Counts)
	}
	var err error
	out.Plan, err = balance.Mix(counts, o.Target, float64(o.Budget))
	return out, err
}
