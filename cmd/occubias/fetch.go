package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/occubias/occubias"
	"github.com/occubias/occubias/internal/hub"
	"github.com/spf13/cobra"
)

func newFetchCommand() *cobra.Command {
	var (
		revision string
		include  []string
		cache    string
		asJSON   bool
		list     bool
		quiet    bool
	)
	c := &cobra.Command{
		Use:   "fetch NAME|REPO_ID",
		Short: "Download a dataset from the Hugging Face hub into the cache",
		Long: "fetch downloads a dataset's files from the Hugging Face hub into the cache (OCCUBIAS_CACHE, else\n" +
			"$XDG_CACHE_HOME/occubias, else ~/.cache/occubias), resuming partial downloads and verifying each\n" +
			"file's size and hash. Afterwards the dataset can be given by name to inspect, classify, analyze and\n" +
			"plot. HF_ENDPOINT and HF_TOKEN (or HUGGING_FACE_HUB_TOKEN, or $HF_HOME/token) work as with the\n" +
			"official client. Known names: see --list.",
		Example: "  occubias fetch dolly && occubias analyze dolly\n" +
			"  occubias fetch occuquest\n" +
			"  occubias fetch OFA-Sys/OccuQuest --include 'data/validation-*.parquet'\n" +
			"  HF_ENDPOINT=http://mirror.local:8080 occubias fetch sharegpt",
		Args: usageArgs(func(c *cobra.Command, args []string) error {
			if list {
				return cobra.NoArgs(c, args)
			}
			return cobra.ExactArgs(1)(c, args)
		}),
		RunE: func(c *cobra.Command, args []string) error {
			w := c.OutOrStdout()
			if list {
				if asJSON {
					return json.NewEncoder(w).Encode(hub.Known)
				}
				for _, d := range hub.Known {
					fmt.Fprintf(w, "%-12s %-45s %s\n", d.Name, d.Repo, d.About)
				}
				return nil
			}
			client := hub.NewClient()
			if cache != "" {
				client.Cache = cache
			}
			if !quiet {
				client.Progress = progressPrinter(c.ErrOrStderr())
			}
			snap, err := client.Fetch(c.Context(), args[0], revision, include)
			if err != nil {
				if snap != nil && len(snap.Paths) > 0 {
					fmt.Fprintf(c.ErrOrStderr(), "%d file(s) complete before the error\n", len(snap.Paths))
				}
				return err
			}
			if asJSON {
				return printJSON(w, snap)
			}
			for _, p := range snap.Paths {
				fmt.Fprintln(w, p)
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVar(&revision, "revision", "main", "branch, tag or commit")
	fl.StringArrayVar(&include, "include", nil, "only files matching this glob (default: the dataset's instruction files, or all)")
	fl.StringVar(&cache, "cache", "", "cache directory (default from OCCUBIAS_CACHE or XDG_CACHE_HOME)")
	fl.BoolVar(&asJSON, "json", false, "print the snapshot (files, sizes, hashes, local paths) as JSON")
	fl.BoolVar(&list, "list", false, "list the datasets known by name")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	return c
}

// datasetArgs resolves command-line dataset arguments: files stay as they
// are, and fetched dataset names or repository ids become their files.
func datasetArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		paths, err := datasetFiles(a)
		if err != nil {
			return nil, err
		}
		out = append(out, paths...)
	}
	return out, nil
}

// datasetFiles resolves one dataset argument into its files: standard
// input, a file, a directory or a pattern (occubias.DatasetFiles), or the
// name of a fetched dataset.
func datasetFiles(arg string) ([]string, error) {
	if _, err := os.Stat(arg); err == nil || arg == "-" || strings.ContainsAny(arg, "*?[") {
		return occubias.DatasetFiles(arg)
	}
	paths, err := hub.NewClient().Resolve(arg)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		files, err := occubias.DatasetFiles(p)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}
