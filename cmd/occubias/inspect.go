package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/occubias/occubias"
	"github.com/spf13/cobra"
)

func newInspectCommand() *cobra.Command {
	var rf readFlags
	var asJSON, quiet bool
	c := &cobra.Command{
		Use:   "inspect [flags] FILE...",
		Short: "Read datasets and report their format, size and errors",
		Long: "inspect reads each dataset to the end and reports the detected format, the examples read,\n" +
			"the examples skipped with the first errors, the number of turns and the mean prompt length.\n" +
			"The exit status is 1 when any file fails under the strict policy (the default).",
		Example: "  occubias inspect databricks-dolly-15k.jsonl\n" +
			"  occubias inspect --json sharegpt/*.json\n" +
			"  occubias inspect --skip-bad broken.jsonl.gz\n" +
			"  occubias inspect --format generic --text-field question --label-field domain data.csv\n" +
			"  cat data.jsonl | occubias inspect -",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts, args, err := rf.datasets(args)
			if err != nil {
				return err
			}
			var all []occubias.Inspection
			failed := 0
			for _, path := range args {
				in, err := inspectOne(c, path, opts, quiet)
				if err != nil {
					failed++
				}
				all = append(all, in)
			}
			out := c.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(all); err != nil {
					return err
				}
			} else {
				printInspections(out, all)
			}
			if failed > 0 {
				return errors.New(plural(failed, "file") + " failed")
			}
			return nil
		},
	}
	rf.register(c)
	c.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per file")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	return c
}

func printInspections(w io.Writer, all []occubias.Inspection) {
	for i, in := range all {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", in.Source)
		if in.Container != "" {
			comp := ""
			if in.Compression != occubias.Uncompressed {
				comp = ", " + string(in.Compression)
			}
			fmt.Fprintf(w, "  format     %s (%s%s)\n", in.Format, in.Container, comp)
			if in.Fields != "" {
				fmt.Fprintf(w, "  fields     %s\n", in.Fields)
			}
			fmt.Fprintf(w, "  examples   %d\n", in.Examples)
			fmt.Fprintf(w, "  skipped    %d\n", in.Skipped)
			fmt.Fprintf(w, "  turns      %d\n", in.Turns)
			fmt.Fprintf(w, "  prompt     %.1f characters on average\n", in.MeanPromptChars)
			if len(in.Labels) > 0 {
				names := make([]string, 0, len(in.Labels))
				for n := range in.Labels {
					names = append(names, n)
				}
				slices.Sort(names)
				fmt.Fprintf(w, "  labels     %s\n", strings.Join(names, ", "))
			}
		}
		for _, e := range in.Errors {
			if e != in.Err {
				fmt.Fprintf(w, "  skipped:   %s\n", e)
			}
		}
		if in.Err != "" {
			fmt.Fprintf(w, "  error:     %s\n", in.Err)
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func inspectOne(c *cobra.Command, path string, opts occubias.ReadOptions, quiet bool) (occubias.Inspection, error) {
	r, err := openDataset(c, path, opts)
	if err != nil {
		return occubias.Inspection{Source: path, Err: err.Error()}, err
	}
	defer r.Close()
	progress := newCounter(c.ErrOrStderr(), "read", quiet)
	progress.track(r, path)
	defer progress.done()
	return occubias.InspectReaderFunc(r, func(int64) { progress.add(1) })
}
