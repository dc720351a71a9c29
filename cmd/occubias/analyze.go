package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/occubias/occubias/analysis"
	"github.com/spf13/cobra"
)

func newAnalyzeCommand() *cobra.Command {
	var (
		af       analysisFlags
		asJSON   bool
		markdown bool
		top      int
	)
	c := &cobra.Command{
		Use:   "analyze [flags] FILE...",
		Short: "Classify datasets and measure how balanced their occupations are",
		Long: "analyze classifies every example of each dataset (default model unless --model), counts the\n" +
			"examples per category of the chosen level (SOC major group, occupation or Workable category), and prints the counts\n" +
			"and every balance measure — entropy, normalized entropy, Pielou evenness, Hill numbers, HHI, Gini,\n" +
			"Theil T, coverage, top-k shares, divergence from uniform and from the US workforce (BLS OEWS\n" +
			"May 2023) — each with a bootstrap confidence interval. OccuQuest files carry their own category:\n" +
			"analyze says how often the model's category agrees with it.",
		Example: "  occubias analyze databricks-dolly-15k.jsonl\n" +
			"  occubias fetch dolly && occubias analyze dolly\n" +
			"  occubias analyze --level occupation --json sharegpt.json > sharegpt.analysis.json\n" +
			"  occubias analyze --level category occuquest/data/*.parquet\n" +
			"  occubias analyze --resamples 500 --ci-method bca data/*.jsonl",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			ao, progress, err := af.options(c)
			if err != nil {
				return err
			}
			var results []*analysis.Result
			for _, arg := range args {
				res, err := analyzeArg(c, arg, ao)
				if err != nil {
					return err
				}
				results = append(results, res)
			}
			progress.done()
			w := c.OutOrStdout()
			if markdown {
				var named []analysis.Named
				for i, r := range results {
					named = append(named, analysis.Named{Name: analysis.DatasetName(args[i]), Result: r})
				}
				_, err := io.WriteString(w, analysis.Markdown(named))
				return err
			}
			if asJSON {
				return printJSON(w, results)
			}
			for _, res := range results {
				printAnalysis(w, res, top)
			}
			return nil
		},
	}
	af.register(c)
	fl := c.Flags()
	fl.BoolVar(&asJSON, "json", false, "print JSON: every category's count and every measure with its interval")
	fl.BoolVar(&markdown, "markdown", false, "print a Markdown table of the main measures, one row per dataset")
	fl.IntVar(&top, "top", 25, "categories to list, largest first (0: all)")
	return c
}

func printAnalysis(w io.Writer, r *analysis.Result, top int) {
	fmt.Fprintf(w, "%s (%s): %d examples, %d skipped, %d unassigned; %s level of %s\n",
		r.Source, r.Format, r.Examples, r.Skipped, r.Unassigned, r.Level, r.Taxonomy)
	var total float64
	for _, c := range r.Counts {
		total += c
	}
	idx := make([]int, len(r.Counts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.Counts[idx[a]] > r.Counts[idx[b]] })
	if top <= 0 || top > len(idx) {
		top = len(idx)
	}
	wf := r.Workforce != nil
	if wf {
		fmt.Fprintf(w, "  %-60s %8s %7s %9s %6s\n", "category", "count", "share", "workforce", "ratio")
	} else {
		fmt.Fprintf(w, "  %-60s %8s %7s\n", "category", "count", "share")
	}
	for _, i := range idx[:top] {
		cat := r.Categories[i]
		name := cat.Code
		if cat.Title != cat.Code {
			name += " " + cat.Title
		}
		if len(name) > 60 {
			name = name[:57] + "..."
		}
		share := 0.0
		if total > 0 {
			share = r.Counts[i] / total
		}
		if wf && r.Workforce.Shares[i] == 0 {
			fmt.Fprintf(w, "  %-60s %8.0f %6.1f%% %9s %6s\n", name, r.Counts[i], 100*share, "n/a", "n/a")
		} else if wf {
			fmt.Fprintf(w, "  %-60s %8.0f %6.1f%% %8.1f%% %6.2f\n", name, r.Counts[i], 100*share, 100*r.Workforce.Shares[i], r.Workforce.Ratio[i])
		} else {
			fmt.Fprintf(w, "  %-60s %8.0f %6.1f%%\n", name, r.Counts[i], 100*share)
		}
	}
	if top < len(idx) {
		fmt.Fprintf(w, "  ... %d more categories (--top 0 lists all)\n", len(idx)-top)
	}
	if a := r.Agreement; a != nil {
		fmt.Fprintf(w, "  the model's category agrees with the file's %s label on %d of %d examples (%.1f%%)", a.Label, a.Agreed, a.Compared, 100*a.Rate)
		if a.Unknown > 0 {
			fmt.Fprintf(w, "; %d labels name no category", a.Unknown)
		}
		fmt.Fprintln(w)
	}
	if len(r.Measures) > 0 {
		m := r.Measures[0]
		fmt.Fprintf(w, "  %-27s %10s   %.0f%% %s interval (%d resamples)\n", "measure", "estimate", 100*m.Confidence, m.Method, m.Resamples)
	}
	for _, m := range r.Measures {
		unit := m.Unit
		fmt.Fprintf(w, "  %-27s %10.4f   [%.4f, %.4f] %s\n", m.Name, m.Estimate, m.Lo, m.Hi, unit)
	}
	fmt.Fprintln(w)
}
