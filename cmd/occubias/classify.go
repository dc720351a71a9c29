package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/predictions"
	"github.com/spf13/cobra"
)

func newClassifyCommand() *cobra.Command {
	var (
		mf        modelFlag
		rf        readFlags
		out       string
		outFormat string
		asJSON    bool
		quiet     bool
		side      = classify.UserSide
		threshold float64
	)
	c := &cobra.Command{
		Use:   "classify [flags] FILE...",
		Short: "Label every example with its occupation",
		Long: "classify reads datasets, classifies the user side of every example on all cores, and writes one\n" +
			"prediction per example: id, source, group, group_title, group_prob, occupation, occupation_title,\n" +
			"occupation_prob, unassigned. Formats: csv, jsonl, parquet, arrow (Arrow IPC file). On Ctrl-C it\n" +
			"stops, closes the output (a Parquet or Arrow file stays valid) and says how many were written.",
		Example: "  occubias classify dolly.jsonl -o dolly.predictions.parquet\n" +
			"  cat x.jsonl | occubias classify - --json\n" +
			"  occubias classify --threshold 0.3 --output-format arrow sharegpt.json -o sharegpt.arrow\n" +
			"  duckdb -c \"SELECT occupation_title, count(*) FROM 'dolly.predictions.parquet' GROUP BY 1 ORDER BY 2 DESC\"",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts, args, err := rf.datasets(args)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				outFormat = "jsonl"
			case outFormat == "" && predictions.FormatOf(out) != "":
				outFormat = predictions.FormatOf(out)
			case outFormat == "":
				outFormat = "csv"
			}
			if !slices.Contains(predictions.Formats, outFormat) {
				return usageError{fmt.Errorf("--output-format %q: one of %v", outFormat, predictions.Formats)}
			}
			m, err := mf.load()
			if err != nil {
				return err
			}
			var w io.Writer = c.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			pw, err := predictions.NewWriter(w, outFormat)
			if err != nil {
				return err
			}
			ctx := c.Context()
			progress := newCounter(c.ErrOrStderr(), "classified", quiet)
			so := classify.StreamOptions{Side: side, PredictOptions: classify.PredictOptions{Threshold: threshold}}
			var runErr error
			for _, path := range args {
				r, err := openDataset(c, path, opts)
				if err != nil {
					runErr = err
					break
				}
				progress.track(r, path)
				runErr = m.ClassifyStream(r, so, func(ex occubias.Example, p classify.Prediction) error {
					if err := ctx.Err(); err != nil {
						return err
					}
					progress.add(1)
					return pw.Write(predictions.FromPrediction(ex, p))
				})
				r.Close()
				if runErr != nil {
					break
				}
			}
			progress.done()
			if err := pw.Close(); err != nil && runErr == nil {
				runErr = err
			}
			if errors.Is(runErr, context.Canceled) {
				fmt.Fprintf(c.ErrOrStderr(), "interrupted: %d predictions written and the %s output closed\n", pw.Count(), outFormat)
			}
			return runErr
		},
	}
	mf.register(c)
	rf.register(c)
	c.Flags().StringVarP(&out, "output", "o", "-", "file to write, - for standard output")
	c.Flags().StringVar(&outFormat, "output-format", "", "csv, jsonl, parquet or arrow (default: from the -o extension, else csv)")
	c.Flags().BoolVar(&asJSON, "json", false, "write JSONL (same as --output-format jsonl)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	c.Flags().Var(sideValue{&side}, "side", "text classified: user (all user turns), first (first user turn), all")
	c.Flags().Float64Var(&threshold, "threshold", 0, "abstain (unassigned) below this group probability")
	return c
}
