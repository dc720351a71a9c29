package main

import (
	"github.com/occubias/occubias/classify"
	"github.com/spf13/cobra"
)

// modelFlag is the --model flag of commands that classify.
type modelFlag struct{ path string }

func (f *modelFlag) register(c *cobra.Command) {
	c.Flags().StringVar(&f.path, "model", "", "model file (default: the embedded SOC/O*NET model)")
}

func (f *modelFlag) load() (*classify.Model, error) {
	if f.path == "" {
		return classify.Default()
	}
	return classify.Load(f.path)
}
