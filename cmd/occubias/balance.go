package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/analysis"
	"github.com/spf13/cobra"
)

func newBalanceCommand() *cobra.Command {
	var (
		af     analysisFlags
		budget int
		target string
		out    string
		plan   bool
		asJSON bool
		seed   uint64
	)
	c := &cobra.Command{
		Use:   "balance --budget N [flags] FILE... -o SELECTED",
		Short: "Select a balanced subset, or plan a data mix",
		Long: "balance classifies the datasets and keeps at most --budget examples whose spread over the chosen\n" +
			"level comes closest to the target: uniform (the highest entropy the data allows), the US workforce,\n" +
			"or a table of weights per class. Within a category the surest examples are kept first, exact\n" +
			"repeats left out, ties broken by --seed. The FILEs are read as one dataset, and the examples kept\n" +
			"are written to -o: in their own record format when every file holds one and -o is .jsonl (JSON\n" +
			"records unchanged, CSV and Parquet rows as objects of their columns), otherwise as chat messages\n" +
			"records with their source, id and labels (.jsonl or .parquet).\n" +
			"It prints the measures before and after, with intervals.\n\n" +
			"With --plan, each FILE (or directory) is a dataset of its own, and balance prints the mixing\n" +
			"weights, and examples per dataset for --budget, that bring the mix closest to the target.",
		Example: "  occubias balance --budget 3000 dolly.jsonl sharegpt.json -o balanced.jsonl\n" +
			"  occubias balance --budget 3000 --level category --target workforce data/ -o balanced.parquet\n" +
			"  occubias balance --budget 50000 --plan dolly.jsonl sharegpt.json occuquest/\n" +
			"  occubias plot --name before --name after data/ balanced.jsonl -o figures",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if budget <= 0 {
				return usageError{fmt.Errorf("--budget N is required")}
			}
			if !plan && out == "" {
				return usageError{fmt.Errorf("-o SELECTED is required (or --plan)")}
			}
			container := occubias.JSONL
			if strings.HasSuffix(out, ".parquet") {
				container = occubias.Parquet
			}
			ao, progress, err := af.options(c)
			if err != nil {
				return err
			}
			tgt, err := analysis.ReadTarget(target, ao.Model.Taxonomy(), ao.Level)
			if err != nil {
				return usageError{fmt.Errorf("--target: %w", err)}
			}
			bo := analysis.BalanceOptions{Options: ao, Budget: budget, Target: tgt, Seed: seed}
			w := c.OutOrStdout()
			if plan {
				var datasets [][]string
				for _, a := range args {
					files, err := datasetFiles(a)
					if err != nil {
						return err
					}
					datasets = append(datasets, files)
				}
				res, err := analysis.Plan(datasets, bo)
				progress.done()
				if err != nil {
					return err
				}
				if asJSON {
					return printJSON(w, res)
				}
				printPlan(w, args, res)
				return nil
			}
			files, err := datasetArgs(args)
			if err != nil {
				return err
			}
			res, err := analysis.Balance(files, bo)
			progress.done()
			if err != nil {
				return err
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			n, err := analysis.WriteSelected(files, res.Selection.Indices, ao.Read, f, container)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(w, map[string]any{"output": out, "written": n, "target": targetName(target), "before": res.Before,
					"after": res.After, "kept": res.Selection.Kept, "available": res.Selection.Available, "repeats": res.Selection.Repeats,
					"everything": res.Selection.Everything, "normalized_entropy_bound": res.Bound,
					"js_distance_target_before": res.TargetBefore, "js_distance_target_after": res.TargetAfter})
			}
			printBalance(w, res, n, out, targetName(target))
			return nil
		},
	}
	af.register(c)
	fl := c.Flags()
	fl.IntVar(&budget, "budget", 0, "examples to keep (or, with --plan, to mix)")
	fl.StringVar(&target, "target", "uniform", "spread to come close to: uniform, workforce, or a CSV/TSV of class and weight")
	fl.StringVarP(&out, "output", "o", "", "file to write the examples kept to (.jsonl or .parquet)")
	fl.BoolVar(&plan, "plan", false, "plan the mixing weights of the datasets instead of selecting a subset")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	fl.Uint64Var(&seed, "selection-seed", 1, "seed that breaks ties between equally sure examples")
	return c
}

func targetName(t string) string {
	if t == "" {
		return "uniform"
	}
	return t
}

func printBalance(w io.Writer, r *analysis.BalanceResult, n int64, out, target string) {
	s := r.Selection
	fmt.Fprintf(w, "kept %d of %d examples (%d unassigned, %d exact repeats left out) at the %s level, target %s -> %s\n",
		n, r.Before.Examples, r.Before.Unassigned, s.Repeats, r.Before.Level, target, out)
	if s.Everything {
		fmt.Fprintln(w, "the budget covers every example that could be kept: all of them are")
	}
	fmt.Fprintf(w, "  %-27s %24s %24s\n", "measure", "before", "after")
	for _, name := range []analysis.MeasureName{analysis.NormalizedEntropy, analysis.Gini, analysis.CoverageShare, analysis.JSDistanceUniform, analysis.JSDistanceWorkforce} {
		b, ok1 := r.Before.Measure(name)
		a, ok2 := r.After.Measure(name)
		if ok1 && ok2 {
			fmt.Fprintf(w, "  %-27s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f]\n", name, b.Estimate, b.Lo, b.Hi, a.Estimate, a.Lo, a.Hi)
		}
	}
	fmt.Fprintf(w, "  %-27s %8.4f [%.4f, %.4f] %8.4f [%.4f, %.4f]\n", "js_distance_target", r.TargetBefore.Estimate, r.TargetBefore.Lo, r.TargetBefore.Hi,
		r.TargetAfter.Estimate, r.TargetAfter.Lo, r.TargetAfter.Hi)
	fmt.Fprintf(w, "  highest normalized entropy these counts allow for the budget (water-filling): %.4f\n", r.Bound)
}

func printPlan(w io.Writer, args []string, r *analysis.PlanResult) {
	p := r.Plan
	fmt.Fprintf(w, "  %-40s %9s %8s %9s\n", "dataset", "examples", "weight", "take")
	for i, d := range r.Datasets {
		fmt.Fprintf(w, "  %-40s %9d %8.4f %9d\n", args[i], d.Examples-d.Unassigned, p.Weights[i], p.Examples[i])
	}
	fmt.Fprintf(w, "  divergence of the target from the mix: %.4f nats (%.4f concatenated)\n", p.Divergence, p.Proportional)
	for _, c := range p.Uncovered {
		fmt.Fprintf(w, "  no dataset holds %s: left out of the target\n", r.Datasets[0].Categories[c].Title)
	}
}
