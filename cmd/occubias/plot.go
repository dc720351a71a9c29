package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/occubias/occubias/analysis"
	"github.com/spf13/cobra"
)

func newPlotCommand() *cobra.Command {
	var (
		af      analysisFlags
		outDir  string
		formats []string
		names   []string
		top     int
		asJSON  bool
	)
	c := &cobra.Command{
		Use:   "plot [flags] FILE...",
		Short: "Draw the comparison figures of datasets",
		Long: "plot classifies and measures each dataset like analyze, then writes into --out the figures that\n" +
			"compare them: distribution, top, lorenz, coverage, summary and (major groups) representation\n" +
			"against the US workforce, in each --figure-format, plus measures.md, a Markdown table of the measures.",
		Example: "  occubias plot --name Dolly --name ShareGPT dolly.jsonl sharegpt.json -o figures\n" +
			"  occubias plot --level occupation --figure-format png,svg,pdf data/*.jsonl -o figures",
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if len(names) > 0 && len(names) != len(args) {
				return usageError{fmt.Errorf("%d --name for %d files", len(names), len(args))}
			}
			for _, f := range formats {
				if f != "png" && f != "svg" && f != "pdf" {
					return usageError{fmt.Errorf("--figure-format %q: png, svg or pdf", f)}
				}
			}
			ao, progress, err := af.options(c)
			if err != nil {
				return err
			}
			var results []analysis.Named
			for i, path := range args {
				res, err := analyzeArg(c, path, ao)
				if err != nil {
					return err
				}
				name := analysis.DatasetName(path)
				if len(names) > 0 {
					name = names[i]
				}
				results = append(results, analysis.Named{Name: name, Result: res})
			}
			progress.done()
			figs, err := analysis.Figures(results, top)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			keys := make([]string, 0, len(figs))
			for k := range figs {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var written []string
			for _, k := range keys {
				for _, f := range formats {
					path := filepath.Join(outDir, k+"."+f)
					if err := figs[k].Save(path); err != nil {
						return err
					}
					written = append(written, path)
				}
			}
			md := filepath.Join(outDir, "measures.md")
			if err := os.WriteFile(md, []byte(analysis.Markdown(results)), 0o644); err != nil {
				return err
			}
			written = append(written, md)
			w := c.OutOrStdout()
			if asJSON {
				return printJSON(w, map[string]any{"files": written, "datasets": results})
			}
			for _, p := range written {
				fmt.Fprintln(w, p)
			}
			return nil
		},
	}
	af.register(c)
	fl := c.Flags()
	fl.StringVarP(&outDir, "out", "o", "figures", "directory to write the figures into")
	fl.StringSliceVar(&formats, "figure-format", []string{"png", "svg"}, "figure formats: png, svg, pdf")
	fl.StringArrayVar(&names, "name", nil, "name of each dataset in the legends, in file order (default: file names)")
	fl.IntVar(&top, "top", 0, "categories per distribution and top panel (0: 25 and 15)")
	fl.BoolVar(&asJSON, "json", false, "print the files written and each dataset's analysis as JSON")
	return c
}
