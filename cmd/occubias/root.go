package main

import (
	"github.com/spf13/cobra"
)

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "occubias",
		Short:         "Measure occupational bias in instruction-tuning data",
		Long:          "occubias reads instruction datasets in their published formats, classifies every example\ninto an occupation, and measures how balanced the distribution of occupations is.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	root.AddCommand(newInspectCommand(), newClassifyCommand(), newTrainCommand(), newEvalCommand(), newTaxonomyCommand(), newAnalyzeCommand(), newPlotCommand(), newFetchCommand())
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
