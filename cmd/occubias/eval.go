package main

import (
	"fmt"
	"io"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/eval"
	"github.com/occubias/occubias/gold"
	"github.com/spf13/cobra"
)

func newEvalCommand() *cobra.Command {
	var (
		mf        modelFlag
		goldFiles []string
		asJSON    bool
		perClass  int
	)
	c := &cobra.Command{
		Use:   "eval --gold FILE [--gold FILE...] [flags]",
		Short: "Measure a model on gold labels",
		Long: "eval classifies the texts of gold JSONL files (text, major, code) and reports, at the group and\n" +
			"the occupation level: accuracy, top-3 accuracy, macro-F1, expected calibration error (10 bins),\n" +
			"per-class precision and recall, and (with --json) the confusion matrix. Items labelled \"none\" are left out.",
		Example: "  occubias eval --gold ../shared/gold/dev.jsonl --gold ../shared/gold/dev_generated.jsonl\n" +
			"  occubias eval --model mine.occubias --gold dev.jsonl --json > report.json",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if len(goldFiles) == 0 {
				return usageError{fmt.Errorf("--gold FILE is required")}
			}
			m, err := mf.load()
			if err != nil {
				return err
			}
			var reports []eval.Report
			for _, g := range goldFiles {
				ex, err := gold.Read(g, occubias.ReadOptions{})
				if err != nil {
					return err
				}
				r := eval.Evaluate(m, ex)
				r.Gold = g
				reports = append(reports, r)
			}
			w := c.OutOrStdout()
			if asJSON {
				return printJSON(w, reports)
			}
			for _, r := range reports {
				printEval(w, r, perClass)
			}
			return nil
		},
	}
	mf.register(c)
	c.Flags().StringArrayVar(&goldFiles, "gold", nil, "gold JSONL file; repeatable")
	c.Flags().BoolVar(&asJSON, "json", false, "print the full reports as JSON, confusion matrices included")
	c.Flags().IntVar(&perClass, "classes", 10, "per-class lines to print per level (most frequent first)")
	return c
}

func printEval(w io.Writer, r eval.Report, perClass int) {
	fmt.Fprintf(w, "%s (%d excluded as none)\n", r.Gold, r.Excluded)
	fmt.Fprintf(w, "  %-10s %5s %8s %6s %8s %6s\n", "level", "n", "accuracy", "top-3", "macro-F1", "ECE")
	for _, l := range r.Levels() {
		fmt.Fprintf(w, "  %-10s %5d %8.3f %6.3f %8.3f %6.3f\n", l.Level, l.N, l.Accuracy, l.Top3, l.MacroF1, l.ECE)
	}
	for _, l := range r.Levels() {
		if perClass <= 0 {
			break
		}
		fmt.Fprintf(w, "  %s: %-12s %7s %9s %6s  %s\n", l.Level, "code", "support", "precision", "recall", "title")
		for i, pc := range l.PerClass {
			if i == perClass {
				break
			}
			fmt.Fprintf(w, "  %*s  %-12s %7d %9.3f %6.3f  %s\n", len(l.Level.String()), "", pc.Code, pc.Support, pc.Precision, pc.Recall, pc.Title)
		}
	}
	fmt.Fprintln(w)
}
