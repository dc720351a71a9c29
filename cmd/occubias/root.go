package main

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "occubias",
		Short: "Measure occupational bias in instruction-tuning data",
		Long: "occubias reads instruction datasets in their published formats, classifies every example\n" +
			"into an occupation, and measures how balanced the distribution of occupations is.\n\n" +
			"Datasets are files (JSON, JSONL, CSV/TSV, Parquet; gzip or zstd), - for standard input, or the\n" +
			"name of a dataset fetched with `occubias fetch`.\n\n" +
			"Exit status: 0 success; 1 failure (a malformed file under the strict policy, a download that\n" +
			"failed); 2 usage error; 130 interrupted (outputs written so far are closed and valid).\n\n" +
			"Environment: OCCUBIAS_CACHE (fetched datasets), HF_ENDPOINT, HF_TOKEN, HF_HOME.\n" +
			"Shell completion: occubias completion bash|zsh|fish|powershell --help.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(newInspectCommand(), newClassifyCommand(), newTrainCommand(), newEvalCommand(), newTaxonomyCommand(), newAnalyzeCommand(), newPlotCommand(), newBalanceCommand(), newAnnotateCommand(), newFetchCommand(), newVersionCommand())
	return root
}

// usageArgs wraps a cobra argument validator so its errors exit with 2.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// printJSON writes v as indented JSON, the --json output of every command.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
