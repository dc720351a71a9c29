package analysis

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/occubias/occubias/plot"
	"github.com/occubias/occubias/taxonomy"
)

// Named is a result with the name it is shown under in figures and tables.
type Named struct {
	Name   string
	Result *Result
}

// DatasetName is the name a dataset is shown under by default: its file
// name without directories and extensions.
func DatasetName(path string) string {
	base := filepath.Base(path)
	for {
		ext := filepath.Ext(base)
		if ext == "" || len(ext) > 8 {
			return base
		}
		base = strings.TrimSuffix(base, ext)
	}
}

// Figures draws every figure of the comparison of results, which must be
// at the same level of the same taxonomy: "distribution", "top",
// "lorenz", "coverage", "summary" and, for SOC major groups,
// "representation" against the US workforce. topN bounds the categories
// of the distribution (0: 25) and of each top panel (0: 15).
func Figures(results []Named, topN int) (map[string]*plot.Figure, error) {
	if len(results) == 0 {
		return nil, plot.ErrNoData
	}
	first := results[0].Result
	var cats []string
	for _, c := range first.Categories {
		cats = append(cats, c.Title)
	}
	var series []plot.Series
	var rows []plot.SummaryRow
	for _, n := range results {
		r := n.Result
		if r.Taxonomy != first.Taxonomy || r.Level != first.Level {
			return nil, fmt.Errorf("analysis: %s is at the %s level of %s, %s at the %s level of %s",
				n.Name, r.Level, r.Taxonomy, results[0].Name, first.Level, first.Taxonomy)
		}
		series = append(series, plot.Series{Name: n.Name, Counts: r.Counts})
		ne, _ := r.Measure(NormalizedEntropy)
		g, _ := r.Measure(Gini)
		rows = append(rows, plot.SummaryRow{Name: n.Name, NormalizedEntropy: ne.Interval, Gini: g.Interval})
	}
	distTop, top := 25, 15
	if len(cats) <= 30 {
		distTop = len(cats) // every category of a small level, the 26 Workable ones included
	}
	if topN > 0 {
		distTop, top = topN, topN
	}
	figs := map[string]*plot.Figure{}
	var err error
	if figs["distribution"], err = plot.Distribution(cats, series, plot.DistributionOptions{Top: distTop, Title: "Share of examples per " + first.Level.String()}); err != nil {
		return nil, err
	}
	if figs["top"], err = plot.TopOccupations(cats, series, top); err != nil {
		return nil, err
	}
	if figs["lorenz"], err = plot.Lorenz(series); err != nil {
		return nil, err
	}
	if figs["coverage"], err = plot.Coverage(series); err != nil {
		return nil, err
	}
	if figs["summary"], err = plot.Summary(rows); err != nil {
		return nil, err
	}
	if first.Workforce != nil {
		if figs["representation"], err = plot.Representation(cats, series, taxonomy.WorkforceAt(first.Level), "US workforce"); err != nil {
			return nil, err
		}
	}
	return figs, nil
}

// Markdown renders the main measures of each result as a Markdown table,
// estimates with their intervals.
func Markdown(results []Named) string {
	cols := []MeasureName{NormalizedEntropy, Gini, Hill1, CoverageShare, Top5Share, JSDistanceUniform, JSDistanceWorkforce}
	var b strings.Builder
	b.WriteString("| dataset | examples | unassigned |")
	for _, c := range cols {
		b.WriteString(" " + string(c) + " |")
	}
	b.WriteString("\n|---|---|---|" + strings.Repeat("---|", len(cols)) + "\n")
	for _, n := range results {
		r := n.Result
		fmt.Fprintf(&b, "| %s | %d | %d |", n.Name, r.Examples, r.Unassigned)
		for _, c := range cols {
			if m, ok := r.Measure(c); ok {
				fmt.Fprintf(&b, " %.3f [%.3f, %.3f] |", m.Estimate, m.Lo, m.Hi)
			} else {
				b.WriteString(" – |")
			}
		}
		b.WriteString("\n")
	}
	if len(results) > 0 && len(results[0].Result.Measures) > 0 {
		m := results[0].Result.Measures[0]
		fmt.Fprintf(&b, "\n%s level of %s; intervals: %.0f%% %s bootstrap, %d resamples.\n",
			results[0].Result.Level, results[0].Result.Taxonomy, 100*m.Confidence, m.Method, m.Resamples)
	}
	return b.String()
}
