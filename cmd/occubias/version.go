package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/taxonomy"
	"github.com/spf13/cobra"
)

// versionInfo is what `occubias version` reports.
type versionInfo struct {
	Version     string `json:"version"`
	Go          string `json:"go"`
	Platform    string `json:"platform"`
	Model       string `json:"default_model_sha256"`
	Taxonomy    string `json:"default_model_taxonomy"`
	Groups      int    `json:"groups"`
	Occupations int    `json:"occupations"`
}

func newVersionCommand() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:     "version",
		Short:   "Print the version of occubias and of its default model",
		Example: "  occubias version\n  occubias version --json",
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			v := versionInfo{Version: "(devel)", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
			if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
				v.Version = bi.Main.Version
			}
			sum := sha256.Sum256(classify.DefaultModelBytes())
			v.Model = hex.EncodeToString(sum[:])
			m, err := classify.Default()
			if err != nil {
				return err
			}
			v.Taxonomy, v.Groups, v.Occupations = m.Taxonomy().Name, m.Taxonomy().Size(taxonomy.Group), m.Taxonomy().Size(taxonomy.Occupation)
			w := c.OutOrStdout()
			if asJSON {
				return printJSON(w, v)
			}
			fmt.Fprintf(w, "occubias %s (%s, %s)\ndefault model %s: %s, %d groups, %d occupations\n",
				v.Version, v.Go, v.Platform, v.Model[:12], v.Taxonomy, v.Groups, v.Occupations)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}
